import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary, RecoveryEvaluation, WorkspaceInfo } from '../../shared/contract';
import type { CustomerDetail, KPreview, RunComparison, RunListItem } from '../../shared/contract/analysis';
import type { AssignmentPlan } from '../../shared/contract/assignment';
import type { Action, AnalysisSummary, BacktestAcrossDates, BacktestReport } from '../../shared/model/results';
import { formatCount, formatMoney, formatShare } from '../../shared/format/numbers';
import { callOrderFormula } from '../../shared/analytics/recovery/call-order';
import { openPage, screenshot, type Watched } from './support/browser';
import { chartPixel, chartSeriesData, chartsDrawn } from './support/charts';
import { root, type Served } from './support/serve';
import { servedSession, type Session } from './support/session';
import { recordUiFigures } from './support/figures';

const SAMPLE = path.join(root, 'resources', 'sample', 'distributor.csv');
const BAD_ROWS = path.join(root, 'test', 'fixtures', 'e2e', 'late-rows-with-errors.csv');
const money = (v: number) => formatMoney(v, 'USD', 'en-US');

let dir: string;
let served: Served;
let browser: Browser;
let w: Watched;
let page: Page;
const timings: { kSwitch: number[]; threshold: number[]; customers: number } = { kSwitch: [], threshold: [], customers: 0 };

const measures = (name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
const statValue = (testId: string) => page.getByTestId(testId).locator('.stat-value').innerText();
const goTo = async (screen: string) => {
  await page.locator(`nav [data-screen="${screen}"]`).click();
  await expect.poll(() => page.locator('h1').first().innerText()).not.toBe('');
};

let session: Session;
beforeAll(async () => {
  session = await servedSession('longtail-e2e-', 'e2e-client.longtail', async (backend, workspace) => {
    await backend.call('workspace-create', { path: workspace, clientName: 'E2E Foods', currency: 'USD' });
  });
  ({ dir, served, browser, w, page } = session);
});

afterAll(async () => {
  if (timings.kSwitch.length || timings.threshold.length) recordUiFigures(timings);
  await session?.close();
});

// The steps build on each other: after one fails, the rest would only time out.
let broken = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  broken = true;
  await screenshot(page, 'failed-step').catch(() => undefined);
  console.error(`Page problems so far: ${JSON.stringify(w.problems)}`);
  console.error(await page.evaluate(() => JSON.stringify(performance.getEntries().filter((e) => e.entryType === 'mark' || e.entryType === 'measure').map((e) => [e.name, e.entryType]))));
});
beforeEach((ctx) => {
  if (broken) ctx.skip();
});

