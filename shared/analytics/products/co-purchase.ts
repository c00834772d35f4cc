/**
 * Placing products by what they are bought with. A product whose description names no group
 * (it sits in "Other products") still has a place in the buying pattern: the baskets it is bought
 * in lean towards some groups. A product joins the group its baskets lean to most, measured against
 * what such products' baskets hold on average (lift), once enough baskets show it; otherwise it
 * stays where it was. Deterministic: no sampling, ties go to the lower group index.
 *
 * Cost is one walk over the basket lines, touching at most the groups present in each basket, so
 * it grows with the lines and the number of groups, never with products x products.
 */

/** Baskets in compressed rows: basket b holds products items[start[b]] .. items[start[b + 1] - 1], each once. */
export type Baskets = { start: Int32Array; items: Int32Array };

export type CoPurchaseOptions = {
  /** A product must be in at least this many baskets holding named groups to be judged. */
  minBaskets: number;
  /** ... and at least this many of them must hold the chosen group. */
  minSupport: number;
  /** The chosen group's share in its baskets must be at least this many times the average share. */
  minLift: number;
  /** ... and its lift this many times the next group's, so a product leaning two ways stays put. */
  minMargin: number;
  /** Baskets' worth of the average mix mixed into each product's own before lift is taken, so thin evidence reads as average. */
  prior: number;
};

export const DEFAULT_CO_PURCHASE: CoPurchaseOptions = { minBaskets: 5, minSupport: 3, minLift: 1.5, minMargin: 1.25, prior: 5 };

/** Group per product: 0..groups-1, LEFTOVER (to be placed), or IGNORED (neither placed nor evidence, e.g. postage). */
export const LEFTOVER = -1;
export const IGNORED = -2;

export type CoPurchaseScore = {
  /** Best group by lift, or -1 when the product was in no basket with a named group. */
  group: number;
  lift: number;
  /** The next best group's lift. */
  runnerUp: number;
  /** Baskets of the product that hold a named group, and those holding the best group. */
  baskets: number;
  support: number;
};

/**
 * How each product's baskets lean, for the products `scored` marks. A product in a group does not
 * count as evidence for itself, so the same scoring checks how well co-purchase recovers groups
 * the descriptions already gave.
 */
export function coPurchaseScores(groupOf: Int32Array, groups: number, baskets: Baskets, scored: Uint8Array, prior = DEFAULT_CO_PURCHASE.prior): CoPurchaseScore[] {
  const np = groupOf.length;
  const share = new Float64Array(np * groups);
  const support = new Int32Array(np * groups);
  const seen = new Int32Array(np);
  const hist = new Int32Array(groups);
  const touched: number[] = [];
  // The average mix of a product's baskets, over every product: what a product with no leaning shows.
  const base = new Float64Array(groups);
  let baseLines = 0;
  const nb = baskets.start.length - 1;
  for (let b = 0; b < nb; b++) {
    const from = baskets.start[b];
    const to = baskets.start[b + 1];
    let named = 0;
    for (let j = from; j < to; j++) {
      const g = groupOf[baskets.items[j]];
      if (g < 0) continue;
      if (hist[g]++ === 0) touched.push(g);
      named++;
    }
    if (named > 0) {
      for (let j = from; j < to; j++) {
        const p = baskets.items[j];
        const own = groupOf[p];
        if (own === IGNORED) continue;
        const others = own >= 0 ? named - 1 : named;
        if (others === 0) continue;
        baseLines++;
        const row = p * groups;
        if (scored[p]) seen[p]++;
        for (const g of touched) {
          const count = g === own ? hist[g] - 1 : hist[g];
          if (count === 0) continue;
          base[g] += count / others;
          if (!scored[p]) continue;
          share[row + g] += count / others;
          support[row + g]++;
        }
      }
    }
    for (const g of touched) hist[g] = 0;
    touched.length = 0;
  }
  for (let g = 0; g < groups; g++) base[g] = baseLines > 0 ? base[g] / baseLines : 0;
  const out: CoPurchaseScore[] = [];
  for (let p = 0; p < np; p++) {
    let best = -1;
    let bestLift = 0;
    let runnerUp = 0;
    if (scored[p] && seen[p] > 0) {
      for (let g = 0; g < groups; g++) {
        if (base[g] <= 0) continue;
        const lift = (share[p * groups + g] + prior * base[g]) / (seen[p] + prior) / base[g];
        if (lift > bestLift) {
          runnerUp = bestLift;
          best = g;
          bestLift = lift;
        } else if (lift > runnerUp) runnerUp = lift;
      }
    }
    out.push({ group: best, lift: bestLift, runnerUp, baskets: seen[p], support: best >= 0 ? support[p * groups + best] : 0 });
  }
  return out;
}

/** True when a score is strong enough to place a product by it. */
export const convincing = (s: CoPurchaseScore, options: CoPurchaseOptions = DEFAULT_CO_PURCHASE): boolean =>
  s.group >= 0 && s.baskets >= options.minBaskets && s.support >= options.minSupport && s.lift >= options.minLift && s.lift >= options.minMargin * s.runnerUp;

