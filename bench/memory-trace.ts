/**
 * Where a bench child's memory is, phase by phase: set CUBE_TRACE=1 and each new progress phase
 * prints (to stderr) the seconds since start, the resident size, the JS heap (used / committed) and
 * ArrayBuffer memory; CUBE_TRACE=smaps adds the anonymous mappings of 16 MB or more (size / resident,
 * MB) and the resident memory by kind of mapping (glibc's per-thread heaps are the ~64 MB ones).
 * CUBE_SNAPSHOT_AT=<phase> also writes a heap snapshot (in the working directory) as that phase
 * starts; CUBE_TRACE_EVERY=<ms> adds a line every so often within a phase. Measuring only: no
 * figure in bench/RESULTS.md comes from it.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import type { Progress } from '../shared/contract/progress';

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

type Mapping = { named: boolean; sizeKb: number; rssKb: number };

function mappings(): Mapping[] {
  const out: Mapping[] = [];
  for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) out.push({ named: head[1] !== '', sizeKb: 0, rssKb: 0 });
    const size = /^Size:\s+(\d+)/.exec(line);
    if (size && out.length > 0) out[out.length - 1].sizeKb = Number(size[1]);
    const rss = /^Rss:\s+(\d+)/.exec(line);
    if (rss && out.length > 0) out[out.length - 1].rssKb = Number(rss[1]);
  }
  return out;
}

function kindOf(m: Mapping): string {
  if (m.named) return 'named';
  const mbSize = m.sizeKb / 1024;
  if (mbSize >= 58 && mbSize <= 64) return '~64M';
  return mbSize >= 128 ? '>=128M' : mbSize >= 16 ? '16-128M' : mbSize >= 1 ? '1-16M' : '<1M';
}

function smapsSummary(): string {
  const all = mappings();
  const big = all.filter((m) => !m.named && m.sizeKb >= 16 * 1024).map((m) => `${mb(m.sizeKb * 1024)}/${mb(m.rssKb * 1024)}`);
  const byKind = new Map<string, number>();
  for (const m of all) byKind.set(kindOf(m), (byKind.get(kindOf(m)) ?? 0) + m.rssKb);
  return `big [${big.join(' ')}] resident ${[...byKind].map(([k, kb]) => `${k} ${mb(kb * 1024)}`).join(', ')}`;
}

/** Call options that trace progress phases when CUBE_TRACE is set; none otherwise. */
export function memoryTrace(): { onProgress?: (p: Progress) => void } {
  const mode = process.env.CUBE_TRACE;
  if (!mode) return {};
  const started = performance.now();
  let last = '';
  const line = (label: string): void => {
    const m = process.memoryUsage();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`${seconds} ${label}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)}${mode === 'smaps' ? `; ${smapsSummary()}` : ''}`);
  };
  // CUBE_TRACE_EVERY=<ms>: a line within phases too (the crests often sit inside one).
  const every = Number(process.env.CUBE_TRACE_EVERY);
  if (every > 0) setInterval(() => line(`(${last})`), every).unref();
  return {
    onProgress: (p) => {
      if (p.phase === last) return;
      last = p.phase;
      if (process.env.CUBE_SNAPSHOT_AT === p.phase) console.error(`snapshot ${v8.writeHeapSnapshot()}`);
      line(p.phase);
    },
  };
}