describe('the workbench in a browser against longtail serve', () => {
  it('opens on a fresh workspace and offers the import', async () => {
    await page.goto(served.url);
    await expect.poll(() => page.getByTestId('client-name').innerText()).toBe('E2E Foods');
    // The token leaves the address bar once the page has kept it.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Import data');
    await goTo('workspaces');
    await expect.poll(() => page.getByTestId('workspace-stats').innerText()).toContain('None yet');
    // No file dialog in a browser: new workspaces go to the app-data workspaces folder, listed here.
    await expect.poll(() => page.getByTestId('workspaces-folder').innerText()).toBe(path.join(dir, 'home', 'workspaces'));
    expect(await page.locator('#new-path').getAttribute('placeholder')).toBe(path.join(dir, 'home', 'workspaces', 'client.longtail'));
    await screenshot(page, '01-workspaces');
    await goTo('import');
  });

  it('imports the sample CSV through the wizard: guesses the columns, checks every row, shows progress and the result', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('main').getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(SAMPLE);
    await expect.poll(() => page.getByTestId('mapping').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.locator('#map-customer').inputValue()).toBe('Customer ID');
    expect(await page.locator('#map-date').inputValue()).toBe('Date');
    expect(await page.locator('#map-revenue').inputValue()).toBe('Net Sales');
    expect(await page.locator('#map-category').inputValue()).toBe('Category');
    await expect.poll(() => page.locator('.preview tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('.preview tbody tr').first().innerText()).toContain('Blue Harbor Grill');
    // The sample is far below the size at which DuckDB sums a file: it keeps its products and invoices.
    expect(await page.getByTestId('import-aggregate-why').innerText()).toContain('below it: read line by line');
    // Every line of the sample names its customer: it is no grouped report, so nothing is filled down.
    expect(await page.getByTestId('import-fill-down').isChecked()).toBe(false);
    await screenshot(page, '02-import-mapping');
    // Above the size, DuckDB is used only if the file's first lines shrink when summed.
    await page.locator('#import-aggregate-above').fill('0');
    expect(await page.getByTestId('import-aggregate-why').innerText()).toContain('if its first lines show that many share a customer, category and day');
    await screenshot(page, '02b-import-mapping-above');
    await page.locator('#import-aggregate-above').fill('200');
    expect(await page.getByTestId('import-aggregate-why').innerText()).toContain('below it: read line by line');

    await page.locator('main').getByRole('button', { name: 'Check all rows' }).click();
    await expect.poll(() => page.getByTestId('validation-summary').isVisible(), { timeout: 120_000 }).toBe(true);
    const dataRows = fs.readFileSync(SAMPLE, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(await page.getByTestId('validation-summary').innerText()).toContain(formatCount(dataRows, 'en-US'));

    await page.locator('main').getByRole('button', { name: 'Import', exact: true }).click();
    // Progress shows while rows are written.
    await expect.poll(() => page.getByTestId('progress-text').first().isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('import-summary').isVisible(), { timeout: 180_000 }).toBe(true);
    const imports = await served.rpc<ImportSummary[]>('import-list');
    expect(imports).toHaveLength(1);
    expect(await statValue('rows-imported')).toBe(formatCount(imports[0].rowsImported, 'en-US'));
    expect(await statValue('import-customers')).toBe(formatCount(imports[0].customers, 'en-US'));
    expect(await statValue('import-revenue')).toBe(money(imports[0].revenue));
    expect(imports[0].customers).toBe(2000);
    await screenshot(page, '03-import-result');
  });

  it('runs the analysis with progress and shows the overview figures the backend holds', async () => {
    await page.locator('main').getByRole('button', { name: 'Run analysis' }).click();
    await expect.poll(() => page.getByTestId('overview-stats').isVisible().catch(() => false), { timeout: 300_000 }).toBe(true);
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    timings.customers = s.customers.total;
    expect(await statValue('stat-revenue')).toBe(money(s.revenue12m));
    expect(await statValue('stat-customers')).toBe(formatCount(s.customers.active12m, 'en-US'));
    expect(await statValue('stat-tiers')).toBe(`${formatCount(s.customers.strategic, 'en-US')} / ${formatCount(s.customers.longTail, 'en-US')}`);
    expect(await statValue('stat-leakage')).toBe(money(s.leakage.total));
    expect(await statValue('stat-leakage-share')).toBe(formatShare(s.leakage.share, 1, 'en-US'));
    expect(await page.getByTestId('stat-leakage-share').innerText()).toContain(`${s.leakage.band.position} the 7%–30% B2B band`);
    expect(await chartsDrawn(page)).toBe(5);
    // The run's own notes sit beside the figures they qualify, the first three at once, the rest one click away.
    const notes = page.getByTestId('run-notes').locator('li');
    expect(await notes.count()).toBe(Math.min(3, s.notes.length));
    // The caveats the run marked come first: on the sample, its degenerate BG/NBD fit.
    expect(s.caveats?.length).toBeGreaterThan(0);
    expect(await page.getByTestId('run-notes').locator('li.caveat').allInnerTexts()).toEqual(s.caveats);
    if (s.notes.length > 3) {
      await page.getByTestId('run-notes-toggle').click();
      expect((await notes.allInnerTexts()).sort()).toEqual([...s.notes].sort());
      await page.getByTestId('run-notes-toggle').click();
    }
    // The top actions table lists the backend's highest-priority action first.
    const top = await served.rpc<{ rows: { customerName: string }[] }>('analysis-actions', { sort: 'priority', dir: 'desc', limit: 1 });
    await expect.poll(() => page.locator('[data-table="Top actions"] [role="row"]').nth(1).innerText()).toContain(top.rows[0].customerName);
    await screenshot(page, '04-overview');
  });

  it('changes k on the profiles screen and re-runs the analysis with it', async () => {
    await goTo('profiles');
    await page.getByTestId('chart-scatter').locator('canvas').waitFor({ timeout: 60_000 });
    expect(await chartsDrawn(page, 60_000)).toBe(4);
    const before = await served.rpc<AnalysisSummary>('analysis-summary');
    await screenshot(page, '05-profiles');
    const target = before.k < before.settings.kMax ? before.k + 1 : before.k - 1;
    const slider = page.locator('#k-slider');
    await slider.focus();
    await page.keyboard.press(target > before.k ? 'ArrowRight' : 'ArrowLeft');
    expect(await page.getByTestId('k-value').innerText()).toBe(String(target));
    // Moving the slider previews that k at once: its profiles on the cards, heatmap and scatter, no run stored.
    const preview = await served.rpc<KPreview>('analysis-k-preview', { k: target });
    await expect.poll(() => page.getByTestId('k-preview-note').innerText()).toContain(`Previewing k = ${target}.`);
    await expect.poll(() => page.locator('[data-testid="profile-cards"] .card').count()).toBe(preview.profiles.length);
    expect(await page.locator('[data-testid="profile-cards"] .card').allInnerTexts()).toEqual(
      preview.profiles.map((p) => expect.stringContaining(`${p.id}. ${p.label}`)),
    );
    await expect.poll(() => measures('k-preview'), { timeout: 30_000 }).toHaveLength(1);
    expect(await page.getByTestId('chart-heatmap').getAttribute('aria-label')).toContain(`(preview of k = ${target})`);
    expect((await served.rpc<RunListItem[]>('analysis-runs')).length).toBe(1);
    // A previewed profile's members are listed from the preview, as many as its card says.
    await page.locator('[data-testid="profile-cards"] .card').first().click();
    await expect.poll(() => page.locator('[data-table="Members of a previewed profile"] [data-testid="row-count"]').innerText()).toBe(
      `${formatCount(preview.profiles[0].members, 'en-US')} rows`,
    );
    await chartsDrawn(page);
    await screenshot(page, '05b-profiles-k-preview');
    // Back to the run's k and forward again: the kept preview shows without asking the backend.
    await page.getByTestId('k-preview-back').click();
    await expect.poll(() => page.getByTestId('k-preview-note').count()).toBe(0);
    await slider.focus();
    await page.keyboard.press(target > before.k ? 'ArrowRight' : 'ArrowLeft');
    await expect.poll(() => page.locator('[data-testid="profile-cards"] .card').count()).toBe(preview.profiles.length);
    await page.getByTestId('apply-k').click();
    await expect.poll(() => page.getByTestId('k-current').innerText(), { timeout: 120_000 }).toContain(`k = ${target}`);
    const after = await served.rpc<AnalysisSummary>('analysis-summary');
    expect(after.k).toBe(target);
    expect(after.runId).toBeGreaterThan(before.runId);
    await expect.poll(() => page.locator('[data-testid="profile-cards"] .card').count()).toBe(after.profiles.length);
    expect(await page.locator('[data-testid="profile-cards"] .card').first().innerText()).toContain(after.profiles[0].label);
    // Using the k stores what was previewed.
    expect(after.profiles).toEqual(preview.profiles);
    await expect.poll(() => measures('k-switch'), { timeout: 30_000 }).toHaveLength(1);
    timings.kSwitch.push(...(await measures('k-switch')));
    // Clicking a profile lists its members.
    await page.locator('[data-testid="profile-cards"] .card').first().click();
    await expect.poll(() => page.locator(`[data-table="Members of profile ${after.profiles[0].id}"] [data-testid="row-count"]`).innerText()).toBe(
      `${formatCount(after.profiles[0].members, 'en-US')} rows`,
    );
    await chartsDrawn(page);
    await screenshot(page, '06-profiles-new-k');
    // The members panel opens the profile's actions in Explore.
    await page.getByTestId('profile-explore').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Explore');
    expect(await page.getByTestId('breadcrumb').innerText()).toContain(`Profile ${after.profiles[0].id}: ${after.profiles[0].label}`);
    const ofProfile = await served.rpc<{ total: number }>('analysis-actions', { profile: after.profiles[0].id, limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(ofProfile.total, 'en-US'));
    await page.getByTestId('explore-back').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Buying-pattern profiles');
  });

  it('opens a customer from a point of the profiles scatter', async () => {
    await goTo('profiles');
    await page.getByTestId('chart-scatter').locator('canvas').waitFor({ timeout: 60_000 });
    await chartsDrawn(page);
    await page.getByTestId('chart-scatter').scrollIntoViewIfNeeded();
    // The largest customer sits alone at the right edge: a point no other covers.
    const series = (await chartSeriesData(page, 'chart-scatter')) as [number, number, string, number, string][][];
    let pick = { s: 0, i: 0, revenue: -1 };
    series.forEach((data, s) => data.forEach((p, i) => p[0] > pick.revenue && (pick = { s, i, revenue: p[0] })));
    const point = series[pick.s][pick.i];
    const at = await chartPixel(page, 'chart-scatter', pick.s, point);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe(point[2]);
    expect(new URL(page.url()).hash).toContain(`code=${encodeURIComponent(point[4])}`);
  });

  it('marks the non-default k with a badge, compares the two runs and re-runs with the first run\'s settings', async () => {
    const runs = await served.rpc<RunListItem[]>('analysis-runs');
    expect(runs).toHaveLength(2);
    const [latest, first] = runs;
    expect(latest.changes.map((c) => c.key)).toEqual(['k']);
    await goTo('overview');
    await expect.poll(() => page.locator('nav').getByTestId('settings-badge').innerText()).toBe(`Custom settings: Profiles (k) ${latest.k} (default auto)`);
    await expect.poll(() => page.getByTestId('run-history').locator('tbody tr').count()).toBe(2);
    const compare = page.getByTestId('run-compare');
    await expect.poll(() => compare.innerText()).toContain(`Profiles (k) ${latest.k} (run ${first.runId}: auto)`);
    const c = await served.rpc<RunComparison>('analysis-compare', { before: first.runId, after: latest.runId });
    expect(await page.getByTestId('run-appeared').innerText()).toContain(`New in run ${latest.runId}: ${formatCount(c.appeared.count, 'en-US')} actions`);
    expect(await page.getByTestId('run-disappeared').innerText()).toContain(`Gone since run ${first.runId}: ${formatCount(c.disappeared.count, 'en-US')} actions`);
    expect(await compare.innerText()).toContain(`Growth actions: ${formatCount(first.growthActions, 'en-US')} → ${formatCount(latest.growthActions, 'en-US')}`);
    await page.getByTestId('run-history').scrollIntoViewIfNeeded();
    await screenshot(page, '06b-run-history');
    await page.getByTestId(`revert-run-${first.runId}`).click();
    await expect.poll(async () => (await served.rpc<RunListItem[]>('analysis-runs')).length, { timeout: 120_000 }).toBe(3);
    const reverted = (await served.rpc<RunListItem[]>('analysis-runs'))[0];
    expect(reverted.changes).toEqual([]);
    expect(reverted.leakageTotal).toBeCloseTo(first.leakageTotal, 6);
    await expect.poll(() => page.locator('nav').getByTestId('settings-badge').count()).toBe(0);
  });

  it('moves a recovery threshold and shows the counts and money the backend evaluates for it', async () => {
    await goTo('recovery');
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    await expect.poll(() => statValue('live-count')).toBe(formatCount(s.counts.recoveryActions, 'en-US'));
    // The screen says what priced the money: the sample's learned model, with its out-of-fold check.
    const model = s.recovery?.model.customer;
    expect(model?.usable).toBe(true);
    expect(await page.getByTestId('recovery-basis').innerText()).toContain(`AUC of ${model?.auc.toFixed(2)}`);
    await chartsDrawn(page);
    // The line above the list gives the order with the run's own weights, as the store sorts by them.
    expect(await page.getByTestId('recovery-order-note').innerText()).toContain(callOrderFormula(s.recovery?.order, money));
    // The run's list opens in the order the backtest takes flags in: highest call value first.
    const weighted = await served.rpc<{ rows: Action[] }>('analysis-actions', { kind: 'recovery', sort: 'weighted', dir: 'desc', limit: 3 });
    const firstRows = page.locator('[data-table="Recovery actions"] [role="row"][aria-rowindex]:not(.table-head)');
    await expect.poll(() => firstRows.first().getAttribute('aria-rowindex')).toBe('2');
    const shown = await Promise.all([0, 1, 2].map((i) => page.locator(`[data-table="Recovery actions"] [role="row"][aria-rowindex="${i + 2}"] [role="gridcell"]:nth-child(2)`).getAttribute('title')));
    expect(shown).toEqual(weighted.rows.map((a) => a.customerName));
    const slider = page.locator('#lateness');
    await slider.focus();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.evaluate(() => performance.getEntriesByName('threshold-update', 'measure').length), { timeout: 15_000 }).toBe(i + 1);
    }
    const lateness = s.settings.recovery.lateness + 4 * 0.25;
    expect(await page.getByTestId('lateness-value').innerText()).toBe(`${lateness} cycles`);
    const expected = await served.rpc<RecoveryEvaluation>('analysis-recovery-evaluate', { recovery: { ...s.settings.recovery, lateness } });
    await expect.poll(() => statValue('live-count')).toBe(formatCount(expected.count, 'en-US'));
    expect(await statValue('live-at-risk')).toBe(money(expected.atRisk));
    expect(expected.count).toBeLessThan(s.counts.recoveryActions);
    // The list follows the totals: the rows are the actions at the new thresholds, not the run's.
    const table = page.locator('[data-table="Recovery actions"]');
    await expect.poll(() => table.getByTestId('row-count').innerText()).toContain(`${formatCount(expected.count, 'en-US')} rows`);
    expect(await page.getByTestId('recovery-preview-note').isVisible()).toBe(true);
    timings.threshold.push(...(await measures('threshold-update')));
    // Surest first: the preview lists the calls in the order the backend gives for that setting.
    await page.locator('#list-order').selectOption('sure');
    const surest = await served.rpc<RecoveryEvaluation>('analysis-recovery-evaluate', { recovery: { ...s.settings.recovery, lateness, listOrder: 'sure' }, withActions: true });
    const previewNames = () => Promise.all([0, 1, 2].map((i) => page.locator(`[data-table="Recovery actions"] [role="row"][aria-rowindex="${i + 2}"] [role="gridcell"]:nth-child(2)`).getAttribute('title')));
    await expect.poll(previewNames).toEqual(surest.actions?.slice(0, 3).map((a) => a.customerName));
    expect(await page.locator('#list-order-hint').innerText()).toContain('The likeliest slides first');
    await page.locator('#list-order').selectOption('balanced');
    await page.getByTestId('run-backtest').click();
    await expect.poll(() => page.getByTestId('backtest-stats').isVisible().catch(() => false), { timeout: 240_000 }).toBe(true);
    // Each recovery verdict says how sure it is, or that the horizon held too few slides to judge.
    for (const level of ['customer', 'relationship']) {
      const verdict = page.getByTestId(`backtest-verdict-${level}`);
      expect(await verdict.textContent()).toMatch(/How sure: in 90% of 400 resamples|Too few slides to judge/);
      // Its three targets lead, met or missed as the stored verdict says; the detail folds under the first sentence.
      const stored = (await served.rpc<{ report: BacktestReport | null }>('analysis-backtest-last')).report?.levels.find((l) => l.id === level);
      if (stored && !stored.verdict.tooFewDeclines) {
        const marks = await verdict.locator('.verdict-targets li').allInnerTexts();
        expect(marks.map((m) => m.startsWith('✓'))).toEqual([stored.verdict.beatsCapture, stored.verdict.precisionOk, stored.verdict.calibrationOk]);
        expect(marks[0]).toContain(`${stored.verdict.capturedRatio?.toFixed(2)}x the best rule`);
        const rest = verdict.locator('details.verdict-rest');
        expect(await rest.locator('p').isVisible()).toBe(false);
        await rest.locator('summary').click();
        expect(await rest.locator('p').innerText()).toMatch(/How sure: in 90% of 400 resamples/);
      }
      // Our flags again by the chance each was given, a row per band: they add up to the flags compared.
      const bands = page.getByTestId(`backtest-bands-${level}`);
      expect(await bands.locator('caption').innerText()).toBe('Ours, by the chance of a slide stated');
      const flags = (await bands.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
      const compared = Number((await page.getByTestId(`backtest-${level}`).locator('table.compare:not(.bands) tbody tr.ours td').first().innerText()).replace(/,/g, ''));
      expect(flags.reduce((a, b) => a + b, 0)).toBe(compared);
      // Beside the precision bar's rule: both lists, ours alone, the rule's alone; ours is both plus ours alone.
      const difference = page.getByTestId(`backtest-difference-${level}`);
      expect(await difference.locator('caption').innerText()).toMatch(/^Ours beside the precision bar's rule \((largest drop|gap above)/);
      const parts = (await difference.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
      expect(parts).toHaveLength(3);
      expect(parts[0] + parts[1]).toBe(compared);
    }
    // Growth is judged in the same replay: what the customers given growth actions bought next.
    expect(await page.getByTestId('backtest-growth').locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('backtest-verdict-growth').innerText()).toMatch(/of the [\d,]+ suggestions were taken up/);
    expect(await page.getByTestId('chart-backtest-growth').isVisible()).toBe(true);
    await chartsDrawn(page);
    await screenshot(page, '07-recovery');
  });

  it('replays the backtest at several dates and shows a row and a bar per date, as the backend kept them', async () => {
    await goTo('recovery');
    await page.locator('#bt-dates').selectOption('4');
    await page.getByTestId('run-backtest-dates').click();
    const table = page.getByTestId('backtest-dates-table');
    await expect.poll(() => table.isVisible().catch(() => false), { timeout: 300_000 }).toBe(true);
    const { result } = await served.rpc<{ result: BacktestAcrossDates }>('analysis-backtest-dates-last');
    expect(result.points.length).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('backtest-dates-verdict').innerText()).toBe(result.verdict);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(result.points.length);
    for (const [i, p] of result.points.entries()) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect(cells[0]).toBe(formatCount(p.flagged, 'en-US'));
      if (p.capturedRatio !== null) expect(cells[1]).toContain(`${p.capturedRatio.toFixed(2)}x`);
      expect(cells[3]).toContain(`${formatShare(p.precision, 1, 'en-US')} / ${formatShare(p.precisionBar, 1, 'en-US')}`);
    }
    // The chart's bars are the table's capture ratios, and its line perfect foresight's.
    const [bars, ceiling] = await chartSeriesData(page, 'chart-backtest-dates');
    const ours = bars.map((b) => (b as { value: number | null }).value);
    expect(ours).toEqual(result.points.map((p) => (p.capturedRatio === null ? null : Math.round(p.capturedRatio * 100) / 100)));
    expect(ceiling).toEqual(result.points.map((p) => (p.ceilingRatio === null ? null : Math.round(p.ceilingRatio * 100) / 100)));
    await chartsDrawn(page);
    await screenshot(page, '07c-recovery-across-dates');
  });

  it('brings each part of the long Recovery screen into view from the strip under its title', async () => {
    await goTo('recovery');
    // Jumped to before the kept backtests and the charts have come, a panel moves as they push it down.
    await page.getByTestId('backtest-dates-table').waitFor();
    await page.getByTestId('backtest-verdict-growth').waitFor();
    await chartsDrawn(page);
    const strip = page.getByTestId('jump-links');
    expect(await strip.locator('button').allInnerTexts()).toEqual(['Thresholds', 'Lateness chart', 'Actions', 'Backtest', 'Across dates', 'Probability alive']);
    for (const [id, heading] of [
      ['recovery-palive', 'Probability alive (BG/NBD)'],
      ['recovery-backtest', 'Backtest: would these flags and this money have been right?'],
      ['recovery-thresholds', 'Thresholds'],
    ] as const) {
      await page.getByTestId(`jump-${id}`).click();
      // The panel's top settles just under the view's top edge (the last one as far up as the page
      // goes), and its heading takes the focus.
      const placed = () =>
        page.evaluate((i) => {
          const r = document.getElementById(i)?.getBoundingClientRect();
          if (!r) return 'missing';
          if (r.top < 0) return `above the view (${Math.round(r.top)})`;
          const page = document.scrollingElement ?? document.documentElement;
          const atEnd = page.scrollTop + window.innerHeight >= page.scrollHeight - 60;
          return r.top < 40 || (atEnd && r.top < window.innerHeight / 2) ? 'in view' : `${Math.round(r.top)} px down`;
        }, id);
      await expect.poll(placed).toBe('in view');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(heading);
    }
  });

  it('lists growth actions by expected revenue and filters them by territory', async () => {
    await goTo('growth');
    const all = await served.rpc<{ total: number }>('analysis-actions', { kind: 'growth', limit: 1 });
    await expect.poll(() => statValue('growth-count')).toBe(formatCount(all.total, 'en-US'));
    // The backtest run on the Recovery screen is kept: its growth verdict stands above the list.
    await expect.poll(() => page.getByTestId('growth-backtest-verdict').innerText().catch(() => '')).toMatch(/^Backtest as of .*suggestions were taken up/);
    await chartsDrawn(page);
    await screenshot(page, '08-growth');
    const territory = await page.locator('#growth-territory option').nth(1).getAttribute('value');
    await page.locator('#growth-territory').selectOption(territory ?? '');
    const some = await served.rpc<{ total: number }>('analysis-actions', { kind: 'growth', territory, limit: 1 });
    await expect.poll(() => statValue('growth-count')).toBe(formatCount(some.total, 'en-US'));
    expect(some.total).toBeLessThan(all.total);
  });

  it('drills from a leakage bar into Explore, narrows it with the breakdown and a filter, and steps back', async () => {
    await goTo('overview');
    await chartsDrawn(page);
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    const territories = s.leakage.by.territory.slice(0, 12);
    // The largest bar is drawn at the top of the category axis (grid top 36, bottom 48).
    const box = (await page.getByTestId('chart-territory').boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.click(box.x + 150, box.y + 36 + (box.height - 84) / territories.length / 2);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Explore');
    const crumbs = page.getByTestId('breadcrumb');
    expect(await crumbs.innerText()).toContain(`Territory: ${territories[0].key}`);
    expect(await crumbs.innerText()).toContain('Overview');
    const territory = territories[0].key;
    const inTerritory = await served.rpc<{ total: number; totalExpected: number; groups: { key: string }[] }>('analysis-actions', { territory, groupBy: 'rep', limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(inTerritory.total, 'en-US'));
    expect(await statValue('slice-expected')).toBe(money(inTerritory.totalExpected));

    // The breakdown is by rep now (territory is fixed): its top bar narrows to that rep too.
    await chartsDrawn(page);
    const reps = Math.min(15, inTerritory.groups.length);
    const chart = (await page.getByTestId('chart-slice').boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.click(chart.x + 180, chart.y + 16 + (chart.height - 64) / reps / 2);
    const rep = inTerritory.groups[0].key;
    await expect.poll(() => crumbs.innerText()).toContain(`Rep: ${rep}`);
    const both = await served.rpc<{ total: number }>('analysis-actions', { territory, rep, limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(both.total, 'en-US'));

    // Account-wide recoveries sit under the categories they carry: no pseudo-category to pick.
    expect(await page.locator('#slice-category option').allInnerTexts()).not.toContain('All categories (whole-account recovery)');
    // A filter combines with both; the customers follow the same slice.
    await page.locator('#slice-kind').selectOption('growth');
    const three = await served.rpc<{ total: number }>('analysis-actions', { territory, rep, kind: 'growth', limit: 1 });
    const people = await served.rpc<{ total: number }>('analysis-customers', { territory, rep, kind: 'growth', limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(three.total, 'en-US'));
    await expect.poll(() => statValue('slice-customers')).toBe(formatCount(people.total, 'en-US'));
    await chartsDrawn(page);
    await screenshot(page, '13-explore');

    // Back undoes one step at a time; a crumb's × removes just that filter.
    await page.getByTestId('explore-back').click();
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(both.total, 'en-US'));
    await page.getByRole('button', { name: `Remove Rep: ${rep}` }).click();
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(inTerritory.total, 'en-US'));
    await crumbs.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Overview');
  });

  it('opens the long-tail customers from their band of the Pareto curve', async () => {
    await goTo('overview');
    await chartsDrawn(page);
    // Below the curve, far right: inside the long-tail band whatever the curve's shape.
    const at = await chartPixel(page, 'chart-pareto', 0, [0.9, 0.05]);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Explore');
    expect(await page.getByTestId('breadcrumb').innerText()).toContain('Tier: long tail');
    const longTail = await served.rpc<{ total: number }>('analysis-customers', { tier: 'long-tail', limit: 1 });
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    expect(longTail.total).toBe(s.customers.longTail);
    await expect.poll(() => statValue('slice-customers')).toBe(formatCount(longTail.total, 'en-US'));
    await page.getByTestId('explore-back').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Overview');
  });

  it('opens an action\'s whole reason inside its row, resizes a column by dragging and hides another', async () => {
    await goTo('overview');
    const top = await served.rpc<{ total: number; rows: { reason: string }[] }>('analysis-actions', { sort: 'priority', dir: 'desc', limit: 1 });
    const table = page.locator('[data-table="Top actions"]');
    await expect.poll(() => table.getByTestId('row-count').innerText()).toContain(`loaded of ${formatCount(top.total, 'en-US')}`);
    await table.getByTestId('row-toggle').first().click();
    await expect.poll(() => table.getByTestId('row-detail').innerText()).toContain(top.rows[0].reason);

    const header = table.getByRole('columnheader', { name: /^Customer/ });
    const before = ((await header.boundingBox()) as { width: number }).width;
    const edge = (await table.getByRole('separator', { name: 'Resize Customer' }).boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + 120, edge.y + edge.height / 2, { steps: 6 });
    await page.mouse.up();
    const after = ((await header.boundingBox()) as { width: number }).width;
    expect(after).toBeGreaterThan(before + 80);

    await table.locator('.columns-menu summary').click();
    await table.getByRole('group', { name: 'Columns of Top actions' }).getByLabel('Territory').uncheck();
    expect(await table.getByRole('columnheader', { name: /^Territory/ }).count()).toBe(0);
    await screenshot(page, '14-table-open-row');
    await table.getByRole('button', { name: 'Reset view' }).click();
    await expect.poll(() => table.getByRole('columnheader', { name: /^Territory/ }).count()).toBe(1);
    await table.locator('.columns-menu summary').click();
  });

  it('finds with the filter an action past the first page of a capped list, and orders the whole list by money', async () => {
    await goTo('overview');
    const table = page.locator('[data-table="Top actions"]');
    const past = await served.rpc<{ total: number; rows: { customerCode: string; customerName: string }[] }>('analysis-actions', { sort: 'priority', dir: 'desc', offset: 400, limit: 1 });
    const mine = await served.rpc<{ total: number }>('analysis-actions', { search: past.rows[0].customerCode, limit: 1 });
    await table.getByLabel('Filter Top actions').fill(past.rows[0].customerCode);
    await expect.poll(() => table.getByTestId('row-count').innerText()).toMatch(new RegExp(`^${mine.total} rows?$`));
    expect(await table.locator('[role="row"]').nth(1).innerText()).toContain(past.rows[0].customerName);
    await table.getByLabel('Filter Top actions').fill('');
    // Ascending by money: the smallest of all the actions, not of the 200 first loaded.
    const smallest = await served.rpc<{ rows: { expectedRevenue: number; customerName: string }[] }>('analysis-actions', { sort: 'expectedRevenue', dir: 'asc', limit: 1 });
    const header = table.getByRole('button', { name: /^Expected/ });
    await header.click();
    await header.click();
    await expect.poll(() => table.locator('[role="row"]').nth(1).innerText()).toContain(smallest.rows[0].customerName);
    await table.locator('.columns-menu summary').click();
    await table.getByRole('button', { name: 'Reset view' }).click();
    await table.locator('.columns-menu summary').click();
  });

  it("keeps a table's sort and filter and the last Explore slice for this workspace across a reload, and resets them", async () => {
    await goTo('overview');
    const table = page.locator('[data-table="Top actions"]');
    await table.getByRole('button', { name: /^Customer/ }).click();
    await table.getByLabel('Filter Top actions').fill('growth');
    // The list is a page of the actions: the filter and the order are asked of the backend, whose answer the count waits for.
    const asked = await served.rpc<{ total: number }>('analysis-actions', { search: 'growth', sort: 'customerName', dir: 'desc', limit: 1 });
    await expect.poll(() => table.getByTestId('row-count').innerText()).toMatch(new RegExp(`^(?!Updating).*\\b${formatCount(asked.total, 'en-US')}\\b`));
    const shown = await table.getByTestId('row-count').innerText();
    const before = w.problems.length;
    await page.reload();
    await expect.poll(() => table.getByTestId('row-count').innerText(), { timeout: 60_000 }).toBe(shown);
    // A reload ends the old page's event stream on purpose: that abort is not a failure.
    const afterReload = w.problems.splice(before).filter((p) => !/\/events\?token=\S+ net::ERR_ABORTED/.test(p));
    w.problems.push(...afterReload);
    expect(await table.getByRole('columnheader', { name: /^Customer/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await table.getByLabel('Filter Top actions').inputValue()).toBe('growth');
    await table.locator('.columns-menu summary').click();
    await table.getByRole('button', { name: 'Reset view' }).click();
    await expect.poll(() => table.getByLabel('Filter Top actions').inputValue()).toBe('');
    expect(await table.getByRole('columnheader', { name: /^Priority/ }).getAttribute('aria-sort')).toBe('descending');
    await table.locator('.columns-menu summary').click();
    // The last slice (the Pareto band's long tail) is offered again on Explore.
    await goTo('explore');
    await expect.poll(() => page.getByTestId('explore-resume').innerText()).toContain('Tier: long tail');
    await page.getByTestId('explore-resume-open').click();
    await expect.poll(() => page.getByTestId('breadcrumb').innerText()).toContain('Tier: long tail');
  });

  it('opens the customers of a column of the P(alive) holdout check, exactly as many as the column counts', async () => {
    await goTo('recovery');
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    const buckets = s.bgnbd?.holdout?.buckets ?? [];
    const i = buckets.findIndex((b) => b.label === '2');
    expect(i).toBeGreaterThan(0);
    const chart = page.getByTestId('chart-palive-holdout');
    await chart.scrollIntoViewIfNeeded();
    await chartsDrawn(page);
    expect(await page.getByTestId('palive-drill-hint').innerText()).toContain('Click a column');
    // Just above the axis: a short column opens as surely as a tall one.
    const at = await chartPixel(page, 'chart-palive-holdout', 0, [i, 0]);
    await page.mouse.click(at.x, at.y - 4);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Explore');
    expect(await page.getByTestId('breadcrumb').innerText()).toContain('Holdout check: 2 repeat purchases');
    await expect.poll(() => statValue('slice-customers')).toBe(formatCount(buckets[i].customers, 'en-US'));
    const actions = await served.rpc<{ total: number }>('analysis-actions', { repeats: 2, limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(actions.total, 'en-US'));
    expect(await page.locator('#slice-repeats').inputValue()).toBe('2');
    await screenshot(page, '13b-explore-holdout-column');
    await page.getByTestId('explore-back').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Recovery');
  });

  it('opens the actions of a profile in a category from a heatmap cell', async () => {
    await goTo('profiles');
    await chartsDrawn(page);
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    const box = (await page.getByTestId('chart-heatmap').boundingBox()) as { x: number; y: number; width: number; height: number };
    const columns = Math.min(12, s.categories.length);
    const bottom = columns > 6 ? 110 : 48;
    // The top-left cell: the last profile (drawn at the top) in the first category shown.
    await page.mouse.click(box.x + 210 + (box.width - 300) / columns / 2, box.y + 16 + (box.height - 16 - bottom) / s.profiles.length / 2);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Explore');
    const profile = s.profiles[s.profiles.length - 1];
    const text = await page.getByTestId('breadcrumb').innerText();
    expect(text).toContain(`Profile ${profile.id}: ${profile.label}`);
    const category = text.match(/Category: ([^\n×]+)/)?.[1].trim() ?? '';
    expect(s.categories).toContain(category);
    const cell = await served.rpc<{ total: number }>('analysis-actions', { profile: profile.id, category, limit: 1 });
    await expect.poll(() => statValue('slice-actions')).toBe(formatCount(cell.total, 'en-US'));
  });

  it('opens a customer from an action and shows its figures, charts and actions', async () => {
    await goTo('recovery');
    const first = page.locator('[data-table="Recovery actions"] [role="row"]').nth(1);
    await expect.poll(() => first.isVisible()).toBe(true);
    await first.locator('a').click();
    await expect.poll(() => page.getByTestId('customer-name').isVisible().catch(() => false)).toBe(true);
    const code = new URL(page.url()).hash.match(/code=([^&]+)/)?.[1] ?? '';
    const detail = await served.rpc<CustomerDetail>('analysis-customer', { code: decodeURIComponent(code) });
    expect(await page.getByTestId('customer-name').innerText()).toBe(detail.customer.name);
    expect(await statValue('customer-revenue')).toBe(money(detail.customer.revenue12m));
    expect(await statValue('customer-at-risk')).toBe(money(detail.customer.atRiskRevenue));
    expect(detail.actions.length).toBeGreaterThan(0);
    expect(await page.locator('[data-table="Actions for this customer"]').innerText()).toContain(detail.actions[0].category);
    expect(await chartsDrawn(page)).toBe(3);
    await screenshot(page, '09-customer');
  });

  it("shows the categories a whole-account call carries, each at no more than its part of the call's money", async () => {
    const calls = await served.rpc<{ rows: { customerCode: string; category: string; expectedRevenue: number }[] }>('analysis-actions', { kind: 'recovery', sort: 'expectedRevenue', dir: 'desc', limit: 500 });
    const account = calls.rows.find((a) => a.category === 'All categories');
    expect(account).toBeDefined();
    await page.evaluate((code) => (window.location.hash = `#/customer?code=${encodeURIComponent(code)}`), account!.customerCode);
    await expect.poll(() => page.getByTestId('customer-call-parts-note').isVisible().catch(() => false)).toBe(true);
    const detail = await served.rpc<CustomerDetail>('analysis-customer', { code: account!.customerCode });
    const parts = detail.actions.find((a) => a.category === 'All categories')?.breakdown ?? [];
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.reduce((s, p) => s + p.atRisk, 0)).toBeCloseTo(account!.expectedRevenue, 1);
    const table = page.locator('[data-table="Categories the account call carries"]');
    await expect.poll(() => table.locator('[role="row"]').nth(1).isVisible()).toBe(true);
    const first = await table.locator('[role="row"]').nth(1).innerText();
    expect(first).toContain(parts[0].category);
    expect(first).toContain(money(parts[0].atRisk));
    expect(await page.getByTestId('customer-call-parts-note').innerText()).toContain(money(account!.expectedRevenue));
  });

  it('lists the customers with the most revenue at risk first, as its caption says', async () => {
    await page.getByRole('button', { name: 'Find another customer' }).click();
    const risky = await served.rpc<{ rows: { name: string; atRiskRevenue: number }[] }>('analysis-customers', { sort: 'atRiskRevenue', dir: 'desc', limit: 3 });
    const first = page.locator('[data-table="Customers"] [role="row"]').nth(1);
    await expect.poll(() => first.innerText()).toContain(risky.rows[0].name);
    expect(await first.innerText()).toContain(money(risky.rows[0].atRiskRevenue));
    expect(risky.rows[0].atRiskRevenue).toBeGreaterThan(0);
    // The headings say what the money is over, and a degenerate BG/NBD fit's P(alive) says it is for reference.
    const s = await served.rpc<AnalysisSummary>('analysis-summary');
    const header = await page.locator('[data-table="Customers"] [role="row"]').first().innerText();
    expect(header).toContain(s.settings.recovery.horizonDays === 365 ? 'At risk / yr' : `At risk, ${s.settings.recovery.horizonDays}d`);
    expect(header).toContain(s.bgnbd?.verdict === 'degenerate' ? 'P(alive), ref.' : 'P(alive)');
  });

  it("plans assignments and draws each rep's accounts and money as the plan's own accounts add up", async () => {
    await goTo('assignment');
    // The screen has read the workspace's last plan (none) and its roster before it plans.
    await expect.poll(() => page.getByText('No plan yet').count()).toBe(1);
    await page.getByTestId('assignment-plan').click();
    await expect.poll(() => page.getByTestId('plan-meta').count(), { timeout: 60_000 }).toBe(1);
    await chartsDrawn(page);
    const plan = await served.rpc<AssignmentPlan>('assignment-get', { limit: 100000 });
    expect(plan.accounts).toHaveLength(plan.totals.accounts);
    const stats = await page.getByTestId('assignment-stats').innerText();
    for (const figure of [formatCount(plan.totals.accounts, 'en-US'), money(plan.totals.expectedRevenue), formatCount(plan.totals.assigned, 'en-US'), formatCount(plan.totals.kept, 'en-US')]) expect(stats).toContain(figure);
    // Each rep's bars and money, counted again from the accounts the plan gives them.
    const byRep = new Map<string, { accounts: number; kept: number; recovery: number; growth: number }>();
    for (const a of plan.accounts) {
      if (!a.rep) continue;
      const r = byRep.get(a.rep) ?? { accounts: 0, kept: 0, recovery: 0, growth: 0 };
      r.accounts++;
      if (a.status === 'kept') r.kept++;
      r.recovery += a.recovery;
      r.growth += a.growth;
      byRep.set(a.rep, r);
    }
    const names = await page.getByTestId('chart-rep-load').evaluate((el) => (el as unknown as { chart: { getOption(): { xAxis: { data: string[] }[] } } }).chart.getOption().xAxis[0].data);
    const [capacity, longTail, kept, recovery, growth] = await chartSeriesData(page, 'chart-rep-load');
    expect(names).toEqual(plan.reps.map((r) => r.rep));
    names.forEach((rep, i) => {
      const counted = byRep.get(rep) ?? { accounts: 0, kept: 0, recovery: 0, growth: 0 };
      expect((longTail[i] as { value: number }).value + (kept[i] as number), rep).toBe(counted.accounts);
      expect(kept[i], rep).toBe(counted.kept);
      expect(recovery[i] as number, rep).toBeCloseTo(counted.recovery, 0);
      expect(growth[i] as number, rep).toBeCloseTo(counted.growth, 0);
      expect(capacity[i], rep).toBe(plan.reps[i].capacity);
    });
    await screenshot(page, '16-assignment');
  });

  it('says when the plan was made from an earlier analysis, and plans the shown one when asked', async () => {
    const planned = await served.rpc<AssignmentPlan>('assignment-get', { limit: 1 });
    const runs = await served.rpc<RunListItem[]>('analysis-runs');
    expect(planned.runId).toBe(runs[0].runId);
    await goTo('overview');
    await page.getByTestId(`revert-run-${runs[1].runId}`).click();
    await expect.poll(async () => (await served.rpc<RunListItem[]>('analysis-runs')).length, { timeout: 120_000 }).toBe(runs.length + 1);
    const shown = (await served.rpc<RunListItem[]>('analysis-runs'))[0];
    await goTo('assignment');
    await expect.poll(() => page.getByTestId('plan-stale').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('plan-stale').innerText()).toContain(`This plan was made from analysis ${planned.runId}; the workbench now shows analysis ${shown.runId}`);
    await page.getByTestId('assignment-plan').click();
    await expect.poll(() => page.getByTestId('plan-stale').count(), { timeout: 60_000 }).toBe(0);
    expect((await served.rpc<AssignmentPlan>('assignment-get', { limit: 1 })).runId).toBe(shown.runId);
  });

  it('imports a file dropped on the window, lists the rejected rows and saves them as CSV', async () => {
    // Dropped on the customer screen: the window hands it to the import wizard.
    const text = fs.readFileSync(BAD_ROWS, 'utf8');
    const dataTransfer = await page.evaluateHandle(
      ([content, name]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([content], name, { type: 'text/csv' }));
        return dt;
      },
      [text, path.basename(BAD_ROWS)],
    );
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('h1').innerText()).toBe('Import data');
    await expect.poll(() => page.getByTestId('mapping').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.locator('main').getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-summary').isVisible(), { timeout: 60_000 }).toBe(true);
    const imports = await served.rpc<ImportSummary[]>('import-list');
    const last = imports.find((i) => i.file.endsWith('late-rows-with-errors.csv'));
    expect(last?.rowsRejected).toBeGreaterThanOrEqual(2);
    expect(await statValue('rows-rejected')).toBe(String(last?.rowsRejected));
    await expect.poll(() => page.locator('[data-table="Rejected rows"]').innerText()).toContain('13/45/2025');
    await screenshot(page, '10-import-rejects');
    const download = page.waitForEvent('download');
    await page.locator('main').getByRole('button', { name: 'Save rejects as CSV…' }).click();
    const file = path.join(dir, 'rejects.csv');
    const downloaded = await download;
    await downloaded.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain('13/45/2025');
    expect(csv.trim().split(/\r?\n/).length).toBe((last?.rowsRejected ?? 0) + 1);
    // In the browser the file is a download: the notice names it, not the server's scratch copy.
    await expect.poll(() => page.getByTestId('rejects-saved').innerText()).toBe(`Downloaded ${last?.rowsRejected} rejected rows as ${downloaded.suggestedFilename()}`);
    const info = await served.rpc<WorkspaceInfo>('workspace-info');
    expect(info.imports).toBe(2);
  });

  it('offers the sheets of a workbook, asks for the date format when dates are ambiguous, and explains a file it cannot read', async () => {
    const choose = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.locator('main').getByRole('button', { name: 'Choose a file…' }).click();
      await (await chooser).setFiles(file);
    };
    const pick = (fixture: string) => choose(path.join(root, 'test', 'fixtures', 'import', fixture));
    await page.locator('main').getByRole('button', { name: 'Import another file' }).click();
    await pick('sales.xlsx');
    await page.locator('#import-sheet').waitFor({ timeout: 60_000 });
    expect(await page.locator('#import-sheet option').allInnerTexts()).toEqual(['Notes', 'Sales 2024']);
    expect(await page.locator('#import-sheet').inputValue()).toBe('Sales 2024');
    expect(await page.locator('.preview thead').innerText()).toContain('Account No');
    // The notes sheet is no table: the wizard says so and keeps the sheet that is.
    await page.locator('#import-sheet').selectOption('Notes');
    const notTable = page.locator('main .notice.error');
    await notTable.waitFor({ timeout: 30_000 });
    expect(await notTable.innerText()).toContain('"Notes"');
    expect(await page.locator('#import-sheet').inputValue()).toBe('Sales 2024');
    await notTable.getByRole('button', { name: 'Dismiss' }).click();

    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    await pick('ambiguous-dates.csv');
    await page.getByTestId('mapping').waitFor({ timeout: 60_000 });
    expect(await page.locator('label[for="import-date-format"]').innerText()).toContain('ambiguous');
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('main [role="alert"]').innerText()).toContain('choose the date format');
    await screenshot(page, '12-import-ambiguous-dates');
    await page.locator('#import-date-format').selectOption('dmy');
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);

    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    await pick('password.xlsx');
    const alert = page.locator('main .notice.error');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.getAttribute('data-code')).toBe('IMPORT_PASSWORD_PROTECTED');
    expect((await alert.innerText()).length).toBeGreaterThan(30);
    // The message names the file, not the scratch folder the browser upload went to.
    expect(await alert.innerText()).toContain('password.xlsx is protected');
    expect(await alert.innerText()).not.toContain(path.sep + 'password.xlsx');
    expect(await page.getByTestId('dropzone').isVisible()).toBe(true);

    // A file without dates is offered the spend-table reading, as the command line suggests it.
    const undated = path.join(dir, 'undated.csv');
    fs.writeFileSync(undated, 'Customer,Category,Revenue\nC1,Dairy,120\nC2,Meat,80\nC3,Dairy,45\n');
    await choose(undated);
    await page.getByTestId('suggest-spend-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('use-spend-table').click();
    await expect.poll(() => page.locator('#import-shape').inputValue()).toBe('spend-table');
    expect(await page.getByTestId('suggest-spend-table').count()).toBe(0);

    // UCI's Wholesale customers table has no customer column: its rows are its customers, numbered.
    const shared = (file: string) => path.join(root, '..', 'shared', 'data', file);
    const importButton = page.locator('main').getByRole('button', { name: 'Import', exact: true });
    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    await choose(shared('wholesale_customers.csv'));
    await page.getByTestId('spend-columns').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('spend-columns').innerText()).toBe(
      'Spend per category from 6 columns: Fresh, Milk, Grocery, Frozen, Detergents_Paper, Delicassen. No customer column: customers are numbered by their row in the table (1, 2, 3 ...).',
    );
    // Only what describes a customer is mapped beside the category columns: no date asked for.
    expect(await page.locator('#map-date').count()).toBe(0);
    expect(await page.locator('label[for="map-customer"]').innerText()).toBe('Customer ID');
    expect(await importButton.isEnabled()).toBe(true);
    await screenshot(page, '12a-import-spend-table');

    // A lifetime-value tool's summary of each customer (CDNOW's, from lifetimes) is no spend: refused until the analyst says otherwise.
    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    await choose(shared('cdnow_customers_summary.csv'));
    await page.getByTestId('purchase-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('purchase-summary').innerText()).toContain("'frequency', 'recency', 'T' are purchase statistics");
    expect(await importButton.isDisabled()).toBe(true);
    await screenshot(page, '12a-import-purchase-summary');
    await page.getByTestId('summary-as-spend').click();
    await page.getByTestId('spend-columns').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('purchase-summary').count()).toBe(0);
    expect(await page.getByTestId('spend-columns').innerText()).toBe('Spend per category from 3 columns: frequency, recency, T.');
    expect(await page.locator('#map-customer').inputValue()).toBe('ID');
    expect(await importButton.isEnabled()).toBe(true);

    // A purchase log without money may be imported: the screen says each row will count as one purchase.
    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    const visits = path.join(dir, 'visits.csv');
    fs.writeFileSync(visits, 'Customer,Date\nC1,2024-01-05\nC2,2024-01-07\nC1,2024-02-09\n');
    await choose(visits);
    await page.getByTestId('purchase-log').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('purchase-log').innerText()).toContain('each row will count as one purchase worth 1 unit');
    expect(await page.locator('label[for="map-revenue"]').innerText()).toBe('Revenue');
    // Counts are no currency: the currency box gives way to what the amounts will be.
    expect(await page.getByTestId('import-units').innerText()).toContain('purchase counts, shown as units');
    expect(await page.locator('#import-currency').count()).toBe(0);
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, '12b-import-purchase-log');

    // A log without a header row (CDNOW's sample is one): columns by position, mapped by what they hold.
    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    const bare = path.join(dir, 'bare.txt');
    fs.writeFileSync(bare, ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00018 0002 19970101  2   29.73\r\n');
    await choose(bare);
    await page.getByTestId('mapping').waitFor({ timeout: 60_000 });
    expect(await page.locator('main').innerText()).toContain('No header row: columns named by position');
    expect(await page.getByTestId('preview-notes').innerText()).toContain("customer 'Column 1', date 'Column 3', revenue 'Column 5'; 'Column 2', 'Column 4' are not used");
    expect(await page.locator('.preview thead').innerText()).toContain('Column 5');
    expect([await page.locator('#map-customer').inputValue(), await page.locator('#map-date').inputValue(), await page.locator('#map-revenue').inputValue()]).toEqual(['Column 1', 'Column 3', 'Column 5']);
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, '12c-import-headerless');

    // A panel counts its days (dunnhumby's DAY 1..711): read from the day 1 the analyst gives.
    await page.locator('main').getByRole('button', { name: '← Another file' }).click();
    const panel = path.join(dir, 'panel.csv');
    fs.writeFileSync(panel, 'household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE\n2375,26984851472,1,1004906,1,1.39\n1364,26984896261,2,842930,1,2.19\n2375,26984851490,9,1004906,2,2.78\n');
    await choose(panel);
    await page.getByTestId('mapping').waitFor({ timeout: 60_000 });
    await page.locator('#import-date-format').selectOption('day-number');
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('main [role="alert"]').innerText()).toContain('Dates are day numbers: give the date of day 1.');
    // Within the dates the workspace holds: a day far from them would be rejected as a typo.
    await page.locator('#import-day-one').fill('2025-06-01');
    await page.locator('main').getByRole('button', { name: 'Check all rows' }).click();
    await page.getByTestId('validation-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('validation-summary').innerText()).toMatch(/Jun 1, 2025\s*–\s*Jun 9, 2025/);
    expect(await page.locator('main').getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, '12d-import-day-numbers');
  });

  it('follows a dark OS theme with readable charts', async () => {
    const dark = await openPage(browser, { colorScheme: 'dark' });
    await dark.page.goto(`${served.url}#/overview`);
    await dark.page.getByTestId('overview-stats').waitFor();
    expect(await chartsDrawn(dark.page)).toBe(5);
    const background = await dark.page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(15, 20, 25)');
    await screenshot(dark.page, '11-overview-dark');
    expect(dark.problems).toEqual([]);
    await dark.context.close();
  });

  it('creates a workspace from a client name alone in the workspaces folder and lists it there', async () => {
    await goTo('workspaces');
    // The datasets table and the folder listing load after the screen: wait, so the button stays put.
    await page.locator('[data-table="Imported datasets"]').getByText('late-rows-with-errors.csv').waitFor();
    await page.getByTestId('folder-workspaces').waitFor({ state: 'attached' });
    await page.locator('#new-client').fill('Second Client GmbH');
    const created = page.waitForResponse((r) => r.url().endsWith('/rpc/workspace-create'));
    await page.locator('main').getByRole('button', { name: 'Create workspace' }).click();
    expect((await created).status()).toBe(200);
    await expect.poll(() => page.getByTestId('client-name').innerText()).toBe('Second Client GmbH');
    const file = path.join(dir, 'home', 'workspaces', 'second-client-gmbh.longtail');
    expect(fs.existsSync(file)).toBe(true);
    await goTo('workspaces');
    await expect.poll(() => page.getByTestId('folder-workspaces').innerText()).toContain('Second Client GmbH');
    expect(await page.getByTestId('folder-workspaces').innerText()).toContain('second-client-gmbh.longtail');
  });

  it('compares the recent clients as soon as Portfolio opens, and a client\'s row opens its workspace', async () => {
    await goTo('portfolio');
    // No click on Compare: the recent workspaces are read on open.
    await expect.poll(() => page.getByTestId('portfolio-stats').isVisible().catch(() => false), { timeout: 60_000 }).toBe(true);
    const table = page.locator('[data-table="Clients compared"]');
    expect(await table.innerText()).toContain('E2E Foods');
    // Every header reads in full at 1440 px (the table scrolls sideways rather than cut them).
    const headersReadInFull = async () => {
      for (const header of await table.getByRole('columnheader').all()) {
        const cut = await header.locator('button.sort').evaluate((b) => b.scrollWidth > b.clientWidth + 1).catch(() => false);
        expect(cut, await header.innerText()).toBe(false);
      }
    };
    await headersReadInFull();
    expect(await page.getByTestId('portfolio-spread').innerText()).not.toMatch(/(\d+%)–\1/);
    await screenshot(page, '15-portfolio');
    // Backtested, each client also shows how often its growth actions were taken up unprompted.
    await page.getByLabel(/Backtest each client/).check();
    await page.getByTestId('portfolio-compare').click();
    await expect.poll(() => table.getByRole('columnheader', { name: /Growth take-up/ }).count(), { timeout: 240_000 }).toBe(1);
    const takeUp = await table.getByRole('columnheader').allInnerTexts();
    expect(takeUp.findIndex((h) => /Growth take-up/.test(h))).toBeGreaterThan(takeUp.findIndex((h) => /Recall/.test(h)));
    await headersReadInFull();
    await expect.poll(() => table.getByRole('row', { name: /E2E Foods/ }).innerText(), { timeout: 60_000 }).toMatch(/\d+(\.\d)?%\s*$/);
    // The table scrolls sideways: the backtest's columns are at its right end.
    await table.evaluate((el) => {
      for (const box of el.querySelectorAll<HTMLElement>('*')) if (box.scrollWidth > box.clientWidth + 1) box.scrollLeft = box.scrollWidth;
    });
    await screenshot(page, '15b-portfolio-backtest');
    await table.getByRole('link', { name: 'E2E Foods' }).click();
    await expect.poll(() => page.getByTestId('client-name').innerText()).toBe('E2E Foods');
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Overview');
    // A client's bar opens it too.
    await goTo('portfolio');
    await page.getByTestId('portfolio-band-chart').scrollIntoViewIfNeeded();
    await chartsDrawn(page);
    const [bars] = (await chartSeriesData(page, 'portfolio-band-chart')) as { value: number }[][];
    const at = await chartPixel(page, 'portfolio-band-chart', 0, [bars[0].value / 2, 0]);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Overview');
  });

  it('raised no console error or failed request on any screen', () => {
    expect(w.problems).toEqual([]);
  });
});
