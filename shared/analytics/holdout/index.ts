import { LIST_ORDERS, type AnalysisSettings, type ListOrder } from '../../contract/settings';
import type { Dataset } from '../../model/dataset';
import { isoFromDay } from '../../format/dates';
import { digitsToTell, formatCount, formatShare } from '../../format/numbers';
import { runAnalysis, type RunOptions } from '../pipeline';
import { accountCalls, relationshipCalls, type RecoveryDecision } from '../recovery';
import type { RecoveryOverview } from '../recovery/overview';
import { relationshipStarts, unitOf } from '../risk';
import { unitFacts } from '../risk/features';
import { businessIndex, DECLINE_SHARE, outcomesAfter, priorDaysAt, type Outcomes } from '../risk/outcome';
import type { UnitSeries } from '../risk/series';
import { customerSeries, relationshipSeries } from '../risk/series';
import { bandWarning, chanceBands, type ChanceBand } from './bands';
import { BASELINE_LABELS, BASELINE_RULES, baselineFlags, randomFlags, scoredUnits, type BaselineRule } from './baselines';
import { differenceSentence, listDifference, type ListDifference } from './differences';
import { GROWTH_DEFINITION, growthBacktest, type GrowthBacktest } from './growth';
import { datasetUpTo } from './replay';
import { declinesByChance, MIN_EXPECTED_DECLINES, RANGE_SHARE, resampleLists, type Sureness } from './resample';
import { lostAny, meanScore, population, scoreFlags, wholePercent as pct, type FlagScore, type Population } from './score';
import { CALIBRATION_BAND, CAPTURE_MARGIN, MAX_COMPARED } from './targets';
import { otherOrdersSentence, yardsticks, type OtherOrder } from './other-orders';
import { hindsightSentence, ordersInHindsight, type OrdersInHindsight } from './orders-in-hindsight';
import { callValue, candidateWeights, levelOrder } from '../recovery/call-order';

export type { FlagScore, Population } from './score';
export { CENT, lostAny } from './score';
export type { Sureness } from './resample';
export { bandJudgement, chanceBandLabel, type ChanceBand } from './bands';
export { differenceTable, usualSpendEach, type ListDifference, type ListPart } from './differences';
export { otherOrdersSentence, otherOrdersTable, type OtherOrder } from './other-orders';
export { hindsightSentence, type OrdersInHindsight } from './orders-in-hindsight';
export type { BaselineRule } from './baselines';
export type { GrowthBacktest, GrowthMethod, GrowthRow } from './growth';
export { BASELINE_LABELS } from './baselines';
export { repeatedLevelText, repeatsTopLevel } from './repeated-level';
export { acrossDatesVerdict, backtestAcrossDates, calibrationText, captureText, datePoint, edgeHolds, isJudged, precisionText, SHORT_RULE_NAMES, spreadDates, targetMet, targetsMet, timesText, whyNotJudged, type BacktestAcrossDates, type DatePoint, type TargetsMet } from './across-dates';

export { CALIBRATION_BAND, CAPTURE_MARGIN, MAX_COMPARED } from './targets';
export { verdictTargets, verdictTargetsLine, type VerdictTarget } from './verdict-targets';
const RANDOM_DRAWS = 20;
/** Offsets the resampling's stream from the random rule's draws, which start from the same seed. */
const RESAMPLE_SEED = 7_368_787;
/** A stated chance this far (in share points) above the share that really declined is called high. */
const CHANCE_OVERSTATED = 0.1;

/** 'foresight' ranks by the loss that really followed: not a method, the ceiling any method is read against. */
export type BacktestMethod = 'model' | BaselineRule | 'foresight';
const FORESIGHT_LABEL = 'Perfect foresight (the ceiling)';
export type BacktestRow = FlagScore & { method: BacktestMethod; label: string };

export type BacktestVerdict = {
  /** Our captured loss over the best rule's (recency, 90-day drop, own gap); null when no rule captured anything. */
  capturedRatio: number | null;
  bestRule: BaselineRule | null;
  /** Each target met or missed; null where too few declines leave nothing to judge (tooFewDeclines), whatever was measured. */
  beatsCapture: boolean | null;
  /** Precision at least the better of the two money-minded rules (90-day drop, own gap). */
  precisionOk: boolean | null;
  /** That better precision: the bar (absent on backtests kept before it was stored). */
  precisionBar?: number;
  calibrationOk: boolean | null;
  /**
   * The spread of the capture ratio and of the precision gap over resamples of the scored units
   * (absent on backtests kept before it was measured, and when nothing was flagged).
   */
  sureness?: Sureness;
  /** Too few declines expected among the flags by chance for any comparison to tell methods apart. */
  tooFewDeclines?: boolean;
  text: string;
};

