import type { Outcomes } from '../risk/outcome';
import { seededRandom } from '../rng';

/**
 * How sure one backtest's comparison is. A holdout is one draw of customers and of what they did
 * next: 300 flags at 50% hold about 150 declines give or take 15, and a few large accounts can carry
 * half of a list's loss. So the scored units are resampled (each unit weighted by a Poisson(1)
 * count, as a bootstrap resample would repeat it) and every list is scored again on the same weights:
 * lists sharing a unit move together, so the spread is that of the gap between the lists, not of
 * each list alone. The lists themselves stay fixed, as they were made before the horizon.
 */
export const RESAMPLES = 400;
/** The range reported holds this share of the resamples (5th to 95th percentile). */
export const RANGE_SHARE = 0.9;
/**
 * Below this many declines expected among our flags by chance alone (flags x the share of all units
 * that declined), no comparison of precisions or losses can tell methods apart.
 */
export const MIN_EXPECTED_DECLINES = 5;

export type Sureness = {
  resamples: number;
  /** Our loss captured over the best loss-capturing rule's in each resample: the range's ends. */
  captureRatio: [number, number] | null;
  /** Our precision minus the better money-minded rule's, as a share (0.05 = 5 points): the range's ends. */
  precisionGap: [number, number] | null;
  /** Money we stated at risk on our flags over the loss that followed on them (absent on backtests kept before it was measured). */
  calibration?: [number, number] | null;
};

export type ListsToResample = {
  ours: readonly number[];
  /** Rules whose loss captured sets the capture bar (the best of them in each resample). */
  captureRules: readonly (readonly number[])[];
  /** Rules whose precision sets the precision bar (the better of them in each resample). */
  precisionRules: readonly (readonly number[])[];
  /** Money stated at risk per unit on our flags, when we state it. */
  stated?: Float64Array;
};

/** One Poisson(1) draw (Knuth's product of uniforms; the mean is small, so a few steps). */
function poissonOne(random: () => number): number {
  const limit = Math.exp(-1);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** The q-quantile of an ascending array, by linear interpolation. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function rangeOf(values: number[]): [number, number] | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - RANGE_SHARE) / 2;
  return [quantile(sorted, tail), quantile(sorted, 1 - tail)];
}

/**
 * Resamples the units on the lists only: a unit on no list adds to no list's loss or declines, and
 * our share over a rule's share is our loss over the rule's loss (the whole population's loss is the
 * same denominator for both), so only listed units need a weight.
 */
export function resampleLists(lists: ListsToResample, out: Outcomes, seed: number, resamples = RESAMPLES): Sureness {
  const all = [lists.ours, ...lists.captureRules, ...lists.precisionRules];
  const units = [...new Set(all.flat())].sort((a, b) => a - b);
  const slot = new Map(units.map((u, i) => [u, i]));
  const slots = all.map((list) => Int32Array.from(list, (u) => slot.get(u) as number));
  const weight = new Float64Array(units.length);
  const random = seededRandom(seed);
  const ratios: number[] = [];
  const gaps: number[] = [];
  const calibrations: number[] = [];
  const stated = lists.stated;
  const statedOf = (list: Int32Array): number => {
    let s = 0;
    if (stated) for (const i of list) s += weight[i] * stated[units[i]];
    return s;
  };
  const lossOf = (list: Int32Array): number => {
    let s = 0;
    for (const i of list) s += weight[i] * out.loss[units[i]];
    return s;
  };
  const precisionOf = (list: Int32Array): number | null => {
    let n = 0;
    let declined = 0;
    for (const i of list) {
      n += weight[i];
      declined += weight[i] * out.declined[units[i]];
    }
    return n > 0 ? declined / n : null;
  };
  const ours = slots[0];
  const captureRules = slots.slice(1, 1 + lists.captureRules.length);
  const precisionRules = slots.slice(1 + lists.captureRules.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < weight.length; i++) weight[i] = poissonOne(random);
    const best = Math.max(0, ...captureRules.map(lossOf));
    const lost = lossOf(ours);
    if (best > 0) ratios.push(lost / best);
    if (stated && lost > 0) calibrations.push(statedOf(ours) / lost);
    const mine = precisionOf(ours);
    // An empty rule list (no unit past its own gaps) has no precision: it sets no bar, as in the verdict.
    const bar = Math.max(0, ...precisionRules.map((l) => precisionOf(l) ?? 0));
    if (mine !== null) gaps.push(mine - bar);
  }
  return { resamples, captureRatio: rangeOf(ratios), precisionGap: rangeOf(gaps), ...(stated ? { calibration: rangeOf(calibrations) } : {}) };
}

/** Declines our flags would hold by chance alone: flags x the share of all scored units that declined. */
export function declinesByChance(flags: number, declined: number, units: number): number {
  return units > 0 ? (flags * declined) / units : 0;
}
