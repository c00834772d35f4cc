import type { KQuality } from '../model/results';
import { flatten, lloyd } from './kmeans-lloyd';
import { sampleIndices, seededRandom } from './rng';

/** Silhouette and the sweep run on a seeded sample: exact O(n^2) silhouette is minutes at 30k. */
export const SAMPLE_SIZE = 2000;
const MAX_ITERATIONS = 500;

export type Fit = { centroids: number[][]; clusters: Int32Array; sse: number; converged: boolean; iterations: number };

export type Sweep = {
  quality: KQuality[];
  suggestedK: number;
  /** Best-of-restarts centroids per k, used to start the final fit on all best customers. */
  centroids: Map<number, number[][]>;
};

/** Points as one row-major array: every loop here walks it instead of arrays of arrays. */
export type FlatPoints = { flat: Float64Array; n: number; dims: number };

export const flatPoints = (points: readonly (readonly number[])[]): FlatPoints => {
  const dims = points.length ? points[0].length : 0;
  return { flat: flatten(points, dims), n: points.length, dims };
};

/** Squared distance between flat points i and j, summed in dimension order. */
const between = (p: FlatPoints, i: number, j: number): number => {
  let s = 0;
  const a = i * p.dims;
  const b = j * p.dims;
  for (let d = 0; d < p.dims; d++) {
    const t = p.flat[a + d] - p.flat[b + d];
    s += t * t;
  }
  return s;
};

/**
 * min(bound, squared distance of i and j), stopping as soon as the partial sum reaches the bound:
 * a sum of non-negative terms never shrinks, so the answer is the bound, exactly as in full.
 */
const closer = (p: FlatPoints, i: number, j: number, bound: number): number => {
  let s = 0;
  const a = i * p.dims;
  const b = j * p.dims;
  for (let d = 0; d < p.dims; d++) {
    const t = p.flat[a + d] - p.flat[b + d];
    s += t * t;
    if (s >= bound) return bound;
  }
  return s;
};

const sseOf = (p: FlatPoints, clusters: Int32Array, centroids: number[][]): number => {
  let s = 0;
  for (let i = 0; i < p.n; i++) {
    const centre = centroids[clusters[i]];
    let d2 = 0;
    for (let d = 0; d < p.dims; d++) {
      const t = p.flat[i * p.dims + d] - centre[d];
      d2 += t * t;
    }
    s += d2;
  }
  return s;
};

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007, greedy with 2 + ln k local trials as in
 * scikit-learn) with our seeded generator. ml-kmeans' own k-means++ builds an ml-matrix distance
 * table on every call, which was most of the k sweep's time.
 */
export function kmeansPlusPlus(p: FlatPoints, k: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const n = p.n;
  const trials = 2 + Math.floor(Math.log(k));
  const picks = [Math.floor(random() * n)];
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = between(p, i, picks[0]);
  let potential = closest.reduce((a, b) => a + b, 0);
  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      let target = random() * potential;
      let pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= closest[i];
        if (target <= 0) {
          pick = i;
          break;
        }
      }
      let sum = 0;
      for (let i = 0; i < n; i++) sum += closer(p, i, pick, closest[i]);
      if (sum < bestPotential) {
        bestPotential = sum;
        bestIndex = pick;
      }
    }
    picks.push(bestIndex);
    for (let i = 0; i < n; i++) closest[i] = closer(p, i, bestIndex, closest[i]);
    potential = bestPotential;
  }
  return picks.map((i) => Array.from(p.flat.subarray(i * p.dims, (i + 1) * p.dims)));
}

/** k-means++ starts with several seeded restarts; keeps the lowest within-cluster error. */
export function bestOfRestarts(p: FlatPoints, k: number, seed: number, restarts: number): Fit {
  let best: Fit | null = null;
  for (let r = 0; r < restarts; r++) {
    const start = kmeansPlusPlus(p, k, (seed + 7919 * r + 104729 * k) % 2147483647);
    let result = lloyd(p.flat, p.dims, start, MAX_ITERATIONS);
    // Not converged within the cap: carry on from where it stopped with a larger cap (reported if still not).
    if (!result.converged) result = lloyd(p.flat, p.dims, result.centroids, MAX_ITERATIONS * 4);
    const sse = sseOf(p, result.clusters, result.centroids);
    if (!best || sse < best.sse - 1e-12) {
      best = { centroids: result.centroids, clusters: result.clusters, sse, converged: result.converged, iterations: result.iterations };
    }
  }
  return best as Fit;
}

