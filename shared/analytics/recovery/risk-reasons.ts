import { digitsToTell, formatCount } from '../../format/numbers';
import { silenceInCycles, type RiskForecast } from '../risk';
import { unmeasuredShortfall } from '../risk/model';
import { OVERDUE_CYCLES } from '../risk/features';
import type { CategoryShare, CustomerRecoverySignal } from './decide';
import type { ReasonFormat } from './reasons';

// The learned model's part of a reason: how much is at risk over which span, and how sure.

/** "12 months", "6 months", "100 days". */
export function horizonWords(days: number): string {
  const months = days / 30.4;
  if (Math.abs(months - Math.round(months)) < 0.05 && Math.round(months) >= 2) return `${Math.round(months)} months`;
  return `${days} days`;
}

/**
 * The recovery horizon in words when it is not the default year, else null: at 365 days recovery
 * money is a year's, like growth's, and reads "per year".
 */
export const horizonOtherThanYear = (days: number | undefined): string | null => (days === undefined || days === 365 ? null : horizonWords(days));

const days = (x: number): string => `${Math.round(x)} day${Math.round(x) === 1 ? '' : 's'}`;
const rhythm = (cycle: number): string => (cycle >= 56 ? `about every ${Math.round(cycle / 7)} weeks` : `about every ${days(cycle)}`);

/**
 * The window a unit's usual spend is read over, in words, and what that spend comes to a year where
 * the window is shorter than a year. Near the start of the data the window is what the data covers:
 * "£300 in the last 12 months" beside "£310 at risk of the £400 it usually spends" read as money at
 * risk above what it spent; "£300 in the 9 months of data (about £400 a year)" says where the £400
 * comes from.
 */
export function priorWindow(spend: number, priorDays: number, f: ReasonFormat): { span: string; perYear: string } {
  if (priorDays >= 365) return { span: '12 months', perYear: '' };
  return { span: `${horizonWords(priorDays)} of data`, perYear: `about ${f.cash((spend * 365) / priorDays)} a year` };
}

/**
 * The last 90 days against the usual rate over the prior window: 1 = at its usual pace. The window
 * holds the last 90 days, so its spend is at least theirs (a credit earlier in it can net it lower).
 */
const quarterPace = (recent: number, spend: number, priorDays: number): number => recent / Math.min(90, priorDays) / (Math.max(spend, recent) / priorDays);

/**
 * The figures' digits: one, or two where the two paces round alike at one and differ. Online
 * Retail II's 12477 read "more slowly than the season: ... (1.5x its usual pace, the whole
 * business 1.5x)" at 1.46x against 1.52x.
 */
const paceDigits = (own: number, business: number): number => (digitsToTell(own, business, 1) === 2 ? 2 : 1);

/**
 * Below this share of its window as a customer, the usual pace is said to spread the window's spend
 * over days it was not yet buying: the model and the money read it so (a year's spend over 365 days),
 * and 12477, first order 258 days before, read "1.5x its usual pace" where over its own days it ran
 * at 1.04x.
 */
const YOUNG_SHARE = 0.9;

/** "; its usual pace spreads its spend in the 12 months over all 365 days, though its first order was 258 days ago", or nothing. */
function youngWords(priorDays: number, tenureDays: number | undefined): string {
  if (tenureDays === undefined || !(tenureDays + 1 <= YOUNG_SHARE * priorDays)) return '';
  const window = priorDays >= 365 ? '12 months' : `${horizonWords(priorDays)} of data`;
  return `; its usual pace spreads its spend in the ${window} over all ${days(priorDays)}, though its first order was ${days(tenureDays)} ago`;
}

/**
 * "1.5x its usual pace, the whole business 1.6x": a customer's last 90 days beside the season's.
 * `tenureDays`: days since its first order, for a customer younger than the window.
 */
const paceFigures = (recent: number, spend: number, priorDays: number, quarter: number, tenureDays?: number): string => {
  const own = quarterPace(recent, spend, priorDays);
  const business = Math.exp(quarter);
  const digits = paceDigits(own, business);
  return `${own.toFixed(digits)}x its usual pace, the whole business ${business.toFixed(digits)}x${youngWords(priorDays, tenureDays)}`;
};

/**
 * Below this share of its usual pace an account is "sliding"; between it and AT_PACE (which the
 * figures print as 0.9x) it is a little below. An account ordering every 4 days, six orders in its
 * last month, read "Spending is sliding" at 0.9x.
 */
