import type { AnalysisSettings } from '../contract/settings';
import type { KQuality, ProfileResult } from '../model/results';
import { formatCount, formatShare } from '../format/numbers';
import type { Features } from './features';
import { refine, sweepK, type FlatPoints, type Structure, type Sweep } from './kmeans-sweep';
import { CATCH_ALL, profileLabels } from './labels';
import { gapTolerantDistance } from './profile-match';
import { sampleIndices } from './rng';
import { selectBest, squaredDistance, vectorSpace, writeCustomerVector, type BestSelection, type VectorSpace } from './profile-vectors';

/** The one profile's name when the data shows no buying patterns. */
export const ALL_CUSTOMERS_LABEL = 'All customers (no clear pattern)';

/** Best customers the final k-means refinement runs on; the rest join their nearest centre. */
export const REFINE_SAMPLE = 5000;

export type ProfileSweep = {
  seed: number;
  selection: BestSelection;
  space: VectorSpace;
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

/** A sweep that found nothing to split: one peer group, and why. */
const noPatterns = (reason: string): Sweep => ({ quality: [], suggestedK: 1, structure: { state: 'none', reason }, centroids: new Map<number, number[][]>() });

/**
 * At or above this share of the best customers' spend in a catch-all ('Other products'), their mixes
 * say where nothing was named, not how they buy: 48,520 ungrouped article codes pooled past the 200
 * most widely bought left 99% of the spend there, and k-means split off 15 customers by it.
 */
const CATCH_ALL_SHARE = 0.5;

/** The share of the best customers' spend in `category`. */
function spendShareIn(f: Features, best: Int32Array, category: number): number {
  let inIt = 0;
  let all = 0;
  for (const i of best) {
    inIt += Math.max(0, f.catRevenue12m[i * f.m + category]);
    all += Math.max(0, f.revenue12m[i]);
  }
  return all > 0 ? inIt / all : 0;
}

/** The first catch-all category of a level ('Other products'), or null: what sweepProfiles weighs. */
export function catchAllOf(categories: readonly string[]): { category: number; name: string } | null {
  const category = categories.findIndex((c) => CATCH_ALL.test(c));
  return category < 0 ? null : { category, name: categories[category] };
}

/** The expensive part that depends on best-customer settings and the seed, not on k. */
export function sweepProfiles(
  f: Features,
  settings: Pick<AnalysisSettings, 'best' | 'kMin' | 'kMax' | 'seed' | 'restarts'> & Partial<Pick<AnalysisSettings, 'minProfileShare'>>,
  onK?: (k: number) => void,
  /** The sweep computed earlier on the same features and settings, when kept. */
  known?: Sweep,
  /** The level's catch-all category, when it has one (catchAllOf). */
  catchAll: { category: number; name: string } | null = null,
): ProfileSweep {
  const selection = selectBest(f, settings.best);
  const space = vectorSpace(f, selection.best);
  const count = selection.best.length;
  const kMin = Math.min(settings.kMin, settings.kMax);
  const kMax = Math.max(settings.kMin, settings.kMax);
  const pooled = catchAll ? spendShareIn(f, selection.best, catchAll.category) : 0;
  // With one category every customer's mix is the same: k-means would split them by spend alone
  // and then match them all, by mix, to the first profile, leaving the others empty.
  const sweep =
    f.m < 2
      ? noPatterns('One category: customers have no buying mix to tell apart, so all are compared with one peer group. Import a category or product column to find buying patterns.')
      : catchAll && pooled >= CATCH_ALL_SHARE
        ? noPatterns(
            `${formatShare(pooled, 0, 'en-US')} of the best customers' spend is in '${catchAll.name}', a catch-all rather than a category: their mixes show where nothing was named, not how they buy, so all are compared with one peer group. Import a product master (product -> category) to find buying patterns.`,
          )
        : (known ??
        (count > kMin
          ? sweepK(count, (rows) => bestPoints(f, space, selection.best, rows), kMin, kMax, settings.seed, settings.restarts, onK, settings.minProfileShare ?? 0.05)
          : noPatterns(`Only ${count === 1 ? 'one best customer' : `${count} best customers`}: too few to look for buying patterns.`)));
  return { seed: settings.seed, selection, space, sweep };
}

/**
 * The vectors of some best customers (rows index selection.best) as one flat array. Vectors are
 * worked out when needed, never kept: at 20M rows the best customers' vectors as arrays held
 * 70 MB through every later stage, and writing them again costs milliseconds.
 */
function bestPoints(f: Features, space: VectorSpace, best: Int32Array, rows: ArrayLike<number>): FlatPoints {
  const flat = new Float64Array(rows.length * space.dims);
  for (let j = 0; j < rows.length; j++) writeCustomerVector(f, space, best[rows[j]], flat, j * space.dims);
  return { flat, n: rows.length, dims: space.dims };
}

/** At least this share of the customers profiled bought in one category only: the profiles name categories, not mixes. */
const SINGLE_CATEGORY_SHARE = 0.8;

/**
 * The sweep's verdict on a run whose k was chosen: where it found no patterns it had said "all
 * customers are compared with one peer group", which a run of 4 profiles is not.
 */
export function chosenDespite(structure: Structure, k: number): Structure {
  if (k === 1 || structure.state !== 'none') return structure;
  const reason = structure.reason.replace(/ All customers are compared with one peer group\.$/, '');
  return { state: 'none', reason: `${reason} These ${k} profiles are the k chosen, not patterns the data shows: read them as tendencies.` };
}

/**
 * A split that reads clear or weak on customers who nearly all bought in one category only (a shop
 * or marketplace of single purchases): one-category mixes sit at the corners, far apart, so any
 * split of them scores high while saying no more than which category each bought. Called weak,
 * with why; null where the customers' mixes are mixes.
 */
function singleCategoryStructure(f: Features, best: Int32Array, structure: Structure, k: number): Structure | null {
  if (structure.state === 'none' || best.length === 0) return null;
  let single = 0;
  for (const i of best) if (f.breadth[i] <= 1) single++;
  const share = single / best.length;
  if (share < SINGLE_CATEGORY_SHARE) return null;
  return {
    state: 'weak',
    reason: `Weak buying patterns: ${formatShare(share, 0, 'en-US')} of the ${formatCount(best.length, 'en-US')} customers the profiles were built from bought in one category only in the 12 months, so each of the ${k} profiles mostly names the category its customers bought rather than a mix they share (such mixes are far apart, which is all the split's score reads). Treat the profiles as buyers of a category, not as buying patterns; with so few mixes, growth has little to go on.`,
  };
}

/** Fits k on all best customers (started from the sweep's centres), matches everyone, describes profiles. */
export function buildProfiles(f: Features, ps: ProfileSweep, k: 'auto' | number, categories: readonly string[]): ProfileModel {
  const { selection, space, sweep } = ps;
  const count = selection.best.length;
  const wanted = k === 'auto' ? sweep.suggestedK : k;
  const chosen = Math.max(1, Math.min(wanted, count));
  const start = sweep.centroids.get(chosen) ?? (count ? [averageOf(f, space, selection.best)] : []);
  // The final fit refines the sweep's centres on up to REFINE_SAMPLE best customers (seeded), then
  // every best customer joins its nearest centre: the same profiles at a third of the cost at 30k.
  const refineOn = sampleIndices(count, REFINE_SAMPLE, ps.seed + 1);
  const refined = start.length === chosen && count >= chosen ? refine(bestPoints(f, space, selection.best, refineOn), start) : null;
  const fit = refined ? { ...refined, clusters: nearestOfBest(f, space, selection.best, refined.centroids) } : null;
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
  // Customers are matched by mix: two profiles of one mix (apart by size or breadth alone) leave
  // one of them no members, and a split of one mix is no buying pattern. The suggestion steps down.
  if (k === 'auto' && centroids.length > 1 && hasTwinMixes(typical)) {
    const fewer = centroids.length - 1;
    const why = `The split the sweep suggested (k = ${centroids.length}) parts best customers whose typical category mixes are the same to within ${Math.round(TWIN_MIX * 100)} point in every category: they differ by size or breadth alone, not by what they buy.`;
    const structure: Structure =
      fewer === 1
        ? { state: 'none', reason: `No clear buying patterns: ${lower(why)} All customers are compared with one peer group.`, oneMix: true }
        : { state: 'weak', reason: `Weak buying patterns: ${lower(why)} k = ${fewer} is used instead: read its profiles as tendencies.`, oneMix: true };
    return buildProfiles(f, { ...ps, sweep: { ...sweep, suggestedK: fewer, structure } }, 'auto', categories);
  }
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
    structure: (centroids.length > 1 ? singleCategoryStructure(f, selection.best, sweep.structure, centroids.length) : null) ?? chosenDespite(sweep.structure, centroids.length),
    quality: sweep.quality,
    selection,
    isBest,
    profileOf,
    affinity,
    profiles,
    converged: fit ? fit.converged : true,
  };
}

