import type { CoPurchaseInfo } from '../../model/products';
import { IGNORED, LEFTOVER, placeByCoPurchase, type Baskets } from './co-purchase';
import { OTHER_GROUP, proposeGroupsFromDescriptions, type ProductInfo } from './description-groups';

/**
 * Names how groups are proposed; part of the data hash, so results kept from an older way are not
 * reused. 2: saved groups keep the products co-purchase placed, and a product list's
 * '(not a product)' group is no category.
 */
export const PROPOSAL_METHOD = 'head nouns + co-purchase, 2';

export type Proposal = {
  /** Group per product code, for the products not left out. */
  groupOf: Map<string, string>;
  /** Codes placed by what they are bought with rather than by their description. */
  byCoPurchase: Set<string>;
  coPurchase: CoPurchaseInfo | null;
};

/**
 * The groups Longtail proposes: from descriptions first, then the products the descriptions left
 * in "Other products" placed by co-purchase where the data's own held-out check trusts it.
 * `products` indexes `baskets`; `leftOut` marks products that are neither grouped nor evidence
 * (non-product lines).
 */
export function proposeGroups(products: readonly ProductInfo[], leftOut: Uint8Array, baskets: Baskets | null): Proposal {
  const live = products.filter((_, i) => !leftOut[i]);
  const byDescription = proposeGroupsFromDescriptions(live);
  const groupOf = new Map(byDescription.groupOf);
  const byCoPurchase = new Set<string>();
  if (!baskets) return { groupOf, byCoPurchase, coPurchase: null };
  const names = [...new Set(byDescription.groupOf.values())].filter((g) => g !== OTHER_GROUP).sort();
  const index = new Map(names.map((g, i) => [g, i]));
  const start = Int32Array.from(products, (p, i) => {
    if (leftOut[i]) return IGNORED;
    const g = byDescription.groupOf.get(p.code) ?? OTHER_GROUP;
    return g === OTHER_GROUP ? LEFTOVER : (index.get(g) as number);
  });
  const result = placeByCoPurchase(start, names.length, baskets);
  let revenue = 0;
  let total = 0;
  products.forEach((p, i) => {
    if (leftOut[i]) return;
    total += p.revenue;
    if (start[i] !== LEFTOVER || result.groupOf[i] < 0) return;
    groupOf.set(p.code, names[result.groupOf[i]]);
    byCoPurchase.add(p.code);
    revenue += p.revenue;
  });
  const leftover = start.filter((g) => g === LEFTOVER).length;
  return {
    groupOf,
    byCoPurchase,
    coPurchase: {
      products: byCoPurchase.size,
      leftover,
      revenueShare: total > 0 ? revenue / total : 0,
      heldOutPrecision: result.heldOutPrecision,
      heldOutJudged: result.heldOutJudged,
    },
  };
}