export type BacktestLevel = {
  /** 'relationship-all' scores every flagged relationship; the other two the top flags. */
  id: 'customer' | 'relationship' | 'relationship-all';
  level: 'customer' | 'relationship';
  /** The table's heading, as every surface shows it. */
  title: string;
  population: Population;
  /** Our flags at this level, and how many of them (the top ones) every method is compared on. */
  flagged: number;
  compared: number;
  rows: BacktestRow[];
  /** Our compared flags by the chance of a slide each was given (absent on backtests kept before it was scored). */
  bands?: ChanceBand[];
  /**
   * Our compared flags beside the precision bar's rule where the two lists agree and differ (the
   * top lists only; absent on backtests kept before it was scored).
   */
  difference?: ListDifference;
  /**
   * The same replay's flags in the list orders the run did not use, scored on as many (the top
   * lists only, where the flags outnumber them; absent on backtests kept before it was scored).
   */
  otherOrders?: OtherOrder[];
  /**
   * Every weight on sureness the list could take, scored on what followed: whether any would have met
   * both the capture and the precision bars (the top lists only, where the flags outnumber them and
   * the run chose an order; absent on backtests kept before it was scored).
   */
  hindsight?: OrdersInHindsight;
  verdict: BacktestVerdict;
};

export type BacktestReport = {
  asOf: string;
  horizonDays: number;
  dataFrom: string;
  dataTo: string;
  definitions: { priorDays: number; declineShare: number; businessIndex: number; text: string[] };
  model: RecoveryOverview['model'];
  levels: BacktestLevel[];
  /**
   * The same replay's growth actions against what their customers bought next (null with one
   * category, where there is nothing to cross-sell; absent on backtests kept before it was scored).
   */
  growth?: GrowthBacktest | null;
  warnings: string[];
};

/** The earliest and latest as-of days a backtest can use with this horizon. */
export function backtestRange(ds: Dataset, horizonDays: number): { from: number; to: number } {
  return { from: ds.firstDay + 120, to: ds.lastDay - horizonDays };
}

const formatWhole = (n: number): string => formatCount(Math.round(n), 'en-US');

/**
 * The chance of a slide the flags were given, beside the share that slid: a chance stated well above
 * what followed is named, so no one reads the actions' chances as surer than they proved.
 */
function chanceWords(ours: BacktestRow): string {
  const chance = ours.statedChance;
  if (chance === null || chance === undefined) return '';
  const over = chance - ours.precision >= CHANCE_OVERSTATED ? ', so the chances on the actions read high on this data' : '';
  const stated = pct(chance);
  // "an 8x%", "an 11%", "an 18%": the article follows the spoken number.
  const article = /^(8|11%|18%)/.test(stated) ? 'an' : 'a';
  return `, against ${article} ${stated} chance of a slide they were given on average${over}`;
}

/** "12 to 3 points below", "2 points below to 6 above", "0 to 8 points above": whole points, rounded first. */
function gapWords([lo, hi]: [number, number]): string {
  const [a, b] = [Math.round(lo * 100), Math.round(hi * 100)];
  if (b <= 0 && a < 0) return `${-b} to ${-a} points below`;
  if (a >= 0) return `${a} to ${b} points above`;
  return `${-a} points below to ${b} above`;
}

type Met = { beatsCapture: boolean; precisionOk: boolean; calibrationOk: boolean };

const inCalibrationBand = (x: number): boolean => x >= CALIBRATION_BAND.low && x <= CALIBRATION_BAND.high;

/** Each target met whose resampled range falls short of its bar somewhere: met on this draw of units, not surely. */
function unsureMargins(s: Sureness, verdict: Met): { capture: boolean; precision: boolean; money: boolean } {
  return {
    capture: verdict.beatsCapture && s.captureRatio !== null && s.captureRatio[0] < CAPTURE_MARGIN,
    precision: verdict.precisionOk && s.precisionGap !== null && s.precisionGap[0] < 0,
    money: verdict.calibrationOk && !!s.calibration && !(inCalibrationBand(s.calibration[0]) && inCalibrationBand(s.calibration[1])),
  };
}

/**
 * Every target met, each by a margin the resampling leaves unsure: a plain "Beats" would claim
 * more than the data shows (Online Retail at 90 days met all three by hairlines).
 */
export function metUnconfirmed(s: Sureness | null, verdict: Met): boolean {
  if (!s) return false;
  const unsure = unsureMargins(s, verdict);
  return unsure.capture && unsure.precision && unsure.money;
}

/**
 * The ranges, and which verdicts they leave open: a target missed whose range reaches the bar is
 * within chance, and a target met whose range falls short of it is not sure.
 */
function surenessWords(s: Sureness, unit: string, verdict: Met): string {
  const ranges: string[] = [];
  const open: string[] = [];
  const unsure = unsureMargins(s, verdict);
  if (s.captureRatio) {
    const [lo, hi] = s.captureRatio;
    ranges.push(`held ${lo.toFixed(2)}-${hi.toFixed(2)}x the best rule's loss`);
    if (!verdict.beatsCapture && hi >= CAPTURE_MARGIN) open.push('the capture shortfall could be chance');
    if (unsure.capture) open.push(`the capture margin is not sure (below ${CAPTURE_MARGIN}x in some resamples)`);
  }
  if (s.precisionGap) {
    const [, hi] = s.precisionGap;
    ranges.push(`at a precision ${gapWords(s.precisionGap)} the better money-minded rule's`);
    if (!verdict.precisionOk && hi >= 0) open.push('the precision shortfall could be chance');
    if (unsure.precision) open.push('the precision lead is not sure');
  }
  if (s.calibration) {
    const [lo, hi] = s.calibration;
    ranges.push(`with money stated at ${lo.toFixed(2)}-${hi.toFixed(2)}x the loss that followed`);
    const reachesBand = hi >= CALIBRATION_BAND.low && lo <= CALIBRATION_BAND.high;
    if (!verdict.calibrationOk && reachesBand) open.push('the money miss could be chance');
    if (unsure.money) open.push(`the money calibration is not sure (outside ${CALIBRATION_BAND.low}-${CALIBRATION_BAND.high}x in some resamples)`);
  }
  if (ranges.length === 0) return '';
  const share = Math.round(RANGE_SHARE * 100);
  const tail = open.length > 0 ? `: ${open.join('; ')}` : ', so the verdict stands';
  return ` How sure: in ${share}% of ${s.resamples} resamples of these ${unit}, our flags ${ranges.join(', ')}${tail}.`;
}

