import type { Dataset } from '../../model/dataset';
import { rankShares } from './rank-shares';
import { binRows, DEFAULT_BOOST, fitBooster, forestOf, predictForest, predictBooster, type Booster } from './boost';
import { breadthOf, FEATURE_COUNT, featureMatrix, unitFacts, type Breadth, type UnitFacts } from './features';
import { businessPaces, businessStandings, outcomesAfter, priorDaysAt, type BusinessPace } from './outcome';
import { firstAfter, seriesOf, type Units, type UnitSeries } from './series';
import { keptSpend } from './kept';
import { bigColumnsOf, float64Of, int32Of } from '../typed';

/** A cut needs this much history before it to describe anyone's rhythm. */
const MIN_HISTORY_DAYS = 90;
/** Training cuts: the horizon before the as-of day, and up to two more, half a horizon apart. */
const TRAINING_CUTS = 3;
/** Training rows kept at most (units thinned evenly, deterministically): the cost stays flat on big data. */
const MAX_TRAINING_ROWS = 16_000;
/** What a usable model needs: enough units, enough of both outcomes, and real discrimination out of fold. */
const MIN_TRAINING_ROWS = 200;
const MIN_EACH_OUTCOME = 30;
/**
 * A floor on the AUC itself, low on purpose: the test below is what keeps chance out. A weak but
 * real model still prices money far better than the rhythm rules alone: on Online Retail II as of
 * 2010-05-31 (AUC 0.548 out of fold) its flags held 1.41x the best naive rule's loss, while the
 * rhythm rules' 30 flags held a quarter of it.
 */
const MIN_AUC = 0.52;
/** ...and an AUC this many standard errors above chance (Hanley and McNeil's error), so a thin history cannot pass by luck. */
const MIN_AUC_Z = 3;

export type RiskTraining = {
  /** Cuts learned from (day numbers) and the horizon observed after each. */
  cuts: number[];
  horizonDays: number;
  /**
   * The horizon stated money was checked against, when longer than the learning's: the earliest
   * cut watched for that long (see `trainingPlan`). Else equal to `horizonDays`.
   */
  moneyHorizonDays: number;
  units: number;
  /** Share of the expected money that was lost at the training cuts, and of units that declined. */
  lossShare: number;
  declineRate: number;
  /** The business's change over the horizon after the latest training cut (known by the as-of day). */
  businessIndex: number;
  /** Out-of-fold area under the ROC curve of P(decline) on the training cuts: 0.5 = no better than chance. */
  auc: number;
  /** Whether the model is used; when not, why (in words a user can read). */
  usable: boolean;
  reason: string | null;
  /**
   * The most of its own cycles any unit with a rhythm (silenceInCycles) had gone without an order
   * at its training cut; 0 when none had a rhythm. A unit silent longer than this has no like in
   * the training rows, so the model's chance for it is a reach past them, not a measurement.
   * Absent from trainings kept before it was recorded.
   */
  longestSilenceCycles?: number;
  /**
   * Under the run-rate fallback, the training units in each shortfall-share bin (SHORTFALL_SHARES);
   * empty where the training cuts' history was too short for any shortfall to show. A bin with
   * almost none holds little more than the overall decline rate, which is no measurement of units
   * that far short (see unmeasuredShortfall). Absent where the model was used, and from trainings
   * kept before it was recorded.
   */
  shortfallUnits?: number[];
};

/**
 * Three intervals make a rhythm: below four order days a burst and a pause read as dozens of
 * "cycles" of silence (two orders a day apart, then a quiet quarter, is 90), which says nothing
 * about how a buyer of steady habits fares when it stops.
 */
const RHYTHM_ORDERS = 4;

/** A unit's days since its last order in its own mean intervals, or NaN below a rhythm (RHYTHM_ORDERS). */
export const silenceInCycles = (facts: UnitFacts, u: number): number =>
  facts.orders[u] >= RHYTHM_ORDERS && facts.last[u] >= 0 ? (facts.cut - facts.last[u]) / facts.cycle[u] : Number.NaN;

