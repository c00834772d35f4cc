import { formatCount } from '../../format/numbers';
import type { Action } from '../../model/results';
import { customerIndex } from '../customer-index';
import type { Dataset } from '../../model/dataset';
import { businessIndex, priorDaysAt } from '../risk/outcome';
import { randomDraws } from './baselines';
import { MIN_EXPECTED_DECLINES } from './resample';

/**
 * The growth actions' exam: what the customers of a replayed analysis really bought next, in the
 * categories they were told to try, beside naive rules given the same number of suggestions.
 *
 * No rep made these calls: the data shows what customers did unprompted. A suggestion taken up on
 * its own says the peers' pattern pointed where the customer was heading; it does not measure what a
 * call would have won. So stated money (what a won category is worth) is read beside the spend that
 * came unprompted, never as a forecast of it.
 */

export type GrowthMethod = 'model' | 'same-customers-popular' | 'popular' | 'random' | 'foresight';

export const GROWTH_METHOD_LABELS: Record<GrowthMethod, string> = {
  model: 'Longtail growth actions',
  'same-customers-popular': 'Same customers, their most widely bought missing categories',
  popular: 'Most widely bought missing category, any active customer',
  random: 'Random missing category (mean of 20 draws)',
  foresight: 'Perfect foresight (the ceiling)',
};

export type GrowthRow = {
  method: GrowthMethod;
  label: string;
  suggestions: number;
  customers: number;
  /** Suggestions the customer took up: bought a category it had not, or over twice its own rate in one it underbought. */
  takenUp: number;
  takeUpRate: number;
  /** New spend over the horizon (deflated by the business index) beyond each pair's own prior rate. */
  uplift: number;
  /** `uplift` over the new spend of every active customer's pairs: the share of what grew that the list pointed at. */
  upliftShare: number;
  /** Money the list states over the horizon (a year's expected revenue scaled): only ours states any. */
  stated: number | null;
};

export type GrowthBacktest = {
  horizonDays: number;
  priorDays: number;
  businessIndex: number;
  /** Active customers (spend in the prior window) and the customer x category pairs they had not bought. */
  activeCustomers: number;
  missingPairs: number;
  /** New spend beyond prior rates over every active customer's pairs. */
  totalUplift: number;
  rows: GrowthRow[];
  /**
   * Ours against the better of the two popularity rules: take-up and uplift, and our take-up over
   * the better rule's (null when neither rule's suggestions were taken up).
   */
  /** takeUpOk and upliftOk are null where nothing could be judged (no suggestions, too few taken up). */
  verdict: { takeUpOk: boolean | null; upliftOk: boolean | null; takeUpRatio: number | null; text: string };
};

/** The growth table's outcome definitions, in the words every surface shows. */
export const GROWTH_DEFINITION =
  'Growth: the same replay\'s growth actions against what their customers bought next. No rep made these calls, so this is what customers did unprompted: a suggestion taken up says the peers\' pattern pointed where the customer was heading, not what a call would have won. Taken up = bought a category it had not bought in the prior window, or over twice its own prior rate in one it underbought; new spend = deflated spend beyond the pair\'s own prior rate. Beside it, as many suggestions: the same customers\' most widely bought missing categories; the most widely bought missing category over every active customer; random missing categories; perfect foresight.';

/** "Took up" mirrors "declined": over twice what the pair's own prior rate led to expect (any spend where it had none). */
const TAKE_UP_MULTIPLE = 2;
const RANDOM_DRAWS = 20;

/** Whole percents, and one decimal under ten: take-up and shares of new spend are often a few percent. */
const pct = (x: number): string => (Math.abs(x) < 0.1 ? `${(x * 100).toFixed(1)}%` : `${Math.round(x * 100)}%`);

/**
 * Scores `actions` (a replay's, as of `asOfDay`; growth ones are read) against what `ds` (the whole
 * data) shows over the `horizonDays` after it. `index` is the business's change over the horizon,
 * when the caller has it already.
 */
