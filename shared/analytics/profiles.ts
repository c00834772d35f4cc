import type { AnalysisSettings } from '../contract/settings';
import type { KQuality, ProfileResult } from '../model/results';
import type { Features } from './features';
import { flatPoints, refine, sweepK, type Structure, type Sweep } from './kmeans-sweep';
import { profileLabels } from './labels';
import { gapTolerantDistance } from './profile-match';
import { sampleIndices } from './rng';
import { customerVector, selectBest, squaredDistance, vectorSpace, type BestSelection, type VectorSpace } from './profile-vectors';

/** The one profile's name when the data shows no buying patterns. */
export const ALL_CUSTOMERS_LABEL = 'All customers (no clear pattern)';

/** Best customers the final k-means refinement runs on; the rest join their nearest centre. */
export const REFINE_SAMPLE = 5000;

export type ProfileSweep = {
  seed: number;
  selection: BestSelection;
  space: VectorSpace;
  bestVectors: number[][];
  sweep: Sweep;
};

export type ProfileModel = {
  k: number;
  suggestedK: number;
  structure: Structure;
  quality: KQuality[];
  selection: BestSelection;
  isBest: Uint8Array;
  /** Profile index (0-based, aligned with profiles) per customer; -1 when inactive. */
  profileOf: Int32Array;
  /** Gap-tolerant distance to the matched profile's typical mix (profile-match.ts); NaN when inactive. */
  affinity: Float64Array;
  profiles: ProfileResult[];
  converged: boolean;
};

/** The expensive part that depends on best-customer settings and the seed, not on k. */
export function sweepProfiles(
  f: Features,
  settings: Pick<AnalysisSettings, 'best' | 'kMin' | 'kMax' | 'seed' | 'restarts'> & Partial<Pick<AnalysisSettings, 'minProfileShare'>>,
  onK?: (k: number) => void,
  /** The sweep computed earlier on the same features and settings, when kept. */
  known?: Sweep,
): ProfileSweep {
  const selection = selectBest(f, settings.best);
  const space = vectorSpace(f, selection.best);
  const bestVectors = Array.from(selection.best, (i) => customerVector(f, space, i));
  const kMin = Math.min(settings.kMin, settings.kMax);
  const kMax = Math.max(settings.kMin, settings.kMax);
  const sweep =
    known ??
    (bestVectors.length > kMin
      ? sweepK(bestVectors, kMin, kMax, settings.seed, settings.restarts, onK, settings.minProfileShare ?? 0.05)
      : {
          quality: [],
          suggestedK: 1,
          structure: { state: 'none' as const, reason: `Only ${bestVectors.length} best customers: too few to look for buying patterns.` },
          centroids: new Map<number, number[][]>(),
        });
  return { seed: settings.seed, selection, space, bestVectors, sweep };
}