/** Within half a point, ours and a random pick's precision read as the same. */
const SAME_PRECISION = 0.005;

/**
 * Where a random pick of as many units declined as often as ours or more: precision is judged
 * against the money-minded rules, but a list no surer than chance must not read as a plain win
 * (CDNOW's 77.7% beside a random pick's 77.7% had read "Beats the naive rules" alone).
 */
function randomAbove(rows: readonly BacktestRow[], ours: BacktestRow): string {
  const random = rows.find((r) => r.method === 'random');
  if (!random || !(random.precision >= ours.precision - SAME_PRECISION)) return '';
  const than = random.precision > ours.precision + SAME_PRECISION ? 'fewer than of' : 'no more than of';
  return `, ${than} a random pick of as many (${pct(random.precision)}): most slid here, and the list puts money first`;
}

/** Whether no unit scored (one with spend before the cut) bought anything over the horizon. */
const noneBought = (out: Outcomes): boolean => !out.actual.some((v, u) => out.scored[u] === 1 && v > 0);

/**
 * Scored units with one order day up to the cut. One purchase has no rhythm to fall behind, so
 * recovery leaves such buyers out by design; yet the backtest counts each that did not buy again as
 * declined. Where they are most of the units, flags and verdicts are about them, and the verdict must
 * say so: a file cut to one purchase day per customer had read "No customers were flagged" with every
 * one of its 3,058 customers "declined" and no word why.
 */
function oneDayUnits(series: UnitSeries, out: Outcomes): number {
  let once = 0;
  for (let u = 0; u < series.count; u++) {
    if (!out.scored[u]) continue;
    let days = 0;
    for (let e = series.start[u]; e < series.start[u + 1] && series.day[e] <= out.cut && days < 2; e++) days++;
    if (days === 1) once++;
  }
  return once;
}

/** At this share of the units judged or more, one-time buyers are what a verdict judges, and it says so. */
const MOSTLY_ONE_TIME = 0.8;

/** "every one of the 3,058 customers with spend before the date bought on one day only", in the level's words. */
function oneDayWords(once: number, pop: Population, level: 'customer' | 'relationship'): string {
  const unit = level === 'customer' ? 'customers' : 'customer x category relationships';
  const all = once === pop.units;
  const bought = level === 'customer' ? 'bought' : all ? 'was bought' : 'were bought';
  const who = all ? `every one of the ${formatWhole(pop.units)} ${unit}` : `${formatWhole(once)} of the ${formatWhole(pop.units)} ${unit} (${pct(once / pop.units)})`;
  return `${who} with spend before the date ${bought} on one day only`;
}

const ONE_PURCHASE = 'one purchase has no rhythm to fall behind, so recovery leaves one-time buyers out by design';

/**
 * `silent`: nothing at all was bought over the horizon (a trough between seasons, the data's end):
 * every unit reads as declined, and no list can be told from another. `once`: the units judged that
 * had bought on one day only (oneDayUnits).
 */