const SLIDING_PACE = 0.85;
const AT_PACE = 0.95;
/**
 * Within this share below the business's pace an account at its own pace buys about as the season
 * does, not "more slowly": the model weighs the gap as it is, and the reason says how accounts like
 * it fared instead of a slowness the figures barely show.
 */
const NEAR_SEASON = 0.03;

/**
 * A slipping account's last 90 days beside its own pace and the whole business's (`quarter`, the
 * business's log pace over the same 90 days): the model judges a customer against the season, so at
 * a peak an account above its own pace can be slipping. Said as "sliding" alone, Online Retail's
 * largest account (£100,000 of a £280,000 year in the peak quarter) read as falling.
 */
export function slipWords(recent: number, spend: number, priorDays: number, quarter: number, amounts: string, tenureDays?: number): string {
  const own = quarterPace(recent, spend, priorDays);
  const business = Math.exp(quarter);
  const figures = `${amounts} (${paceFigures(recent, spend, priorDays, quarter, tenureDays)})`;
  if (own < Math.min(SLIDING_PACE, business)) return `Spending is sliding across the account: ${figures}`;
  if (own < Math.min(AT_PACE, business)) return `Buying a little below its usual pace: ${figures}`;
  if (own < business * (1 - NEAR_SEASON)) return `Buying more slowly than the season: ${figures}`;
  return `Still buying at its pace and the season's: ${figures}, but accounts like it here went on to spend less`;
}

/**
 * ", £750 of it sent back" when a fiftieth or more of what the unit bought in the prior window came
 * back in it (its money rests on what it kept: RiskForecast.kept), or nothing. At a tenth, a
 * customer that sent back 7% read "£58,000 in the 12 months before" beside a 12-month revenue of
 * £53,922 on its own screen.
 */
export function sentBack(rf: RiskForecast, u: number, f: ReasonFormat): string {
  const bought = Math.max(0, rf.facts.prior[u]);
  if (!rf.kept || !(bought > 0)) return '';
  const returned = bought - Math.max(0, Math.min(bought, rf.kept[u]));
  return returned >= 0.02 * bought ? `, ${f.cash(returned)} of it sent back` : '';
}

/**
 * A stated chance that is the rhythm rules' confidence, not what this data's past measured: how such
 * units fared here (`measured`, null where nothing was learned, and then `why`). A weekly buyer four
 * weeks quiet read "86% chance it falls below half" where not one of 450 customers had fallen that
 * far at the training dates.
 */
export type RulesChance = { measured: number | null; units: 'customers' | 'relationships'; why: string };

export function moneySentence(atRisk: number, expected: number, probability: number, horizon: string, f: ReasonFormat, rules?: RulesChance): string {
  const money = `${f.cash(atRisk)} at risk over the next ${horizon} of the ${f.cash(expected)} it usually ${f.spends ?? 'spends'} in that time`;
  if (!rules) return `${money} (${f.share(probability)} chance it falls below half)`;
  const chance = `${f.share(probability)} chance it falls below half by the rhythm rules' confidence`;
  if (rules.measured === null) return `${money} (${chance}, not measured on this data: ${rules.why})`;
  return `${money} (${chance}; how such ${rules.units} fared in this data puts it at ${f.share(rules.measured)})`;
}

/**
 * The rules' chance where it is stated above what the data measured (or nothing was measured), else
 * undefined. `beyond` (pastTraining) says why the model's chance is no measurement for this unit.
 */
export function rulesChanceOf(
  confidence: number,
  measured: number | null,
  units: RulesChance['units'],
  why: string | null | undefined,
  f: ReasonFormat,
  beyond: string | null = null,
): RulesChance | undefined {
  if (measured !== null && f.share(confidence) === f.share(measured)) return undefined;
  if (measured !== null && measured > confidence) return undefined;
  if (beyond !== null) return { measured: null, units, why: beyond };
  return { measured, units, why: why ?? 'the history is too short to learn how such signs end' };
}

/**
 * Why the chance for unit u is no measurement, or null where units like it were learned from. Under
 * the learned model: it has gone further past its own rhythm than any unit at the training cuts, so
 * the chance is the model reaching past them. The bundled sample's customers ordering every 5 days
 * and silent 271 had read "how such customers fared in this data puts it at 0%" where no customer at
 * the training cuts had gone more than 10 of its cycles. Under the run-rate fallback the chance is
 * read from the shortfall, not the silence: where almost no training unit had fallen as far short,
 * it is the overall decline rate, not how such units fared. A training kept before either was
 * recorded keeps the measured words.
 */
