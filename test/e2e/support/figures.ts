import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './serve';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');

/**
 * Writes what the browser suite measured with performance marks: from the input event to the
 * chart's `finished` event. Figures, not assertions: the machine is shared and timings wander.
 * They go to test-output/ (ignored by git) so a test run leaves the tree clean; the committed UI
 * figures are bench/ui.bench.ts's bench/results/ui.md.
 */
export function recordUiFigures(t: { kSwitch: number[]; threshold: number[]; customers: number }, file = path.join(root, 'test-output', 'ui-e2e.md')): void {
  const lines = [
    '# UI responsiveness measured in the browser suite (test/e2e/workbench.test.ts)',
    '',
    `Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, headless Chromium. Dataset: the bundled sample, ${t.customers.toLocaleString('en-US')} customers.`,
    '',
    '| what | samples | median | max | target | median / target |',
    '|---|---|---|---|---|---|',
    `| threshold slider step -> counts + chart redrawn | ${t.threshold.length} | ${ms(median(t.threshold))} | ${ms(Math.max(...t.threshold))} | 150 ms | ${(median(t.threshold) / 150).toFixed(2)} |`,
    `| switch k (click -> analysis re-run -> charts redrawn) | ${t.kSwitch.length} | ${ms(median(t.kSwitch))} | ${ms(Math.max(...t.kSwitch))} | 1000 ms | ${(median(t.kSwitch) / 1000).toFixed(2)} |`,
    '',
    'The 30,000-customer figures come from `node --import tsx bench/ui.bench.ts` (bench/results/ui.md).',
    '',
  ];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
}