function verdictOf(rows: BacktestRow[], level: 'customer' | 'relationship', pop: Population, sureness: Sureness | null, silent = false, once = 0): BacktestVerdict {
  const ours = rows[0];
  const rules = rows.filter((r) => r.method !== 'model' && r.method !== 'random' && r.method !== 'foresight');
  const foresight = rows.find((r) => r.method === 'foresight');
  const best = rules.reduce<BacktestRow | null>((b, r) => (!b || r.capturedShare > b.capturedShare ? r : b), null);
  const capturedRatio = best && best.capturedShare > 0 ? ours.capturedShare / best.capturedShare : null;
  const moneyRules = rows.filter((r) => r.method === 'drop-90' || r.method === 'own-gap');
  const precisionBar = Math.max(0, ...moneyRules.map((r) => r.precision));
  const beatsCapture = capturedRatio !== null ? capturedRatio >= CAPTURE_MARGIN : ours.capturedShare > 0;
  const precisionOk = ours.precision >= precisionBar;
  const calibrationOk = ours.calibration !== null && ours.calibration >= CALIBRATION_BAND.low && ours.calibration <= CALIBRATION_BAND.high;
  const unit = level === 'customer' ? 'customers' : 'relationships';
  if (ours.flagged === 0) {
    return { capturedRatio, bestRule: best?.method as BaselineRule | null, beatsCapture: null, precisionOk: null, precisionBar, calibrationOk: null, text: nothingFlaggedText(unit, level, pop, once) };
  }
  const parts = [
    capturedRatio !== null
      ? `Flagged ${unit} held ${pct(ours.capturedShare)} of the loss that really happened, ${capturedRatio.toFixed(2)}x the best naive rule (${best ? BASELINE_LABELS[best.method as BaselineRule].toLowerCase() : ''}, ${pct(best?.capturedShare ?? 0)})`
      : `Flagged ${unit} held ${pct(ours.capturedShare)} of the loss that really happened`,
    `${pct(ours.precision)} of them really declined${chanceWords(ours)} (the money-minded rules: ${moneyRules.map((r) => pct(r.precision)).join(' and ')})${randomAbove(rows, ours)}`,
    ours.calibration !== null ? `money stated at risk was ${ours.calibration.toFixed(2)}x the loss that followed` : 'no loss followed on the flags',
    ...(foresight ? [`knowing the future, the same number of flags would have held ${pct(foresight.capturedShare)}`] : []),
  ];
  const failed = [!beatsCapture && 'capture', !precisionOk && 'precision', !calibrationOk && 'money calibration'].filter(Boolean);
  const byChance = declinesByChance(ours.flagged, pop.declined, pop.units);
  const tooFewDeclines = silent || byChance < MIN_EXPECTED_DECLINES;
  const allOnce = pop.units > 0 && once === pop.units;
  const head = silent && allOnce
    ? `Nothing to judge: ${oneDayWords(once, pop, level)} and not one bought again over the horizon, so by the backtest's definition every one of them declined and every list reads as all slides. `
    : silent
    ? `Nothing to judge: not one of the ${formatWhole(pop.units)} ${unit} with spend before the date bought anything over the horizon, so the whole business stopped (a trough between seasons, or the end of the data) and every list reads as all slides; pick a date whose horizon the business trades in. `
    : tooFewDeclines
    ? `Too few slides to judge on this data: ${formatWhole(pop.declined)} of ${formatWhole(pop.units)} ${unit} declined over the horizon, so ${formatWhole(ours.flagged)} flags would hold about ${byChance < 1 ? 'one or none' : Math.round(byChance)} by chance, and no list can be told from another by what followed${failed.length > 0 ? ` (as measured, it misses on ${failed.join(', ')})` : ''}. `
    : failed.length === 0
      ? metUnconfirmed(sureness, { beatsCapture, precisionOk, calibrationOk })
        ? 'Meets the targets on this data, by margins the resampling cannot confirm. '
        : 'Beats the naive rules on this data. '
      : `Does not beat the naive rules on this data (${failed.join(', ')}). `;
  const sure = sureness && !tooFewDeclines ? surenessWords(sureness, unit, { beatsCapture, precisionOk, calibrationOk }) : '';
  // Where even the future's own list holds under the margin, the capture target measures the data,
  // not the method: say so rather than leave "does not beat" to read as a fault of the list.
  const room = foresight && best && best.capturedShare > 0 ? foresight.capturedShare / best.capturedShare : null;
  const noRoom =
    !tooFewDeclines && !beatsCapture && room !== null && room < CAPTURE_MARGIN
      ? ` No list of ${formatWhole(ours.flagged)} could have: that one holds ${room.toFixed(2)}x the best rule's loss, under the ${CAPTURE_MARGIN}x asked${
          ours.flagged >= pop.units / 2 ? ` (${formatWhole(ours.flagged)} flags are ${pct(ours.flagged / pop.units)} of the ${formatWhole(pop.units)} ${unit} with spend before the date to judge, so any list that long holds most of the loss)` : ''
        }.`
      : '';
  // Where the future's list does clear the margin but only just, a miss reads differently from one
  // with room to spare: say how much of the reachable the margin asked for and how much we held.
  const littleRoom =
    !tooFewDeclines && !beatsCapture && room !== null && room >= CAPTURE_MARGIN && foresight && foresight.capturedShare > 0
      ? roomSentence(CAPTURE_MARGIN / room, ours.capturedShare / foresight.capturedShare, 1 / room)
      : '';
  const judged = <T>(met: T): T | null => (tooFewDeclines ? null : met);
  return {
    capturedRatio,
    bestRule: (best?.method as BaselineRule) ?? null,
    beatsCapture: judged(beatsCapture),
    precisionOk: judged(precisionOk),
    precisionBar,
    calibrationOk: judged(calibrationOk),
    ...(sureness ? { sureness } : {}),
    tooFewDeclines,
    text: `${head}${parts.join('; ')}.${noRoom}${littleRoom}${sure}${allOnce ? '' : mostlyOnce(once, pop, level)}`,
  };
}

/** Where one-time buyers are most of the units judged: what a verdict on them measures. */
function mostlyOnce(once: number, pop: Population, level: 'customer' | 'relationship'): string {
  if (!(pop.units > 0 && once / pop.units >= MOSTLY_ONE_TIME)) return '';
  const words = oneDayWords(once, pop, level);
  // Not "left out by design": a flagged list can hold one-time buyers the model called back.
  return ` ${words[0].toUpperCase()}${words.slice(1)}: one purchase has no rhythm to fall behind, and by the backtest's definition each that did not buy again over the horizon declined, so what is judged here is mostly whether one-time buyers came back.`;
}

