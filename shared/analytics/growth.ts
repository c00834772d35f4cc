import type { GrowthSettings } from '../contract/settings';
import { memo } from './memo';
import { formatMoney, formatShare, roundForReason } from '../format/numbers';
import type { Features } from './features';
import { leakageSpan, spanWords } from '../format/leakage-span';
import { ALL_CUSTOMERS_LABEL, type ProfileModel } from './profiles';
import { quantileSorted } from './rng';
import { sortedWhere } from './sorted';
import { flatString } from '../format/flat-string';

// With no buying patterns every best customer is a peer: naming the catch-all profile would read as jargon.
const peersWord = (label: string): string => (label === ALL_CUSTOMERS_LABEL ? 'best customers' : `'${label}' peers`);

export type GrowthGap = {
  customer: number;
  category: number;
  profile: number;
  kind: 'never' | 'under-buy';
  expectedRevenue: number;
  penetration: number;
  /** What a peer of the customer's size spends on the category a year (the peer quantile, scaled). */
  peerSpend: number;
  peers: number;
  /** How wide the size band had to be: 1 = within about 2x of the customer's revenue. */
  sizeBand: number;
  ownSpend12m: number;
  /**
   * The expected value's likely range: the same formula at the peers' lower and upper quartile, so
   * weighted by penetration like it (the reason's "middle half of peers" is that spend before it).
   */
  expectedLow: number;
  expectedHigh: number;
  reason: string;
};

/**
 * The smallest growth action worth a rep's call: minValueShare of the median active customer's
 * 12-month revenue. Relative, so it means the same for a shop selling screws and one selling
 * tractors.
 */
export function growthValueFloor(f: Features, minValueShare: number): number {
  const median = activeMedian(f.revenue12m);
  if (median === null || minValueShare <= 0) return 0;
  return minValueShare * median;
}

/** Kept per features: the growth stage and the run's note ask for the same floor, each a sort of every active customer. */
const activeMedians = new WeakMap<Float64Array, number | null>();

/** The median 12-month revenue of the customers that bought in it; null when none did. */
function activeMedian(revenue12m: Float64Array): number | null {
  const known = activeMedians.get(revenue12m);
  if (known !== undefined) return known;
  const active = sortedWhere(revenue12m, (v) => v > 0);
  const median = active.length === 0 ? null : quantileSorted(active, 0.5);
  activeMedians.set(revenue12m, median);
  return median;
}

/** Size bands are powers of two of 12-month revenue; the peer window widens band by band. */
const bucketOf = (revenue: number): number => Math.floor(Math.log2(Math.max(1, revenue)));
const MAX_WIDTH = 3;
/** peerRatioFor's answer for an account over 2^MAX_WIDTH the largest peer's size: none is of its size. */
const BEYOND_PEERS = -2;

/** A band's shares in order (a typed array sorts numerically and natively, far faster than with a comparator). */
function sortedBand(pool: PeerPool, band: number): Float64Array {
  let sorted = pool.sorted.get(band);
  if (!sorted) {
    sorted = Float64Array.from(pool.byBucket.get(band) as number[]).sort();
    pool.sorted.set(band, sorted);
  }
  return sorted;
}

/** Sorted lists merged into one sorted list, two at a time: the same as sorting all their values together. */
function mergeSorted(lists: Float64Array[]): Float64Array {
  if (lists.length === 0) return new Float64Array(0);
  let round = lists;
  while (round.length > 1) {
    const next: Float64Array[] = [];
    for (let l = 0; l + 1 < round.length; l += 2) next.push(mergeTwo(round[l], round[l + 1]));
    if (round.length % 2 === 1) next.push(round[round.length - 1]);
    round = next;
  }
  return round[0];
}

function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** The pools of each profile x category its best customers widely buy (null for the others). */
function peerPools(f: Features, model: ProfileModel, settings: GrowthSettings): (PeerPool | null)[] {
  const m = f.m;
  const k = model.profiles.length;
  const pools: (PeerPool | null)[] = new Array<PeerPool | null>(k * m).fill(null);
  for (let p = 0; p < k; p++) {
    for (let c = 0; c < m; c++) {
      if (model.profiles[p].penetration[c] >= settings.minPenetration) pools[p * m + c] = { byBucket: new Map(), sorted: new Map() };
    }
  }
  for (const i of model.selection.best) {
    const p = model.profileOf[i];
    if (p < 0) continue;
    const b = bucketOf(f.revenue12m[i]);
    for (let c = 0; c < m; c++) {
      const pool = pools[p * m + c];
      const spend = f.catRevenue12m[i * m + c];
      if (!pool || spend <= 0) continue;
      const ratio = spend / f.revenue12m[i];
      const list = pool.byBucket.get(b);
      if (list) list.push(ratio);
      else pool.byBucket.set(b, [ratio]);
    }
  }
  return pools;
}

/** Whether an account of size band `bucket` is over 2^MAX_WIDTH the largest peer in the pool: none is of its size. */
const beyondPeers = (pool: PeerPool, bucket: number): boolean => pool.byBucket.size > 0 && bucket > Math.max(...pool.byBucket.keys()) + MAX_WIDTH;