export function growthBacktest(
  ds: Dataset,
  actions: readonly Action[],
  asOfDay: number,
  horizonDays: number,
  seed: number,
  index = businessIndex(ds, asOfDay, horizonDays),
): GrowthBacktest {
  const nK = ds.categories.length;
  const priorDays = priorDaysAt(ds.firstDay, asOfDay);
  const prior = new Float64Array(ds.customers.length * nK);
  const after = new Float64Array(ds.customers.length * nK);
  const { customer, category, day, revenue } = ds.tx;
  for (let i = 0; i < day.length; i++) {
    const pair = customer[i] * nK + category[i];
    if (day[i] > asOfDay - priorDays && day[i] <= asOfDay) prior[pair] += revenue[i];
    else if (day[i] > asOfDay && day[i] <= asOfDay + horizonDays) after[pair] += revenue[i];
  }
  const active = new Uint8Array(ds.customers.length);
  for (let pair = 0; pair < prior.length; pair++) if (prior[pair] > 0) active[Math.floor(pair / nK)] = 1;
  const expected = (pair: number): number => (Math.max(0, prior[pair]) * horizonDays) / priorDays;
  const spent = (pair: number): number => Math.max(0, after[pair]) / index;
  const uplift = (pair: number): number => Math.max(0, spent(pair) - expected(pair));
  const tookUp = (pair: number): boolean => (prior[pair] > 0 ? spent(pair) > TAKE_UP_MULTIPLE * expected(pair) : spent(pair) > 0);

  const every: number[] = [];
  const missing: number[] = [];
  let totalUplift = 0;
  for (let pair = 0; pair < prior.length; pair++) {
    if (!active[Math.floor(pair / nK)]) continue;
    every.push(pair);
    totalUplift += uplift(pair);
    if (!(prior[pair] > 0)) missing.push(pair);
  }

  const customerOf = customerIndex(ds.customers);
  const categoryOf = new Map(ds.categories.map((name, k) => [name, k]));
  const ours: number[] = [];
  let stated = 0;
  for (const a of actions) {
    if (a.kind !== 'growth') continue;
    const c = customerOf.get(a.customerCode);
    const k = categoryOf.get(a.category);
    if (c === undefined || k === undefined) continue;
    ours.push(c * nK + k);
    stated += (a.expectedRevenue * horizonDays) / 365;
  }
  const n = ours.length;

  // How widely each category is bought among active customers: the popularity rules' yardstick.
  const buyers = new Float64Array(nK);
  for (let pair = 0; pair < prior.length; pair++) if (prior[pair] > 0) buyers[pair % nK]++;
  const customerSpend = new Float64Array(ds.customers.length);
  for (let pair = 0; pair < prior.length; pair++) customerSpend[Math.floor(pair / nK)] += Math.max(0, prior[pair]);
  const byPopularity = (a: number, b: number): number =>
    buyers[b % nK] - buyers[a % nK] || customerSpend[Math.floor(b / nK)] - customerSpend[Math.floor(a / nK)] || a - b;

  const perCustomer = new Map<number, number>();
  for (const pair of ours) perCustomer.set(Math.floor(pair / nK), (perCustomer.get(Math.floor(pair / nK)) ?? 0) + 1);
  const sameCustomers: number[] = [];
  for (const [c, count] of perCustomer) {
    const theirs: number[] = [];
    for (let k = 0; k < nK; k++) if (!(prior[c * nK + k] > 0)) theirs.push(c * nK + k);
    sameCustomers.push(...theirs.sort(byPopularity).slice(0, count));
  }
  const popular = [...missing].sort(byPopularity).slice(0, n);
  // What `every` sorted by uplift (ties by pair) would give, without sorting the pairs that did not
  // grow (most of them, millions on a big file): those follow in pair order.
  const grown = every.filter((pair) => uplift(pair) > 0).sort((a, b) => uplift(b) - uplift(a) || a - b);
  const foresight = grown.length >= n ? grown.slice(0, n) : [...grown, ...every.filter((pair) => !(uplift(pair) > 0)).slice(0, n - grown.length)];

  const score = (method: GrowthMethod, pairs: readonly number[], money: number | null): GrowthRow => {
    let taken = 0;
    let grew = 0;
    const customers = new Set<number>();
    for (const pair of pairs) {
      customers.add(Math.floor(pair / nK));
      if (tookUp(pair)) taken++;
      grew += uplift(pair);
    }
    return {
      method,
      label: GROWTH_METHOD_LABELS[method],
      suggestions: pairs.length,
      customers: customers.size,
      takenUp: taken,
      takeUpRate: pairs.length > 0 ? taken / pairs.length : 0,
      uplift: grew,
      upliftShare: totalUplift > 0 ? grew / totalUplift : 0,
      stated: money,
    };
  };
  const draws = randomDraws(missing, n, seed, RANDOM_DRAWS).map((pairs) => score('random', pairs, null));
  const mean = (f: (r: GrowthRow) => number): number => draws.reduce((s, r) => s + f(r), 0) / Math.max(1, draws.length);
  const randomRow: GrowthRow = {
    method: 'random',
    label: GROWTH_METHOD_LABELS.random,
    suggestions: mean((r) => r.suggestions),
    customers: mean((r) => r.customers),
    takenUp: mean((r) => r.takenUp),
    takeUpRate: mean((r) => r.takeUpRate),
    uplift: mean((r) => r.uplift),
    upliftShare: mean((r) => r.upliftShare),
    stated: null,
  };
  const rows = [score('model', ours, stated), score('same-customers-popular', sameCustomers, null), score('popular', popular, null), randomRow, score('foresight', foresight, null)];
  return { horizonDays, priorDays, businessIndex: index, activeCustomers: active.reduce((s, v) => s + v, 0), missingPairs: missing.length, totalUplift, rows, verdict: growthVerdict(rows) };
}

