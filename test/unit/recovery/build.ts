import type { Dataset } from '../../../shared/model/dataset';
import { dayFromIso } from '../../../shared/format/dates';

export type Sale = { customer: string; category: string; date: string | number; revenue: number };

/** A Dataset from a handful of sales, sorted the way the store hands it over. Dates are ISO or day numbers. */
export function datasetOf(sales: Sale[]): Dataset {
  const customers = [...new Set(sales.map((s) => s.customer))].sort();
  const categories = [...new Set(sales.map((s) => s.category))].sort();
  const rows = sales
    .map((s) => ({ c: customers.indexOf(s.customer), k: categories.indexOf(s.category), d: typeof s.date === 'number' ? s.date : dayFromIso(s.date), v: s.revenue }))
    .sort((a, b) => a.c - b.c || a.k - b.k || a.d - b.d);
  return {
    customers: customers.map((code) => ({ code, name: `${code} Ltd`, rep: null, territory: null, segment: null })),
    categories,
    tx: {
      customer: Int32Array.from(rows, (r) => r.c),
      category: Int32Array.from(rows, (r) => r.k),
      day: Int32Array.from(rows, (r) => r.d),
      revenue: Float64Array.from(rows, (r) => r.v),
    },
    hasDates: true,
    firstDay: Math.min(...rows.map((r) => r.d)),
    lastDay: Math.max(...rows.map((r) => r.d)),
    currency: 'USD',
  };
}

/** Orders every `every` days from `from` up to `to` (day numbers), each worth `value`. */
export function rhythm(customer: string, category: string, from: number, to: number, every: number, value: number | ((day: number) => number)): Sale[] {
  const out: Sale[] = [];
  for (let d = from; d <= to; d += every) out.push({ customer, category, date: d, revenue: typeof value === 'number' ? value : value(d) });
  return out;
}