const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** Two typical mixes this close in every category are one mix. */
const TWIN_MIX = 0.01;

/** Whether two of the typical mixes are within TWIN_MIX of each other in every category. */
export function hasTwinMixes(mixes: readonly (readonly number[])[]): boolean {
  for (let a = 0; a < mixes.length; a++) {
    for (let b = a + 1; b < mixes.length; b++) {
      if (mixes[a].every((v, c) => Math.abs(v - mixes[b][c]) < TWIN_MIX)) return true;
    }
  }
  return false;
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

const nearest = (v: Float64Array, centroids: number[][]): number => {
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

/** Each best customer's nearest centre, one vector at a time. */
function nearestOfBest(f: Features, space: VectorSpace, best: Int32Array, centroids: number[][]): Int32Array {
  const v = new Float64Array(space.dims);
  const clusters = new Int32Array(best.length);
  for (let j = 0; j < best.length; j++) {
    writeCustomerVector(f, space, best[j], v, 0);
    clusters[j] = nearest(v, centroids);
  }
  return clusters;
}

/** The mean vector of the best customers (none of them empty). */
function averageOf(f: Features, space: VectorSpace, best: Int32Array): number[] {
  const v = new Float64Array(space.dims);
  const mean = new Array<number>(space.dims).fill(0);
  for (const i of best) {
    writeCustomerVector(f, space, i, v, 0);
    for (let d = 0; d < space.dims; d++) mean[d] += v[d] / best.length;
  }
  return mean;
}

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