/** What co-purchase placing did, and how far its evidence can be trusted on this data. */
export type CoPurchasePlacement = {
  groupOf: Int32Array;
  /** Leftover products it placed. */
  placed: number;
  /** The margin over the next group it asked for (Infinity: it placed nothing). */
  margin: number;
  /** Share of products already grouped by description that the same rule, judging them blind, put back in their own group. */
  heldOutPrecision: number;
  heldOutJudged: number;
};

/** Margins tried, loosest first: the loosest whose held-out precision reaches the target is used. */
const MARGINS = [1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
export const DEFAULT_TARGET_PRECISION = 0.7;
/** Held-out products needed before the check is believed. */
const MIN_JUDGED = 20;
/** Rounds of placing; later rounds add little. */
const ROUNDS = 3;

/**
 * Leftover products placed in the group their baskets lean to, where the evidence is convincing;
 * the rest stay LEFTOVER. How convincing is set by the data itself: products the descriptions
 * already grouped are judged blind by the same rule, and the loosest margin that puts at least
 * `targetPrecision` of them back in their own group is used; with none, nothing is placed.
 * Returns a new array; groupOf is not changed.
 */
export function placeByCoPurchase(
  groupOf: Int32Array,
  groups: number,
  baskets: Baskets,
  options: Omit<CoPurchaseOptions, 'minMargin'> = DEFAULT_CO_PURCHASE,
  targetPrecision = DEFAULT_TARGET_PRECISION,
): CoPurchasePlacement {
  const described = Uint8Array.from(groupOf, (g) => (g >= 0 ? 1 : 0));
  // The described products judged blind with some evidence: how often the rule is right at margin m.
  const blind = (evidence: Int32Array) => coPurchaseScores(evidence, groups, baskets, described, options.prior);
  const tally = (scores: readonly CoPurchaseScore[], m: number): { judged: number; precision: number } => {
    let judged = 0;
    let right = 0;
    scores.forEach((s, p) => {
      if (!described[p] || !convincing(s, { ...options, minMargin: m })) return;
      judged++;
      if (s.group === groupOf[p]) right++;
    });
    return { judged, precision: judged > 0 ? right / judged : 0 };
  };
  const trusted = (t: { judged: number; precision: number }): boolean => t.judged >= MIN_JUDGED && t.precision >= targetPrecision;
  const first = blind(groupOf);
  const margin = MARGINS.find((m) => trusted(tally(first, m))) ?? Infinity;
  const out = Int32Array.from(groupOf);
  if (margin === Infinity) return { groupOf: out, placed: 0, margin, heldOutPrecision: 0, heldOutJudged: 0 };
  let { precision: heldOutPrecision, judged: heldOutJudged } = tally(first, margin);
  let placed = 0;
  // Products placed in one round are evidence in the next (a product bought only with other
  // leftovers can follow them once they have found a group); each later round is checked again
  // with the evidence it would use, and is not made when it falls short of the target.
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) {
      const again = tally(blind(out), margin);
      if (!trusted(again)) break;
      heldOutPrecision = Math.min(heldOutPrecision, again.precision);
      heldOutJudged = Math.min(heldOutJudged, again.judged);
    }
    const leftover = Uint8Array.from(out, (g) => (g === LEFTOVER ? 1 : 0));
    const before = placed;
    const evidence = Int32Array.from(out);
    coPurchaseScores(evidence, groups, baskets, leftover, options.prior).forEach((s, p) => {
      if (!leftover[p] || !convincing(s, { ...options, minMargin: margin })) return;
      out[p] = s.group;
      placed++;
    });
    if (placed === before) break;
  }
  return { groupOf: out, placed, margin, heldOutPrecision, heldOutJudged };
}

/**
 * Baskets from rows ordered by customer then day: one basket per customer and day, holding each
 * product once. Rows with product < 0 or with no positive revenue are not purchases of a product.
 */
export function basketsFromRows(order: ArrayLike<number>, customer: ArrayLike<number>, day: ArrayLike<number>, product: ArrayLike<number>, revenue: ArrayLike<number>, products: number): Baskets {
  const items = new Int32Array(order.length);
  // A basket has at least one row: a typed array a row long holds every start without growing (2.5M
  // starts pushed to an array and copied out took 0.29 s, written so 0.07 s).
  const starts = new Int32Array(order.length + 1);
  const lastIn = new Int32Array(products).fill(-1);
  let w = 0;
  let basket = -1;
  let c = -1;
  let d = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    const p = product[r];
    if (p < 0 || !(revenue[r] > 0)) continue;
    if (basket < 0 || customer[r] !== c || day[r] !== d) {
      if (basket >= 0) starts[basket + 1] = w;
      basket++;
      c = customer[r];
      d = day[r];
    }
    if (lastIn[p] === basket) continue;
    lastIn[p] = basket;
    items[w++] = p;
  }
  if (basket >= 0) starts[basket + 1] = w;
  return { start: starts.slice(0, basket + 2), items: items.slice(0, w) };
}
