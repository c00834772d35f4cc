import type { Progress } from '../../../shared/contract/progress';

const EVERY_MS = 200;

/** Turns byte and row counts into throttled progress reports with a rate and an ETA. */
export function progressReporter(report: (p: Progress) => void, clock: () => number = () => performance.now()): (bytes: number, totalBytes: number, rows: number, final?: boolean) => void {
  const start = clock();
  let last = -Infinity;
  return (bytes, totalBytes, rows, final = false) => {
    const now = clock();
    if (!final && now - last < EVERY_MS) return;
    last = now;
    const seconds = Math.max((now - start) / 1000, 1e-3);
    const rate = bytes / seconds;
    const percent = totalBytes > 0 ? Math.min(100, (bytes / totalBytes) * 100) : 0;
    report({
      phase: 'reading',
      done: bytes,
      total: totalBytes,
      unit: 'bytes',
      rate,
      etaMs: rate > 0 ? Math.max(0, ((totalBytes - bytes) / rate) * 1000) : null,
      message: `${rows.toLocaleString('en-US')} rows, ${percent.toFixed(0)}%, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
    });
  };
}
