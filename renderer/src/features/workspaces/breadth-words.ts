import type { ProductLevelInfo } from '../../../../shared/model/products';
import type { Formatters } from '../../app/format';

/**
 * What a workspace's customers buy across, as the last run read it: a file with only product codes
 * stores thousands of "categories", and "4,031 categories" beside a run that worked on 30 product
 * groups read as if profiles had thousands of dimensions.
 */
export function breadthWords(categories: number, level: ProductLevelInfo | null | undefined, fmt: Pick<Formatters, 'count' | 'counted'>): string {
  if (level?.level === 'product-groups') return `${fmt.counted(level.rawValues, 'product')} in ${fmt.counted(level.values, 'group')}`;
  if (level?.level === 'products') return fmt.counted(level.values, 'product');
  return fmt.counted(categories, 'category', 'categories');
}
