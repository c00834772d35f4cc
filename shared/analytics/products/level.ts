import type { NonProductLine, ProductLevelInfo, SavedProductGroups } from '../../model/products';
import { formatCount, formatShare } from '../../format/numbers';
import type { Baskets } from './co-purchase';
import { OTHER_GROUP } from './description-groups';
import { proposeGroups, type Proposal } from './proposal';
import { classifyLine, digitShare, NOT_A_PRODUCT_GROUP } from './non-product';
import { median } from '../sorted';

/**
 * Deciding the category level the analysis works on. Profiles and growth need a level a rep talks
 * about: a few dozen values, each bought by a fair share of customers. A code-level column fails
 * both (thousands of values, most bought by a handful of customers once), and then clustering
 * measures noise and costs grows with the catalogue.
 */
export const MAX_USABLE_VALUES = 60;
/** Above this many values, the median value must reach this share of active customers. */
export const FINE_VALUES = 25;
export const MIN_MEDIAN_BUYER_SHARE = 0.03;

export type RawProduct = {
  code: string;
  name: string | null;
  /** Descriptions seen beyond `name`, when the import kept several. */
  names?: readonly string[];
  rows: number;
  negativeRows: number;
  revenue: number;
  priceCv: number;
};

export type RawCategory = {
  name: string;
  buyers: number;
  revenue: number;
  rows: number;
  negativeRows: number;
  /** Rows of the category that carry no product code. */
  rowsWithoutProduct: number;
};

export type LevelInput = {
  categories: readonly RawCategory[];
  products: readonly RawProduct[];
  /** Customers with at least one sale. */
  customers: number;
  /** Mapped column names of the imports. */
  categoryColumn: string | null;
  /** Where the categories came from when no column names them ("the product master"): said as it is, not quoted. */
  categorySource?: string | null;
  productColumn: string | null;
  /** True when a transaction import had no category column, so categories are product codes. */
  categoriesAreProducts: boolean;
  saved: SavedProductGroups | null;
  /**
   * What each customer bought together (indices into products), to place products descriptions
   * leave ungrouped. Asked for only when products are grouped: built from every row, it is a row's
   * worth of memory (0.3 GB at 20M rows) that a level of imported categories never reads.
   */
  baskets?: () => Baskets | null;
};

export type LevelDecision = {
  categories: string[];
  /** True when rows take their category from their product (groups); else from the imported category. */
  byProduct: boolean;
  /** 1 for a product that is a non-product line: its rows are left out whatever the level. */
  dropProduct: Uint8Array;
  /** Final category index per product when byProduct (-1: left out). */
  ofProduct: Int32Array;
  /** Final category index per imported category, for rows without a product (-1: left out). */
  ofCategory: Int32Array;
  info: ProductLevelInfo;
  /** Codes whose group was proposed from co-purchase rather than their description. */
  byCoPurchase: ReadonlySet<string>;
};

/** Where each product landed: its group or category, or null for a non-product line left out. */
export function productPlacement(decision: LevelDecision, productCategory: ArrayLike<number>): (string | null)[] {
  return Array.from(decision.dropProduct, (dropped, i) => {
    if (dropped) return null;
    const k = decision.byProduct ? decision.ofProduct[i] : productCategory[i] >= 0 ? decision.ofCategory[productCategory[i]] : -1;
    return k >= 0 ? decision.categories[k] : null;
  });
}

/** Case, spacing and punctuation do not make a different category. */
export const spellingKey = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * How presentable a spelling is as a label: no stray or doubled spaces, no punctuation at its
 * ends, and written in mixed case rather than all capitals or all lower case.
 */
export function spellingTidiness(name: string): number {
  const spaced = name === name.trim() && !/\s{2,}/.test(name) ? 2 : 0;
  const ends = /^[\p{L}\p{N}].*[\p{L}\p{N})]$|^[\p{L}\p{N}]$/u.test(name) ? 1 : 0;
  const mixed = /\p{Lu}/u.test(name) && /\p{Ll}/u.test(name) ? 1 : 0;
  return spaced + ends + mixed;
}

