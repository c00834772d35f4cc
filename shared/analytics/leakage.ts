import type { Action, Leakage, LeakageDimension, LeakageRow, Tier } from '../model/results';
import type { Dataset } from '../model/dataset';
import { unbandedWhy } from '../format/band-words';
import { WINDOW_DAYS, type Features } from './features';
import { NONE_KEY } from '../model/slice';
import { customerIndex } from './customer-index';

/** Vendors' range for revenue lost to churn and missed cross-sell in B2B (../docs/analytics.md). */
export const INDUSTRY_BAND = { low: 0.07, high: 0.3 } as const;

const UNASSIGNED = NONE_KEY;

type Acc = { recovery: number; growth: number; revenue12m: number };

const rowsOf = (acc: Map<string, Acc>): LeakageRow[] =>
  [...acc.entries()]
    .map(([key, a]) => {
      const total = a.recovery + a.growth;
      return { key, recovery: a.recovery, growth: a.growth, total, revenue12m: a.revenue12m, share: a.revenue12m > 0 ? total / a.revenue12m : 0 };
    })
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * Recovery money is stated over the horizon; growth and revenue cover the revenue window (a year,
 * unless the data is younger: Features.windowDays). Recovery is put on the window's footing by this
 * factor (1 at the default 365 days on a year of data), wherever leakage is summed: the overview,
 * the territory plan, the run's note. Put on a year's footing against half a year of revenue,
 * Online Retail as of 2011-05-31 (182 days of data, 120-day horizon) read leakage at 78% of revenue
 * instead of 42%.
 */
export const recoveryFooting = (horizonDays: number, windowDays: number = WINDOW_DAYS): number => windowDays / horizonDays;

/**
 * Leakage = recovery at risk + expected growth, in money and as a share of trailing-12-month
 * revenue (../docs/analytics.md; over the features' window when the data is younger than a year),
 * overall and by territory, rep, category, tier and profile. Each relationship counts once: growth
 * skips relationships flagged for recovery and customers that are gone (pipeline, goneCustomers).
 * Recovery is what the risk model expects to be lost over the horizon, at most what each
 * relationship ran at in its prior year for that span, so against the trailing year's revenue it
 * stays on a comparable base.
 */
export function computeLeakage(
  ds: Dataset,
  f: Features,
  tier: Tier[],
  profileOf: Int32Array,
  profileLabels: string[],
  actions: readonly Action[],
  horizonDays = 365,
): Leakage {
  const { windowDays } = f;
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
  // One accumulator per customer per dimension, looked up once: the loops below only add numbers.
  const dims = ['territory', 'rep', 'tier', 'profile'] as const;
  const accOf: Acc[][] = dims.map(() => new Array<Acc>(f.n));
  for (let i = 0; i < f.n; i++) {
    const c = ds.customers[i];
    const p = profileOf[i];
    accOf[0][i] = get('territory', c.territory ?? UNASSIGNED);
    accOf[1][i] = get('rep', c.rep ?? UNASSIGNED);
    accOf[2][i] = get('tier', tier[i]);
    accOf[3][i] = get('profile', p >= 0 ? (profileLabels[p] ?? String(p + 1)) : UNASSIGNED);
  }
  const categoryAcc = ds.categories.map((name) => get('category', name));
  let revenue12m = 0;
  for (let i = 0; i < f.n; i++) {
    const r = f.revenue12m[i];
    if (!(r > 0)) continue;
    revenue12m += r;
    for (let d = 0; d < dims.length; d++) accOf[d][i].revenue12m += r;
    // The customer's net revenue over the categories it bought, by its mix: returns in one category
    // net against all, so the categories add up to the total (summed as bought, Online Retail's
    // came to £12,346 more than its revenue).
    for (let c = 0; c < f.m; c++) {
      const share = f.mix[i * f.m + c];
      if (share > 0) categoryAcc[c].revenue12m += r * share;
    }
  }
  const index = customerIndex(ds.customers);
  const categoryIndex = new Map(ds.categories.map((name, c) => [name, c]));
  let recovery = 0;
  let growth = 0;
  const footing = recoveryFooting(horizonDays, windowDays);
  const add = (acc: Acc, isRecovery: boolean, v: number) => {
    if (isRecovery) acc.recovery += v;
    else acc.growth += v;
  };
  for (const a of actions) {
    const i = index.get(a.customerCode) as number;
    const isRecovery = a.kind === 'recovery';
    const v = isRecovery ? a.expectedRevenue * footing : a.expectedRevenue;
    if (isRecovery) recovery += v;
    else growth += v;
    for (let d = 0; d < dims.length; d++) add(accOf[d][i], isRecovery, v);
    // A whole-account action counts in each category it carries, with that category's part.
    if (a.breakdown) for (const b of a.breakdown) add(categoryAcc[categoryIndex.get(b.category) as number], isRecovery, b.atRisk * footing);
    else add(categoryAcc[categoryIndex.get(a.category) as number], isRecovery, v);
  }
  const total = recovery + growth;
  const share = revenue12m > 0 ? total / revenue12m : 0;
  return {
    recovery,
    growth,
    total,
    revenue12m,
    share,
    windowDays,
    band: {
      ...INDUSTRY_BAND,
      position: unbandedWhy(ds.hasDates, windowDays) !== null ? null : share < INDUSTRY_BAND.low ? 'below' : share > INDUSTRY_BAND.high ? 'above' : 'within',
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
