import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import type { AnalysisSummary, CustomerRows } from '../../../shared/model/results';
import { customersAhead, finishRun, mixJson, startRun } from '../../../main/backend/analysis/store';
import { rowBatches } from '../../../main/backend/db/row-batches';
import { warmData } from '../../../main/backend/analysis/warm';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let first: AnalysisSummary;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Save Rows Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 12, customers: 180 });
  await w.backend.call('import-run', { path: csv });
  first = await w.backend.call('analysis-run', { settings: {} });
});
afterAll(() => w.cleanup());

describe('saving a run’s customers one at a time', () => {
  it('writes a mix the same from a view into the features’ shared table as from an array', () => {
    const table = Float64Array.from([0.25, 0.75, 0, 1 / 3, 2 / 3, -0, 0.123456789, 0.5, 0.376543211]);
    for (let i = 0; i < 3; i++) {
      const view = table.subarray(i * 3, i * 3 + 3);
      expect(mixJson(view)).toBe(`[${Array.from(view, (v) => Math.round(v * 1e5) / 1e5).join(',')}]`);
    }
    expect(mixJson(table.subarray(0, 3))).toBe('[0.25,0.75,0]');
  });

  it('stores customers made one at a time, each mix a view into the features, exactly as the run stored them; the customer page shows the same mix', async () => {
    const db = w.backend.session.db;
    const data = warmData(w.backend.session);
    const output = runAnalysis(data.ds, defaultAnalysisSettings());
    const { features } = output.stages;
    const m = features.m;
    let made = 0;
    const rows: CustomerRows = {
      count: output.customers.length,
      code: (i) => output.customers[i].code,
      row: (i) => {
        made++;
        return { ...output.customers[i], mix: features.mix.subarray(i * m, (i + 1) * m) };
      },
    };
    const second = startRun(db, '2026-01-15T09:00:00.000Z', first.asOf, first.settings, first.dataHash);
    finishRun(db, { ...first, runId: second }, rows, output.actions);
    expect(made).toBe(output.customers.length);

    const stored = (runId: number) => db.prepare('SELECT * FROM run_customers WHERE run_id = ? ORDER BY code').raw().all(runId).map((r) => (r as unknown[]).slice(1));
    expect(stored(first.runId).length).toBeGreaterThan(100);
    expect(stored(second)).toEqual(stored(first.runId));

    const buyer = output.customers.find((c) => c.breadth >= 3);
    if (!buyer) throw new Error('the sample has a customer buying three categories');
    const before = await w.backend.call('analysis-customer', { code: buyer.code, runId: first.runId });
    const after = await w.backend.call('analysis-customer', { code: buyer.code, runId: second });
    expect(after.customer.mix).toEqual(before.customer.mix);
    expect(after.customer.mix.filter((v) => v > 0).length).toBe(buyer.breadth);
  });
});

describe('saving customers whose order and mix were written while the risk thread ran', () => {
  it('stores exactly the rows a save that wrote them itself stores', () => {
    const db = w.backend.session.db;
    const data = warmData(w.backend.session);
    const output = runAnalysis(data.ds, defaultAnalysisSettings());
    const { features } = output.stages;
    const ahead = customersAhead(features.n, (i) => data.ds.customers[i].code, (i) => features.mix.subarray(i * features.m, (i + 1) * features.m));
    expect(ahead.order).toHaveLength(output.customerRows.count);
    const saved = startRun(db, '2026-01-15T09:00:00.000Z', first.asOf, first.settings, first.dataHash);
    finishRun(db, { ...first, runId: saved }, output.customerRows, output.actions, ahead);
    const stored = (runId: number) => db.prepare('SELECT * FROM run_customers WHERE run_id = ? ORDER BY code').raw().all(runId).map((r) => (r as unknown[]).slice(1));
    expect(stored(saved)).toEqual(stored(first.runId));
    // In key order, as a save without them writes: each row at the end of the table's tree.
    const codes = ahead.order.map((i) => data.ds.customers[i].code);
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('ignores them when they were made for another set of customers', () => {
    const db = w.backend.session.db;
    const data = warmData(w.backend.session);
    const output = runAnalysis(data.ds, defaultAnalysisSettings());
    const stale = customersAhead(3, (i) => `X${i}`, () => [1]);
    const saved = startRun(db, '2026-01-15T09:00:00.000Z', first.asOf, first.settings, first.dataHash);
    finishRun(db, { ...first, runId: saved }, output.customerRows, output.actions, stale);
    const mixes = db.prepare('SELECT mix_json FROM run_customers WHERE run_id = ? ORDER BY code').pluck().all(saved);
    expect(mixes).toEqual(db.prepare('SELECT mix_json FROM run_customers WHERE run_id = ? ORDER BY code').pluck().all(first.runId));
  });
});

describe('writing a run’s rows many to a statement', () => {
  it('stores every row exactly as given, the full statements’ and the remainder’s alike', () => {
    const db = w.backend.session.db;
    const runId = startRun(db, '2026-01-15T09:00:00.000Z', first.asOf, first.settings, first.dataHash);
    const parts = rowBatches(db, 'run_action_parts', { column: 'run_id', value: runId }, ['category', 'action_id', 'at_risk']);
    const given = Array.from({ length: 64 * 2 + 5 }, (_, i) => [`Category ${i % 7}`, `recovery:C${String(i).padStart(4, '0')}:All categories`, i / 3]);
    for (const [category, id, atRisk] of given) parts.add(category, id, atRisk);
    parts.flush();
    const stored = db.prepare('SELECT category, action_id, at_risk FROM run_action_parts WHERE run_id = ? ORDER BY action_id').raw().all(runId);
    expect(stored).toEqual(given);
  });

  it('refuses a row with a value too many or too few, rather than shifting every column after it', () => {
    const db = w.backend.session.db;
    const parts = rowBatches(db, 'run_action_parts', { column: 'run_id', value: first.runId }, ['category', 'action_id', 'at_risk']);
    expect(() => parts.add('Dairy', 'growth:C0001:Dairy')).toThrow(/2 values for the 3 columns/);
    expect(() => parts.add('Dairy', 'growth:C0001:Dairy', 1, 2)).toThrow(/4 values for the 3 columns/);
  });
});

describe('saving a big run', () => {
  it('stores all of 50,000 customers and leaves the workspace as it found it, in WAL with foreign keys on', () => {
    const db = w.backend.session.db;
    const runId = startRun(db, '2026-01-15T09:00:00.000Z', first.asOf, first.settings, first.dataHash);
    const count = 50_000;
    const rows: CustomerRows = {
      count,
      code: (i) => `B${String(count - i).padStart(6, '0')}`,
      row: (i) => ({
        code: `B${String(count - i).padStart(6, '0')}`, name: `Customer ${i}`, tier: 'long-tail', profile: 1, affinity: 0.5, isBest: false,
        revenue12m: i, mix: [0.25, 0.75], breadth: 2, purchases: 3, recencyDays: 10, tenureDays: 400, pAlive: 0.9, holdoutGroup: null,
        atRiskRevenue: 0, growthRevenue: 0, rep: null, territory: null, segment: null,
      }),
    };
    finishRun(db, { ...first, runId }, rows, []);
    expect(db.prepare('SELECT count(*) AS n, sum(revenue12m) AS total FROM run_customers WHERE run_id = ?').get(runId)).toEqual({ n: count, total: (count * (count - 1)) / 2 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
