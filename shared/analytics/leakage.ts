import type { Action, Leakage, LeakageDimension, LeakageRow, Tier } from '../model/results';
import type { Dataset } from '../model/dataset';
import type { Features } from './features';

/** Vendors' range for revenue lost to churn and missed cross-sell in B2B (../docs/analytics.md). */
export const INDUSTRY_BAND = { low: 0.07, high: 0.3 } as const;

const UNASSIGNED = '(none)';

type Acc = { recovery: number; growth: number; revenue12m: number };

const rowsOf = (acc: Map<string, Acc>): LeakageRow[] =>
  [...acc.entries()]
    .map(([key, a]) => {
      const total = a.recovery + a.growth;
      return { key, recovery: a.recovery, growth: a.growth, total, revenue12m: a.revenue12m, share: a.revenue12m > 0 ? total / a.revenue12m : 0 };
    })
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export function computeLeakage(
  ds: Dataset,
  f: Features,
  tier: Tier[],
  profileOf: Int32Array,
  profileLabels: string[],
  actions: readonly Action[],
): Leakage {
  const maps: Record<LeakageDimension, Map<string, Acc>> = {
    territory: new Map(),
    rep: new Map(),
    category: new Map(),
    tier: new Map(),
    profile: new Map(),
  };
  const get = (d: LeakageDimension, key: string): Acc => {
    let a = maps[d].get(key);
    if (!a) {
      a = { recovery: 0, growth: 0, revenue12m: 0 };
      maps[d].set(key, a);
    }
    return a;
  };
  const keysOf = (i: number): Record<Exclude<LeakageDimension, 'category'>, string> => {
    const c = ds.customers[i];
    const p = profileOf[i];
    return {
      territory: c.territory ?? UNASSIGNED,
      rep: c.rep ?? UNASSIGNED,
      tier: tier[i],
      profile: p >= 0 ? (profileLabels[p] ?? String(p + 1)) : UNASSIGNED,
    };
  };
  let revenue12m = 0;
  for (let i = 0; i < f.n; i++) {
    const r = f.revenue12m[i];
    if (!(r > 0)) continue;
    revenue12m += r;
    const keys = keysOf(i);
    for (const d of ['territory', 'rep', 'tier', 'profile'] as const) get(d, keys[d]).revenue12m += r;
    for (let c = 0; c < f.m; c++) {
      const v = f.catRevenue12m[i * f.m + c];
      if (v > 0) get('category', ds.categories[c]).revenue12m += v;
    }
  }
  const index = new Map(ds.customers.map((c, i) => [c.code, i]));
  let recovery = 0;
  let growth = 0;
  for (const a of actions) {
    const i = index.get(a.customerCode) as number;
    const keys = keysOf(i);
    const add = (acc: Acc) => {
      if (a.kind === 'recovery') acc.recovery += a.expectedRevenue;
      else acc.growth += a.expectedRevenue;
    };
    if (a.kind === 'recovery') recovery += a.expectedRevenue;
    else growth += a.expectedRevenue;
    for (const d of ['territory', 'rep', 'tier', 'profile'] as const) add(get(d, keys[d]));
    add(get('category', a.category));
  }
  const total = recovery + growth;
  const share = revenue12m > 0 ? total / revenue12m : 0;
  return {
    recovery,
    growth,
    total,
    revenue12m,
    share,
    band: {
      ...INDUSTRY_BAND,
      position: share < INDUSTRY_BAND.low ? 'below' : share > INDUSTRY_BAND.high ? 'above' : 'within',
    },
    by: {
      territory: rowsOf(maps.territory),
      rep: rowsOf(maps.rep),
      category: rowsOf(maps.category),
      tier: rowsOf(maps.tier),
      profile: rowsOf(maps.profile),
    },
  };
}
