/**
 * What an analyst waits for at 30,000 customers, measured in headless Chromium against
 * `longtail serve`, each figure set against the backend work behind it timed over HTTP in the same run:
 *  - a recovery threshold step away from the run's settings: counts, curve and the live action list
 *    (reference: the same evaluate call, with its actions, straight over HTTP);
 *  - a k preview: the slider moved to a k the page already keeps, to the heatmap redrawn (reference:
 *    the kept preview fetched over HTTP; beside it the first fit of a k and a re-run with it);
 *  - opening an Explore slice: the address changes, to the slice's counts on screen (reference: the
 *    two calls the screen makes, made together over HTTP);
 *  - sorting a table of a profile's members in the page (reference: a plain stable sort of the same
 *    rows by the same keys in Node, the least any table could spend).
 *
 *   node --import tsx bench/interaction.bench.ts [--customers 30000]
 * Writes bench/results/interaction.md.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { KPreview } from '../shared/contract/analysis';
import type { AnalysisSummary, CustomerResult } from '../shared/model/results';
import { formatCount } from '../shared/format/numbers';
import { consoleVerdict, median, servedSample, time, writeBenchResult } from './served-sample';
import { launch, openPage, screenshot } from '../test/e2e/support/browser';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '30000' }, steps: { type: 'string', default: '8' } } });
const customers = Number(values.customers);
const steps = Number(values.steps);

const count = (n: number) => formatCount(n, 'en-US');

/**
 * Just what the page functions below touch, typed here because benches compile without the DOM
 * library. They also declare no inner functions: the bench runs under tsx, whose name-keeping
 * helper does not exist in the page.
 */
type PageEl = { textContent: string | null; getAttribute(name: string): string | null; querySelector(s: string): PageEl | null; click(): void };
type PageGlobal = {
  __t0?: number;
  __t1?: number;
  location: { hash: string };
  document: { querySelector(s: string): PageEl | null; querySelectorAll(s: string): Iterable<PageEl> };
};
const elapsed = (page: Page) => page.evaluate(() => ((globalThis as unknown as PageGlobal).__t1 ?? NaN) - ((globalThis as unknown as PageGlobal).__t0 ?? NaN));

/** Opens a slice by its address; the page's own time until both counts read what the backend says. */
async function openSlice(page: Page, hash: string, want: [string, string]): Promise<number> {
  await page.evaluate((h) => {
    const g = globalThis as unknown as PageGlobal;
    g.__t0 = performance.now();
    g.location.hash = h;
  }, hash);
  await page.waitForFunction(
    ([actions, people]) => {
      const g = globalThis as unknown as PageGlobal;
      const ok =
        g.document.querySelector('[data-testid="slice-actions"] .stat-value')?.textContent === actions &&
        g.document.querySelector('[data-testid="slice-customers"] .stat-value')?.textContent === people &&
        !!g.document.querySelector('[data-testid="chart-slice"] canvas');
      if (ok) g.__t1 = performance.now();
      return ok;
    },
    want,
    { timeout: 120_000, polling: 'raf' },
  );
  return elapsed(page);
}

/** Clicks a column's sort button; the page's own time until the header says the new order. */
async function sortBy(page: Page, table: string, label: string, dir: string): Promise<number> {
  await page.evaluate(
    ([t, l]) => {
      const g = globalThis as unknown as PageGlobal;
      const header = [...g.document.querySelectorAll(`${t} [role="columnheader"]`)].find((h) => h.querySelector('button.sort')?.textContent?.startsWith(l));
      g.__t0 = performance.now();
      header?.querySelector('button.sort')?.click();
    },
    [table, label],
  );
  await page.waitForFunction(
    ([t, l, d]) => {
      const g = globalThis as unknown as PageGlobal;
      const header = [...g.document.querySelectorAll(`${t} [role="columnheader"]`)].find((h) => h.querySelector('button.sort')?.textContent?.startsWith(l));
      const ok = header?.getAttribute('aria-sort') === d;
      if (ok) g.__t1 = performance.now();
      return ok;
    },
    [table, label, dir],
    { timeout: 120_000, polling: 'raf' },
  );
  return elapsed(page);
}