/** The forecast for every unit as of a day: what it should spend, and how much of that is at risk. */
export type RiskForecast = {
  level: UnitSeries['level'];
  cut: number;
  horizonDays: number;
  priorDays: number;
  facts: UnitFacts;
  /** Each customer's categories at the cut (customer level, two or more categories in the data); else null. */
  breadth: Breadth | null;
  /** Prior daily rate x horizon: what the unit spends over the horizon if nothing changes. */
  expected: Float64Array;
  /**
   * What each unit kept of its purchases in the prior window, returns included (see keptSpend); null
   * when nothing was returned in it. Money at risk never goes above it, at the same rate (moneyCeiling).
   */
  kept: Float64Array | null;
  /** Probability of spending under half the expectation, and the expected share of it lost. */
  pDecline: Float64Array;
  lossShare: Float64Array;
  /** Money at risk over the horizon: expected x lossShare, calibrated by rank band; never above expected. */
  atRisk: Float64Array;
  /** null when there was no room to learn (history shorter than a quarter plus four weeks). */
  training: RiskTraining | null;
  /**
   * What priced the units: the learned model; the run-rate shortfall when the model could not beat
   * chance on this history (priced and given a chance from the training cuts' outcomes); or nothing.
   */
  basis: 'model' | 'run-rate' | 'none';
  /** Whether stated money was corrected by out-of-sample outcomes at the training cuts. */
  calibrated: boolean;
  /** The whole business's pace at the cut (see BusinessPace): a reason reads a unit's last 90 days against it. */
  pace: BusinessPace;
};

/** The shortest horizon worth learning from: under four weeks, a weekly buyer's skipped order reads as a slide. */
const MIN_HORIZON_DAYS = 28;

export type TrainingPlan = {
  cuts: number[];
  horizonDays: number;
  /** Where stated money is checked when the learning watched a shorter horizon than the data allows. */
  money: { cut: number; horizonDays: number } | null;
};

/**
 * Where the training cuts fall: as late as leaves a whole horizon to observe, never before
 * MIN_HISTORY_DAYS of data, up to TRAINING_CUTS of them half a horizon apart.
 *
 * When the history leaves room for one cut only, that cut sits at the first usable day, where the
 * prior window is the whole short history: "the last 90 days against the 90 before" and "the recent
 * quarter against the year" are then the same for every unit, so the model cannot learn the trends
 * it is asked to judge at the as-of day. Then it learns from two cuts a shorter horizon (two thirds)
 * apart, the later one with more history, and checks its stated money against the earlier cut
 * watched for the whole horizon: ranking from the richer learning, money at the longer horizon. On
 * the 24 holdouts of bench/backtest.bench.ts, customer level, against one cut: capture met on 16 (was 14), all three targets on 9 (was 8), precision on 13
 * (was 14), money on 22 (22); the model became usable on Online Retail II as of 2010-06-30, where one
 * cut's AUC could not beat chance.
 */
export function trainingPlan(firstDay: number, cut: number, horizonDays: number): TrainingPlan {
  const h = Math.min(horizonDays, cut - firstDay - MIN_HISTORY_DAYS);
  if (h < MIN_HORIZON_DAYS) return { cuts: [], horizonDays: Math.max(0, h), money: null };
  const cutsAt = (horizon: number): number[] => {
    const cuts: number[] = [];
    for (let i = 0; i < TRAINING_CUTS; i++) {
      const t0 = cut - horizon - Math.round((i * horizon) / 2);
      if (t0 - firstDay < MIN_HISTORY_DAYS) break;
      cuts.push(t0);
    }
    return cuts;
  };
  const cuts = cutsAt(h);
  const shorter = Math.round((2 * h) / 3);
  if (cuts.length > 1 || shorter < MIN_HORIZON_DAYS) return { cuts, horizonDays: h, money: null };
  // Half of the shorter horizon after the later cut lands on the first usable day again.
  const pair = [cut - shorter, cut - h];
  return { cuts: pair, horizonDays: shorter, money: { cut: cut - h, horizonDays: h } };
}

