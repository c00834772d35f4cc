import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/model/results';
import { callValue } from '../../../shared/analytics/recovery/call-order';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let sure: AnalysisSummary;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Order Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 11, customers: 300 });
  await w.backend.call('import-run', { path: csv });
  await w.backend.call('analysis-run', { settings: { kMax: 6 } });
  sure = await w.backend.call('analysis-run', { settings: { kMax: 6, recovery: { listOrder: 'sure' } } });
});
afterAll(() => w.cleanup());

describe('a run whose recovery list is ordered surest first', () => {
  it('stores the order it was asked for, says it in its notes and ranks its calls by chance first', async () => {
    expect(sure.settings.recovery.listOrder).toBe('sure');
    const order = sure.recovery?.order?.customer;
    expect(order?.mode).toBe('sure');
    expect(sure.notes.some((n) => n.includes('are ordered surest first, as the settings ask'))).toBe(true);
    const accountsOf = async (runId: number) => {
      const { rows } = await w.backend.call('analysis-actions', { runId, kind: 'recovery', limit: 500, sort: 'weighted', dir: 'desc' });
      return rows.filter((a) => a.category === 'All categories').map((a) => ({ chance: Number(a.facts.probability), money: Number(a.facts.atRiskHorizon) }));
    };
    const accounts = await accountsOf(sure.runId);
    // A few whole accounts: those slipping on money alone at a chance under 5% are no calls (decide.ts).
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    // The list runs down the surest-first call value: chance x (money at risk + the heavy weight).
    const weight = order?.weight ?? 0;
    expect(weight).toBeGreaterThan(0);
    for (let i = 1; i < accounts.length; i++) expect(callValue(accounts[i].money, accounts[i].chance, weight)).toBeLessThanOrEqual(callValue(accounts[i - 1].money, accounts[i - 1].chance, weight) + 0.01);
    // ...so its top calls are surer than the balanced run's.
    const meanChance = (xs: { chance: number }[]) => xs.slice(0, 20).reduce((t, x) => t + x.chance, 0) / Math.min(20, xs.length);
    expect(meanChance(accounts)).toBeGreaterThanOrEqual(meanChance(await accountsOf(1)));
    const runs = await w.backend.call('analysis-runs', {});
    expect(runs.find((r) => r.runId === sure.runId)?.changes.map((c) => c.key)).toEqual(['kMax', 'recovery.listOrder']);
  });
});

describe('a run stored before the list order was a setting', () => {
  it('reads as the balanced order it used, on the screen and in the run list', async () => {
    const db = new Database(w.file);
    db.prepare("UPDATE analysis_runs SET summary_json = json_remove(summary_json, '$.settings.recovery.listOrder'), settings_json = json_remove(settings_json, '$.recovery.listOrder') WHERE id = 1").run();
    db.close();
    const old = await w.backend.call('analysis-summary', { runId: 1 });
    expect(old.settings.recovery.listOrder).toBe('balanced');
    const runs = await w.backend.call('analysis-runs', {});
    expect(runs.find((r) => r.runId === 1)?.changes.map((c) => c.key)).toEqual(['kMax']);
  });
});