/** Fits k on all best customers (started from the sweep's centres), matches everyone, describes profiles. */
export function buildProfiles(f: Features, ps: ProfileSweep, k: 'auto' | number, categories: readonly string[]): ProfileModel {
  const { selection, bestVectors, sweep } = ps;
  const wanted = k === 'auto' ? sweep.suggestedK : k;
  const chosen = Math.max(1, Math.min(wanted, bestVectors.length));
  const start = sweep.centroids.get(chosen) ?? (bestVectors.length ? [averageOf(bestVectors)] : []);
  // The final fit refines the sweep's centres on up to REFINE_SAMPLE best customers (seeded), then
  // every best customer joins its nearest centre: the same profiles at a third of the cost at 30k.
  const refineOn = sampleIndices(bestVectors.length, REFINE_SAMPLE, ps.seed + 1);
  const refined =
    start.length === chosen && bestVectors.length >= chosen ? refine(flatPoints(Array.from(refineOn, (j) => bestVectors[j])), start) : null;
  const fit = refined ? { ...refined, clusters: Int32Array.from(bestVectors, (v) => nearest(v, refined.centroids)) } : null;
  const rawCentroids = fit ? fit.centroids : start;

  // Profiles are numbered by how many best customers they hold, so ids read the same run to run.
  const bestCount = new Array<number>(rawCentroids.length).fill(0);
  fit?.clusters.forEach((c) => bestCount[c]++);
  const order = rawCentroids.map((_, c) => c).sort((a, b) => bestCount[b] - bestCount[a] || a - b);
  const centroids = order.map((c) => rawCentroids[c]);

  const isBest = new Uint8Array(f.n);
  for (const i of selection.best) isBest[i] = 1;
  // Each profile's typical mix comes from the best customers k-means put in it; everyone (best
  // customers too) is then matched to the nearest typical mix by the gap-tolerant distance.
  const rank = new Int32Array(rawCentroids.length);
  order.forEach((c, r) => (rank[c] = r));
  const fitted = new Int32Array(f.n).fill(-1);
  if (fit) selection.best.forEach((i, j) => (fitted[i] = rank[fit.clusters[j]]));
  else for (const i of selection.best) fitted[i] = 0;
  const typical = meanMixes(f, centroids.length, fitted);
  const profileOf = new Int32Array(f.n).fill(-1);
  const affinity = new Float64Array(f.n).fill(NaN);
  for (let i = 0; i < f.n; i++) {
    if (!(f.revenue12m[i] > 0) || centroids.length === 0) continue;
    let bestC = 0;
    let bestD = Infinity;
    for (let c = 0; c < typical.length; c++) {
      const d = gapTolerantDistance(f.mix, i * f.m, f.m, typical[c]);
      if (d < bestD) {
        bestD = d;
        bestC = c;
      }
    }
    profileOf[i] = bestC;
    affinity[i] = bestD;
  }
  const profiles = describeProfiles(f, centroids.length, profileOf, isBest, categories);
  // One peer group because the data shows no patterns: say so instead of naming a pattern.
  if (profiles.length === 1 && sweep.structure.state === 'none') profiles[0].label = ALL_CUSTOMERS_LABEL;
  return {
    k: centroids.length,
    suggestedK: sweep.suggestedK,
    structure: sweep.structure,
    quality: sweep.quality,
    selection,
    isBest,
    profileOf,
    affinity,
    profiles,
    converged: fit ? fit.converged : true,
  };
}

function meanMixes(f: Features, k: number, assigned: Int32Array): number[][] {
  const sums = Array.from({ length: k }, () => new Array<number>(f.m).fill(0));
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < f.n; i++) {
    const p = assigned[i];
    if (p < 0) continue;
    counts[p]++;
    for (let c = 0; c < f.m; c++) sums[p][c] += f.mix[i * f.m + c];
  }
  return sums.map((s, p) => s.map((v) => (counts[p] ? v / counts[p] : 0)));
}

const nearest = (v: number[], centroids: number[][]): number => {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const d = squaredDistance(v, centroids[c]);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
};

const averageOf = (points: number[][]): number[] => {
  const mean = new Array<number>(points[0].length).fill(0);
  for (const p of points) for (let d = 0; d < p.length; d++) mean[d] += p[d] / points.length;
  return mean;
};

function describeProfiles(
  f: Features,
  k: number,
  profileOf: Int32Array,
  isBest: Uint8Array,
  categories: readonly string[],
): ProfileResult[] {
  const m = f.m;
  const mixSum = Array.from({ length: k }, () => new Array<number>(m).fill(0));
  const buyers = Array.from({ length: k }, () => new Array<number>(m).fill(0));
  const bestMembers = new Array<number>(k).fill(0);
  const members = new Array<number>(k).fill(0);
  const revenue = new Array<number>(k).fill(0);
  for (let i = 0; i < f.n; i++) {
    const p = profileOf[i];
    if (p < 0) continue;
    members[p]++;
    revenue[p] += f.revenue12m[i];
    if (!isBest[i]) continue;
    bestMembers[p]++;
    for (let c = 0; c < m; c++) {
      mixSum[p][c] += f.mix[i * m + c];
      if (f.catRevenue12m[i * m + c] > 0) buyers[p][c]++;
    }
  }
  const mixes = mixSum.map((s, p) => s.map((v) => (bestMembers[p] ? v / bestMembers[p] : 0)));
  const labels = profileLabels(mixes, categories);
  return mixes.map((mix, p) => ({
    id: p + 1,
    label: labels[p],
    mix,
    penetration: buyers[p].map((b) => (bestMembers[p] ? b / bestMembers[p] : 0)),
    bestMembers: bestMembers[p],
    members: members[p],
    revenue12m: revenue[p],
  }));
}
