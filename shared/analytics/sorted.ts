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

/**
 * The values that pass, in order. Counted and copied in a loop: a typed array's filter calls back
 * into JavaScript from its builtin for every value, several times slower at 139k customers.
 */
export function sortedWhere(values: Float64Array, keep: (v: number) => boolean): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i])) count++;
  const kept = new Float64Array(count);
  count = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i])) kept[count++] = values[i];
  return kept.sort();
}