/**
 * A level too fine that nothing groups keeps at most this many categories, those bought by the most
 * customers; the rest are pooled as one catch-all. Profiles and growth read a customer x category
 * matrix, 18 bytes a cell: 48,520 ungrouped article codes over 3,000 customers were 2.6 GB, and the
 * profile sweep over them took 288 s for no pattern; a product sold to a handful of customers is no
 * pattern and no cross-sell either.
 */
export const MAX_UNGROUPED_CATEGORIES = 200;
/**
 * ...and that matrix stays within this many cells (360 MB at 18 bytes a cell), so a big customer
 * base keeps fewer: 200 categories over 500,000 customers would be 1.8 GB before any stage ran.
 */
export const MAX_POOLED_CELLS = 20_000_000;
/** Fewer than this many kept categories would leave nothing to tell customers apart by. */
const MIN_UNGROUPED_CATEGORIES = 20;

/** How many categories a too-fine level without groups keeps for this many customers. */
export function ungroupedLimit(customers: number): number {
  return Math.min(MAX_UNGROUPED_CATEGORIES, Math.max(MIN_UNGROUPED_CATEGORIES, Math.floor(MAX_POOLED_CELLS / Math.max(1, customers))));
}

/**
 * Pools all but the `limit` most widely bought categories of `list` into OTHER_GROUP, rewriting
 * `list` and `ofCategory` in place; null when there are not that many.
 */
function poolRareCategories(list: string[], ofCategory: Int32Array, raw: readonly RawCategory[], limit: number): { kept: number; pooled: number; revenueShare: number } | null {
  if (list.length <= limit) return null;
  const buyers = new Float64Array(list.length);
  const revenue = new Float64Array(list.length);
  raw.forEach((c, i) => {
    const at = ofCategory[i];
    if (at < 0) return;
    buyers[at] = Math.max(buyers[at], c.buyers);
    revenue[at] += c.revenue;
  });
  const other = list.indexOf(OTHER_GROUP);
  const ranked = list
    .map((_, at) => at)
    .filter((at) => at !== other)
    .sort((a, b) => buyers[b] - buyers[a] || revenue[b] - revenue[a] || (list[a] < list[b] ? -1 : list[a] > list[b] ? 1 : 0));
  const keep = new Set(ranked.slice(0, limit));
  const to = new Int32Array(list.length);
  const kept: string[] = [];
  let total = 0;
  let pooledRevenue = 0;
  list.forEach((name, at) => {
    total += revenue[at];
    if (keep.has(at)) to[at] = kept.push(name) - 1;
    else pooledRevenue += revenue[at];
  });
  const otherAt = kept.push(OTHER_GROUP) - 1;
  list.forEach((_, at) => {
    if (!keep.has(at)) to[at] = otherAt;
  });
  const pooled = list.length - keep.size;
  for (let i = 0; i < ofCategory.length; i++) if (ofCategory[i] >= 0) ofCategory[i] = to[ofCategory[i]];
  list.splice(0, list.length, ...kept);
  return { kept: keep.size, pooled, revenueShare: total > 0 ? pooledRevenue / total : 0 };
}

/**
 * The products co-purchase placed that saved groups still hold where it put them. Saving renames
 * groups, so the proposal's names no longer match: a proposed group is taken to be the saved group
 * most of its described products went to, and a product the analyst moved elsewhere was placed by
 * the analyst, not by co-purchase.
 */
