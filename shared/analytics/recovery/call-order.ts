import type { ListOrder } from '../../contract/settings';
import type { RiskForecast } from '../risk';
import { naiveRuleList, type NaiveRule } from '../risk/naive-rules';
import { CAPTURE_MARGIN, MAX_COMPARED } from '../holdout/targets';
import { topIndices } from '../sorted';

/*
 * The order of the recovery list. Money at risk times its chance puts large accounts drifting part
 * of the way down at the top: they hold most of the money, but many of them do not fall under half
 * their usual spend, so the top of the list is less sure than a naive rule's list (on the 24 holdouts
 * of bench/backtest.bench.ts, precision missed the money-minded rules' on 13 at customer level). A
 * fixed weight on the chance trades one for the other the same way on every file, while the right
 * trade differs by business. So each run weighs the chance as much as its own data asks and no more:
 * calls are ordered by chance x (money at risk + w), with the smallest w at which the top of the list
 * is, by the model's own forecasts,
 * - at least as likely to slide as the best naive rule's list of the same length (the largest drop of
 *   the last 90 days, the gap past its own P90), by more than that list's sampling error; and
 * - holding at least CAPTURE_MARGIN x the money at risk of the best naive rule's list (those two and
 *   the longest silence).
 * Where no weight does both, w = 0: money first, the list it was before. The rules' lists are read at
 * the as-of day from the same facts the rules use in the backtest; nothing after it is seen.
 *
 * That is the 'balanced' order. A user can ask for either end instead (the recovery.listOrder
 * setting): 'money' keeps w = 0; 'sure' takes the heaviest weight, 64x the median call's money, so
 * the chance of a slide orders the list and money only breaks near-ties. Forced at every holdout of
 * bench/backtest.bench.ts, the surest-first list's top 300 slid more surely than the better
 * money-minded rule's on all 24 at customer level, and held 1.2x the best rule's loss on none.
 */

/** One-sided 95%: the top calls' mean chance must beat the rules' lists by more than sampling noise. */
const SURENESS_Z = 1.645;
/** Weights tried after none, as multiples of the median call's money: towards chance first. */
const WEIGHT_STEPS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 64] as const;

/**
 * A call as the order reads it: its money at risk over the horizon and its chance of a slide, and
 * the forecast's own expected loss where its money is a share of its account's (a category of a
 * whole-account call). The money bar reads the naive lists by the forecast's expected loss, so our
 * top calls are read the same way: a share of an account's money is netted over its categories,
 * the forecast's per relationship is not, and against it our list had read 1.20x where the same
 * measure gives 1.54x (Online Retail as of 2011-08-31, relationships).
 */
export type OrderedCall = { money: number; chance: number; forecastLoss?: number };

/** How one level's calls are ordered, and what the top of the list holds against the naive rules' lists. */
export type LevelOrder = {
  /** Money added to each call's money at risk before it is weighed by its chance: 0 is money x chance. */
  weight: number;
  /** The top of the list the two bars are read on (at most MAX_COMPARED calls). */
  size: number;
  /** The top calls' mean chance of a slide, and the bar: the surer naive list's mean chance by the same model, plus its sampling error. */
  chance: number;
  chanceBar: number;
  /** The top calls' money at risk, and the bar: CAPTURE_MARGIN x the richest naive list's money at risk by the same model. */
  money: number;
  moneyBar: number;
  /** Whether the weight meets both bars; when no weight does, the weight is 0 and this is false. */
  met: boolean;
  /** The order the settings asked for: 'balanced' chose the weight, 'money' and 'sure' fixed it. */
  mode: ListOrder;
};

export type CallOrder = { customer: LevelOrder | null; relationship: LevelOrder | null };

/** A call's place in the list: its chance times its money at risk plus the level's weight. */
export const callValue = (money: number, chance: number, weight: number): number => chance * (money + weight);

type RuleLists = Record<NaiveRule, number[]>;
/** Each forecast's naive lists (the top MAX_COMPARED), kept: the recovery sliders decide again at every step. */
const ruleListsOf = new WeakMap<Float64Array, RuleLists>();

