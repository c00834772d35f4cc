import type { KQuality } from '../model/results';
import { flatten, lloyd } from './kmeans-lloyd';
import { adjustedRandIndex } from './agreement';
import { sampleIndices, seededRandom } from './rng';
import { cloudLike } from './kmeans-reference';

/** Silhouette and the sweep run on a seeded sample: exact O(n^2) silhouette is minutes at 30k. */
export const SAMPLE_SIZE = 2000;
const MAX_ITERATIONS = 500;

export type Fit = { centroids: number[][]; clusters: Int32Array; sse: number; converged: boolean; iterations: number };

export type Sweep = {
  quality: KQuality[];
  suggestedK: number;
  structure: Structure;
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
 * Choosing k, and saying when there is nothing to choose. Silhouette alone over-splits small data
 * (a 300-customer file got k = 11 with three profiles of four customers or fewer) and calls
 * noise a pattern on large data (0.01-0.02 at every k on a product-code level still "suggested"
 * the top of the range). So each k must also be:
 * - stable: k-means on seeded 80% subsamples finds the same partition again (mean adjusted Rand
 *   index against the full-sample fit at least STABLE_ARI; Ben-Hur et al. 2002, Lange et al. 2004);
 * - large enough: its smallest profile holds at least the minimum profile share of the sample.
 * Among such k the best silhouette wins; statistically tied ones (within SILHOUETTE_TIE, about the
 * sampling error of a 2,000-point silhouette) go to the larger k, since two merged patterns make
 * growth recommend one pattern's categories to the other's customers. Structure is "none" when no
 * k qualifies or the best silhouette is below WEAK_SILHOUETTE, "weak" below CLEAR_SILHOUETTE
 * (Kaufman & Rousseeuw's "no substantial structure" line is 0.25).
 */
export const SILHOUETTE_TIE = 0.02;
/**
 * How far the chosen split's silhouette must stand above that of a cloud with the sample's spread
 * and no groups (cloudLike, the same k) for the patterns to be called clear. One seeded draw's
 * reference wobbles by a standard deviation of about 0.015 at 230 best customers and 0.002 at 2,000
 * (ten draws each), so this is three of the smallest samples' deviations.
 */
export const REFERENCE_MARGIN = 0.05;
export const STABLE_ARI = 0.75;
export const CLEAR_SILHOUETTE = 0.25;
export const WEAK_SILHOUETTE = 0.12;
/** Resamples per k for stability, each of this share of the sample. */
export const RESAMPLES = 4;
const RESAMPLE_SHARE = 0.8;
/** A profile never has fewer members than this, whatever the share setting. */
export const MIN_PROFILE_MEMBERS = 5;

export type Structure = {
  state: 'clear' | 'weak' | 'none';
  /** Plain words with the numbers behind the verdict. */
  reason: string;
  /** Set where the suggested split parted best customers of one category mix (by size or breadth alone) and stepped down. */
  oneMix?: true;
  /** Set where only the minimum profile share kept every k out: patterns may be there, in smaller profiles. */
  tooSmall?: true;
};

export type KChoice = { k: number; structure: Structure };

const qualifies = (q: KQuality, minShare: number): boolean =>
  q.stability !== null && (q.stability ?? 1) >= STABLE_ARI && (q.smallestShare ?? 1) >= minShare;

export function chooseK(quality: readonly KQuality[], minShare: number): KChoice {
  if (quality.length === 0) return { k: 1, structure: { state: 'none', reason: 'Too few best customers to look for buying patterns.' } };
  const fmt = (v: number): string => v.toFixed(2);
  const ok = quality.filter((q) => qualifies(q, minShare));
  const bestAll = quality.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  if (ok.length === 0) {
    const tooSmall = quality.every((q) => whyNot(q, minShare) === 'small');
    return { k: 1, structure: { state: 'none', reason: noKReason(quality, minShare, bestAll), ...(tooSmall ? { tooSmall: true as const } : {}) } };
  }
  const top = Math.max(...ok.map((q) => q.silhouette));
  let k = ok[0].k;
  for (const q of ok) if (q.silhouette >= top - SILHOUETTE_TIE) k = Math.max(k, q.k);
  const chosen = ok.find((q) => q.k === k) as KQuality;
  const facts = `silhouette ${fmt(chosen.silhouette)}, stability ${fmt(chosen.stability ?? 1)}, smallest profile ${Math.round((chosen.smallestShare ?? 0) * 100)}% at k = ${k}`;
  if (top < WEAK_SILHOUETTE) {
    return {
      k: 1,
      structure: {
        state: 'none',
        reason: `No clear buying patterns: the best stable split has a mean silhouette of ${fmt(top)} (below ${WEAK_SILHOUETTE}), so customers differ by degree, not by pattern. All customers are compared with one peer group.`,
      },
    };
  }
  const atTop = k === quality[quality.length - 1].k ? ' It is the top of the k range searched: a wider range may fit better.' : '';
  const reference = chosen.reference;
  if (reference !== undefined && chosen.silhouette - reference < REFERENCE_MARGIN) {
    return {
      k,
      structure: {
        state: 'weak',
        reason: `Weak buying patterns: the best stable split (${facts}) is hardly better than the same split of a cloud with the same spread and no groups in it (silhouette ${fmt(reference)}). The profiles cut one continuum of mixes rather than find distinct patterns: treat them as tendencies.${atTop}`,
      },
    };
  }
  const cloud = reference === undefined ? '' : `; a cloud with the same spread and no groups scores ${fmt(reference)}`;
  if (top < CLEAR_SILHOUETTE) {
    return { k, structure: { state: 'weak', reason: `Weak buying patterns: ${facts}${cloud}; profiles overlap, treat them as tendencies.${atTop}` } };
  }
  return { k, structure: { state: 'clear', reason: `Clear buying patterns: ${facts}${cloud}.${atTop}` } };
}

/** Why a k is not suggested: its smallest profile is under the share, its silhouette too low to measure stability, or unstable. */
function whyNot(q: KQuality, minShare: number): 'small' | 'low' | 'unstable' {
  if ((q.smallestShare ?? 1) < minShare) return 'small';
  return q.stability === null ? 'low' : 'unstable';
}

/** "2", "2 and 5", "2 to 4", "2 to 4 and 7": the k a reason holds for. */
function kList(ks: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ks.length; ) {
    let j = i;
    while (j + 1 < ks.length && ks[j + 1] === ks[j] + 1) j++;
    runs.push(j > i ? `${ks[i]} to ${ks[j]}` : String(ks[i]));
    i = j + 1;
  }
  return runs.length === 1 ? runs[0] : `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
}

/**
 * Why no k from the range was suggested, by the reason that ruled out each k. It had said every k
 * was unstable or small: a sample with clear patterns at k = 6 (silhouette 0.41) read so at a 20%
 * profile share, where size alone had ruled each k out, and Online Retail's read so where no
 * stability had been measured at all (every silhouette too low to look).
 */
function noKReason(quality: readonly KQuality[], minShare: number, bestAll: KQuality): string {
  const fmt = (v: number): string => v.toFixed(2);
  const range = `${quality[0].k} to ${quality[quality.length - 1].k}`;
  const share = minShare >= 1 ? `${MIN_PROFILE_MEMBERS} best customers each, more than there are to split` : `${Math.round(minShare * 100)}% of the best customers each`;
  const by = { small: [] as number[], low: [] as number[], unstable: [] as number[] };
  for (const q of quality) by[whyNot(q, minShare)].push(q.k);
  const best = `the best silhouette is ${fmt(bestAll.silhouette)} at k = ${bestAll.k}`;
  if (by.small.length === quality.length) {
    // Size alone: the patterns may be there, in profiles smaller than the setting allows.
    const hint = minShare < 1 && bestAll.silhouette >= WEAK_SILHOUETTE ? ': lower Min profile share (--min-profile-share) to see the patterns' : '';
    return `No k from ${range} gives profiles of at least ${share}${hint}; ${best}.`;
  }
  const parts: string[] = [];
  if (by.low.length > 0) parts.push(`at k = ${kList(by.low)} the silhouette is too low for a pattern (under ${fmt(WEAK_SILHOUETTE - SILHOUETTE_TIE)})`);
  if (by.unstable.length > 0) parts.push(`at k = ${kList(by.unstable)} the profiles are not stable across resamples (adjusted Rand under ${STABLE_ARI})`);
  if (by.small.length > 0) parts.push(`at k = ${kList(by.small)} a profile holds less than ${share.replace(/ each.*$/, '')}`);
  return `No k from ${range} gives usable profiles: ${parts.join('; ')}; ${best}.`;
}

/** The k choice with the default minimum profile share; kept for callers that only want k. */
export function suggestK(quality: KQuality[], minShare = 0.05): number {
  return chooseK(quality, minShare).k;
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

/** Mean adjusted Rand index between the full-sample fit and fits on seeded subsamples. */
function stabilityOf(sample: FlatPoints, full: Int32Array, k: number, seed: number, restarts: number): number {
  const size = Math.max(k + 1, Math.floor(sample.n * RESAMPLE_SHARE));
  let total = 0;
  for (let b = 0; b < RESAMPLES; b++) {
    const pick = sampleIndices(sample.n, size, (seed + 15485863 * (b + 1) + 31 * k) % 2147483647);
    const sub: FlatPoints = { flat: new Float64Array(pick.length * sample.dims), n: pick.length, dims: sample.dims };
    pick.forEach((i, j) => sub.flat.set(sample.flat.subarray(i * sample.dims, (i + 1) * sample.dims), j * sample.dims));
    const fit = bestOfRestarts(sub, k, seed + 1000003 * (b + 1), restarts);
    total += adjustedRandIndex(fit.clusters, Array.from(pick, (i) => full[i]));
  }
  return total / RESAMPLES;
}

export function sweepK(
  /** How many points there are, and the flat rows of any of them: the sweep reads only a sample. */
  count: number,
  pointsAt: (rows: Int32Array) => FlatPoints,
  kMin: number,
  kMax: number,
  seed: number,
  restarts: number,
  onK?: (k: number) => void,
  minProfileShare = 0.05,
): Sweep {
  const sample = pointsAt(sampleIndices(count, SAMPLE_SIZE, seed));
  const dist = distanceMatrix(sample);
  const quality: KQuality[] = [];
  const centroids = new Map<number, number[][]>();
  const clusterings = new Map<number, Int32Array>();
  // A profile must hold at least the share setting and MIN_PROFILE_MEMBERS of the sample.
  const minShare = Math.max(minProfileShare, MIN_PROFILE_MEMBERS / Math.max(1, sample.n));
  const top = Math.min(kMax, sample.n - 1);
  for (let k = kMin; k <= top; k++) {
    onK?.(k);
    const fit = bestOfRestarts(sample, k, seed, restarts);
    const sizes = new Int32Array(k);
    for (const c of fit.clusters) sizes[c]++;
    const smallestShare = Math.min(...sizes) / sample.n;
    quality.push({
      k,
      silhouette: meanSilhouette(dist, sample.n, fit.clusters, k),
      sse: fit.sse,
      converged: fit.converged,
      iterations: fit.iterations,
      stability: null as number | null,
      smallestShare,
    });
    centroids.set(k, fit.centroids);
    clusterings.set(k, fit.clusters);
  }
  // Stability costs several fits per k, so it is measured only where it can change the choice: a
  // k with large enough profiles whose silhouette could still be chosen (a k more than the tie
  // below the weak line never is, as the chosen k is within the tie of a best at or above it).
  for (const q of quality) {
    if (q.smallestShare === undefined || q.smallestShare < minShare) continue;
    if (q.silhouette < WEAK_SILHOUETTE - SILHOUETTE_TIE) continue;
    q.stability = stabilityOf(sample, clusterings.get(q.k) as Int32Array, q.k, seed, Math.min(2, restarts));
  }
  // The reference is drawn only for the k the silhouette would choose: at every k it cost the
  // sweep half as much again (Online Retail's 30 product groups), and no other k's verdict is read.
  const first = chooseK(quality, minShare);
  const chosen = quality.find((q) => q.k === first.k);
  if (first.structure.state !== 'none' && chosen) chosen.reference = referenceSilhouette(sample, chosen.k, seed, restarts);
  const choice = chooseK(quality, minShare);
  return { quality, suggestedK: choice.k, structure: choice.structure, centroids };
}

/**
 * The silhouette of k profiles on a cloud with the sample's spread and no groups (cloudLike), so the
 * verdict reads a split against what cutting alone gives on data of that shape. One seeded draw of
 * the sample's size: its wobble from draw to draw is under the margin it is judged by. Fitted with
 * as many starts as the real split: with one, a 233-customer cloud read 0.23 instead of 0.27 (a
 * worse local optimum), which made a split of noise look clear.
 */
function referenceSilhouette(sample: FlatPoints, k: number, seed: number, restarts: number): number {
  const cloud = cloudLike(sample, (seed + 2654435761) % 2147483647);
  return meanSilhouette(distanceMatrix(cloud), cloud.n, bestOfRestarts(cloud, k, seed, restarts).clusters, k);
}
