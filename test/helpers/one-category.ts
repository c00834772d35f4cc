import type { Dataset } from '../../shared/model/dataset';

export type DatedRow = { customer: number; day: number; revenue: number };

/**
 * Rows of customer (an index into `codes`), day and revenue as a one-category Dataset, the way the
 * store hands data over: sorted by customer, then day (rows of one customer and day keep their order).
 */
export function oneCategoryDataset(codes: readonly string[], rows: readonly DatedRow[], options: { category?: string; currency?: string } = {}): Dataset {
  const sorted = [...rows].sort((a, b) => a.customer - b.customer || a.day - b.day);
  const days = sorted.map((r) => r.day);
  return {
    customers: codes.map((code) => ({ code, name: code, rep: null, territory: null, segment: null })),
    categories: [options.category ?? 'All products'],
    tx: {
      customer: Int32Array.from(sorted, (r) => r.customer),
      category: new Int32Array(sorted.length),
      day: Int32Array.from(days),
      revenue: Float64Array.from(sorted, (r) => r.revenue),
    },
    hasDates: true,
    firstDay: days.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    lastDay: days.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
    currency: options.currency ?? 'USD',
  };
}