function ruleLists(f: RiskForecast): RuleLists {
  const known = ruleListsOf.get(f.pDecline);
  if (known) return known;
  const units: number[] = [];
  for (let u = 0; u < f.expected.length; u++) if (f.facts.prior[u] > 0) units.push(u);
  const lists: RuleLists = {
    recency: naiveRuleList('recency', f.facts, units, MAX_COMPARED),
    'drop-90': naiveRuleList('drop-90', f.facts, units, MAX_COMPARED),
    'own-gap': naiveRuleList('own-gap', f.facts, units, MAX_COMPARED),
  };
  ruleListsOf.set(f.pDecline, lists);
  return lists;
}

const sum = (list: readonly number[], of: ArrayLike<number>): number => list.reduce((s, u) => s + of[u], 0);
/** A weight step in money, to the cent. */
const weightAt = (step: number, median: number): number => Math.round(step * median * 100) / 100;

/** The top `size` of `calls` ordered by callValue at `weight`, best first (ties by position). */
function topAt(calls: readonly OrderedCall[], weight: number, size: number): OrderedCall[] {
  return topIndices(calls.length, (i) => callValue(calls[i].money, calls[i].chance, weight), size).map((i) => calls[i]);
}

/**
 * The weights on sureness the list can take, lightest first: none (money first), then each of
 * WEIGHT_STEPS times the median call's money; the last is surest first.
 */
export function candidateWeights(calls: readonly OrderedCall[]): number[] {
  if (calls.length === 0) return [0];
  const moneys = Float64Array.from(calls, (c) => c.money).sort();
  const median = moneys[moneys.length >> 1];
  return [0, ...WEIGHT_STEPS.map((step) => weightAt(step, median))];
}