function keptByCoPurchase(proposal: Proposal, codes: readonly string[], groupFor: (code: string) => string): Set<string> {
  const votes = new Map<string, Map<string, number>>();
  for (const code of codes) {
    const proposed = proposal.groupOf.get(code);
    if (proposed === undefined || proposal.byCoPurchase.has(code)) continue;
    const tally = votes.get(proposed) ?? new Map<string, number>();
    votes.set(proposed, tally);
    const to = groupFor(code);
    tally.set(to, (tally.get(to) ?? 0) + 1);
  }
  const savedAs = new Map<string, string>();
  for (const [proposed, tally] of votes) {
    // Ties go to the name that sorts first, so the answer does not depend on the catalogue's order.
    const [best] = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    savedAs.set(proposed, best[0]);
  }
  const kept = new Set<string>();
  for (const code of codes) {
    const proposed = proposal.groupOf.get(code);
    if (proposed !== undefined && proposal.byCoPurchase.has(code) && savedAs.get(proposed) === groupFor(code)) kept.add(code);
  }
  return kept;
}

/** Too fine: more values than a rep can talk about, or many values each bought by few customers. */
export function levelTooFine(values: number, medianBuyers: number, customers: number): boolean {
  if (values > MAX_USABLE_VALUES) return true;
  return values > FINE_VALUES && customers > 0 && medianBuyers / customers < MIN_MEDIAN_BUYER_SHARE;
}

