// Small order statistics on plain arrays: the recovery model calls them once per relationship.

/** Median of the first `n` values of `values` (sorted in place). NaN when n = 0. */
export function medianInPlace(values: number[], n = values.length): number {
  if (n === 0) return Number.NaN;
  const a = n === values.length ? values : values.slice(0, n);
  a.sort((p, q) => p - q);
  const mid = n >> 1;
  return n % 2 === 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Population standard deviation (0 for one value). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / values.length);
}