type TrainingRows = {
  x: Float64Array;
  /**
   * Rows of the money check (the plan's `money` cut): expected spend and realised loss over its
   * longer horizon; NaN on every other row. `moneyRows` counts them (0 when the plan has no check).
   */
  moneyExpected: Float64Array;
  moneyLoss: Float64Array;
  moneyRows: number;
  share: Float64Array;
  declined: Float64Array;
  weight: Float64Array;
  /** The run-rate shortfall at the row's cut (money over the horizon). */
  shortfall: Float64Array;
  unit: Int32Array;
  rows: number;
  /** The shortest prior window of any training cut. */
  priorDays: number;
  /** See RiskTraining.longestSilenceCycles. */
  longestSilence: number;
  lossShare: number;
  declineRate: number;
  index: number;
};

/**
 * What a unit loses over the horizon if the last 90 days' pace holds instead of the prior window's:
 * a forecast that needs no learning, never above the expectation, and zero for a unit speeding up.
 */
export function runRateShortfall(facts: UnitFacts, u: number, horizonDays: number): number {
  const prior = Math.max(0, facts.prior[u]) / facts.priorDays;
  const recent = Math.max(0, facts.last90[u]) / Math.min(90, facts.priorDays);
  return Math.max(0, prior - recent) * horizonDays;
}

/** The distinct customers of `units`, ascending. */
function customersOf(series: UnitSeries, units: Int32Array): Int32Array {
  const seen = new Set<number>();
  for (const u of units) seen.add(series.customer[u]);
  return Int32Array.from(seen).sort();
}

/** A customer level's view of its relationships: where each customer's units start, and their facts at the same cut. */
export type CategoryUnits = { start: Int32Array; facts: UnitFacts };

/**
 * What a level sees besides its own units: a relationship its customer's standing (the customers'
 * facts at the as-of day when already found, which is then all it reads; else their series); a
 * customer its categories. `facts` are the level's own facts at the as-of day, when already found.
 */
export type UnitContext = { facts?: UnitFacts; customers?: UnitSeries; customerFacts?: UnitFacts; categories?: CategoryUnits };

/** Every customer's breadth, or null where there is only one category to speak of. */
export const breadthAt = (ds: Dataset, categories: CategoryUnits | undefined): Breadth | null =>
  categories && ds.categories.length >= 2 ? breadthOf(categories.facts, categories.start, ds.customers.length) : null;