/**
 * Why nothing was flagged, where one-time buyers say why: every method then flags none and the
 * tables hold nothing but zeros beside a population that all "declined".
 */
function nothingFlaggedText(unit: string, level: 'customer' | 'relationship', pop: Population, once: number): string {
  const plain = `No ${unit} were flagged at that date, so there is nothing to compare.`;
  if (!(pop.units > 0 && once / pop.units >= MOSTLY_ONE_TIME)) return plain;
  const words = oneDayWords(once, pop, level);
  if (once < pop.units) return `${plain.slice(0, -1)}: ${words}, and ${ONE_PURCHASE}.`;
  return `Nothing to judge: ${words}. One purchase has no rhythm to fall behind, so recovery leaves one-time buyers out by design and flagged none; and by the backtest's definition each that did not buy again over the horizon declined (${formatWhole(pop.declined)} of ${formatWhole(pop.units)}), so no list can be judged on this data.`;
}

const TITLES: Record<BacktestLevel['id'], string> = {
  customer: 'Customers',
  relationship: 'Customer x category relationships',
  'relationship-all': 'Every flagged customer x category relationship',
};

/** The weights the run's list could have taken (lightest first), the one it took, and its flags at any of them. */
type Weighing = { weights: readonly number[]; used: number; flagsAt: (weight: number) => Flags };

function compare(id: BacktestLevel['id'], ours: Flags, out: Outcomes, series: UnitSeries, firstDay: number, seed: number, cap: number, others: readonly OrderedFlags[] = [], weighing: Weighing | null = null): BacktestLevel {
  const { flags, stated, chance } = ours;
  const level = id === 'customer' ? 'customer' : 'relationship';
  const pop = population(out);
  const facts = unitFacts(series, firstDay, out.cut, out.priorDays, out.horizonDays);
  const compared = Math.min(flags.length, cap);
  const mine = flags.slice(0, compared);
  const rows: BacktestRow[] = [{ method: 'model', label: 'Longtail', ...scoreFlags(mine, out, pop, stated, chance) }];
  const ruleLists = new Map<BaselineRule, number[]>();
  for (const rule of BASELINE_RULES) {
    if (rule !== 'random') ruleLists.set(rule, baselineFlags(rule, facts, out, compared));
    const score =
      rule === 'random'
        ? meanScore(randomFlags(out, compared, seed, RANDOM_DRAWS).map((f) => scoreFlags(f, out, pop, null)))
        : scoreFlags(ruleLists.get(rule) as number[], out, pop, null);
    rows.push({ method: rule, label: BASELINE_LABELS[rule], ...score });
  }
  rows.push({ method: 'foresight', label: FORESIGHT_LABEL, ...scoreFlags(foresightFlags(out, compared), out, pop, null) });
  // Every flag of every relationship is most of the population: resampling it says little the top lists do not.
  const sureness =
    mine.length > 0 && id !== 'relationship-all'
      ? resampleLists(
          {
            ours: mine,
            captureRules: (['recency', 'drop-90', 'own-gap'] as const).map((r) => ruleLists.get(r) as number[]),
            precisionRules: (['drop-90', 'own-gap'] as const).map((r) => ruleLists.get(r) as number[]),
            stated,
          },
          out,
          seed + RESAMPLE_SEED,
        )
      : null;
  const bands = chanceBands(mine, out, pop, stated, chance);
  const verdict = verdictOf(rows, level, pop, sureness, pop.units > 0 && noneBought(out), oneDayUnits(series, out));
  const difference = id === 'relationship-all' ? undefined : precisionBarDifference(mine, rows, ruleLists, out);
  // Another order changes which flags make the top only where there are more flags than compared.
  const otherOrders = flags.length > compared ? others.map((o) => otherOrder(o, compared, out, pop)) : [];
  const hindsight = weighing && flags.length > compared ? weightsInHindsight(weighing, rows, compared, out, pop) : undefined;
  if (!verdict.tooFewDeclines) {
    verdict.text += bandWarning(bands);
    if (difference && !verdict.precisionOk) {
      verdict.text += differenceSentence(difference, pop.realisedLoss, level === 'customer' ? 'customers' : 'relationships');
    }
    verdict.text += otherOrdersSentence(otherOrders, rows, compared);
    if (hindsight) verdict.text += hindsightSentence(hindsight, compared);
  }
  return {
    id, level, title: TITLES[id], population: pop, flagged: flags.length, compared, rows, bands,
    ...(difference ? { difference } : {}), ...(otherOrders.length > 0 ? { otherOrders } : {}), ...(hindsight ? { hindsight } : {}), verdict,
  };
}

