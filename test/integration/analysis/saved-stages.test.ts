import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { forgetSavedStages, savedStages } from '../../../main/backend/analysis/saved-stages';
import { datasetUpTo } from '../../../shared/analytics/holdout/replay';
import { assessRisk, type RiskModels } from '../../../shared/analytics/risk';
import { DEFAULT_BOOST } from '../../../shared/analytics/risk/boost';
import { dayFromIso } from '../../../shared/format/dates';
import { ONLINE_RETAIL_II, onlineRetail } from './online-retail-data';
import type { AnalysisSummary } from '../../../shared/model/results';
import { firstCustomers } from '../../helpers/first-customers';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let first: AnalysisSummary;

/** A fresh session on the same workspace file, as after closing and reopening the app. */
async function reopened(): Promise<Backend> {
  const backend = new Backend({ appDataDir: path.join(w.dir, 'app-data'), now: () => new Date('2026-01-05T10:00:00Z') });
  await backend.call('workspace-open', { path: w.file });
  return backend;
}

const results = (s: AnalysisSummary) => ({ ...s, runId: 0, createdAt: '', timings: {} });

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Saved Stages Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 8, customers: 250 });
  await w.backend.call('import-run', { path: csv });
  first = await w.backend.call('analysis-run', { settings: { kMax: 7 } });
  w.backend.close();
});
afterAll(() => w.cleanup());

describe('stages kept in the workspace between sessions', () => {
  it('switches k in a new session without redoing the k sweep, with the same results as computing everything afresh', async () => {
    const warm = await reopened();
    const kept = await warm.call('analysis-run', { settings: { kMax: 7, k: first.k + 1 } });
    expect(kept.quality).toEqual(first.quality);
    warm.close();

    const cold = await reopened();
    const savedRows = () => cold.session.db.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'analysis-saved:%'").get();
    expect(savedRows()).toEqual({ n: 3 });
    forgetSavedStages(cold.session.db);
    expect(savedRows()).toEqual({ n: 0 });
    const fresh = await cold.call('analysis-run', { settings: { kMax: 7, k: first.k + 1 } });
    cold.close();
    expect(results(kept)).toEqual(results(fresh));
  });

  it('keeps the learned risk models, so a recovery setting moved in a new session gives what learning afresh gives', async () => {
    const settings = { kMax: 7, recovery: { minProbability: 0.6 } };
    const warm = await reopened();
    const riskKept = () => warm.session.db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'analysis-saved:risk' AND value LIKE '%risk models%'").get();
    expect(riskKept()).toEqual({ n: 1 });
    const kept = await warm.call('analysis-run', { settings });
    warm.close();

    const cold = await reopened();
    forgetSavedStages(cold.session.db);
    const fresh = await cold.call('analysis-run', { settings });
    cold.close();
    expect(fresh.recovery?.model).toBeTruthy();
    expect(results(kept)).toEqual(results(fresh));
  });

  it("keeps each customer's holdout-check bucket with the probabilities alive: a new session stores the buckets computing afresh gives", async () => {
    const buckets = (b: Backend, runId: number) =>
      b.session.db.prepare('SELECT code, holdout_group AS g FROM run_customers WHERE run_id = ? ORDER BY code').all(runId) as { code: string; g: number | null }[];
    const warm = await reopened();
    const aliveKept = () => warm.session.db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'analysis-saved:p-alive' AND value LIKE '%holdout groups%'").get();
    expect(aliveKept()).toEqual({ n: 1 });
    const kept = await warm.call('analysis-run', { settings: { kMax: 7, k: first.k + 2 } });
    const keptBuckets = buckets(warm, kept.runId);
    warm.close();

    const cold = await reopened();
    forgetSavedStages(cold.session.db);
    const fresh = await cold.call('analysis-run', { settings: { kMax: 7, k: first.k + 2 } });
    expect(buckets(cold, fresh.runId)).toEqual(keptBuckets);
    cold.close();
    expect(keptBuckets.filter((r) => r.g !== null)).toHaveLength(kept.bgnbd?.holdout?.customers ?? -1);
    expect(kept.bgnbd?.holdout?.groupsKept).toBe(true);
  });

  it('learns the risk models afresh when the kept ones were boosted otherwise, as by a version with other rounds', async () => {
    const ours = `boosting rounds ${DEFAULT_BOOST.rounds}, depth ${DEFAULT_BOOST.depth}, rate ${DEFAULT_BOOST.rate},`;
    const riskRow = (b: Backend) => (b.session.db.prepare("SELECT value FROM meta WHERE key = 'analysis-saved:risk'").get() as { value: string }).value;
    /** A new session whose kept risk models carry band factors of 3 (every unit's money tripled if used), under `format`. */
    const tamperedSession = async (format: (ours: string) => string): Promise<Backend> => {
      const b = await reopened();
      const [key, line, json] = riskRow(b).split('\n');
      expect(line).toContain(ours);
      const models = JSON.parse(json) as Record<'customer' | 'relationship', { fitted: { bandFactor: number[] } | null; runRate: { bandFactor: number[] } | null }>;
      for (const level of Object.values(models)) for (const m of [level.fitted, level.runRate]) if (m) m.bandFactor = m.bandFactor.map(() => 3);
      b.session.db.prepare("UPDATE meta SET value = ? WHERE key = 'analysis-saved:risk'").run([key, format(line), JSON.stringify(models)].join('\n'));
      return b;
    };

    const before = await reopened();
    const learned = riskRow(before);
    before.close();
    const same = await tamperedSession((line) => line);
    const used = await same.call('analysis-run', { settings: { kMax: 7 } });
    same.session.db.prepare("UPDATE meta SET value = ? WHERE key = 'analysis-saved:risk'").run(learned);
    same.close();
    expect(used.leakage.recovery).not.toEqual(first.leakage.recovery);

    const older = await tamperedSession((line) => line.replace(ours, `boosting rounds 80, depth ${DEFAULT_BOOST.depth}, rate 0.1,`));
    const relearned = await older.call('analysis-run', { settings: { kMax: 7 } });
    const kept = riskRow(older);
    older.close();
    expect(results(relearned)).toEqual(results(first));
    expect(kept.split('\n')[1]).toContain(ours);
  });

  it('does not reuse a sweep made with other settings', async () => {
    const backend = await reopened();
    const other = await backend.call('analysis-run', { settings: { kMax: 5 } });
    backend.close();
    expect(other.quality.map((q) => q.k)).toEqual([2, 3, 4, 5]);
  });

  it('gives the same results in a new session as in the session that computed them', async () => {
    const backend = await reopened();
    const again = await backend.call('analysis-run', { settings: { kMax: 7 } });
    backend.close();
    expect(results(again)).toEqual(results(first));
  });
});

