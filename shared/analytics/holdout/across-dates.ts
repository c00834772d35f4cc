import { isoFromDay } from '../../format/dates';
import { digitsToTell, formatShare } from '../../format/numbers';
import type { RunOptions } from '../pipeline';
import type { BaselineRule } from './baselines';
import { usualSpendEach } from './differences';
import type { BacktestReport } from './index';
import { CALIBRATION_BAND, CAPTURE_MARGIN } from './targets';

/**
 * One date's customer-level verdict, reduced to what a row of the across-dates table shows. A
 * single date's verdict can rest on one season or one big customer; the same replay at several
 * dates shows whether the edge over the rules is the data's or the date's.
 */
export type DatePoint = {
  asOf: string;
  businessIndex: number;
  flagged: number;
  compared: number;
  /** Our captured loss over the best rule's, and which rule that was (null when no rule caught any loss). */
  capturedRatio: number | null;
  bestRule: BaselineRule | null;
  /** Perfect foresight's captured loss over the best rule's: the most any list of as many could reach. */
  ceilingRatio: number | null;
  precision: number;
  /** The better precision of the two money-minded rules (90-day drop, own gap). */
  precisionBar: number;
  calibration: number | null;
  /** Null where the date is not judged (too few declines). */
  beatsCapture: boolean | null;
  precisionOk: boolean | null;
  calibrationOk: boolean | null;
  /** Too few declines among the flags for the date to tell methods apart: not counted either way. */
  tooFewDeclines: boolean;
  /**
   * Where our list and the precision bar's rule's differ: the usual spend of the rule's own
   * customers over ours (under 1: the rule's precision comes from smaller customers); null when
   * either list has none of its own.
   */
  ruleOwnSize: number | null;
};

export type TargetsMet = { judged: number; capture: number; precision: number; money: number; all: number };

export type BacktestAcrossDates = {
  horizonDays: number;
  points: DatePoint[];
  met: TargetsMet;
  /** Plain words: the counts, and whether the edge holds across dates on this data. */
  verdict: string;
};

/**
 * `count` as-of days spread evenly over `range` (both ends included), whole days, no day twice:
 * a range shorter than the count gives fewer dates.
 */
export function spreadDates(range: { from: number; to: number }, count: number): number[] {
  if (range.to < range.from || count < 1) return [];
  if (count === 1 || range.to === range.from) return [range.to];
  const days = new Set<number>();
  for (let i = 0; i < count; i++) days.add(Math.round(range.from + ((range.to - range.from) * i) / (count - 1)));
  return [...days].sort((a, b) => a - b);
}

/** One replay's customer level as a row of the across-dates table. */
export function datePoint(report: BacktestReport): DatePoint {
  const level = report.levels[0];
  const byMethod = new Map(level.rows.map((r) => [r.method, r]));
  const ours = level.rows[0];
  const { verdict } = level;
  const best = verdict.bestRule ? byMethod.get(verdict.bestRule) : undefined;
  const foresight = byMethod.get('foresight');
  const ceilingRatio = best && best.capturedLoss > 0 && foresight ? foresight.capturedLoss / best.capturedLoss : null;
  const d = level.difference;
  const ruleOwnSize = d && d.oursOnly.flagged > 0 && d.ruleOnly.flagged > 0 && d.oursOnly.expected > 0 ? usualSpendEach(d.ruleOnly) / usualSpendEach(d.oursOnly) : null;
  return {
    asOf: report.asOf,
    businessIndex: report.definitions.businessIndex,
    flagged: level.flagged,
    compared: level.compared,
    capturedRatio: verdict.capturedRatio,
    bestRule: verdict.bestRule,
    ceilingRatio,
    precision: ours.precision,
    // Always there on a fresh replay: only backtests kept from before lack it.
    precisionBar: verdict.precisionBar ?? 0,
    calibration: ours.calibration,
    beatsCapture: verdict.beatsCapture,
    precisionOk: verdict.precisionOk,
    calibrationOk: verdict.calibrationOk,
    tooFewDeclines: verdict.tooFewDeclines === true,
    ruleOwnSize,
  };
}

