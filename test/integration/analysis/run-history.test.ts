import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/model/results';
import { describeChanges } from '../../../shared/model/settings-changes';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let first: AnalysisSummary;
let second: AnalysisSummary;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'History Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 7, customers: 250 });
  await w.backend.call('import-run', { path: csv });
  first = await w.backend.call('analysis-run', {});
  second = await w.backend.call('analysis-run', { settings: { recovery: { lateness: 1.2 } } });
});
afterAll(() => w.cleanup());

describe('run history', () => {
  it('lists every run newest first with its leakage, counts and the settings that differ from the defaults', async () => {
    const runs = await w.backend.call('analysis-runs', {});
    expect(runs.map((r) => r.runId)).toEqual([second.runId, first.runId]);
    expect(runs[1].changes).toEqual([]);
    expect(runs[0].changes).toEqual([{ key: 'recovery.lateness', value: 1.2, base: 2 }]);
    expect(describeChanges(runs[0].changes)).toBe('Late after 1.2 cycles (default 2 cycles)');
    expect(describeChanges(runs[0].changes, 'default', 'keys')).toBe('recovery.lateness 1.2 (default 2)');
    expect(runs[0]).toMatchObject({ recoveryActions: second.counts.recoveryActions, growthActions: second.counts.growthActions, leakageShare: second.leakage.share });
  });

  it('compares two runs: settings diff, leakage, counts, and the actions that appear or disappear', async () => {
    const c = await w.backend.call('analysis-compare', { before: first.runId, after: second.runId });
    expect(c.sameData).toBe(true);
    expect(c.settings).toEqual([{ key: 'recovery.lateness', value: 1.2, base: 2 }]);
    expect(c.before.recoveryActions).toBe(first.counts.recoveryActions);
    expect(c.after.recoveryActions).toBe(second.counts.recoveryActions);
    // Late after 1.2 cycles instead of 2 flags more relationships; growth is judged the same way.
    expect(second.counts.recoveryActions).toBeGreaterThan(first.counts.recoveryActions);
    expect(c.appeared.count).toBeGreaterThan(0);
    expect(c.appeared.largest.every((a) => a.kind === 'recovery' || a.kind === 'growth')).toBe(true);
    const sizes = c.appeared.largest.map((a) => a.expectedRevenue);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    // Counts reconcile: after = before + appeared - disappeared.
    const total = (s: typeof c.before) => s.recoveryActions + s.growthActions;
    expect(total(c.after)).toBe(total(c.before) + c.appeared.count - c.disappeared.count);
    const back = await w.backend.call('analysis-compare', { before: second.runId, after: first.runId });
    expect(back.appeared.count).toBe(c.disappeared.count);
    expect(back.disappeared.count).toBe(c.appeared.count);
  });

  it('reverts by running again with an earlier run\'s settings: the same actions, leakage and no settings badge', async () => {
    const reverted = await w.backend.call('analysis-run', { settings: first.settings });
    const c = await w.backend.call('analysis-compare', { before: first.runId, after: reverted.runId });
    expect(c.settings).toEqual([]);
    expect(c.appeared.count + c.disappeared.count).toBe(0);
    expect(reverted.leakage.total).toBeCloseTo(first.leakage.total, 6);
    expect((await w.backend.call('analysis-runs', {}))[0].changes).toEqual([]);
  });

  it('refuses to compare a run that does not exist, naming it', async () => {
    const outcome = await w.backend.invoke('analysis-compare', { before: first.runId, after: 999 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the custom-settings badge outside the workbench', () => {
  it('marks the client report and the portfolio row of a run with non-default settings, and not a default run', async () => {
    await w.backend.call('analysis-run', { settings: { growth: { minPenetration: 0.7 } } });
    const out = path.join(w.dir, 'report.html');
    await w.backend.call('report-build', { workspace: w.file, out });
    const html = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(html).toContain('<strong>Custom settings:</strong> these figures come from settings other than the defaults: Peer penetration 70% (default 50%).');
    const portfolio = await w.backend.call('portfolio-summarise', { paths: [w.file] });
    expect(portfolio.rows[0].customSettings).toBe('Peer penetration 70% (default 50%)');
    await w.backend.call('analysis-run', {});
    await w.backend.call('report-build', { workspace: w.file, out });
    expect((await import('node:fs')).readFileSync(out, 'utf8')).not.toContain('Custom settings');
    expect((await w.backend.call('portfolio-summarise', { paths: [w.file] })).rows[0].customSettings).toBeNull();
  });

  it("says in the About sheet of the call lists and the territory plan which settings the plan's actions came from", async () => {
    const fs = await import('node:fs');
    const XLSX = await import('xlsx');
    const about = async (handler: 'export-assignments' | 'export-territories') => {
      const out = path.join(w.dir, `${handler}.xlsx`);
      await w.backend.call(handler, { out });
      const rows = XLSX.utils.sheet_to_json<{ What: string; Text: string | null }>(XLSX.read(fs.readFileSync(out)).Sheets.About);
      return rows.find((r) => r.What === 'Analysis settings')?.Text;
    };
    await w.backend.call('analysis-run', { settings: { recovery: { lateness: 3 } } });
    await w.backend.call('assignment-plan', {});
    expect(await about('export-assignments')).toBe('custom: Late after 3 cycles (default 2 cycles)');
    expect(await about('export-territories')).toBe('custom: Late after 3 cycles (default 2 cycles)');
    await w.backend.call('analysis-run', {});
    await w.backend.call('assignment-plan', {});
    expect(await about('export-assignments')).toBe('defaults');
  });
});
