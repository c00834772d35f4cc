import { dayFromIso } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';

export type Row = { customer: string; date: string; category: string; revenue: number; rep?: string; territory?: string };

/** A small Dataset from readable rows, sorted the way the store hands it over. */
export function makeDataset(rows: Row[], options: { hasDates?: boolean; categories?: string[] } = {}): Dataset {
  const codes = [...new Set(rows.map((r) => r.customer))].sort();
  const categories = options.categories ?? [...new Set(rows.map((r) => r.category))].sort();
  const ci = new Map(codes.map((c, i) => [c, i]));
  const ki = new Map(categories.map((c, i) => [c, i]));
  const sorted = rows
    .map((r) => ({ c: ci.get(r.customer) as number, k: ki.get(r.category) as number, d: dayFromIso(r.date), v: r.revenue }))
    .sort((a, b) => a.c - b.c || a.k - b.k || a.d - b.d);
  const days = sorted.map((r) => r.d);
  return {
    customers: codes.map((code) => {
      const last = rows.filter((r) => r.customer === code).at(-1);
      return { code, name: `Customer ${code}`, rep: last?.rep ?? null, territory: last?.territory ?? null, segment: null };
    }),
    categories,
    tx: {
      customer: Int32Array.from(sorted, (r) => r.c),
      category: Int32Array.from(sorted, (r) => r.k),
      day: Int32Array.from(sorted, (r) => r.d),
      revenue: Float64Array.from(sorted, (r) => r.v),
    },
    hasDates: options.hasDates ?? true,
    firstDay: Math.min(...days),
    lastDay: Math.max(...days),
    currency: 'USD',
  };
}
