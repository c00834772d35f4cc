// Small order statistics on plain arrays: the recovery model calls them once per relationship.

const scratch = { buffer: new Float64Array(64) };

/** Median of the values (NaN when empty). Sorts a typed copy: numeric sort without a comparator. */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (scratch.buffer.length < n) scratch.buffer = new Float64Array(Math.max(n, scratch.buffer.length * 2));
  const a = scratch.buffer.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = values[i];
  a.sort();
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
