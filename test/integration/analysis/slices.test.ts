import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let all: Action[];

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Slice Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 11, customers: 240 });
  await w.backend.call('import-run', { path: csv });
  await w.backend.call('analysis-run', { settings: { kMax: 6 } });
  all = (await w.backend.call('analysis-actions', { limit: 100000 })).rows;
});
afterAll(() => w.cleanup());

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
    const expected = new Set(all.filter((a) => a.kind === 'recovery' && a.category === pick.category && a.territory === pick.territory).map((a) => a.customerCode));
    expect(customers.rows.map((c) => c.code).sort()).toEqual([...expected].sort());
    expect(customers.rows.every((c) => c.territory === pick.territory)).toBe(true);
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
