import type { LineKind } from '../analytics/products/non-product';

/** A line that is not a product (postage, fees, discounts...), with what it moved. */
export type NonProductLine = {
  code: string;
  name: string;
  kind: LineKind;
  reason: string;
  revenue: number;
  rows: number;
  /** True when it is left out of revenue, tiers, profiles, actions and leakage (the default); the analyst can keep it. */
  excluded: boolean;
  source: 'auto' | 'user';
};

/** Which product level the analysis used, and why. */
export type ProductLevelInfo = {
  level: 'categories' | 'product-groups' | 'products';
  source: 'imported' | 'saved' | 'descriptions';
  /** The column the imported level came from, when known. */
  column: string | null;
  /** True when `column` says where the categories came from ("the product master"), not a column's name: said as it is, not quoted. */
  columnIsSource?: boolean;
  /** Distinct values of the imported level, and of the level used. */
  rawValues: number;
  values: number;
  /** Plain words: which level and why. */
  reason: string;
  nonProduct: NonProductLine[];
  nonProductRevenue: number;
  nonProductRows: number;
  /**
   * Credits of those lines (manual adjustments, discounts) booked on a day the customer bought goods,
   * which net that day's goods as a same-day return does instead of being left out, with the same
   * days' charges on such lines (a credit's re-bill); absent when none.
   */
  sameDayCredits?: { rows: number; revenue: number; rebills?: { rows: number; revenue: number } };
  /** Products the descriptions left ungrouped and co-purchase placed (null: not tried). */
  coPurchase: CoPurchaseInfo | null;
  /**
   * A level too fine with nothing to group it: how many of its values were pooled as 'Other
   * products' past the most widely bought, and their share of revenue; absent when none were.
   */
  pooled?: { values: number; revenueShare: number };
};

/** What placing by co-purchase did, and how far it can be trusted here. */
export type CoPurchaseInfo = {
  /** Products placed, of the leftover products the descriptions did not group. */
  products: number;
  leftover: number;
  /** Their share of product revenue. */
  revenueShare: number;
  /** Of the products grouped by description, judged blind by the same rule: share put back in their own group, and how many were judged. */
  heldOutPrecision: number;
  heldOutJudged: number;
};

/** What the analyst saved: product code -> group, and per-code overrides of the non-product verdict. */
export type SavedProductGroups = {
  groups: Record<string, string>;
  lines: Record<string, 'product' | 'non-product'>;
  savedAt: string;
};