export function pastTraining(forecast: RiskForecast, u: number, units: RulesChance['units'], f: ReasonFormat): string | null {
  const unit = units === 'customers' ? 'customer' : 'relationship';
  if (forecast.basis === 'run-rate') return shortfallUnmeasured(forecast, u, unit, f);
  const longest = forecast.training?.longestSilenceCycles;
  if (forecast.basis !== 'model' || longest === undefined) return null;
  const silence = silenceInCycles(forecast.facts, u);
  if (!(silence > longest)) return null;
  return `no ${unit} at the earlier dates it learned from had gone this far past its own rhythm (this one ${silence.toFixed(1)} cycles, none more than ${longest.toFixed(1)})`;
}

/** The run-rate chance's words where it is the overall decline rate, not a measurement of units this far short (see unmeasuredShortfall). */
function shortfallUnmeasured(forecast: RiskForecast, u: number, unit: string, f: ReasonFormat): string | null {
  const gap = unmeasuredShortfall(forecast, u);
  if (!gap) return null;
  const counted = `${formatCount(gap.of, 'en-US')} ${unit}s counted`;
  if (gap.kind === 'unlearned') {
    return `the earlier dates it learned from had too little history before them to show any ${unit} falling short of its usual pace, so all they give is the decline rate over the ${counted} there (${f.share(gap.overall)})`;
  }
  if (gap.seen === 0) {
    return `no ${unit} at the earlier dates it learned from had fallen this far short of its usual pace (of the ${counted} there), so all they give is the decline rate over all of them (${f.share(gap.overall)})`;
  }
  return `almost no ${unit} at the earlier dates it learned from had fallen this far short of its usual pace (only ${formatCount(gap.seen, 'en-US')} of the ${counted} there), so all they give is about the decline rate over all of them (${f.share(gap.overall)})`;
}

/**
 * A relationship the model flags past its usual cycle but short of the rules' lateness: its reason
 * says it is not late by its rhythm yet, so "1.0 cycles" beside a lateness of 2 does not read as late.
 */
export function modelOnlyReason(rf: RiskForecast, u: number, category: string, f: ReasonFormat, lateness = Number.POSITIVE_INFINITY): string {
  const gap = rf.cut - rf.facts.last[u];
  const cycle = rf.facts.cycle[u];
  const spend = Math.max(0, rf.facts.prior[u]);
  const window = priorWindow(spend, rf.facts.priorDays, f);
  const cycles = gap / cycle;
  const early = cycles < lateness ? `, short of the ${lateness} the rhythm rules call late: flagged on how relationships like it fared in this data` : '';
  return `Orders ${category} ${rhythm(cycle)}; last order ${days(gap)} ago (${cycles.toFixed(1)} cycles${early}); ${f.cash(spend)} in the last ${window.span}${sentBack(rf, u, f)}${window.perYear ? ` (${window.perYear})` : ''}`;
}

