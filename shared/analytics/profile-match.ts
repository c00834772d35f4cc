/**
 * How far a customer is from a profile, tolerant of gaps. A customer that buys like a profile
 * minus a category or two is exactly who growth actions are for, so a missing category must not
 * push it into another profile; buying what the profile does not is a different pattern and
 * costs fully. The distance is the Hellinger distance between the customer's mix and the
 * profile's mix restricted to the categories the customer buys (renormalised), plus
 * ABSENT_WEIGHT x the share of the profile's mix in categories the customer never buys.
 * A full-line restaurant without Meat (a third of its pattern) pays 0.5 x 0.33 ~ 0.17, well under
 * the 0.5-1.0 that separates two real patterns.
 */
export const ABSENT_WEIGHT = 0.5;

export function gapTolerantDistance(mix: ArrayLike<number>, offset: number, m: number, profileMix: readonly number[]): number {
  let covered = 0;
  for (let c = 0; c < m; c++) if (mix[offset + c] > 0) covered += profileMix[c];
  if (!(covered > 0)) return Infinity;
  let s = 0;
  for (let c = 0; c < m; c++) {
    const own = mix[offset + c];
    const q = own > 0 ? profileMix[c] / covered : 0;
    const d = Math.sqrt(own) - Math.sqrt(q);
    s += d * d;
  }
  return Math.sqrt(s / 2) + ABSENT_WEIGHT * (1 - covered);
}
