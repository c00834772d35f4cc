import { z } from 'zod';
import { handlerSpec } from './define';
import type { ProductLevelInfo } from '../model/products';

/** One product as the analysis sees it: its group (null: a non-product line left out), and whether the proposal placed it by co-purchase. */
export type CatalogueProduct = { code: string; name: string; group: string | null; revenue: number; rows: number; byCoPurchase: boolean };

export type ProductGroupSummary = { name: string; products: number; revenue: number; examples: string[] };

export type ProductGroupsView = {
  level: ProductLevelInfo | null;
  groups: ProductGroupSummary[];
  products: CatalogueProduct[];
  /** True when the analyst saved groups or line overrides in this workspace. */
  saved: boolean;
  savedAt: string | null;
};

const groupName = z.string().trim().min(1).max(80);

export const productSpecs = [
  handlerSpec<ProductGroupsView>()('products-groups-view', z.object({})),
  handlerSpec<ProductGroupsView>()(
    'products-groups-save',
    z.object({
      /** Product code -> group name, for every product the analyst wants placed. */
      groups: z.record(z.string().min(1), groupName),
      /** Per code: keep a detected non-product line as a product, or leave a product out. */
      lines: z.record(z.string().min(1), z.enum(['product', 'non-product'])).default({}),
    }),
  ),
  handlerSpec<ProductGroupsView>()('products-groups-reset', z.object({})),
  handlerSpec<{ path: string; rows: number }>()('products-groups-export', z.object({ out: z.string().min(1) })),
] as const;