/** Each weight's top flags against the verdict's two bars: the best rule's loss x CAPTURE_MARGIN, and the better money-minded rule's precision. */
function weightsInHindsight(weighing: Weighing, rows: readonly BacktestRow[], compared: number, out: Outcomes, pop: Population): OrdersInHindsight {
  const { best, bar } = yardsticks(rows);
  const outcomes = weighing.weights.map((weight) => {
    const score = scoreFlags(weighing.flagsAt(weight).flags.slice(0, compared), out, pop, null);
    return { weight, beatsCapture: best > 0 ? score.capturedShare / best >= CAPTURE_MARGIN : score.capturedShare > 0, precisionOk: score.precision >= bar };
  });
  return ordersInHindsight(outcomes, weighing.used);
}

/** Our flags in another order (and the order that gives the same list, when one does). */
type OrderedFlags = { mode: ListOrder; flags: Flags; sameAs?: ListOrder };

function otherOrder(o: OrderedFlags, compared: number, out: Outcomes, pop: Population): OtherOrder {
  const score = scoreFlags(o.flags.flags.slice(0, compared), out, pop, o.flags.stated);
  return { mode: o.mode, precision: score.precision, capturedShare: score.capturedShare, calibration: score.calibration, ...(o.sameAs ? { sameAs: o.sameAs } : {}) };
}

/** Our flags against the list of the money-minded rule that sets the precision bar (the 90-day drop on a tie). */
function precisionBarDifference(mine: readonly number[], rows: readonly BacktestRow[], lists: ReadonlyMap<BaselineRule, number[]>, out: Outcomes): ListDifference | undefined {
  const precisionOf = (rule: BaselineRule): number => rows.find((r) => r.method === rule)?.precision ?? 0;
  const rule = precisionOf('own-gap') > precisionOf('drop-90') ? 'own-gap' : 'drop-90';
  const theirs = lists.get(rule);
  return mine.length > 0 && theirs ? listDifference(mine, rule, theirs, out) : undefined;
}

/** Below this share of the horizon's purchases from customers new after the as-of date, the data is read as a fixed panel. */
const FIXED_PANEL_NEWCOMERS = 0.01;

/**
 * The share of purchases in the horizon made by customers whose first purchase came after the
 * as-of date. A business takes in new customers; a research panel (a cohort followed over time)
 * does not, and there the whole business's fall is the very attrition a backtest judges.
 */
function newcomersShare(customers: UnitSeries, asOfDay: number, horizonDays: number): number {
  let all = 0;
  let newcomers = 0;
  for (let c = 0; c < customers.count; c++) {
    const from = customers.start[c];
    const to = customers.start[c + 1];
    if (from === to) continue;
    const isNew = customers.day[from] > asOfDay;
    for (let e = from; e < to; e++) {
      const d = customers.day[e];
      if (d <= asOfDay || d > asOfDay + horizonDays) continue;
      all += customers.value[e];
      if (isNew) newcomers += customers.value[e];
    }
  }
  return all > 0 ? newcomers / all : 0;
}

/** The `count` units that really lost most: what a method that knew the future would flag. */
function foresightFlags(out: Outcomes, count: number): number[] {
  return scoredUnits(out).sort((a, b) => out.loss[b] - out.loss[a] || a - b).slice(0, count);
}

/** Our flags, best first, with each unit's stated money at risk and chance of a slide. */
type Flags = { flags: number[]; stated: Float64Array; chance: Float64Array };

/** Customer flags in the list's order (chance x (money at risk + the level's weight)), best first. */
function customerFlags(decision: RecoveryDecision, n: number, w = decision.order?.customer?.weight ?? 0): Flags {
  const stated = new Float64Array(n);
  const chance = new Float64Array(n);
  const value = (a: RecoveryDecision['customers'][number]): number => callValue(a.atRisk, a.probability, w);
  const ranked = decision.customers.filter((a) => a.signal !== 'several-categories').sort((a, b) => value(b) - value(a) || a.customer - b.customer);
  for (const a of ranked) {
    stated[a.customer] = a.atRisk;
    chance[a.customer] = a.probability;
  }
  return { flags: ranked.map((a) => a.customer), stated, chance };
}

/**
 * Relationship flags: every flagged relationship, and every category a customer action carries, as
 * units of `series` (the whole data's relationships). The forecast's own units cannot be used: they
 * number only the relationships that existed by the as-of day, so every relationship begun later
 * shifts the units after it. Returns them in the order of a weight on sureness.
 */
function relationshipFlagger(decision: RecoveryDecision, series: UnitSeries, customerCount: number, categoryCount: number): (w: number) => Flags {
  const start = relationshipStarts(series, customerCount);
  const stated = new Float64Array(series.count);
  const chance = new Float64Array(series.count);
  const units: number[] = [];
  for (const call of relationshipCalls(decision.customers, decision.flaggedRelationships, categoryCount)) {
    const u = unitOf(series, start, call.customer, call.category);
    if (u < 0) continue;
    units.push(u);
    stated[u] = call.money;
    chance[u] = call.chance;
  }
  // The units are found once; each order (the run's, the others, every weight in hindsight) only sorts them.
  return (w) => {
    const weight = new Float64Array(series.count);
    for (const u of units) weight[u] = callValue(stated[u], chance[u], w);
    const flags = [...units].sort((a, b) => weight[b] - weight[a] || a - b);
    return { flags, stated, chance };
  };
}