/** The order of one level's calls, priced by `forecast` (null when the model priced nothing there). */
export function levelOrder(calls: readonly OrderedCall[], forecast: RiskForecast, mode: ListOrder = 'balanced'): LevelOrder | null {
  if (forecast.basis === 'none' || calls.length === 0) return null;
  const size = Math.min(calls.length, MAX_COMPARED);
  const lists = ruleLists(forecast);
  const meanChance = (list: number[]): number => (list.length > 0 ? sum(list, forecast.pDecline) / list.length : 0);
  const head = (rule: NaiveRule): number[] => lists[rule].slice(0, size);
  const surest = Math.max(meanChance(head('drop-90')), meanChance(head('own-gap')));
  const chanceBar = Math.min(1, surest + SURENESS_Z * Math.sqrt((surest * (1 - surest)) / size));
  const moneyBar = CAPTURE_MARGIN * Math.max(...(['recency', 'drop-90', 'own-gap'] as const).map((r) => sum(head(r), forecast.atRisk)));
  const weights = candidateWeights(calls);
  const read = (weight: number): LevelOrder => {
    const top = topAt(calls, weight, size);
    const chance = top.reduce((s, c) => s + c.chance, 0) / size;
    const money = top.reduce((s, c) => s + (c.forecastLoss ?? c.money), 0);
    return { weight, size, chance, chanceBar, money, moneyBar, met: chance >= chanceBar && money >= moneyBar, mode };
  };
  const moneyFirst = read(0);
  if (mode === 'money') return moneyFirst;
  if (mode === 'sure') return read(weights[weights.length - 1]);
  for (const weight of weights) {
    const order = weight === 0 ? moneyFirst : read(weight);
    if (order.met) return order;
  }
  return moneyFirst;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;
/** Below this many calls the notes do not say the list stayed money first. */
const SHORT_LIST = 30;

/** One level's order in words: the weight and what it buys, or why the list stays money first. */
function levelWords(o: LevelOrder, unit: string, money: (x: number) => string): string | null {
  const figures = `a ${percent(o.chance)} chance of a slide on average against a bar of ${percent(o.chanceBar)}, and ${(o.money / (o.moneyBar / CAPTURE_MARGIN)).toFixed(2)}x the richest naive list's money at risk, by the model's own forecasts`;
  if (o.mode === 'sure') {
    return `${unit} are ordered surest first, as the settings ask: by chance of a slide x (money at risk + ${money(o.weight)}); the top ${o.size} hold ${figures}. ${expectation(o)}`;
  }
  if (o.mode === 'money') return `${unit} are ordered money first, as the settings ask: by money at risk x chance; the top ${o.size} hold ${figures}. ${expectation(o)}`;
  if (o.met && o.weight > 0) {
    return `${unit} are ordered by chance of a slide x (money at risk + ${money(o.weight)}), the least weight on sureness that makes the top ${o.size} surer than the naive rules' lists of that length beyond sampling error while holding at least ${CAPTURE_MARGIN}x their money: ${figures}`;
  }
  // A short list is read whole, and at its length the naive lists' sampling error is most of the bar.
  if (o.met || o.size < SHORT_LIST) return null;
  return `${unit} stay ordered by money at risk x chance: no order makes the top ${o.size} both surer than the naive rules' lists and ${CAPTURE_MARGIN}x their money on this data (${figures}). ${expectation(o)}`;
}

/** What a list left money first can be expected to do beside the naive rules', by the bar it falls short of there. */
function expectation(o: LevelOrder): string {
  const sure = o.chance >= o.chanceBar;
  const rich = o.money >= o.moneyBar;
  if (!sure && rich) return 'Expect more of the money than a naive rule catches, with fewer true slides';
  if (sure && !rich) return "Expect surer slides than a naive rule's, with less of the money: a naive list may hold more of what is lost";
  return 'Expect no clear edge over the naive rules on this data';
}

/** The order of the recovery list in plain words, for the run's notes (nothing when money x chance already meets both bars). */
export function callOrderNotes(order: CallOrder | undefined, money: (x: number) => string): string[] {
  if (!order) return [];
  // One category: the relationships are the customers, and their order is said once.
  const relationship = order.relationship === order.customer ? null : order.relationship;
  const parts = [order.customer && levelWords(order.customer, 'Customers sliding as a whole', money), relationship && levelWords(relationship, 'Customer x category calls', money)].filter(
    (p): p is string => Boolean(p),
  );
  return parts.map((p) => `Recovery list order: ${p}.`);
}

/**
 * What the money added in the list's order means, for the line above the list (empty when none was
 * added). A run stored before the setting has no mode: it was balanced. `preview`: the order of a
 * preview at the controls' settings, which the stored run need not share (a preview money first
 * beside a balanced run had said "as the run's settings ask").
 */
export function callOrderWeightNote(order: CallOrder | undefined, source: 'run' | 'preview' = 'run'): string {
  const levels = [order?.customer, order?.relationship].filter((o): o is LevelOrder => Boolean(o));
  const asked = source === 'preview' ? 'as chosen above' : "as the run's settings ask";
  if (levels.some((o) => o.mode === 'sure')) return ` Surest first, ${asked}: the added money is large enough that the chance of a slide sets the order and money only breaks near-ties.`;
  if (levels.some((o) => o.mode === 'money')) return ` Money first, ${asked}.`;
  const whose = source === 'preview' ? "the preview's" : "the run's";
  if (levels.some((o) => o.weight > 0)) return ` The added money is ${whose} weight on sureness: the least that makes the top calls surer than a naive rule's list while holding ${CAPTURE_MARGIN}x its money at risk, by the model's own forecasts.`;
  return '';
}

/** The list's order as a formula for the line above the list: each level's weight, or money x chance where it has none. */
export function callOrderFormula(order: CallOrder | undefined, money: (x: number) => string): string {
  const term = (o: LevelOrder | null | undefined): string => (o && o.weight > 0 ? `chance of a slide × (money at risk + ${money(o.weight)})` : 'chance of a slide × money at risk');
  const customer = term(order?.customer);
  const relationship = term(order?.relationship);
  if (customer === relationship) return customer;
  return `${customer} for customers sliding as a whole, ${relationship} for customer x category calls`;
}