/**
 * Why a date is left out of the counts, in words, or null when it is judged: with no flags of ours
 * every method flags none and there is nothing to compare (a date four months into the data, before
 * anyone has a rhythm); with too few declines no list can be told from another.
 */
export const whyNotJudged = (p: DatePoint): string | null => (p.flagged === 0 ? 'no flags to compare' : p.tooFewDeclines ? 'too few declines to judge' : null);
export const isJudged = (p: DatePoint): boolean => whyNotJudged(p) === null;

export function targetsMet(points: readonly DatePoint[]): TargetsMet {
  const judged = points.filter(isJudged);
  return {
    judged: judged.length,
    capture: judged.filter((p) => p.beatsCapture).length,
    precision: judged.filter((p) => p.precisionOk).length,
    money: judged.filter((p) => p.calibrationOk).length,
    all: judged.filter((p) => p.beatsCapture && p.precisionOk && p.calibrationOk).length,
  };
}

/** The edge in loss captured holds across dates: it beat the rules at most of the judged ones, and there were two at least. */
export const edgeHolds = (met: TargetsMet): boolean => met.judged >= 2 && 2 * met.capture > met.judged;

const datesWord = (n: number): string => `${n} date${n === 1 ? '' : 's'}`;

/**
 * What the dates say together. The edge in loss captured is called general only when it beat the
 * rules at most judged dates; at half or fewer, single-date verdicts on this data are to be read
 * with care, unless even perfect foresight stayed under the margin at most dates (then no method
 * could have). One judged date is no spread, so then it says the dates cannot tell. Precision and
 * money met at half the dates or fewer are said too, with the count.
 */