describe('the run-rate fallback kept in the workspace', () => {
  it('prices every unit the same after a save and a load as when just learned (the first 1,200 customers of Online Retail II to 2010-06-30, where the model is not used)', async () => {
    const ws = await newWorkspace({ clientName: 'Fallback Traders' });
    try {
      const ds = firstCustomers(onlineRetail(ONLINE_RETAIL_II).ds, 1_200);
      const cut = dayFromIso('2010-06-30');
      const past = datasetUpTo(ds, cut);
      let kept: RiskModels | undefined;
      const learned = assessRisk(past, cut, 120, (learn) => {
        const models = learn();
        const stages = savedStages(ws.backend.session.db, 'fallback-hash');
        stages.save('risk', 'as-of 2010-06-30', models);
        kept = stages.load('risk', 'as-of 2010-06-30') as RiskModels | undefined;
        return models;
      });
      expect(learned.customer.basis).toBe('run-rate');
      expect(kept?.customer.runRate?.calibrated).toBe(false);
      const reloaded = assessRisk(past, cut, 120, () => kept as RiskModels);
      expect(reloaded.customer.basis).toBe('run-rate');
      expect(Array.from(reloaded.customer.atRisk)).toEqual(Array.from(learned.customer.atRisk));
      expect(Array.from(reloaded.customer.pDecline)).toEqual(Array.from(learned.customer.pDecline));
      expect(Array.from(reloaded.relationship.atRisk)).toEqual(Array.from(learned.relationship.atRisk));
    } finally {
      ws.cleanup();
    }
  });
});
