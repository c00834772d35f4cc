/**
 * Lloyd's k-means on one flat Float64Array, step for step what ml-kmeans 7 does from given
 * centres (assign each point to the first nearest centre by squared Euclidean distance, move each
 * centre to its members' mean summed in point order, keep an empty centre where it was, stop when
 * no centre moved more than the tolerance), so the clusters and centres are the same to the bit.
 * ml-kmeans walks arrays of arrays through a distance callback per pair and allocates new centres
 * every step, which was most of the k sweep's time.
 */
export type LloydResult = { centroids: number[][]; clusters: Int32Array; converged: boolean; iterations: number };

/** ml-kmeans' default tolerance on a centre's squared move. */
export const LLOYD_TOLERANCE = 1e-6;

/** Copies points (all of one length) into one row-major array. */
export function flatten(points: readonly (readonly number[])[], dims: number): Float64Array {
  const flat = new Float64Array(points.length * dims);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    for (let d = 0; d < dims; d++) flat[i * dims + d] = p[d];
  }
  return flat;
}

/** Squared distance of flat point i to flat centre c, summed in dimension order. */
const distanceTo = (points: Float64Array, i: number, centres: Float64Array, c: number, dims: number): number => {
  let s = 0;
  const a = i * dims;
  const b = c * dims;
  for (let d = 0; d < dims; d++) {
    const t = points[a + d] - centres[b + d];
    s += t * t;
  }
  return s;
};

/**
 * The first nearest centre, as a plain scan in centre order finds it, with less work: the point's
 * previous centre is measured first for a tight bound, and a centre is dropped as soon as its
 * partial sum exceeds the bound (a sum of non-negative terms never shrinks, even in floating
 * point). Ties still go to the lowest index.
 */
function nearestCentre(points: Float64Array, i: number, centres: Float64Array, k: number, dims: number, previous: number): number {
  let best = -1;
  let bestD = Number.MAX_VALUE;
  if (previous >= 0) {
    best = previous;
    bestD = distanceTo(points, i, centres, previous, dims);
  }
  const a = i * dims;
  for (let c = 0; c < k; c++) {
    if (c === previous) continue;
    const b = c * dims;
    let s = 0;
    for (let d = 0; d < dims && s <= bestD; d++) {
      const t = points[a + d] - centres[b + d];
      s += t * t;
    }
    if (s < bestD || (s === bestD && c < best)) {
      bestD = s;
      best = c;
    }
  }
  return best;
}

export function lloyd(
  points: Float64Array,
  dims: number,
  start: readonly (readonly number[])[],
  maxIterations: number,
  tolerance = LLOYD_TOLERANCE,
): LloydResult {
  const k = start.length;
  const n = dims ? points.length / dims : 0;
  let centres: Float64Array = flatten(start, dims);
  let next: Float64Array = new Float64Array(k * dims);
  const counts = new Int32Array(k);
  const clusters = new Int32Array(n);
  let converged = false;
  let iterations = 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < n; i++) clusters[i] = nearestCentre(points, i, centres, k, dims, iterations > 1 ? clusters[i] : -1);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = clusters[i];
      counts[c]++;
      const a = i * dims;
      const b = c * dims;
      for (let d = 0; d < dims; d++) next[b + d] += points[a + d];
    }
    for (let c = 0; c < k; c++) {
      const b = c * dims;
      for (let d = 0; d < dims; d++) next[b + d] = counts[c] ? next[b + d] / counts[c] : centres[b + d];
    }
    converged = true;
    for (let c = 0; c < k && converged; c++) if (distanceTo(next, c, centres, c, dims) > tolerance) converged = false;
    const moved = centres;
    centres = next;
    next = moved;
  }
  const centroids = Array.from({ length: k }, (_, c) => Array.from(centres.subarray(c * dims, (c + 1) * dims)));
  return { centroids, clusters, converged, iterations };
}
