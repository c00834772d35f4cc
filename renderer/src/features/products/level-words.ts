import type { ProductGroupsView } from '../../../../shared/contract';

export const LEVEL_WORDS: Record<NonNullable<ProductGroupsView['level']>['level'], string> = {
  categories: 'Imported categories',
  'product-groups': 'Product groups',
  products: 'Individual products',
};

/** What the level's count is a count of: "30 groups from 3,676 'StockCode' values", "30 categories in the product master". */
export function levelDetail(level: NonNullable<ProductGroupsView['level']>, count: (n: number) => string): string {
  const of = level.columnIsSource
    ? `${count(level.rawValues)} ${level.rawValues === 1 ? 'category' : 'categories'} in ${level.column}`
    : `${count(level.rawValues)} ${level.column ? `'${level.column}' ` : ''}value${level.rawValues === 1 ? '' : 's'}`;
  if (level.level === 'product-groups') return `${count(level.values)} groups from ${of}`;
  if (level.pooled) return `${count(level.values - 1)} most widely bought and 'Other products' (${count(level.pooled.values)} pooled), from ${of}`;
  return level.values === level.rawValues ? of : `${count(level.values)} after merging spellings, from ${of}`;
}