function growthVerdict(rows: GrowthRow[]): GrowthBacktest['verdict'] {
  const [ours, same, popular] = rows;
  if (ours.suggestions === 0) return { takeUpOk: null, upliftOk: null, takeUpRatio: null, text: 'The replay suggested no growth actions at that date, so there is nothing to compare.' };
  // A handful taken up, by any list, cannot tell one list from another: say so rather than rank them.
  const mostTaken = Math.max(ours.takenUp, same.takenUp, popular.takenUp);
  if (mostTaken < MIN_EXPECTED_DECLINES) {
    return {
      takeUpOk: null,
      upliftOk: null,
      takeUpRatio: null,
      text: `Too few suggestions were taken up to judge: ${formatCount(ours.takenUp)} of our ${formatCount(ours.suggestions)} and at most ${formatCount(Math.max(same.takenUp, popular.takenUp))} of the popularity rules' over the horizon, so no list can be told from another by what followed.`,
    };
  }
  const bestRate = Math.max(same.takeUpRate, popular.takeUpRate);
  const bestUplift = Math.max(same.uplift, popular.uplift);
  const takeUpOk = ours.takeUpRate >= bestRate;
  const upliftOk = ours.uplift >= bestUplift;
  const head =
    takeUpOk && upliftOk
      ? 'Growth actions pointed where customers were heading better than suggesting the most widely bought categories they lacked. '
      : 'Growth actions did not point where customers were heading better than suggesting the most widely bought categories they lacked: read their money as peers’ spend, not as a likely gain. ';
  const stated = ours.stated !== null && ours.stated > 0 ? `; unprompted, customers spent ${pct(ours.uplift / ours.stated)} of the money the actions state for the horizon` : '';
  return {
    takeUpOk,
    upliftOk,
    takeUpRatio: bestRate > 0 ? ours.takeUpRate / bestRate : null,
    text: `${head}Without any call, ${pct(ours.takeUpRate)} of the ${formatCount(ours.suggestions)} suggestions were taken up (the popularity rules: ${pct(same.takeUpRate)} and ${pct(popular.takeUpRate)}); they held ${pct(ours.upliftShare)} of the new spend that followed (the rules: ${pct(same.upliftShare)} and ${pct(popular.upliftShare)})${stated}.`,
  };
}