/**
 * The customers that findGrowthGaps prices no growth for in some category their profile widely buys
 * because no peer is of their size there, for the run's notes. `skip` as findGrowthGaps takes it.
 */
export function customersBeyondPeers(f: Features, model: ProfileModel, settings: GrowthSettings, skip?: (customer: number, category: number) => boolean): number[] {
  const m = f.m;
  const pools = peerPools(f, model, settings);
  const found: number[] = [];
  for (let i = 0; i < f.n; i++) {
    const p = model.profileOf[i];
    if (p < 0) continue;
    const bucket = bucketOf(f.revenue12m[i]);
    for (let c = 0; c < m; c++) {
      const pool = pools[p * m + c];
      if (pool && !skip?.(i, c) && beyondPeers(pool, bucket)) {
        found.push(i);
        break;
      }
    }
  }
  return found;
}

/** A profile's best customers that buy a category: each one's share of its revenue by size band, each band sorted once when first asked for. */
type PeerPool = { byBucket: Map<number, number[]>; sorted: Map<number, Float64Array> };

/**
 * Categories a customer's profile widely buys that it never buys or buys far below its size peers.
 * Peers are the profile's best customers that buy the category, in a revenue band around the
 * customer (about 0.5-2x, then 0.25-4x, 0.125-8x, then the whole profile) until at least minPeers
 * remain, so a few stray purchases can never produce a recommendation. An account over 8x the
 * largest peer's size has none of its size: no growth is priced for it there (customersBeyondPeers).
 *
 * Best customers are bigger than most of the tail by construction, so raw peer spend would tell a
 * small shop to buy like a large one. Each peer contributes instead the share of its revenue that
 * goes to the category; the peer quantile of that share times the customer's own 12-month revenue
 * is "what a peer of its size spends". A customer that already buys a normal share for its size is
 * never flagged, however small it is. (Scaling by the customer's spend on everything else instead
 * would blow up for categories that are most of a pattern: a 60% share is 1.5x the rest.)
 */