export function decideLevel(input: LevelInput): LevelDecision {
  const { products, categories, saved } = input;
  const overrides = saved?.lines ?? {};
  const catalogueDigits = digitShare(products.map((p) => p.code));
  const nonProduct: NonProductLine[] = [];
  const productExcluded = new Uint8Array(products.length);
  // The recognised verdict, unless the analyst overrode it: null when the line is a product either way.
  const judged = (code: string, name: string, verdict: ReturnType<typeof classifyLine>, revenue: number, rows: number): NonProductLine | null => {
    const override = overrides[code];
    if (!verdict && override !== 'non-product') return null;
    return {
      code,
      name,
      kind: verdict?.kind ?? 'adjustment',
      reason: verdict?.reason ?? 'marked as not a product by the analyst',
      revenue,
      rows,
      excluded: override ? override === 'non-product' : true,
      source: override ? 'user' : 'auto',
    };
  };
  products.forEach((p, i) => {
    const verdict = classifyLine(
      { code: p.code, names: [p.name ?? '', ...(p.names ?? [])], rows: p.rows, negativeRows: p.negativeRows, revenue: p.revenue, priceCv: p.priceCv },
      catalogueDigits,
    );
    const line = judged(p.code, p.name ?? '', verdict, p.revenue, p.rows);
    if (!line) return;
    if (line.excluded) productExcluded[i] = 1;
    nonProduct.push(line);
  });
  // A category column can hold such lines too ("Freight", "Discounts").
  const categoryExcluded = new Uint8Array(categories.length);
  if (input.categoriesAreProducts) {
    // Categories are product codes: a non-product line's code is no category either.
    const dropped = new Set(products.filter((_, i) => productExcluded[i]).map((p) => p.code));
    categories.forEach((c, i) => {
      if (dropped.has(c.name)) categoryExcluded[i] = 1;
    });
  } else {
    categories.forEach((c, i) => {
      // Its products are listed one by one as non-product lines already; as a category it would count as a group and hold nothing.
      if (c.name === NOT_A_PRODUCT_GROUP) {
        categoryExcluded[i] = 1;
        return;
      }
      const verdict = classifyLine({ code: c.name, names: [c.name], rows: c.rows, negativeRows: c.negativeRows, revenue: c.revenue, priceCv: NaN }, 0);
      const line = judged(c.name, c.name, verdict, c.revenue, c.rows);
      if (!line) return;
      if (line.excluded) categoryExcluded[i] = 1;
      nonProduct.push(line);
    });
  }
  nonProduct.sort((a, b) => Math.abs(b.revenue) - Math.abs(a.revenue) || (a.code < b.code ? -1 : 1));
  let nonProductRevenue = 0;
  let nonProductRows = 0;
  for (const l of nonProduct) {
    if (!l.excluded) continue;
    nonProductRevenue += l.revenue;
    nonProductRows += l.rows;
  }

  const kept = categories.map((_, i) => i).filter((i) => !categoryExcluded[i] && categories[i].rows > 0);
  const rawValues = kept.length;
  const medianBuyers = median(kept.map((i) => categories[i].buyers));
  const column = input.categoryColumn ?? input.categorySource ?? input.productColumn;
  const columnWords = column === null ? 'the category level' : column === input.categorySource ? column : `'${column}'`;
  const fine = levelTooFine(rawValues, medianBuyers, input.customers);
  const fineWhy = `${columnWords} has ${formatCount(rawValues)} values; the median one is bought by ${formatCount(medianBuyers)} of ${formatCount(input.customers)} customers`;
  const hasGroups = saved !== null && Object.keys(saved.groups).length > 0;
  const namedShare = products.length ? products.filter((p) => (p.name ?? '').trim() !== '').length / products.length : 0;
  const info = (level: ProductLevelInfo['level'], source: ProductLevelInfo['source'], values: number, reason: string, coPurchase: ProductLevelInfo['coPurchase'] = null): ProductLevelInfo => ({
    level,
    source,
    column,
    rawValues,
    values,
    reason,
    nonProduct,
    nonProductRevenue,
    nonProductRows,
    coPurchase,
    ...(column !== null && column === input.categorySource ? { columnIsSource: true } : {}),
  });

  const useGroups = hasGroups || (fine && products.length > 0 && namedShare >= 0.5);
  if (useGroups) {
    const live = products.map((p, i) => ({ p, i })).filter(({ i }) => !productExcluded[i]);
    const proposal = proposeGroups(
      products.map((p) => ({ code: p.code, name: p.name ?? '', revenue: p.revenue })),
      productExcluded,
      input.baskets?.() ?? null,
    );
    const savedNames = new Set(hasGroups ? Object.values(saved.groups) : []);
    const groupFor = (code: string): string => {
      if (hasGroups) {
        const chosen = saved.groups[code];
        if (chosen) return chosen;
        // A product new since the groups were saved joins the proposal's group when the analyst kept that name.
        const proposed = proposal.groupOf.get(code) ?? OTHER_GROUP;
        return savedNames.has(proposed) ? proposed : OTHER_GROUP;
      }
      return proposal.groupOf.get(code) ?? OTHER_GROUP;
    };
    const names = new Map<string, number>();
    const ofProduct = new Int32Array(products.length).fill(-1);
    const sortedGroups = [...new Set(live.map(({ p }) => groupFor(p.code)))].sort((a, b) => (a === OTHER_GROUP ? 1 : b === OTHER_GROUP ? -1 : a < b ? -1 : 1));
    sortedGroups.forEach((g, i) => names.set(g, i));
    for (const { p, i } of live) ofProduct[i] = names.get(groupFor(p.code)) as number;
    // Rows without a product keep their imported category, appended after the groups.
    const ofCategory = new Int32Array(categories.length).fill(-1);
    const list = [...sortedGroups];
    categories.forEach((c, i) => {
      if (categoryExcluded[i] || c.rowsWithoutProduct === 0) return;
      let at = names.get(c.name);
      if (at === undefined) {
        at = list.length;
        list.push(c.name);
        names.set(c.name, at);
      }
      ofCategory[i] = at;
    });
    const cp = proposal.coPurchase;
    const coPurchaseWhy =
      cp && cp.products > 0
        ? ` ${formatCount(cp.products)} of the ${formatCount(cp.leftover)} products their descriptions left ungrouped (${formatShare(cp.revenueShare)} of revenue) joined the group they are most bought with on the same day; judged blind the same way, ${formatShare(cp.heldOutPrecision, 0)} of ${formatCount(cp.heldOutJudged)} described products went back to their own group.`
        : cp
          ? ` Co-purchase did not place the products their descriptions left ungrouped: it could not tell their groups apart reliably enough here.`
          : '';
    const reason = hasGroups
      ? `Product groups saved in this workspace (${formatCount(sortedGroups.length)} groups over ${formatCount(live.length)} products).`
      : `Product groups proposed from product descriptions (${formatCount(sortedGroups.length)} groups), because ${fineWhy}: too fine for buying patterns.${coPurchaseWhy} Review and rename them under Product groups.`;
    return {
      categories: list,
      byProduct: true,
      dropProduct: productExcluded,
      ofProduct,
      ofCategory,
      info: info('product-groups', hasGroups ? 'saved' : 'descriptions', sortedGroups.length, reason, hasGroups ? null : cp),
      byCoPurchase: hasGroups ? keptByCoPurchase(proposal, live.map(({ p }) => p.code), groupFor) : proposal.byCoPurchase,
    };
  }

  // Exports spell one category several ways ("Dairy", "DAIRY ", "dairy."): one category, named
  // by its tidiest spelling, the most used among equally tidy ones.
  const list: string[] = [];
  const ofCategory = new Int32Array(categories.length).fill(-1);
  const byKey = new Map<string, { at: number; rows: number; tidiness: number }>();
  categories.forEach((c, i) => {
    if (categoryExcluded[i]) return;
    const key = spellingKey(c.name);
    const tidiness = spellingTidiness(c.name);
    const seen = byKey.get(key);
    if (seen) {
      ofCategory[i] = seen.at;
      if (tidiness > seen.tidiness || (tidiness === seen.tidiness && c.rows > seen.rows)) {
        list[seen.at] = c.name;
        seen.rows = c.rows;
        seen.tidiness = tidiness;
      }
      return;
    }
    byKey.set(key, { at: list.length, rows: c.rows, tidiness });
    ofCategory[i] = list.length;
    list.push(c.name);
  });
  const level: ProductLevelInfo['level'] = input.categoriesAreProducts ? 'products' : 'categories';
  // A level fine enough to sell by can still be too wide for a big customer base: 60 categories
  // over a million customers would be a 1.1 GB matrix before any stage ran.
  const limit = ungroupedLimit(input.customers);
  const wide = !fine && list.length > limit && list.length * input.customers > MAX_POOLED_CELLS;
  const pooled = fine || wide ? poolRareCategories(list, ofCategory, categories, limit) : null;
  const keptWords = pooled
    ? ` The ${formatCount(pooled.kept)} bought by the most customers are kept as they are, and the other ${formatCount(pooled.pooled)} (${formatShare(pooled.revenueShare)} of revenue) are one category, '${OTHER_GROUP}', which gets no cross-sell.`
    : '';
  const reason = fine
    ? `${fineWhy}: too fine for buying patterns, and the products have no descriptions to group them by.${keptWords} Import a product master (product -> category) to get meaningful profiles.`
    : wide
      ? `The imported ${input.categoriesAreProducts ? 'product' : 'category'} level: ${columnWords} (${formatCount(rawValues)} values), too many to keep whole over ${formatCount(input.customers)} customers (the customer x category matrix stays within ${formatCount(MAX_POOLED_CELLS)} cells).${keptWords}`
      : column
        ? `The imported ${input.categoriesAreProducts ? 'product' : 'category'} level: ${columnWords} (${formatCount(rawValues)} values).`
        : `No category or product column: every sale is in ${rawValues === 1 ? `one category, '${list[0]}'` : `${formatCount(rawValues)} categories`}, so each customer is judged as a whole.`;
  return {
    categories: list,
    byProduct: false,
    dropProduct: productExcluded,
    ofProduct: new Int32Array(products.length).fill(-1),
    ofCategory,
    info: { ...info(level, 'imported', list.length, reason), ...(pooled ? { pooled: { values: pooled.pooled, revenueShare: pooled.revenueShare } } : {}) },
    byCoPurchase: new Set<string>(),
  };
}
