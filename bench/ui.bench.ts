/**
 * How the workbench feels at 30,000 customers, measured in headless Chromium against
 * `longtail serve` with performance marks the screens set themselves:
 *  - threshold-update: a lateness slider step -> live counts and the curve chart redrawn (target 150 ms)
 *  - k-switch: "Re-run with k" clicked -> analysis re-run -> charts redrawn (target 1 s)
 * Each figure is also given against references timed in the same run: the backend's own
 * evaluate call made directly over HTTP, and the same analysis run called directly.
 *
 *   node --import tsx bench/ui.bench.ts [--customers 30000]
 * Writes bench/results/ui.md.
 */
import { parseArgs } from 'node:util';
import type { AnalysisSummary } from '../shared/model/results';
import { consoleVerdict, median, servedSample, time, writeBenchResult } from './served-sample';
import { launch, openPage, screenshot } from '../test/e2e/support/browser';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '30000' }, steps: { type: 'string', default: '12' } } });
const customers = Number(values.customers);
const steps = Number(values.steps);

const { served, imported, importMs, first, analysisMs, cleanup } = await servedSample(customers, 'UI');
const browser = await launch();
const lines: string[] = [];
try {
  const { page, problems } = await openPage(browser);
  const measures = (name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
  const base = served.url;

  // Threshold slider: each step waits for its own measure, so steps never overlap.
  await page.goto(`${base}#/recovery`);
  await page.getByTestId('live-count').locator('.stat-value').filter({ hasNotText: '…' }).waitFor({ timeout: 120_000 });
  await page.getByTestId('chart-recovery-curve').locator('canvas').waitFor();
  await page.waitForTimeout(500);
  await page.locator('#lateness').focus();
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press(i < steps / 2 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction((n) => performance.getEntriesByName('threshold-update', 'measure').length >= n, i + 1, { timeout: 60_000 });
  }
  const threshold = await measures('threshold-update');

  // Reference: the same evaluate call made directly, without the page.
  const direct: number[] = [];
  const backendMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const lateness = first.settings.recovery.lateness + 0.25 * ((i % 4) + 1);
    const [e, ms] = await time(() => served.rpc<{ elapsedMs: number }>('analysis-recovery-evaluate', { recovery: { ...first.settings.recovery, lateness } }));
    direct.push(ms);
    backendMs.push(e.elapsedMs);
  }

  // k: apply a neighbouring k a few times, waiting for each re-run to finish drawing.
  await page.goto(`${base}#/profiles`);
  await page.getByTestId('chart-elbow').locator('canvas').waitFor({ timeout: 120_000 });
  const ks: number[] = [];
  let k = first.k;
  for (let i = 0; i < 3; i++) {
    const target = i % 2 === 0 ? (k < first.settings.kMax ? k + 1 : k - 1) : first.k;
    await page.locator('#k-slider').focus();
    await page.keyboard.press(target > k ? 'ArrowRight' : 'ArrowLeft');
    await page.getByTestId('apply-k').click();
    await page.waitForFunction((n) => performance.getEntriesByName('k-switch', 'measure').length >= n, i + 1, { timeout: 600_000 });
    k = target;
    ks.push(target);
  }
  await page.getByTestId('chart-scatter').locator('canvas').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  await screenshot(page, `bench-${customers}-profiles`);
  const kSwitch = await measures('k-switch');
  const kCall = (await measures('analysis-run-call')).slice(-kSwitch.length);
  const [, directRunMs] = await time(() => served.rpc<AnalysisSummary>('analysis-run', { settings: { ...first.settings, k: first.k === ks[0] ? first.k : ks[0] } }));
  // A k this session has not fitted yet: the backend's own share of a real switch, with no page.
  const unseenK = first.k + 2 <= first.settings.kMax ? first.k + 2 : first.k - 2;
  const [newK, directNewKMs] = await time(() => served.rpc<AnalysisSummary>('analysis-run', { settings: { ...first.settings, k: unseenK } }));

  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  lines.push(
    `# UI responsiveness at ${customers.toLocaleString('en-US')} customers (bench/ui.bench.ts)`,
    '',
    `Headless Chromium against \`longtail serve\`; ${imported.rowsImported.toLocaleString('en-US')} transactions, ${first.customers.total.toLocaleString('en-US')} customers, k ${first.k}. Setup (not UI): import ${(importMs / 1000).toFixed(1)} s, first analysis ${(analysisMs / 1000).toFixed(1)} s.`,
    '',
    '| figure | samples | median | max | target | median / target | median / reference |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| threshold step -> counts + chart redrawn | ${threshold.length} | ${median(threshold).toFixed(0)} ms | ${Math.max(...threshold).toFixed(0)} ms | 150 ms | ${ratio(median(threshold), 150)} | ${ratio(median(threshold), median(direct))} x direct HTTP evaluate |`,
    `| reference: evaluate over HTTP, no page | ${direct.length} | ${median(direct).toFixed(0)} ms | ${Math.max(...direct).toFixed(0)} ms | | | 1.00 |`,
    `| reference: evaluate inside the backend | ${backendMs.length} | ${median(backendMs).toFixed(0)} ms | ${Math.max(...backendMs).toFixed(0)} ms | | | ${ratio(median(backendMs), median(direct))} |`,
    `| switch k -> re-run -> charts redrawn | ${kSwitch.length} | ${median(kSwitch).toFixed(0)} ms | ${Math.max(...kSwitch).toFixed(0)} ms | 1000 ms | ${ratio(median(kSwitch), 1000)} | ${ratio(median(kSwitch), directRunMs)} x direct analysis-run |`,
    `| of which the analysis-run call, seen from the page | ${kCall.length} | ${median(kCall).toFixed(0)} ms | ${Math.max(...kCall).toFixed(0)} ms | | | ${ratio(median(kCall), directRunMs)} x direct analysis-run |`,
    `| reference: analysis-run over HTTP, no page (same settings again) | 1 | ${directRunMs.toFixed(0)} ms | | | | 1.00 |`,
    `| analysis-run over HTTP with a k not fitted yet (${first.k} -> ${newK.k}), no page; of which storing the run | 1 | ${directNewKMs.toFixed(0)} ms; ${(newK.timings.save ?? 0).toFixed(0)} ms | | 1000 ms | ${ratio(directNewKMs, 1000)} | ${ratio(directNewKMs, directRunMs)} |`,
    '',
    consoleVerdict(problems),
    '',
  );
} finally {
  await browser.close();
  await cleanup();
}
writeBenchResult('ui', lines);
