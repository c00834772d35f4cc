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

/**
 * The `count` best of items 0..n-1 that `keep` lets through, best first: highest `score` first,
 * ties to the lower index (as a full sort by score, then index, would give). A bounded heap of the
 * best so far: at 5M rows a list of 300 is read off half a million relationships ten times a run,
 * where sorting them all each time cost about a second.
 */
export function topIndices(n: number, score: (i: number) => number, count: number, keep: (i: number) => boolean = () => true): number[] {
  const size = Math.max(0, Math.min(count, n));
  const heapScore = new Float64Array(size);
  const heapIndex = new Int32Array(size);
  let filled = 0;
  // The heap's root is its worst item: the lowest score, the higher index on a tie.
  const worse = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= filled) return;
      const right = left + 1;
      let child = left;
      if (right < filled && worse(heapScore[right], heapIndex[right], heapScore[left], heapIndex[left])) child = right;
      if (!worse(heapScore[child], heapIndex[child], heapScore[at], heapIndex[at])) return;
      const s = heapScore[at];
      const i = heapIndex[at];
      heapScore[at] = heapScore[child];
      heapIndex[at] = heapIndex[child];
      heapScore[child] = s;
      heapIndex[child] = i;
      at = child;
    }
  };
  if (size === 0) return [];
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const s = score(i);
    if (filled < size) {
      // Sift up.
      let at = filled++;
      heapScore[at] = s;
      heapIndex[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heapScore[at], heapIndex[at], heapScore[parent], heapIndex[parent])) break;
        [heapScore[at], heapScore[parent]] = [heapScore[parent], heapScore[at]];
        [heapIndex[at], heapIndex[parent]] = [heapIndex[parent], heapIndex[at]];
        at = parent;
      }
    } else if (worse(heapScore[0], heapIndex[0], s, i)) {
      heapScore[0] = s;
      heapIndex[0] = i;
      siftDown(0);
    }
  }
  const order = Array.from({ length: filled }, (_, k) => k);
  order.sort((a, b) => heapScore[b] - heapScore[a] || heapIndex[a] - heapIndex[b]);
  return order.map((k) => heapIndex[k]);
}

/** The median of a list of values (the mean of the middle two when their count is even); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