export function acrossDatesVerdict(points: readonly DatePoint[], horizonDays: number): string {
  if (points.length === 0) return 'No date in the data leaves four months of history before it and the whole horizon after it.';
  const met = targetsMet(points);
  const span = points.length === 1 ? `as of ${points[0].asOf}` : `at ${datesWord(points.length)} from ${points[0].asOf} to ${points[points.length - 1].asOf}`;
  const head = `Replayed ${span}, ${horizonDays} days watched each (customers, the top flags).`;
  if (met.judged === 0) {
    return points.every((p) => p.flagged === 0)
      ? `${head} No date had a flag of ours to compare.`
      : `${head} At no date did the flags hold enough declines to tell methods apart.`;
  }
  const reasons = new Map<string, number>();
  for (const p of points) {
    const why = whyNotJudged(p);
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const unjudged = [...reasons].map(([why, n]) => `${n} had ${why}`).join(', ');
  const counts = `Of ${datesWord(met.judged)} judged${unjudged ? ` (${unjudged})` : ''}, our flags held at least 1.2x the best naive rule's loss at ${met.capture}, matched the precision bar at ${met.precision} and stated money within 0.8-1.25x of the loss at ${met.money}; all three at ${met.all}.`;
  const most = (n: number): boolean => 2 * n > met.judged;
  const of = (n: number): string => `${n} of the ${datesWord(met.judged)} judged`;
  const lowCeiling = points.filter((p) => isJudged(p) && p.ceilingRatio !== null && p.ceilingRatio < 1.2).length;
  const readings: string[] = [];
  // One judged date is no spread: whatever it showed, the dates cannot say it is general or not.
  if (met.judged === 1) readings.push('Only one date had enough declines to judge, so the dates cannot tell whether the edge in loss captured is general: ask for more dates, or a longer horizon, where the data allows.');
  else if (edgeHolds(met)) readings.push('The edge in loss captured holds across dates on this data, not only at one.');
  else if (most(lowCeiling)) readings.push(`At ${of(lowCeiling)} even perfect foresight held under 1.2x the best rule's loss: on this data the simple rules leave little for any method to find.`);
  else readings.push("The edge in loss captured does not hold across dates on this data: read any one date's verdict with care.");
  if (!most(met.precision)) {
    const missed = points.filter((p) => isJudged(p) && !p.precisionOk);
    const smaller = missed.filter((p) => p.ruleOwnSize !== null && p.ruleOwnSize < 1).length;
    const where = 2 * smaller > missed.length ? "; where it did, the rule's own customers were mostly smaller than ours, and smaller customers slide more often (one date's table sets the two lists side by side)" : '';
    readings.push(`Precision fell short of the better money-minded rule at ${of(missed.length)}${where}.`);
  }
  if (!most(met.money)) readings.push(`Stated money was outside 0.8-1.25x of the loss that followed at ${of(met.judged - met.money)}: read money at risk as a rough figure on this data.`);
  return [head, counts, ...readings].join(' ');
}

/**
 * The backtest replayed at each of `days` (each a whole analysis with only the data up to it, over
 * the same horizon), reduced to the customer level's verdict per date. `options` report progress by
 * date and stage and let it be cancelled between them.
 */
export function backtestAcrossDates(
  replay: (asOfDay: number, options: Pick<RunOptions, 'progress' | 'checkpoint'>) => BacktestReport,
  days: readonly number[],
  horizonDays: number,
  options: Pick<RunOptions, 'progress' | 'checkpoint'> & { onDate?: (index: number, asOf: string) => void } = {},
): BacktestAcrossDates {
  const points: DatePoint[] = [];
  days.forEach((day, i) => {
    options.onDate?.(i, isoFromDay(day));
    options.checkpoint?.();
    points.push(datePoint(replay(day, options)));
  });
  return { horizonDays, points, met: targetsMet(points), verdict: acrossDatesVerdict(points, horizonDays) };
}

/** A rule's name short enough for a table cell. */
export const SHORT_RULE_NAMES: Record<BaselineRule, string> = { recency: 'recency', 'drop-90': '90-day drop', 'own-gap': 'own gap', random: 'random' };

/** A ratio as every across-dates table writes it ("1.44x"); null for none. */
export const timesText = (v: number | null): string | null => (v === null ? null : `${v.toFixed(2)}x`);

/**
 * Our capture against the best rule, naming the rule ("1.44x (90-day drop)"); null when no rule
 * caught any loss. Near the bar it keeps the decimals that tell it from 1.2x, so "ok" and "MISS"
 * never sit beside the same figure.
 */
export const captureText = (p: DatePoint): string | null =>
  p.capturedRatio === null || p.bestRule === null ? null : `${p.capturedRatio.toFixed(digitsToTell(p.capturedRatio, CAPTURE_MARGIN, 2))}x (${SHORT_RULE_NAMES[p.bestRule]})`;

/** Stated / realised with the decimals that tell it from the nearer end of the honest band (1.249x ok, 1.254x missed); null for none. */
export const calibrationText = (v: number | null): string | null => {
  if (v === null) return null;
  const bound = Math.abs(v - CALIBRATION_BAND.low) < Math.abs(v - CALIBRATION_BAND.high) ? CALIBRATION_BAND.low : CALIBRATION_BAND.high;
  return `${v.toFixed(digitsToTell(v, bound, 2))}x`;
};

/** Our precision and its bar ("49.7% / 49.1%"), with the decimals that tell the two apart. */
export const precisionText = (p: Pick<DatePoint, 'precision' | 'precisionBar'>): string => {
  const digits = digitsToTell(p.precision * 100, p.precisionBar * 100, 1);
  return `${formatShare(p.precision, digits)} / ${formatShare(p.precisionBar, digits)}`;
};

/** Whether a date met a target; null for a date that is not judged (whyNotJudged), which is not counted. */
export const targetMet = (p: DatePoint, ok: boolean | null): 'met' | 'missed' | null => (!isJudged(p) ? null : ok ? 'met' : 'missed');