/** Every scored unit at every training cut, as features and what happened over the following horizon. */
function trainingRows(ds: Dataset, series: UnitSeries, context: UnitContext, plan: TrainingPlan, pricedAt: { cut: number; horizonDays: number }): TrainingRows {
  const { cuts, horizonDays: h, money } = plan;
  const { customers } = context;
  // Thinning by unit keeps a unit's rows at all cuts together, so folds split units, not rows. The
  // stride counts only units with days in a cut's prior window: most relationships have none at a given
  // cut, and counting them left the relationship model a third of the rows it could learn from.
  let eligible = 0;
  for (const t0 of cuts) {
    const from = t0 - priorDaysAt(ds.firstDay, t0);
    for (let u = 0; u < series.count; u++) if (firstAfter(series, u, from) < firstAfter(series, u, t0)) eligible++;
  }
  const stride = Math.max(1, Math.ceil(eligible / MAX_TRAINING_ROWS));
  // `units` are the series' units, `local` the same units in the cut's thinned series, which its
  // outcomes and facts are indexed by.
  const parts: { x: Float64Array; units: Int32Array; local: Int32Array; out: ReturnType<typeof outcomesAfter>; facts: UnitFacts; moneyOut: ReturnType<typeof outcomesAfter> | null }[] = [];
  let latestIndex = 1;
  let shortestPrior = Number.MAX_SAFE_INTEGER;
  // Every index and pace the cuts need, the money check's index too, in one pass over the
  // transactions; the pass finds the pace the forecast is priced at as well (applyRisk reads it).
  const standings = businessStandings(ds, [...cuts.map((cut) => ({ cut, horizonDays: h })), ...(money ? [money] : []), pricedAt]);
  const indexes = standings.map((s) => s.index);
  const moneyIndex = money ? indexes[cuts.length] : Number.NaN;
  cuts.forEach((t0, i) => {
    const index = indexes[i];
    if (i === 0) latestIndex = index;
    const priorDays = priorDaysAt(ds.firstDay, t0);
    shortestPrior = Math.min(shortestPrior, priorDays);
    // Only the thinned units are described, in a series of their own (local unit i is candidates[i]):
    // on 5M rows the others' facts were most of the learning's cost.
    const candidates: number[] = [];
    for (let u = 0; u < series.count; u += stride) candidates.push(u);
    const thinned = seriesOf(series, candidates);
    const out = outcomesAfter(thinned, ds.firstDay, t0, h, index);
    const local = int32Of(candidates.length, (i) => i).filter((i) => out.scored[i] === 1);
    const units = int32Of(local.length, (k) => candidates[local[k]]);
    const facts = unitFacts(thinned, ds.firstDay, t0, priorDays, h, local);
    const customerFacts = customers ? unitFacts(customers, ds.firstDay, t0, priorDays, h, customersOf(series, units)) : null;
    const moneyOut = money && money.cut === t0 ? outcomesAfter(thinned, ds.firstDay, t0, money.horizonDays, moneyIndex, local) : null;
    parts.push({ x: featureMatrix(facts, thinned, h, standings[i].pace, customerFacts, local), units, local, out, facts, moneyOut });
  });
  const rows = parts.reduce((n, p) => n + p.units.length, 0);
  const t: TrainingRows = {
    x: new Float64Array(rows * FEATURE_COUNT),
    moneyExpected: new Float64Array(rows).fill(Number.NaN),
    moneyLoss: new Float64Array(rows).fill(Number.NaN),
    moneyRows: 0,
    share: new Float64Array(rows),
    declined: new Float64Array(rows),
    weight: new Float64Array(rows),
    shortfall: new Float64Array(rows),
    unit: new Int32Array(rows),
    rows,
    priorDays: shortestPrior,
    longestSilence: 0,
    lossShare: 0,
    declineRate: 0,
    index: latestIndex,
  };
  let expectedSum = 0;
  let lossSum = 0;
  let declines = 0;
  let row = 0;
  for (const p of parts) {
    t.x.set(p.x, row * FEATURE_COUNT);
    p.units.forEach((u, k) => {
      const i = p.local[k];
      t.unit[row] = u;
      t.weight[row] = p.out.expected[i];
      t.share[row] = p.out.loss[i] / p.out.expected[i];
      t.declined[row] = p.out.declined[i];
      t.shortfall[row] = runRateShortfall(p.facts, i, h);
      const silence = silenceInCycles(p.facts, i);
      if (silence > t.longestSilence) t.longestSilence = silence;
      if (p.moneyOut) {
        t.moneyExpected[row] = p.moneyOut.expected[i];
        t.moneyLoss[row] = p.moneyOut.loss[i];
        t.moneyRows++;
      }
      expectedSum += p.out.expected[i];
      lossSum += p.out.loss[i];
      declines += p.out.declined[i];
      row++;
    });
  }
  t.lossShare = expectedSum > 0 ? lossSum / expectedSum : 0;
  t.declineRate = rows > 0 ? declines / rows : 0;
  return t;
}

/**
 * Money calibration by rank: the top of any ranking by predicted money holds the units the model
 * overrated most (the winner's curse), so stated money there runs high. Out-of-fold predictions on
 * the training cuts say by how much, per band of rank; the factor is applied by band at the as-of day.
 */
export const RANK_BANDS = [0.05, 0.1, 0.2, 0.4, 1];

const bandOf = (rankShare: number): number => {
  let b = 0;
  while (b < RANK_BANDS.length - 1 && rankShare >= RANK_BANDS[b]) b++;
  return b;
};

/**
 * Each band's realised loss over stated money, out of sample, for units ranked by stated x chance.
 * `stated` is money over the learning's horizon; where the plan checks money at a longer horizon,
 * only those rows count, their stated share of the longer expectation against its realised loss.
 */