/** k-means started from given centres (no randomness): the final fit after the sweep. */
export function refine(p: FlatPoints, start: number[][]): Fit {
  const result = lloyd(p.flat, p.dims, start, MAX_ITERATIONS);
  return {
    centroids: result.centroids,
    clusters: result.clusters,
    sse: sseOf(p, result.clusters, result.centroids),
    converged: result.converged,
    iterations: result.iterations,
  };
}

/**
 * Pairwise Euclidean distances of the sample, computed once and shared by every k. Single
 * precision is plenty for a mean silhouette and halves the memory each k streams through.
 */
function distanceMatrix(points: FlatPoints): Float32Array {
  const { n, dims, flat } = points;
  const d = new Float32Array(n * n);
  // The upper triangle only, row by row: meanSilhouette reads nothing else.
  for (let i = 0; i < n; i++) {
    const a = i * dims;
    for (let j = i + 1; j < n; j++) {
      const b = j * dims;
      let s = 0;
      for (let x = 0; x < dims; x++) {
        const t = flat[a + x] - flat[b + x];
        s += t * t;
      }
      d[i * n + j] = Math.sqrt(s);
    }
  }
  return d;
}

/**
 * Mean silhouette over all points (a point alone in its cluster scores 0, as in Rousseeuw 1987).
 * This is the mean: simple-statistics' silhouetteMetric returns the maximum. Only the upper
 * triangle of dist is read.
 */
export function meanSilhouette(dist: Float32Array | Float64Array, n: number, clusterList: ArrayLike<number>, k: number): number {
  const clusters = Int32Array.from(clusterList);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[clusters[i]]++;
  // Each pair once: d(i, j) goes to i's sum for j's cluster and to j's sum for i's cluster. Rows
  // are walked in order, so every sum still adds its terms in ascending j, as scanning each full
  // row did: the same bits from half the table.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const own = i * k;
    const ci = clusters[i];
    for (let j = i + 1; j < n; j++) {
      const d = dist[row + j];
      sums[own + clusters[j]] += d;
      sums[j * k + ci] += d;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = clusters[i];
    if (sizes[own] <= 1) continue;
    const base = i * k;
    const a = sums[base + own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[base + c] / sizes[c]);
    if (!Number.isFinite(b)) continue;
    const s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    total += s;
  }
  return n > 0 ? total / n : 0;
}

/**
 * The suggested k: the largest k whose mean silhouette is within SILHOUETTE_TIE (0.02, about the
 * sampling error of a 2,000-point silhouette) of the best one. Between statistically tied
 * candidates the finer split is safer for the analyst: two merged patterns make growth actions
 * recommend one pattern's categories to the other's customers, while one pattern split in two
 * keeps the right penetrations in both halves. The elbow of the error curve is reported beside it.
 */
export const SILHOUETTE_TIE = 0.02;

export function suggestK(quality: KQuality[]): number {
  if (quality.length === 0) return 1;
  const top = Math.max(...quality.map((q) => q.silhouette));
  let k = quality[0].k;
  for (const q of quality) if (q.silhouette >= top - SILHOUETTE_TIE) k = Math.max(k, q.k);
  return k;
}

/** Elbow: the k farthest below the straight line joining the first and last error points. */
export function elbowK(quality: KQuality[]): number | null {
  if (quality.length < 3) return null;
  const first = quality[0];
  const last = quality[quality.length - 1];
  let bestK: number | null = null;
  let bestGap = 0;
  for (const q of quality) {
    const t = (q.k - first.k) / (last.k - first.k);
    const gap = first.sse + t * (last.sse - first.sse) - q.sse;
    if (gap > bestGap) {
      bestGap = gap;
      bestK = q.k;
    }
  }
  return bestK;
}

export function sweepK(
  points: number[][],
  kMin: number,
  kMax: number,
  seed: number,
  restarts: number,
  onK?: (k: number) => void,
): Sweep {
  const pick = sampleIndices(points.length, SAMPLE_SIZE, seed);
  const sample = flatPoints(Array.from(pick, (i) => points[i]));
  const dist = distanceMatrix(sample);
  const quality: KQuality[] = [];
  const centroids = new Map<number, number[][]>();
  const top = Math.min(kMax, sample.n - 1);
  for (let k = kMin; k <= top; k++) {
    onK?.(k);
    const fit = bestOfRestarts(sample, k, seed, restarts);
    quality.push({
      k,
      silhouette: meanSilhouette(dist, sample.n, fit.clusters, k),
      sse: fit.sse,
      converged: fit.converged,
      iterations: fit.iterations,
    });
    centroids.set(k, fit.centroids);
  }
  return { quality, suggestedK: suggestK(quality), centroids };
}
