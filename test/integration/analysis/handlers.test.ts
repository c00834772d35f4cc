import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../shared/contract/progress';
import type { Action, AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let summary: AnalysisSummary;
const progress: Progress[] = [];

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Sample Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 5, customers: 300 });
  await w.backend.call('import-run', { path: csv });
  summary = await w.backend.call('analysis-run', { settings: { kMax: 8 } }, { onProgress: (p) => progress.push(p) });
});
afterAll(() => w.cleanup());

describe('analysis handlers on a real workspace', () => {
  it('runs the analysis with progress per stage and stores it as the latest run', async () => {
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['loading', 'features', 'profiles', 'recovery', 'growth', 'done']));
    expect(summary.runId).toBe(1);
    expect(summary.customers.total).toBe(300);
    expect(summary.quality.map((q) => q.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(summary.counts.recoveryActions).toBeGreaterThan(0);
    expect(summary.counts.growthActions).toBeGreaterThan(0);
    expect(summary.timings.total).toBeGreaterThan(0);
    const info = await w.backend.call('workspace-info', {});
    expect(summary.asOf).toBe(info.dateTo);
    expect(info.lastAnalysis).toEqual({ runId: 1, createdAt: summary.createdAt, asOf: summary.asOf });
    expect(await w.backend.call('analysis-summary', {})).toEqual(summary);
    expect(await w.backend.call('analysis-runs', {})).toMatchObject([
      { runId: 1, createdAt: summary.createdAt, asOf: summary.asOf, k: summary.k, leakageTotal: summary.leakage.total, leakageShare: summary.leakage.share },
    ]);
  });

  it('gives the scatter one lean point per customer that matches the full customer rows', async () => {
    const points = await w.backend.call('analysis-points', {});
    const full = await w.backend.call('analysis-customers', { sort: 'revenue12m', dir: 'desc', limit: 1000 });
    expect(points.total).toBe(300);
    expect(Object.keys(points.rows[0]).sort()).toEqual(['breadth', 'code', 'name', 'profile', 'revenue12m']);
    const byCode = new Map(full.rows.map((c) => [c.code, c]));
    for (const p of points.rows) {
      const c = byCode.get(p.code);
      expect(p).toEqual({ code: c?.code, name: c?.name, revenue12m: c?.revenue12m, breadth: c?.breadth, profile: c?.profile });
    }
    expect(points.rows.map((p) => p.revenue12m)).toEqual([...points.rows.map((p) => p.revenue12m)].sort((a, b) => b - a));
  });

  it('lists customers filtered by tier and sorted by revenue, a page at a time', async () => {
    const page = await w.backend.call('analysis-customers', { tier: 'long-tail', sort: 'revenue12m', dir: 'desc', limit: 10 });
    expect(page.total).toBe(summary.customers.longTail);
    expect(page.rows).toHaveLength(10);
    expect(page.rows.every((c) => c.tier === 'long-tail')).toBe(true);
    const revenues = page.rows.map((c) => c.revenue12m);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const next = await w.backend.call('analysis-customers', { tier: 'long-tail', limit: 10, offset: 10 });
    expect(next.rows[0].revenue12m).toBeLessThanOrEqual(revenues[9]);
  });

  it('lists actions by kind with the money they add up to, highest priority first', async () => {
    const all = await w.backend.call('analysis-actions', { kind: 'recovery', limit: 100000 });
    expect(all.total).toBe(summary.counts.recoveryActions);
    expect(all.totalExpected).toBeCloseTo(summary.leakage.recovery, 2);
    const priorities = all.rows.map((a) => a.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    const one = all.rows[0];
    expect(one.id).toBe(`recovery:${one.customerCode}:${one.category}`);
    const search = await w.backend.call('analysis-actions', { search: one.customerCode });
    expect(search.rows.map((a) => a.id)).toContain(one.id);
  });

  it('shows one customer: 24 months by category, purchases, its own cycles, p alive and its actions', async () => {
    const [action] = (await w.backend.call('analysis-actions', { runId: 1, kind: 'recovery', limit: 1 })).rows;
    const detail = await w.backend.call('analysis-customer', { runId: 1, code: action.customerCode });
    expect(detail.monthly).toHaveLength(24);
    expect(detail.monthly.at(-1)?.month).toBe(summary.asOf.slice(0, 7));
    expect(detail.purchases.length).toBeGreaterThan(0);
    expect(detail.cycles.map((c) => c.category)).toContain(action.category);
    expect(detail.actions.map((a) => a.id)).toContain(action.id);
    expect(detail.customer.pAlive).not.toBeNull();
    const missing = await w.backend.invoke('analysis-customer', { runId: 1, code: 'NOPE' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('re-evaluates recovery thresholds from the warm model in milliseconds, with the lateness curve', async () => {
    const stricter = await w.backend.call('analysis-recovery-evaluate', { recovery: { lateness: 4 } });
    const base = await w.backend.call('analysis-recovery-evaluate', {});
    expect(base.count).toBe(summary.counts.recoveryActions);
    expect(stricter.count).toBeLessThanOrEqual(base.count);
    expect(base.curve.map((p) => p.lateness)).toContain(2);
    // The curve's points are decided without reasons or a flag's full facts; at every point they
    // count and sum what an evaluation that lists its actions, every word written, does.
    expect(base.curve.find((p) => p.lateness === 4)).toEqual({ lateness: 4, count: stricter.count, atRisk: stricter.atRisk });
    for (const point of base.curve) {
      const listed = await w.backend.call('analysis-recovery-evaluate', { recovery: { ...summary.settings.recovery, lateness: point.lateness }, withActions: true, actionsLimit: 1 });
      expect({ lateness: point.lateness, count: listed.count, atRisk: listed.atRisk }).toEqual(point);
      expect(listed.actions?.[0].reason).toBeTruthy();
    }
    expect(base.elapsedMs).toBeLessThan(1000);
    expect(base.actions).toBeUndefined();
  });

  it("lists recovery actions by call value (chance x (money at risk + its level's weight)), the order the backtest takes flags in, ties in priority order", async () => {
    const byPriority = await w.backend.call('analysis-actions', { kind: 'recovery', limit: 100000 });
    const weighted = await w.backend.call('analysis-actions', { kind: 'recovery', sort: 'weighted', dir: 'desc', limit: 100000 });
    const chance = (a: Action) => a.facts.probability as number;
    expect(byPriority.rows.every((a) => typeof a.facts.probability === 'number' && chance(a) > 0 && chance(a) <= 1)).toBe(true);
    // Each level's weight is what the run's order states: customers sliding as a whole, and the relationship calls.
    const order = summary.recovery?.order;
    expect(order?.customer).toBeTruthy();
    const wholeCustomer = (a: Action) => a.category === 'All categories' && a.facts.signal !== 'several-categories';
    const weightOf = (a: Action) => (wholeCustomer(a) ? (order?.customer?.weight ?? 0) : (order?.relationship?.weight ?? 0));
    for (const a of byPriority.rows) expect(a.facts.callValue).toBeCloseTo(chance(a) * (a.expectedRevenue + weightOf(a)), 1);
    const expected = byPriority.rows
      .map((a, rank) => ({ id: a.id, key: a.facts.callValue as number, rank }))
      .sort((x, y) => y.key - x.key || x.rank - y.rank)
      .map((x) => x.id);
    expect(weighted.rows.map((a) => a.id)).toEqual(expected);
    expect(weighted.rows.map((a) => a.id)).not.toEqual(byPriority.rows.map((a) => a.id));
  });

  it('lists the recovery actions other thresholds would make, identical to the run at its own settings', async () => {
    const stored = await w.backend.call('analysis-actions', { kind: 'recovery', sort: 'weighted', dir: 'desc', limit: 100000 });
    const same = await w.backend.call('analysis-recovery-evaluate', { recovery: summary.settings.recovery, withActions: true });
    const brief = (a: { id: string; expectedRevenue: number; priority: number; tier: string; profile: number | null; rep: string | null }) => [a.id, a.expectedRevenue, a.priority, a.tier, a.profile, a.rep];
    expect(same.actions?.map(brief)).toEqual(stored.rows.map(brief));
    // Whole-customer actions are the run's win-backs and slipping accounts: one per customer, 'All categories'.
    expect(same.wholeCustomers).toBe(stored.rows.filter((a) => a.category === 'All categories').length);
    expect(same.wholeCustomers).toBeGreaterThan(0);

    const stricter = await w.backend.call('analysis-recovery-evaluate', { recovery: { ...summary.settings.recovery, lateness: 4 }, withActions: true });
    expect(stricter.actions).toHaveLength(stricter.count);
    expect(stricter.count).toBeLessThan(same.count);
    expect(stricter.actionsTotal).toBe(stricter.count);
    const money = (stricter.actions ?? []).reduce((t, a) => t + a.expectedRevenue, 0);
    expect(money).toBeCloseTo(stricter.atRisk, 0);
  });

  it('lists only the top actions a slider step asks for, and says how many there are in all', async () => {
    const all = await w.backend.call('analysis-recovery-evaluate', { recovery: { ...summary.settings.recovery, lateness: 2.5 }, withActions: true });
    const top = await w.backend.call('analysis-recovery-evaluate', { recovery: { ...summary.settings.recovery, lateness: 2.5 }, withActions: true, actionsLimit: 5 });
    expect(all.count).toBeGreaterThan(5);
    expect(top.actions?.map((a) => a.id)).toEqual(all.actions?.slice(0, 5).map((a) => a.id));
    expect(top.actionsTotal).toBe(all.count);
    expect(top.count).toBe(all.count);
  });

  it('recomputes only what a changed k depends on and stores a second run', async () => {
    const again = await w.backend.call('analysis-run', { settings: { kMax: 8, k: 3 } });
    expect(again.runId).toBe(2);
    expect(again.k).toBe(3);
    expect(again.timings.features).toBeLessThan(1);
    expect((await w.backend.call('analysis-runs', {})).map((r) => r.runId)).toEqual([2, 1]);
    expect((await w.backend.call('analysis-summary', { runId: 1 })).k).toBe(summary.k);
  });

  it('rebuilds the recovery model when the session cache is cold', async () => {
    w.backend.session.dropCaches();
    const cold = await w.backend.call('analysis-recovery-evaluate', { runId: 1 });
    expect(cold.count).toBe(summary.counts.recoveryActions);
  });

  it("stores the run's recovery figures with it, so the Recovery screen shows them before its first evaluation, and they are what that evaluation says", async () => {
    w.backend.session.dropCaches();
    const stored = (await w.backend.call('analysis-summary', { runId: 1 })).recovery?.totals;
    const evaluated = await w.backend.call('analysis-recovery-evaluate', { runId: 1 });
    expect(stored).toEqual({ count: evaluated.count, atRisk: evaluated.atRisk, customers: evaluated.customers, wholeCustomers: evaluated.wholeCustomers });
    const listed = await w.backend.call('analysis-actions', { runId: 1, kind: 'recovery', limit: 100000 });
    expect(stored?.count).toBe(listed.total);
    expect(stored?.customers).toBe(new Set(listed.rows.map((a) => a.customerCode)).size);
    expect(stored?.atRisk).toBeCloseTo(listed.rows.reduce((t, a) => t + a.expectedRevenue, 0), 0);
  });

  it('decides a slider step from what it keeps (forecasts, value floor, curve) exactly as a cold session decides it, with or without the list', async () => {
    const steps = [2.5, 3, 4, 2.5];
    const evaluate = async () => {
      const out = [];
      for (const lateness of steps) {
        const recovery = { ...summary.settings.recovery, lateness };
        const totals = await w.backend.call('analysis-recovery-evaluate', { runId: 1, recovery });
        const listed = await w.backend.call('analysis-recovery-evaluate', { runId: 1, recovery, withActions: true, actionsLimit: 100000 });
        // A step without its list writes no reasons, yet counts and sums what the listed one does.
        expect({ ...totals, elapsedMs: 0 }).toEqual({ ...listed, elapsedMs: 0, actions: undefined, actionsTotal: undefined, order: undefined });
        out.push({ ...listed, elapsedMs: 0 });
      }
      return out;
    };
    const warm = await evaluate();
    w.backend.session.dropCaches();
    const cold = await evaluate();
    expect(warm).toEqual(cold);
    expect(warm[0]).toEqual(warm[3]);
  });

  it('backtests recovery at customer and relationship level beside the four naive rules, and growth beside the popularity rules', async () => {
    expect((await w.backend.call('analysis-backtest-last', { runId: 1 })).report).toBeNull();
    const result = await w.backend.call('analysis-backtest', { runId: 1, horizonDays: 120 });
    expect(result.horizonDays).toBe(120);
    // Kept with the run, so the Recovery and Growth screens show it again without replaying.
    expect((await w.backend.call('analysis-backtest-last', { runId: 1 })).report).toEqual(result);
    // The sample has twelve categories, so both levels are scored.
    expect(result.levels.map((l) => l.id)).toEqual(['customer', 'relationship', 'relationship-all']);
    for (const level of result.levels) {
      expect(level.rows.map((r) => r.method)).toEqual(['model', 'recency', 'drop-90', 'own-gap', 'random', 'foresight']);
      for (const row of level.rows) {
        expect(row.precision).toBeGreaterThanOrEqual(0);
        expect(row.precision).toBeLessThanOrEqual(1);
        expect(row.flagged).toBeLessThanOrEqual(level.compared);
      }
      expect(level.verdict.text.length).toBeGreaterThan(20);
    }
    // The same replay's growth actions, beside as many suggestions from each popularity rule.
    const growth = result.growth!;
    expect(growth.rows.map((r) => r.method)).toEqual(['model', 'same-customers-popular', 'popular', 'random', 'foresight']);
    const suggested = growth.rows[0].suggestions;
    expect(suggested).toBeGreaterThan(0);
    for (const row of growth.rows) {
      expect(row.suggestions).toBeLessThanOrEqual(suggested);
      expect(row.takenUp).toBeLessThanOrEqual(row.suggestions);
      expect(row.uplift).toBeLessThanOrEqual(growth.rows[4].uplift + 1e-6);
    }
  });

  it('refuses a backtest date that leaves no room for the horizon, naming the dates that work', async () => {
    const outcome = await w.backend.invoke('analysis-backtest', { runId: 1, asOf: summary.asOf, horizonDays: 120 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(outcome)).toMatch(/needs an as-of date between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}/);
  });

  it('stops between stages when cancelled, saves nothing and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await w.backend.invoke('analysis-run', { settings: { seed: 7 } }, { signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await w.backend.call('analysis-runs', {})).map((r) => r.runId)).toEqual([2, 1]);
  });

  it('answers NO_ANALYSIS for a workspace never analysed, and NOT_FOUND for an unknown run', async () => {
    const fresh = await newWorkspace();
    try {
      expect(await fresh.backend.invoke('analysis-summary', {})).toMatchObject({ ok: false, error: { code: 'NO_ANALYSIS' } });
      expect(await fresh.backend.invoke('analysis-run', {})).toMatchObject({ ok: false, error: { code: 'NO_DATA' } });
    } finally {
      fresh.cleanup();
    }
    expect(await w.backend.invoke('analysis-summary', { runId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