function bandFactors(t: TrainingRows, stated: Float64Array, pDecline: Float64Array): Float64Array {
  const longer = t.moneyRows > 0;
  const every = int32Of(t.rows, (i) => i);
  const checked = longer ? every.filter((i) => Number.isFinite(t.moneyExpected[i])) : every;
  const money = (i: number): number => (!longer ? stated[i] : t.weight[i] > 0 ? (stated[i] / t.weight[i]) * t.moneyExpected[i] : 0);
  const realised = (i: number): number => (longer ? t.moneyLoss[i] : t.weight[i] * t.share[i]);
  const rank = rankShares(float64Of(checked.length, (k) => money(checked[k]) * pDecline[checked[k]]));
  const said = new Float64Array(RANK_BANDS.length);
  const lost = new Float64Array(RANK_BANDS.length);
  const count = new Float64Array(RANK_BANDS.length);
  checked.forEach((i, k) => {
    const b = bandOf(rank[k]);
    said[b] += money(i);
    lost[b] += realised(i);
    count[b]++;
  });
  // A thin band is pulled toward no correction: 30 units carry half the weight.
  return Float64Array.from(said, (s, b) => {
    if (!(s > 0)) return 1;
    const raw = Math.min(3, Math.max(1 / 3, lost[b] / s));
    return Math.exp((count[b] / (count[b] + 30)) * Math.log(raw));
  });
}

export { rankShares } from './rank-shares';

