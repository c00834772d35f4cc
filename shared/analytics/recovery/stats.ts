import { sortSmallInPlace } from '../sorted';

// Small order statistics over the first n values of a scratch buffer: the recovery model calls them
// once or twice per relationship (half a million at 5M rows), so they take no arrays of their own.

/** Median of values[0..n) (NaN when n is 0), sorting them in place. */
export function medianInPlace(values: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  sortSmallInPlace(values, n);
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Population standard deviation of values[0..n) (0 for one value), summed in index order. */
export function standardDeviation(values: ArrayLike<number>, n: number): number {
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const m = sum / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) * (values[i] - m);
  return Math.sqrt(s / n);
}
