import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/model/results';
import { slicedSample, type SlicedSample } from './sliced-sample';

let w: SlicedSample['w'];
let all: Action[];

beforeAll(async () => {
  ({ w, all } = await slicedSample('Slice Foods'));
});
afterAll(() => w.cleanup());

type Part = { action_id: string; category: string; at_risk: number };
/** The categories whole-account recoveries of the latest run carry, read from the workspace itself. */
const partsOf = (category?: string): Part[] =>
  w.backend.session.db
    .prepare(`SELECT action_id, category, at_risk FROM run_action_parts WHERE run_id = (SELECT max(id) FROM analysis_runs)${category ? ' AND category = ?' : ''}`)
    .all(...(category ? [category] : [])) as Part[];

describe('slices of a run: the filters every drill-down and cross-filter uses', () => {
  it('breaks actions down by territory into groups that add up to the whole', async () => {
    const whole = await w.backend.call('analysis-actions', { groupBy: 'territory', limit: 1 });
    const groups = whole.groups ?? [];
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.reduce((t, g) => t + g.actions, 0)).toBe(whole.total);
    expect(groups.reduce((t, g) => t + g.expected, 0)).toBeCloseTo(whole.totalExpected, 2);
    expect(groups.map((g) => g.expected)).toEqual([...groups.map((g) => g.expected)].sort((a, b) => b - a));
    // Each group is exactly what filtering on its key lists.
    const first = await w.backend.call('analysis-actions', { territory: groups[0].key, limit: 1 });
    expect([first.total, first.customers]).toEqual([groups[0].actions, groups[0].customers]);
  });

  it('searches every text a table shows, each word anywhere in the action, as the tables filter what they hold', async () => {
    const pick = all.find((a) => a.kind === 'recovery' && a.rep !== null && a.territory !== null) as Action;
    const words = [pick.rep as string, pick.territory as string, 'recovery'];
    const found = await w.backend.call('analysis-actions', { search: words.join('  '), limit: 100000 });
    const lower = (a: Action) => [a.customerCode, a.customerName, a.category, a.kind, a.rep ?? '', a.territory ?? '', a.reason].join('\u0000').toLowerCase();
    const expected = all.filter((a) => words.every((word) => lower(a).includes(word.toLowerCase())));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.rows.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    // A word of the reason alone finds its actions too.
    const why = (await w.backend.call('analysis-actions', { search: 'cycles', limit: 100000 })).total;
    expect(why).toBe(all.filter((a) => a.reason.toLowerCase().includes('cycles')).length);
  });

  it('combines territory, tier, kind and category, and every listed action matches all of them', async () => {
    const pick = all.find((a) => a.kind === 'growth' && a.territory !== null) as Action;
    const slice = { kind: 'growth' as const, territory: pick.territory as string, tier: pick.tier, category: pick.category };
    const cut = await w.backend.call('analysis-actions', { ...slice, limit: 100000 });
    const expected = all.filter((a) => a.kind === slice.kind && a.territory === slice.territory && a.tier === slice.tier && a.category === slice.category);
    expect(cut.rows.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    expect(cut.customers).toBe(new Set(expected.map((a) => a.customerCode)).size);
    const narrower = await w.backend.call('analysis-actions', { ...slice, rep: pick.rep ?? undefined, limit: 1 });
    expect(narrower.total).toBeLessThanOrEqual(cut.total);
    expect(narrower.total).toBeGreaterThan(0);
  });

  it('lists the customers behind a category slice: those with an action in it, in the same territory', async () => {
    const pick = all.find((a) => a.kind === 'recovery' && a.territory !== null) as Action;
    const customers = await w.backend.call('analysis-customers', { kind: 'recovery', category: pick.category, territory: pick.territory as string, limit: 100000 });
    const carrying = new Set(partsOf(pick.category).map((p) => p.action_id));
    const expected = new Set(
      all.filter((a) => a.kind === 'recovery' && (a.category === pick.category || carrying.has(a.id)) && a.territory === pick.territory).map((a) => a.customerCode),
    );
    expect(customers.rows.map((c) => c.code).sort()).toEqual([...expected].sort());
    expect(customers.rows.every((c) => c.territory === pick.territory)).toBe(true);
  });

  it("lists a whole-account recovery under each category it carries, counting that category's part, so a category's slice holds what its leakage bar shows", async () => {
    const parts = partsOf();
    expect(parts.length).toBeGreaterThan(0);
    const summary = await w.backend.call('analysis-summary', {});
    expect(summary.settings.recovery.horizonDays).toBe(365);
    const category = parts[0].category;
    const cut = await w.backend.call('analysis-actions', { category, limit: 100000 });
    const carrying = partsOf(category);
    const own = all.filter((a) => a.category === category);
    expect(cut.rows.map((a) => a.id).sort()).toEqual([...own.map((a) => a.id), ...carrying.map((p) => p.action_id)].sort());
    expect(cut.rows.some((a) => a.category === 'All categories')).toBe(true);
    const money = own.reduce((t, a) => t + a.expectedRevenue, 0) + carrying.reduce((t, p) => t + p.at_risk, 0);
    expect(cut.totalExpected).toBeCloseTo(money, 2);
    // At a year's horizon recovery money is already yearly: the slice holds exactly the bar's money.
    const bar = summary.leakage.by.category.find((r) => r.key === category);
    expect(cut.totalExpected).toBeCloseTo(bar?.total ?? NaN, 2);
    // Every category bar opens a slice with the same money.
    for (const row of summary.leakage.by.category) {
      const slice = await w.backend.call('analysis-actions', { category: row.key, limit: 1 });
      expect(slice.totalExpected).toBeCloseTo(row.total, 2);
    }
  });

  it('breaks actions down by category with whole-account recoveries split into the categories they carry', async () => {
    const whole = await w.backend.call('analysis-actions', { groupBy: 'category', limit: 1 });
    const groups = whole.groups ?? [];
    expect(groups.map((g) => g.key)).not.toContain('All categories');
    expect(groups.reduce((t, g) => t + g.expected, 0)).toBeCloseTo(whole.totalExpected, 2);
    // Each group equals the category's own slice; an account-wide call counts in each category it carries.
    for (const g of groups.slice(0, 4)) {
      const slice = await w.backend.call('analysis-actions', { category: g.key, limit: 1 });
      expect([slice.total, slice.customers]).toEqual([g.actions, g.customers]);
      expect(slice.totalExpected).toBeCloseTo(g.expected, 2);
    }
    expect(groups.reduce((t, g) => t + g.actions, 0)).toBe(whole.total - all.filter((a) => a.category === 'All categories').length + partsOf().length);
    // Within a category slice the breakdown by category is that one category.
    const one = await w.backend.call('analysis-actions', { category: groups[0].key, groupBy: 'category', limit: 1 });
    expect(one.groups).toEqual([{ key: groups[0].key, actions: one.total, customers: one.customers, expected: expect.closeTo(one.totalExpected, 2) }]);
  });

  it("opens each bar of the BG/NBD holdout check as a slice of exactly the customers it counts, with their actions", async () => {
    const summary = await w.backend.call('analysis-summary', {});
    const check = summary.bgnbd?.holdout;
    expect(check?.groupsKept).toBe(true);
    const buckets = check?.buckets ?? [];
    expect(buckets.length).toBeGreaterThan(3);
    for (const bar of buckets) {
      const repeats = Number.parseInt(bar.label, 10);
      const customers = await w.backend.call('analysis-customers', { repeats, limit: 100000 });
      expect([bar.label, customers.total]).toEqual([bar.label, bar.customers]);
      expect(customers.rows.every((c) => c.holdoutGroup === repeats)).toBe(true);
      const codes = new Set(customers.rows.map((c) => c.code));
      const actions = await w.backend.call('analysis-actions', { repeats, limit: 100000 });
      expect(actions.rows.map((a) => a.id).sort()).toEqual(all.filter((a) => codes.has(a.customerCode)).map((a) => a.id).sort());
    }
    // The last bar is "7 or more"; customers first seen after the calibration end are in no bar.
    expect(buckets.at(-1)?.label).toBe('7+');
    const everyone = await w.backend.call('analysis-customers', { limit: 1 });
    const inNoBar = everyone.total - buckets.reduce((t, b) => t + b.customers, 0);
    expect(inNoBar).toBe(everyone.total - (check?.customers ?? 0));
  });

  it('breaks actions down by holdout-check bar and combines a bar with a territory', async () => {
    const whole = await w.backend.call('analysis-actions', { groupBy: 'repeats', limit: 1 });
    const groups = whole.groups ?? [];
    expect(groups.reduce((t, g) => t + g.actions, 0)).toBe(whole.total);
    const bar = groups.find((g) => g.key !== '(none)') as (typeof groups)[number];
    const slice = await w.backend.call('analysis-actions', { repeats: Number(bar.key), limit: 1 });
    expect([slice.total, slice.customers]).toEqual([bar.actions, bar.customers]);
    const territory = all.find((a) => a.territory !== null)?.territory as string;
    const both = await w.backend.call('analysis-customers', { repeats: Number(bar.key), territory, limit: 100000 });
    expect(both.rows.every((c) => c.holdoutGroup === Number(bar.key) && c.territory === territory)).toBe(true);
    const inBar = await w.backend.call('analysis-customers', { repeats: Number(bar.key), limit: 100000 });
    expect(both.total).toBe(inBar.rows.filter((c) => c.territory === territory).length);
  });

  it('groups by profile and filters on one, and reads a missing rep as "(none)"', async () => {
    const byProfile = await w.backend.call('analysis-actions', { groupBy: 'profile', kind: 'growth', limit: 1 });
    const top = (byProfile.groups ?? [])[0];
    const one = await w.backend.call('analysis-actions', { kind: 'growth', profile: Number(top.key), limit: 100000 });
    expect(one.total).toBe(top.actions);
    expect(one.rows.every((a) => a.profile === Number(top.key))).toBe(true);
    const none = await w.backend.call('analysis-actions', { rep: '(none)', limit: 100000 });
    expect(none.total).toBe(all.filter((a) => a.rep === null).length);
  });
});