/**
 * Replays the analysis as of `asOfDay` with only the data up to it (the run's settings, the horizon
 * given), then scores what happened in the following `horizonDays`: recovery at customer and
 * relationship level beside the naive rules at the same number of flags, and growth beside the
 * popularity rules at the same number of suggestions. `options` report the replay's stages and
 * let it be cancelled between them.
 */
export function runBacktest(ds: Dataset, settings: AnalysisSettings, asOfDay: number, horizonDays: number, options: Pick<RunOptions, 'progress' | 'checkpoint'> = {}): BacktestReport {
  const range = backtestRange(ds, horizonDays);
  if (!(asOfDay >= range.from && asOfDay <= range.to)) {
    throw new RangeError(
      `A backtest of ${horizonDays} days needs an as-of date between ${isoFromDay(range.from)} and ${isoFromDay(range.to)} (four months of history before it, the whole horizon after it).`,
    );
  }
  // The whole analysis replayed (the run's settings, the backtest's date and horizon): recovery as the
  // run decides it, and growth from the same replay.
  const past = datasetUpTo(ds, asOfDay);
  const replay = runAnalysis(past, { ...settings, asOf: isoFromDay(asOfDay), recovery: { ...settings.recovery, horizonDays } }, options);
  const { decision, risk } = replay.stages;
  const overview = replay.recovery;
  if (!decision || !risk || !overview) throw new Error('A backtest replays dated data: the replay made no recovery decision.');

  const index = businessIndex(ds, asOfDay, horizonDays);
  const customers = customerSeries(ds);
  const relationships = relationshipSeries(ds);
  const customerOut = outcomesAfter(customers, ds.firstDay, asOfDay, horizonDays, index);
  const relationshipOut = outcomesAfter(relationships, ds.firstDay, asOfDay, horizonDays, index);
  const c = customerFlags(decision, customers.count);
  const relationshipFlags = relationshipFlagger(decision, relationships, ds.customers.length, ds.categories.length);
  const r = relationshipFlags(decision.order?.relationship?.weight ?? 0);
  // The same calls in the orders the run did not use: each order's weight as the run would have set it.
  const otherModes = LIST_ORDERS.filter((m) => m !== settings.recovery.listOrder);
  const accounts = accountCalls(decision.customers);
  const calls = relationshipCalls(decision.customers, decision.flaggedRelationships, ds.categories.length);
  // An order whose weight is the run's own (balanced that stayed money first) is the same list: not
  // repeated; two others of one weight are one list, said once for both.
  const othersOf = (used: number, weightIn: (mode: ListOrder) => number | null, flagsAt: (w: number) => Flags): OrderedFlags[] => {
    const taken: (OrderedFlags & { weight: number })[] = [];
    for (const mode of otherModes) {
      const w = weightIn(mode);
      if (w === null || w === used) continue;
      const same = taken.find((t) => t.weight === w);
      if (same) same.sameAs = mode;
      else taken.push({ mode, weight: w, flags: flagsAt(w) });
    }
    return taken;
  };
  const customerOthers = othersOf(decision.order?.customer?.weight ?? 0, (m) => levelOrder(accounts, risk.customer, m)?.weight ?? null, (w) => customerFlags(decision, customers.count, w));
  const relationshipOthers =
    ds.categories.length > 1
      ? othersOf(
          decision.order?.relationship?.weight ?? 0,
          (m) => levelOrder(calls, risk.relationship, m)?.weight ?? null,
          relationshipFlags,
        )
      : [];
  // The weights each level's list could take, where the run chose an order there (the model priced its calls).
  const customerWeighing: Weighing | null = decision.order?.customer
    ? { weights: candidateWeights(accounts), used: decision.order.customer.weight, flagsAt: (w) => customerFlags(decision, customers.count, w) }
    : null;
  const relationshipWeighing: Weighing | null = decision.order?.relationship
    ? { weights: candidateWeights(calls), used: decision.order.relationship.weight, flagsAt: relationshipFlags }
    : null;
  const levels = [compare('customer', c, customerOut, customers, ds.firstDay, settings.seed, MAX_COMPARED, customerOthers, customerWeighing)];
  const priorDays = priorDaysAt(ds.firstDay, asOfDay);
  const warnings = [...overview.notes];
  // With one category a relationship is its customer: a second table would only repeat the first.
  if (ds.categories.length > 1) {
    const top = compare('relationship', r, relationshipOut, relationships, ds.firstDay, settings.seed, MAX_COMPARED, relationshipOthers, relationshipWeighing);
    levels.push(top);
    const shifted = shiftedLossWarning(levels[0].population, top.population);
    if (shifted) warnings.push(shifted);
    const every = compare('relationship-all', r, relationshipOut, relationships, ds.firstDay, settings.seed, Number.MAX_SAFE_INTEGER);
    levels.push(every);
    // Scored on every flag, as it must be; but when the flags are most of the population, any list
    // that long, random included, holds most of the loss, and the table cannot tell methods apart.
    const cover = every.population.units > 0 ? every.compared / every.population.units : 0;
    if (cover > 0.5) {
      warnings.push(
        `Every flagged relationship together (whole-account actions count every category they carry) covers ${pct(cover)} of all relationships with spend, so any list that long, even a random one, holds most of the loss: read the top ${MAX_COMPARED} customers and relationships.`,
      );
    }
  } else warnings.push('The data has one category, so relationships are customers: only the customer level is scored.');
  if (asOfDay - 365 - 90 < ds.firstDay) {
    // The learning's cuts sit at least a quarter before the as-of date, and a season is read a year before a cut.
    warnings.push(
      'The data starts less than 15 months before the as-of date, so the earlier dates the model learned from had no year before them to learn a seasonal swing from: a peak or trough in the horizon moves realised loss away from the money stated.',
    );
  }
  if (index > 1.3 || index < 0.77) {
    warnings.push(`The whole business spent ${index.toFixed(2)}x its prior rate over the horizon; spend was deflated by that before judging anyone.`);
  }
  const newcomers = index < 0.77 ? newcomersShare(customers, asOfDay, horizonDays) : 1;
  if (newcomers < FIXED_PANEL_NEWCOMERS) {
    const who = newcomers === 0 ? 'No customer bought for the first time after the as-of date' : `Customers who first bought after the as-of date made only ${(newcomers * 100).toFixed(1)}% of the horizon's purchases`;
    warnings.push(
      `${who}, so this looks like a fixed panel: the business's fall to ${index.toFixed(2)}x is mostly its own customers slowing or leaving. Deflated by it, a customer counts as declined only when it fell below ${pct(DECLINE_SHARE * index)} of its prior rate, so precision and realised loss are measured against the panel's own attrition, not against each customer's past.`,
    );
  }
  return {
    asOf: isoFromDay(asOfDay),
    horizonDays,
    dataFrom: isoFromDay(ds.firstDay),
    dataTo: isoFromDay(ds.lastDay),
    definitions: {
      priorDays,
      declineShare: DECLINE_SHARE,
      businessIndex: Math.round(index * 1000) / 1000,
      text: [
        `Expected spend = spend in the ${priorDays} days up to the as-of date, per day, times the ${horizonDays}-day horizon.`,
        "Spend is what was bought: lines with a negative amount (returns, cancellations, credits) are left out on both sides of the date, since a return is dated when the goods came back, not when they were bought; only on a day the same customer bought in the same category do they net that day's purchases, so an order cancelled the day it was placed is no spend.",
        !noneBought(customerOut)
          ? `What was spent in the horizon is deflated by the whole business's change over it (${index.toFixed(2)}x its prior rate), so a seasonal peak does not count as recovery nor a trough as loss.`
          : customerOut.actual.some((v) => v > 0)
            ? `What was spent in the horizon is deflated by the whole business's change over it (${index.toFixed(2)}x its prior rate, all of it from customers with no spend in the ${priorDays} days before the date), but the customers with spend before the date bought nothing over it: each reads as declined, and nothing can be judged.`
            : "What was spent in the horizon would be deflated by the whole business's change over it, but the customers with spend before the date bought nothing over it: there is nothing to deflate by, and nothing to judge.",
        `Declined = deflated spend under ${pct(DECLINE_SHARE)} of expected; realised loss = expected minus deflated spend, never below zero.`,
        `Every method flags the same number of customers or relationships: our top flags, at most ${MAX_COMPARED}, in the list's order (chance of a slide x (money at risk + the run's weight on sureness)); and, for relationships, every one of ours. The own-gap rule can flag fewer: only units past the 90th percentile of their own gaps qualify, and its table row says how many it found.`,
        'Naive rules: longest time since last order; largest drop of the last 90 days against the 90 before; current gap above the 90th percentile of its own gaps (most money first); random (mean of 20 seeded draws).',
        'Perfect foresight flags the units that really lost most: no method can hold more of the loss with as many flags, so it shows how much room was left.',
        ...(ds.categories.length > 1 ? [GROWTH_DEFINITION] : []),
      ],
    },
    model: overview.model,
    levels,
    growth: ds.categories.length > 1 ? growthBacktest(ds, replay.actions, asOfDay, horizonDays, settings.seed, index) : null,
    warnings,
  };
}

/** How much of the reachable loss the margin asked for and the flags held: apart when the flags missed it, even by a hair (49.4% is no "49%"). */
function roomSentence(asked: number, held: number, bestRule: number): string {
  const digits = digitsToTell(held * 100, asked * 100, 0);
  return ` The ${CAPTURE_MARGIN}x asked is ${formatShare(asked, digits)} of what perfect foresight held; these flags held ${formatShare(held, digits)} of it, the best rule ${pct(bestRule)}.`;
}

/**
 * A customer moving spend from one category to another loses nothing as a customer but loses in
 * one relationship: summed over relationships the loss runs above the customers', and money stated
 * per relationship (its share of its customer's) reads low against it. Customers who lost nothing
 * (residue under a cent included) give no ratio to state.
 */
export function shiftedLossWarning(customers: Population, relationships: Population): string {
  if (!lostAny(customers)) return '';
  const shifted = relationships.realisedLoss / customers.realisedLoss;
  if (!(shifted > 1.15)) return '';
  return `Relationships lost ${pct(shifted - 1)} more than customers did over the horizon: spend that moved from one category to another is a loss in one relationship but none for its customer. Money stated per relationship is its share of its customer's, so at relationship level it reads low.`;
}