const { served, imported, importMs, first, analysisMs, cleanup } = await servedSample(customers, 'Interaction');
const browser = await launch();
const lines: string[] = [];
try {
  const { page, problems } = await openPage(browser);
  const measures = (name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
  const base = served.url;

  // 1. Recovery: each step leaves the run's settings, so every answer carries its action list.
  console.error('Recovery slider...');
  await page.goto(`${base}#/recovery`);
  await page.getByTestId('live-count').locator('.stat-value').filter({ hasNotText: '…' }).waitFor({ timeout: 300_000 });
  await page.getByTestId('chart-recovery-curve').locator('canvas').waitFor();
  await page.waitForTimeout(500);
  await page.locator('#lateness').focus();
  const lateness: number[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press(i < steps / 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.waitForFunction((n) => performance.getEntriesByName('threshold-update', 'measure').length >= n, i + 1, { timeout: 120_000 });
    lateness.push(Number(await page.locator('#lateness').inputValue()));
  }
  const threshold = await measures('threshold-update');
  const recoveryDirect: number[] = [];
  const recoveryBackend: number[] = [];
  let previewRows = 0;
  for (const l of lateness) {
    const [e, ms] = await time(() =>
      served.rpc<{ elapsedMs: number; actions?: unknown[] }>('analysis-recovery-evaluate', { recovery: { ...first.settings.recovery, lateness: l }, withActions: true }),
    );
    recoveryDirect.push(ms);
    recoveryBackend.push(e.elapsedMs);
    previewRows = Math.max(previewRows, e.actions?.length ?? 0);
  }

  // 2. k preview. The backend's first fit of a k and a re-run with it, for scale.
  console.error('k preview...');
  const kMin = Math.min(first.settings.kMin, ...first.quality.map((q) => q.k));
  const kMax = Math.max(first.settings.kMax, ...first.quality.map((q) => q.k));
  const coldK = first.k + 1 <= kMax ? first.k + 1 : first.k - 1;
  const [cold, coldMs] = await time(() => served.rpc<KPreview>('analysis-k-preview', { k: coldK }));
  const keptMs: number[] = [];
  for (let i = 0; i < 5; i++) keptMs.push((await time(() => served.rpc<KPreview>('analysis-k-preview', { k: coldK })))[1]);
  const previewsFetched = new Set<string>();
  page.on('requestfinished', (r) => {
    if (r.url().endsWith('/rpc/analysis-k-preview')) previewsFetched.add(r.postData() ?? '');
  });
  await page.goto(`${base}#/profiles`);
  await page.getByTestId('chart-scatter').locator('canvas').waitFor({ timeout: 300_000 });
  // The page fetches every other k of the range in the background; the slider then shows kept answers.
  const others = kMax - kMin;
  const [, prefetchMs] = await time(async () => {
    while (previewsFetched.size < others) await page.waitForTimeout(100);
  });
  await page.locator('#k-slider').focus();
  let k = first.k;
  const path1: number[] = [];
  for (let i = 0; i < steps; i++) {
    const up = i % 4 < 2 ? k < kMax : k <= kMin;
    // Counted before the key: a kept preview can be drawn before a later read would run.
    const before = (await measures('k-preview')).length;
    await page.keyboard.press(up ? 'ArrowRight' : 'ArrowLeft');
    k += up ? 1 : -1;
    path1.push(k);
    if (k === first.k) continue;
    await page.waitForFunction((n) => performance.getEntriesByName('k-preview', 'measure').length > n, before, { timeout: 60_000 });
  }
  const kPreview = await measures('k-preview');
  await page.waitForTimeout(800);
  await screenshot(page, `bench-${customers}-k-preview`);
  const [rerun, rerunMs] = await time(() => served.rpc<AnalysisSummary>('analysis-run', { settings: { ...first.settings, k: coldK } }));
  // Back to the first run's k, so the rest measures the run the page opened with.
  await served.rpc<AnalysisSummary>('analysis-run', { settings: first.settings });

  // 3. Explore: the largest territories and categories, each opened by its address.
  console.error('Explore slices...');
  const summary = await served.rpc<AnalysisSummary>('analysis-summary');
  await page.goto(`${base}#/overview`);
  await page.getByTestId('overview-stats').waitFor({ timeout: 120_000 });
  const slices = [
    ...summary.leakage.by.territory.slice(0, 4).map((r) => ({ territory: r.key })),
    ...summary.leakage.by.category.slice(0, 4).map((r) => ({ category: r.key })),
  ];
  const exploreMs: number[] = [];
  const exploreDirect: number[] = [];
  for (const slice of slices) {
    const [[acts, people], directMs] = await time(() =>
      Promise.all([
        served.rpc<{ total: number }>('analysis-actions', { ...slice, groupBy: 'territory' in slice ? 'rep' : 'territory', sort: 'priority', dir: 'desc', limit: 2000 }),
        served.rpc<{ total: number }>('analysis-customers', { ...slice, sort: 'revenue12m', dir: 'desc', limit: 2000 }),
      ]),
    );
    exploreDirect.push(directMs);
    const hash = `#/explore?${new URLSearchParams({ ...slice, from: 'overview' }).toString()}`;
    exploreMs.push(await openSlice(page, hash, [count(acts.total), count(people.total)]));
    await page.evaluate(() => ((globalThis as unknown as PageGlobal).location.hash = '#/overview'));
    await page.getByTestId('overview-stats').waitFor();
  }

  // 4. Sorting the largest profile's members, in the page and with the table's own sort in Node.
  console.error('Table sort...');
  await page.goto(`${base}#/profiles`);
  await page.getByTestId('profile-cards').waitFor({ timeout: 120_000 });
  const biggest = [...summary.profiles].sort((a, b) => b.members - a.members)[0];
  await page.locator('[data-testid="profile-cards"] .card').nth(summary.profiles.indexOf(biggest)).click();
  const table = `[data-table="Members of profile ${biggest.id}"]`;
  await page.locator(`${table} [data-testid="row-count"]`).filter({ hasText: `${count(biggest.members)} rows` }).waitFor({ timeout: 120_000 });
  const sortMs: number[] = [];
  const order: [string, string][] = [
    ['Customer', 'descending'],
    ['Customer', 'ascending'],
    ['Categories', 'descending'],
    ['Categories', 'ascending'],
    ['Revenue 12m', 'descending'],
    ['Revenue 12m', 'ascending'],
  ];
  for (const [label, dir] of order) {
    sortMs.push(await sortBy(page, table, label, dir));
  }
  const members = await served.rpc<{ rows: CustomerResult[] }>('analysis-customers', { profile: biggest.id, limit: 100000, sort: 'revenue12m', dir: 'desc' });
  // What the table's sort does at the least: decorate, compare (numbers, or text with a numeric
  // collator), undecorate. The page adds its own work on top: render and window the rows.
  const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });
  const keyOf: Record<string, (c: CustomerResult) => string | number> = { Customer: (c) => c.name, Categories: (c) => c.breadth, 'Revenue 12m': (c) => c.revenue12m };
  const nodeSort: number[] = [];
  for (const [label, dir] of order) {
    const key = keyOf[label];
    const sign = dir === 'ascending' ? 1 : -1;
    const t = performance.now();
    const keyed = members.rows.map((row, i) => ({ row, i, v: key(row) }));
    keyed.sort((x, y) => sign * (typeof x.v === 'number' && typeof y.v === 'number' ? x.v - y.v : collator.compare(String(x.v), String(y.v))) || x.i - y.i);
    keyed.map((x) => x.row);
    nodeSort.push(performance.now() - t);
  }

  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  lines.push(
    `# Interactions at ${customers.toLocaleString('en-US')} customers (bench/interaction.bench.ts)`,
    '',
    `Headless Chromium against \`longtail serve\`; ${imported.rowsImported.toLocaleString('en-US')} transactions, ${first.customers.total.toLocaleString('en-US')} customers, k ${first.k} (range ${kMin}-${kMax}), ${first.counts.recoveryActions.toLocaleString('en-US')} recovery actions. Setup (not measured): import ${(importMs / 1000).toFixed(1)} s, first analysis ${(analysisMs / 1000).toFixed(1)} s. Each UI figure is the page's own time (performance marks, or the frame its result appeared in) and is set against the backend work behind it timed over HTTP in the same run.`,
    '',
    '| interaction | samples | median | max | reference (same run) | reference median | median / reference |',
    '|---|---:|---:|---:|---|---:|---:|',
    `| recovery threshold step -> counts, curve and live action list (up to ${count(previewRows)} actions listed) | ${threshold.length} | ${ms(median(threshold))} | ${ms(Math.max(...threshold))} | evaluate with actions over HTTP | ${ms(median(recoveryDirect))} | ${ratio(median(threshold), median(recoveryDirect))} |`,
    `| (backend's own evaluate time inside that call) | ${recoveryBackend.length} | ${ms(median(recoveryBackend))} | ${ms(Math.max(...recoveryBackend))} | evaluate with actions over HTTP | ${ms(median(recoveryDirect))} | ${ratio(median(recoveryBackend), median(recoveryDirect))} |`,
    `| k slider step -> that k's profiles drawn (kept preview; path ${path1.join(' -> ')}) | ${kPreview.length} | ${ms(median(kPreview))} | ${ms(Math.max(...kPreview))} | kept preview over HTTP | ${ms(median(keptMs))} | ${ratio(median(kPreview), median(keptMs))} |`,
    `| first fit of a k the session has not seen (k ${coldK}, ${cold.source}), over HTTP | 1 | ${ms(coldMs)} | | kept preview over HTTP | ${ms(median(keptMs))} | ${ratio(coldMs, median(keptMs))} |`,
    `| re-run with that k (analysis-run over HTTP, k ${rerun.k}) | 1 | ${ms(rerunMs)} | | kept preview over HTTP | ${ms(median(keptMs))} | ${ratio(rerunMs, median(keptMs))} |`,
    `| background fetch of the other ${others} k of the range, after the scatter drew | 1 | ${ms(prefetchMs)} | | | | |`,
    `| open an Explore slice (4 territories, 4 categories) -> counts and breakdown drawn | ${exploreMs.length} | ${ms(median(exploreMs))} | ${ms(Math.max(...exploreMs))} | its two calls together over HTTP | ${ms(median(exploreDirect))} | ${ratio(median(exploreMs), median(exploreDirect))} |`,
    `| sort a table of ${count(members.rows.length)} profile members (name, categories, revenue; each way) | ${sortMs.length} | ${ms(median(sortMs))} | ${ms(Math.max(...sortMs))} | a plain decorated sort of the rows in Node | ${median(nodeSort).toFixed(1)} ms | ${ratio(median(sortMs), median(nodeSort))} |`,
    '',
    consoleVerdict(problems),
    '',
  );
} finally {
  await browser.close();
  await cleanup();
}
writeBenchResult('interaction', lines);
