import type { ProductLevelInfo } from '../../shared/model/products';

/** A product level as a run stores it: imported categories, 12 of them, unless `over` says otherwise. */
export const productLevel = (over: Partial<ProductLevelInfo> = {}): ProductLevelInfo => ({
  level: 'categories',
  source: 'imported',
  column: 'Category',
  rawValues: 12,
  values: 12,
  reason: '',
  nonProduct: [],
  nonProductRevenue: 0,
  nonProductRows: 0,
  coPurchase: null,
  ...over,
});