export function customerReason(
  cf: RiskForecast,
  c: number,
  signal: CustomerRecoverySignal,
  breakdown: readonly CategoryShare[],
  categories: readonly string[],
  atRisk: number,
  expected: number,
  probability: number,
  horizon: string,
  f: ReasonFormat,
  /** How long repeat buyers here usually go between orders (days). */
  usualCycle = Number.NaN,
  /** Set where the chance stated is the rhythm rules' confidence. */
  rules?: RulesChance,
): string {
  const facts = cf.facts;
  const gap = cf.cut - facts.last[c];
  const cycle = facts.cycle[c];
  const spend = Math.max(0, facts.prior[c]);
  const slipping = breakdown.filter((b) => !b.spread);
  const top = slipping
    .slice(0, 3)
    .map((b) => categories[b.category])
    .join(', ');
  const more = slipping.length > 3 ? ` and ${slipping.length - 3} more` : '';
  // With one category in the data (CDNOW, a file without a category column) it is the account itself.
  const single = categories.length === 1;
  const carried = slipping.length > 0 && !single ? `; categories: ${top}${more}${spreadWords(breakdown, slipping.length, categories, f)}` : '';
  // One interval is no rhythm: two orders a day apart and then silence read "ordered about every 1 day".
  const pace = facts.orders[c] >= 3 && Number.isFinite(cycle) ? `ordered ${rhythm(cycle)}` : `ordered ${facts.orders[c] === 2 ? 'twice' : `${facts.orders[c]} times`}`;
  if (signal === 'several-categories') {
    return `Smaller slips in ${breakdown.length} categories (${top}${more}), each below the value floor, together ${f.cash(atRisk)} at risk over the next ${horizon}`;
  }
  if (facts.orders[c] === 1) {
    // One purchase has no rhythm and no slide to speak of: say what the chance rests on instead.
    const longer = Number.isFinite(usualCycle) ? `, longer than repeat buyers here usually take between orders (${days(usualCycle)})` : '';
    const once = `Bought once (${f.cash(spend)}, ${days(gap)} ago${sentBack(cf, c, f)}) and not since${longer}: with no rhythm of its own to judge it by, the chance below is how one-time buyers like it fared in this data`;
    return `${once}${carried}; ${moneySentence(atRisk, expected, probability, horizon, f, rules)}`;
  }
  const recent = Math.max(0, facts.last90[c]);
  const tenure = facts.first[c] >= 0 ? cf.cut - facts.first[c] : undefined;
  const window = priorWindow(spend, facts.priorDays, f);
  const yearly = `${sentBack(cf, c, f)}${window.perYear ? `, ${window.perYear}` : ''}`;
  // Nothing in the last 90 days is a silence, whichever signal the model gave: "spending is sliding:
  // $0 in the last 90 days" said less than the days since the last order.
  const head =
    signal === 'lapsed-all' || recent <= 0
      ? `No order${single ? '' : ' in any category'} for ${days(gap)}; it ${pace} (${f.cash(spend)} in the ${window.span} before${yearly})`
      : recent >= 0.5 * spend
        ? `Bought most of its ${window.perYear ? 'spend' : 'year'} in the last 90 days (${f.cash(recent)} of ${f.cash(spend)}${window.perYear ? ` in the ${window.span}` : ''}${sentBack(cf, c, f)}; ${paceFigures(recent, spend, facts.priorDays, cf.pace.quarter, tenure)}); in this data such bursts rarely repeat in full; it ${pace}, last order ${days(gap)} ago`
        : slipWords(recent, spend, facts.priorDays, cf.pace.quarter, `${f.cash(recent)} in the last 90 days against ${f.cash(spend)} in ${window.span}${yearly}`, tenure) +
          `; it ${pace}, last order ${days(gap)} ago`;
  return `${head}${lapsing(cf, c, signal, f)}${carried}; ${moneySentence(atRisk, expected, probability, horizon, f, rules)}`;
}

/**
 * " (they kept £14,000 in the 12 months before); the other £21,000 at risk is spread over 28 of its
 * other categories (most on Christmas range, Holder) as the whole account slides", or nothing: where
 * the slipping categories cannot hold the account's money.
 */
function spreadWords(breakdown: readonly CategoryShare[], slipping: number, categories: readonly string[], f: ReasonFormat): string {
  const spread = breakdown.filter((b) => b.spread);
  if (spread.length === 0) return '';
  let money = 0;
  for (const b of spread) money += b.atRisk;
  let kept = 0;
  for (const b of breakdown) if (!b.spread) kept += b.spend12m;
  const where =
    spread.length === 1
      ? `falls on ${categories[spread[0].category]}`
      : `is spread over ${spread.length} of its other categories (most on ${spread
          .slice(0, 2)
          .map((b) => categories[b.category])
          .join(', ')})`;
  return ` (${slipping === 1 ? 'it' : 'they'} kept ${f.cash(kept)} in the 12 months before); the other ${f.cash(money)} at risk ${where} as the whole account slides`;
}

/** "; 2 of its 5 categories have gone more than 2 of their own cycles without an order (38% of its spend)", or nothing. */
function lapsing(cf: RiskForecast, c: number, signal: CustomerRecoverySignal, f: ReasonFormat): string {
  const b = cf.breadth;
  if (!b || signal === 'lapsed-all' || b.categories[c] < 2 || b.overdue[c] < 1) return '';
  const verb = b.overdue[c] === 1 ? 'has' : 'have';
  return `; ${b.overdue[c]} of its ${b.categories[c]} categories ${verb} gone more than ${OVERDUE_CYCLES} of their own cycles without an order (${f.share(b.overdueShare[c])} of its spend)`;
}