export function findGrowthGaps(
  f: Features,
  model: ProfileModel,
  settings: GrowthSettings,
  categories: readonly string[],
  currency: string,
  skip?: (customer: number, category: number) => boolean,
  /** Told of each gap the value floor leaves out, for the run's notes (growthUnderFloor). */
  below?: (customer: number, expectedRevenue: number) => void,
): GrowthGap[] {
  const m = f.m;
  const k = model.profiles.length;
  const pools = peerPools(f, model, settings);
  // Size buckets span a few dozen values at most: memoise per (profile, category, bucket) in flat arrays.
  let bucketMin = Infinity;
  let bucketMax = -Infinity;
  for (let i = 0; i < f.n; i++) {
    if (!(f.revenue12m[i] > 0)) continue;
    const b = bucketOf(f.revenue12m[i]);
    if (b < bucketMin) bucketMin = b;
    if (b > bucketMax) bucketMax = b;
  }
  const buckets = Number.isFinite(bucketMin) ? bucketMax - bucketMin + 1 : 1;
  const memoRatio = new Float64Array(k * m * buckets).fill(NaN);
  const memoPeers = new Int32Array(k * m * buckets);
  const memoWidth = new Int8Array(k * m * buckets);
  const memoLow = new Float64Array(k * m * buckets);
  const memoHigh = new Float64Array(k * m * buckets);
  const peerRatioFor = (p: number, c: number, bucket: number) => {
    const slot = (p * m + c) * buckets + (bucket - bucketMin);
    if (Number.isNaN(memoRatio[slot])) {
      const pool = pools[p * m + c] as PeerPool;
      memoRatio[slot] = -1;
      for (let width = 1; width <= MAX_WIDTH + 1; width++) {
        const bands: number[] = [];
        if (width > MAX_WIDTH) {
          // Past the widest window every size is a peer, which is fair to a small shop (shares scale
          // down) but not to an account many times the largest peer: no peer is of its size.
          if (beyondPeers(pool, bucket)) {
            memoRatio[slot] = BEYOND_PEERS;
            break;
          }
          bands.push(...pool.byBucket.keys());
        }
        else for (let b = bucket - width; b <= bucket + width; b++) if (pool.byBucket.has(b)) bands.push(b);
        let count = 0;
        for (const b of bands) count += (pool.byBucket.get(b) as number[]).length;
        if (count >= settings.minPeers) {
          // Each band is sorted once and a window merges its bands: sorting every window afresh,
          // the whole profile's again for each size, was most of this stage's time at 5M rows.
          const sorted = mergeSorted(bands.map((b) => sortedBand(pool, b)));
          memoRatio[slot] = quantileSorted(sorted, settings.peerQuantile);
          memoLow[slot] = quantileSorted(sorted, 0.25);
          memoHigh[slot] = quantileSorted(sorted, 0.75);
          memoPeers[slot] = count;
          memoWidth[slot] = width;
          break;
        }
      }
    }
    return memoRatio[slot] < 0
      ? memoRatio[slot] === BEYOND_PEERS
        ? BEYOND_PEERS
        : null
      : { ratio: memoRatio[slot], low: memoLow[slot], high: memoHigh[slot], peers: memoPeers[slot], width: memoWidth[slot] };
  };

  // Intl formatting costs microseconds a call and reasons round to two significant digits, so the
  // same few hundred texts repeat across tens of thousands of gaps.
  const moneyTexts = memo((rounded: number) => formatMoney(rounded, currency));
  const moneyText = (v: number): string => moneyTexts(roundForReason(v));
  const shareText = memo((v: number) => formatShare(v, 0));
  // The peers' share of their spend, which the money scales to this customer's size: "peers spend
  // about £13,000" read as what peers spend, where the three buying it spent £4,400-£45,000.
  const ratioText = memo((v: number) => formatShare(v, v < 0.1 ? 1 : 0));
  const floor = growthValueFloor(f, settings.minValueShare);
  // On data younger than a year, "12-month" spend covers only the days it holds: say so, not "a year";
  // a spend table's is the table's ("bought $5,000 in the last 12 months" read a dateless sum as a year's).
  const span = leakageSpan(f.windowDays, { hasDates: f.dated, currency });
  const gaps: GrowthGap[] = [];
  for (let i = 0; i < f.n; i++) {
    const p = model.profileOf[i];
    if (p < 0) continue;
    const profile = model.profiles[p];
    const bucket = bucketOf(f.revenue12m[i]);
    for (let c = 0; c < m; c++) {
      if (!pools[p * m + c] || skip?.(i, c)) continue;
      // It sent back at least what it bought there this year: a category it is returning is no
      // cross-sell (Online Retail's 12748 returned £787 more Holders than it bought, and was told to buy more).
      if (f.returned12m[i * m + c] === 1 && !(f.catRevenue12m[i * m + c] > 0)) continue;
      const peer = peerRatioFor(p, c, bucket);
      if (peer === BEYOND_PEERS) continue;
      const own = Math.max(0, f.catRevenue12m[i * m + c]);
      if (!peer || !(peer.ratio > 0)) continue;
      const peerSpend = peer.ratio * f.revenue12m[i];
      const never = f.everBought[i * m + c] === 0;
      if (!never && own >= settings.underBuyRatio * peerSpend) continue;
      const penetration = profile.penetration[c];
      const expectedRevenue = (peerSpend - own) * penetration;
      // Not worth a call: below the floor, the rep's time costs more than the sale brings.
      if (expectedRevenue < floor) {
        below?.(i, expectedRevenue);
        continue;
      }
      const expectedLow = Math.max(0, (peer.low * f.revenue12m[i] - own) * penetration);
      const expectedHigh = Math.max(expectedRevenue, (peer.high * f.revenue12m[i] - own) * penetration);
      const money = moneyText(peerSpend);
      // The range quoted twice on one row had read as two ranges of one thing: the peers' middle half
      // before the weighting (£7,900-£25,000) beside the likely range after it (£6,141-£19,627). The
      // reason now names both, each as what it is, and the second is the row's own likely range.
      const what = never ? 'this customer never has' : `this customer bought ${moneyText(own)} in ${span.window}`;
      gaps.push({
        customer: i,
        category: c,
        profile: p,
        kind: never ? 'never' : 'under-buy',
        expectedRevenue,
        penetration,
        peerSpend,
        peers: peer.peers,
        sizeBand: peer.width,
        ownSpend12m: own,
        expectedLow,
        expectedHigh,
        reason: flatString(
          `${shareText(penetration)} of ${peersWord(profile.label)} buy ${categories[c]}; ${what}; peers of its size spend ${ratioText(peer.ratio)} of theirs on it, about ${spanWords(money, span.per)} at its size (middle half of peers: ${moneyText(peer.low * f.revenue12m[i])}-${moneyText(peer.high * f.revenue12m[i])}); weighted by that ${shareText(penetration)}, the gap is worth about ${spanWords(moneyText(expectedRevenue), span.per)} (likely range ${moneyText(expectedLow)}-${moneyText(expectedHigh)})`,
        ),
      });
    }
  }
  return gaps;
}

/** The growth gaps the value floor left out: how many, of how many customers, worth how much in all. */
export type UnderFloor = { gaps: number; customers: number; value: number };

/**
 * The gaps findGrowthGaps leaves under the value floor where `skip` (as it takes it) lets it look,
 * for the run's notes: counted apart from the growth stage, which keeps only the gaps it lists.
 */
export function growthUnderFloor(f: Features, model: ProfileModel, settings: GrowthSettings, categories: readonly string[], currency: string, skip?: (customer: number, category: number) => boolean): UnderFloor {
  const customers = new Set<number>();
  let gaps = 0;
  let value = 0;
  findGrowthGaps(f, model, settings, categories, currency, skip, (i, expected) => {
    gaps++;
    value += expected;
    customers.add(i);
  });
  return { gaps, customers: customers.size, value };
}
