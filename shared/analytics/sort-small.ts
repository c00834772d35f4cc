/**
 * Sorts values[0..n) ascending in place: by insertion for the few dozen values a relationship's or a
 * unit's intervals mostly are (a tenth of a typed-array sort's call, and half a million calls at 5M
 * rows), numerically beyond.
 */
export function sortSmallInPlace(values: Int32Array | Float64Array, n: number): void {
  if (n > 64) {
    values.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}