/** Area under the ROC curve of scores against 0/1 labels (ties count half). */
export function areaUnderCurve(score: Float64Array, label: Float64Array): number {
  const order = Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1]] === score[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (label[order[k]] > 0) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Standard error of an AUC with this many positives and negatives (Hanley and McNeil 1982). */
export function aucError(auc: number, positives: number, negatives: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / Math.max(1, positives * negatives);
  return Math.sqrt(Math.max(variance, 1e-12));
}

const FOLD_SALTS = [0, 0x5bd1e995, 0x27d4eb2f];
/**
 * A unit's fold, from a multiplicative hash of its index. Thinning keeps every stride-th unit, so
 * with an even stride the index's parity would put every kept unit in one fold and leave the
 * other model nothing to learn from.
 */
export function foldOf(unit: number, repeat: number): number {
  // Murmur3's finaliser: every input bit reaches the top bit, so the salted splits are unrelated.
  let h = unit ^ FOLD_SALTS[repeat];
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 31;
}
/**
 * Cross-fitting is repeated over this many different two-way splits. With one split that also
 * forecast, which units fell in which half moved the stated money of the top 300 by up to 0.15x of
 * the realised loss and precision by 3 points on the development cases. Two splits against three
 * moved stated money by at most 0.06x and no verdict on sixteen holdouts, for a quarter less learning.
 */
const REPEATS = 2;

/** The forecasting models (one per outcome; models kept by earlier versions may be several, averaged). */
export type Fitted = { share: Booster[]; decline: Booster[]; bandFactor: Float64Array; auc: number };

/**
 * Two-fold by unit (cross-fitting), over REPEATS splits: each half's models score the other half,
 * which gives honest out-of-fold money and decline scores (averaged over the splits) for the
 * rank-band factors and the AUC.
 */
function fit(t: TrainingRows): Fitted {
  const stated = new Float64Array(t.rows);
  const pDecline = new Float64Array(t.rows);
  const ones = new Float64Array(t.rows).fill(1);
  const binned = binRows(t.x, t.rows, FEATURE_COUNT, DEFAULT_BOOST.bins);
  for (let k = 0; k < 2 * REPEATS; k++) {
    const fold = k & 1;
    const repeat = k >> 1;
    const holdOut = (i: number) => foldOf(t.unit[i], repeat) === fold;
    const share = fitBooster(t.x, FEATURE_COUNT, t.share, float64Of(t.rows, (i) => (holdOut(i) ? 0 : t.weight[i])), DEFAULT_BOOST, false, binned);
    // The chance of a decline rises with silence well past anything the training cuts could show
    // (their history is shorter than the as-of day's): a linear base lets it keep rising.
    const decline = fitBooster(t.x, FEATURE_COUNT, t.declined, float64Of(t.rows, (i) => (holdOut(i) ? 0 : 1)), DEFAULT_BOOST, true, binned);
    for (let i = 0; i < t.rows; i++) {
      if (!holdOut(i)) continue;
      stated[i] += (t.weight[i] * predictBooster(share, t.x, i)) / REPEATS;
      pDecline[i] += predictBooster(decline, t.x, i) / REPEATS;
    }
  }
  const bandFactor = bandFactors(t, stated, pDecline);
  // The forecast comes from models fitted on every unit, so it does not hang on any split either,
  // and costs two models per unit to score, not eight.
  const share = fitBooster(t.x, FEATURE_COUNT, t.share, t.weight, DEFAULT_BOOST, false, binned);
  const decline = fitBooster(t.x, FEATURE_COUNT, t.declined, ones, DEFAULT_BOOST, true, binned);
  return { share: [share], decline: [decline], bandFactor, auc: areaUnderCurve(pDecline, t.declined) };
}

/**
 * The fallback when the learned model cannot beat chance: price each unit by its run-rate shortfall.
 * Learning nothing from features, it cannot overfit a thin history; the training cuts' outcomes
 * still say how sure a slide of each size is and how much of the shortfall really went.
 * On Online Retail II as of 2010-06-30 (model AUC 0.50) it held 1.05x the best naive rule's loss
 * over 300 flags where the rhythm rules alone, flagging 40, held a third of it.
 */
export type RunRate = {
  /** Chance of a decline by shortfall share of the expectation, one per SHORTFALL_SHARES bin. */
  declineByShare: Float64Array;
  bandFactor: Float64Array;
  /** False when the training cuts' prior windows were too short for any shortfall to show. */
  calibrated: boolean;
};
/** Lower edges of the shortfall-share bins: steady or growing, a little down, a quarter, half, three quarters or more. */
const SHORTFALL_SHARES = [0, 0.01, 0.25, 0.5, 0.75];
const shareBin = (share: number): number => {
  let b = 0;
  while (b < SHORTFALL_SHARES.length - 1 && share >= SHORTFALL_SHARES[b + 1]) b++;
  return b;
};
/** A thin bin's decline rate is pulled toward the overall rate with this many units' weight. */
const BIN_PRIOR_UNITS = 30;

/** Below two quarters of prior window, the last 90 days are most of it: no shortfall can show at the training cuts. */
const MIN_RUN_RATE_PRIOR_DAYS = 180;

function fitRunRate(t: TrainingRows): { runRate: RunRate; units: number[] } {
  if (t.priorDays < MIN_RUN_RATE_PRIOR_DAYS) {
    // Nothing to learn the pricing from: the shortfall as it stands, every unit at the overall decline rate.
    return { runRate: { declineByShare: new Float64Array(SHORTFALL_SHARES.length).fill(t.declineRate), bandFactor: new Float64Array(RANK_BANDS.length).fill(1), calibrated: false }, units: [] };
  }
  const units = new Float64Array(SHORTFALL_SHARES.length);
  const declines = new Float64Array(SHORTFALL_SHARES.length);
  const bins = new Int32Array(t.rows);
  for (let i = 0; i < t.rows; i++) {
    bins[i] = shareBin(t.weight[i] > 0 ? t.shortfall[i] / t.weight[i] : 0);
    units[bins[i]]++;
    declines[bins[i]] += t.declined[i];
  }
  const declineByShare = Float64Array.from(units, (n, b) => (declines[b] + BIN_PRIOR_UNITS * t.declineRate) / (n + BIN_PRIOR_UNITS));
  const pDecline = float64Of(bins.length, (i) => declineByShare[bins[i]]);
  return { runRate: { declineByShare, bandFactor: bandFactors(t, t.shortfall, pDecline), calibrated: true }, units: [...units] };
}

/** Why the training rows cannot support a model, or null when they can (before the AUC check). */
function unusable(t: TrainingRows): string | null {
  const declines = Math.round(t.declineRate * t.rows);
  if (t.rows < MIN_TRAINING_ROWS) return `only ${t.rows} customers or relationships had spend before the training cuts (at least ${MIN_TRAINING_ROWS} are needed)`;
  if (declines < MIN_EACH_OUTCOME || t.rows - declines < MIN_EACH_OUTCOME) return `the history shows too few ${declines < MIN_EACH_OUTCOME ? 'declines' : 'steady buyers'} to learn from (${declines} of ${t.rows} declined)`;
  return null;
}

/** What was learned from the data's own past at one level: kept in the workspace, so reopening skips the costly part. */
export type LearnedRisk = { training: RiskTraining | null; fitted: Fitted | null; runRate: RunRate | null };

/**
 * Learns, from the data's own past, how units with a given history fared over the following
 * horizon (share of expected spend lost, chance of a decline). Only data up to `cut` is read.
 */
export function learnRisk(ds: Dataset, series: UnitSeries, cut: number, horizonDays: number, context: UnitContext = {}): LearnedRisk {
  const plan = trainingPlan(ds.firstDay, cut, horizonDays);
  if (plan.cuts.length === 0) return { training: null, fitted: null, runRate: null };
  const rows = trainingRows(ds, series, context, plan, { cut, horizonDays });
  const training: RiskTraining = {
    cuts: plan.cuts,
    horizonDays: plan.horizonDays,
    moneyHorizonDays: plan.money?.horizonDays ?? plan.horizonDays,
    units: rows.rows,
    lossShare: rows.lossShare,
    declineRate: rows.declineRate,
    businessIndex: rows.index,
    auc: 0.5,
    usable: false,
    reason: unusable(rows),
    longestSilenceCycles: rows.longestSilence,
  };
  // The fallback is fitted only when the model is not used.
  const fallback = (): RunRate | null => {
    if (rows.rows === 0) return null;
    const { runRate, units } = fitRunRate(rows);
    training.shortfallUnits = units;
    return runRate;
  };
  if (training.reason) return { training, fitted: null, runRate: fallback() };
  const fitted = fit(rows);
  training.auc = fitted.auc;
  const declines = Math.round(rows.declineRate * rows.rows);
  if (fitted.auc < MIN_AUC || (fitted.auc - 0.5) / aucError(fitted.auc, declines, rows.rows - declines) < MIN_AUC_Z) {
    training.reason = `on its own history the model told decliners from steady buyers little better than chance (AUC ${fitted.auc.toFixed(2)})`;
    return { training, fitted: null, runRate: fallback() };
  }
  training.usable = true;
  return { training, fitted, runRate: null };
}

/** A level's series where its facts are still to be found from its days. */
function withDays(series: UnitSeries | Units): UnitSeries {
  if (!('day' in series)) throw new Error('applyRisk: a level without its day series needs its facts passed in.');
  return series;
}

/** Units scored per block of the feature matrix: a block (under 0.4 MB) stays in cache between its writing and its reading. */
const SCORE_BLOCK = 4096;

/**
 * Applies what was learned to every unit as of `cut`: its expected spend, chance of a decline and
 * money at risk.
 */
export function applyRisk(ds: Dataset, series: UnitSeries | Units, cut: number, horizonDays: number, learned: LearnedRisk, context: UnitContext = {}): RiskForecast {
  const priorDays = priorDaysAt(ds.firstDay, cut);
  const facts = context.facts ?? unitFacts(withDays(series), ds.firstDay, cut, priorDays, horizonDays);
  const n = series.count;
  const [pace] = businessPaces(ds, [cut], horizonDays);
  const forecast: RiskForecast = {
    level: series.level,
    cut,
    horizonDays,
    priorDays,
    facts,
    breadth: null,
    ...bigColumnsOf(n, { expected: Float64Array, pDecline: Float64Array, lossShare: Float64Array, atRisk: Float64Array }),
    kept: keptSpend(ds, series, cut, priorDays),
    training: learned.training,
    basis: learned.fitted ? 'model' : learned.runRate ? 'run-rate' : 'none',
    calibrated: learned.fitted !== null || learned.runRate?.calibrated === true,
    pace,
  };
  for (let u = 0; u < n; u++) forecast.expected[u] = (Math.max(0, facts.prior[u]) * horizonDays) / priorDays;
  // The reasons quote a customer's lapsed categories whatever priced the money.
  forecast.breadth = breadthAt(ds, context.categories);
  const fitted = learned.fitted;
  if (!fitted) {
    if (learned.runRate) applyRunRate(forecast, learned.runRate);
    return forecast;
  }
  const { customers, customerFacts } = context;
  const standing = customerFacts ?? (customers ? unitFacts(customers, ds.firstDay, cut, priorDays, horizonDays) : null);
  let activeCount = 0;
  const active = new Int32Array(n);
  for (let u = 0; u < n; u++) if (forecast.expected[u] > 0) active[activeCount++] = u;
  const share = forestOf(fitted.share);
  const decline = forestOf(fitted.decline);
  // Scored a block of units at a time, in one matrix written over: the whole one was 96 bytes a
  // scored unit (0.14 GB at 20M rows), each row written once and read once.
  const x = new Float64Array(Math.min(SCORE_BLOCK, activeCount) * FEATURE_COUNT);
  for (let from = 0; from < activeCount; from += SCORE_BLOCK) {
    const block = active.subarray(from, Math.min(activeCount, from + SCORE_BLOCK));
    featureMatrix(facts, series, horizonDays, pace, standing, block, x);
    for (let row = 0; row < block.length; row++) {
      const u = block[row];
      forecast.lossShare[u] = predictForest(share, x, row);
      forecast.pDecline[u] = predictForest(decline, x, row);
      forecast.atRisk[u] = forecast.expected[u] * forecast.lossShare[u];
    }
  }
  calibrateByBand(forecast, fitted.bandFactor);
  return forecast;
}

/**
 * The most a unit can have at risk: its expectation, and no more than what it kept of its purchases
 * in the prior window, at the same rate. The expectation counts purchases, as the backtest's outcomes
 * do (a return is dated when the goods came back); but a customer that bought £752 and sent it all
 * back three weeks later cannot lose it. Without the ceiling, Online Retail's list stated 37 customers
 * at more risk than their whole 12-month revenue, and 4 that had kept nothing.
 */
export function moneyCeiling(f: RiskForecast, u: number): number {
  return f.kept ? Math.min(f.expected[u], (Math.max(0, f.kept[u]) * f.horizonDays) / f.priorDays) : f.expected[u];
}

/** Stated money corrected by its rank band's out-of-sample factor, never above the unit's ceiling. */
function calibrateByBand(forecast: RiskForecast, bandFactor: Float64Array): void {
  const rank = rankShares(float64Of(forecast.atRisk.length, (u) => forecast.atRisk[u] * forecast.pDecline[u]));
  for (let u = 0; u < forecast.atRisk.length; u++) {
    if (forecast.atRisk[u] > 0) forecast.atRisk[u] = Math.min(moneyCeiling(forecast, u), forecast.atRisk[u] * bandFactor[bandOf(rank[u])]);
  }
}

/**
 * Under this many training units a shortfall bin's chance is mostly the overall decline rate it is
 * pulled toward (BIN_PRIOR_UNITS): at 9 units the prior holds over three quarters of the weight.
 */
const MIN_MEASURED_BIN_UNITS = 10;

/**
 * Why the run-rate chance for unit u measures nothing of units like it, or null where it does (and
 * under the learned model, or a training kept before the bins were counted): `thin` where almost no
 * training unit had fallen as far short (`seen` of `of`), `unlearned` where the training cuts' history
 * could show no shortfall at all. Either way the chance is, or nearly is, the overall rate (`overall`).
 */
export type UnmeasuredShortfall = { kind: 'thin' | 'unlearned'; seen: number; of: number; overall: number };

export function unmeasuredShortfall(forecast: RiskForecast, u: number): UnmeasuredShortfall | null {
  const counts = forecast.training?.shortfallUnits;
  if (forecast.basis !== 'run-rate' || !counts || !(forecast.expected[u] > 0)) return null;
  const training = forecast.training as RiskTraining;
  const base = { of: training.units, overall: training.declineRate };
  if (counts.length === 0) return { kind: 'unlearned', seen: 0, ...base };
  // applyRunRate keeps the unit's shortfall share as its loss share, the share its bin was read by.
  const seen = counts[shareBin(forecast.lossShare[u])] ?? 0;
  return seen < MIN_MEASURED_BIN_UNITS ? { kind: 'thin', seen, ...base } : null;
}

function applyRunRate(forecast: RiskForecast, runRate: RunRate): void {
  for (let u = 0; u < forecast.expected.length; u++) {
    const expected = forecast.expected[u];
    if (!(expected > 0)) continue;
    const shortfall = Math.min(expected, runRateShortfall(forecast.facts, u, forecast.horizonDays));
    forecast.lossShare[u] = shortfall / expected;
    forecast.pDecline[u] = runRate.declineByShare[shareBin(shortfall / expected)];
    forecast.atRisk[u] = shortfall;
  }
  calibrateByBand(forecast, runRate.bandFactor);
}

