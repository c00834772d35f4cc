import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/model/results';
import { slicedSample, type SlicedSample } from './sliced-sample';

let w: SlicedSample['w'];
let all: Action[];

beforeAll(async () => {
  ({ w, all } = await slicedSample('Slice Money Foods'));
});
afterAll(() => w.cleanup());

/** The category whole-account recoveries carry most often: its slice mixes own and account-wide calls. */
function busiestPart(): string {
  const row = w.backend.session.db
    .prepare('SELECT category, count(*) AS n FROM run_action_parts WHERE run_id = (SELECT max(id) FROM analysis_runs) GROUP BY category ORDER BY n DESC, category LIMIT 1')
    .get() as { category: string } | undefined;
  if (!row) throw new Error('the sample run has no whole-account recovery');
  return row.category;
}

const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);

describe("the customers of a slice carry the slice's money, as its headline counts it", () => {
  it("lists each customer of a category slice with the category's part of its calls, summing to the headline", async () => {
    const category = busiestPart();
    const head = await w.backend.call('analysis-actions', { category, limit: 100000 });
    const customers = await w.backend.call('analysis-customers', { category, limit: 100000 });
    expect(customers.total).toBe(head.customers);
    expect(sum(customers.rows.map((c) => c.atRiskRevenue + c.growthRevenue))).toBeCloseTo(head.totalExpected, 2);
    // A customer with calls outside the category counts none of them here.
    const whole = await w.backend.call('analysis-customers', { limit: 100000 });
    const wider = customers.rows.find((c) => {
      const own = whole.rows.find((x) => x.code === c.code);
      return own !== undefined && own.atRiskRevenue + own.growthRevenue > c.atRiskRevenue + c.growthRevenue + 1;
    });
    expect(wider).toBeDefined();
    const growthHere = sum(all.filter((a) => a.kind === 'growth' && a.customerCode === wider?.code && a.category === category).map((a) => a.expectedRevenue));
    expect(wider?.growthRevenue).toBeCloseTo(growthHere, 6);
  });

  it('orders a category slice by the money it shows', async () => {
    const category = busiestPart();
    const sorted = await w.backend.call('analysis-customers', { category, sort: 'atRiskRevenue', dir: 'desc', limit: 100000 });
    const atRisk = sorted.rows.map((c) => c.atRiskRevenue);
    expect(atRisk).toEqual([...atRisk].sort((a, b) => b - a));
  });

  it('counts only the kind a kind slice names', async () => {
    const recovery = await w.backend.call('analysis-customers', { kind: 'recovery', limit: 100000 });
    const head = await w.backend.call('analysis-actions', { kind: 'recovery', limit: 1 });
    expect(recovery.rows.every((c) => c.growthRevenue === 0)).toBe(true);
    expect(sum(recovery.rows.map((c) => c.atRiskRevenue))).toBeCloseTo(head.totalExpected, 2);
  });
});
