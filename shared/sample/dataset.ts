import type { CustomerRecord, Dataset } from '../model/dataset';
import { dayFromIso } from '../format/dates';
import type { SampleRow } from './types';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the analytics' Dataset straight from rows, skipping the import. Customers are indexed in
 * code order and categories in name order; transactions are sorted by customer, category, day
 * (same-day rows kept apart, in input order). A customer's rep, territory and segment are those of
 * its latest row.
 */
export function datasetFromRows(rows: Iterable<SampleRow>, currency = 'USD'): Dataset {
  type Seen = { record: CustomerRecord; lastDay: number };
  const customers = new Map<string, Seen>();
  const categories = new Set<string>();
  const raw: { customer: string; category: string; day: number; revenue: number }[] = [];
  for (const row of rows) {
    const day = dayFromIso(row.date);
    const seen = customers.get(row.customerId);
    if (!seen) {
      customers.set(row.customerId, { record: { code: row.customerId, name: row.customerName, rep: row.rep, territory: row.territory, segment: row.segment }, lastDay: day });
    } else if (day >= seen.lastDay) {
      seen.lastDay = day;
      seen.record.rep = row.rep;
      seen.record.territory = row.territory;
      seen.record.segment = row.segment;
    }
    categories.add(row.category);
    raw.push({ customer: row.customerId, category: row.category, day, revenue: row.revenue });
  }
  const codes = [...customers.keys()].sort(byText);
  const names = [...categories].sort(byText);
  const customerIndex = new Map(codes.map((c, i) => [c, i]));
  const categoryIndex = new Map(names.map((c, i) => [c, i]));
  const order = raw.map((_, i) => i);
  const cust = raw.map((r) => customerIndex.get(r.customer) ?? 0);
  const cat = raw.map((r) => categoryIndex.get(r.category) ?? 0);
  order.sort((a, b) => cust[a] - cust[b] || cat[a] - cat[b] || raw[a].day - raw[b].day || a - b);
  const n = raw.length;
  const tx = { customer: new Int32Array(n), category: new Int32Array(n), day: new Int32Array(n), revenue: new Float64Array(n) };
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  order.forEach((from, to) => {
    tx.customer[to] = cust[from];
    tx.category[to] = cat[from];
    tx.day[to] = raw[from].day;
    tx.revenue[to] = raw[from].revenue;
    firstDay = Math.min(firstDay, raw[from].day);
    lastDay = Math.max(lastDay, raw[from].day);
  });
  return {
    customers: codes.map((c) => (customers.get(c) as Seen).record),
    categories: names,
    tx,
    hasDates: true,
    firstDay: n > 0 ? firstDay : 0,
    lastDay: n > 0 ? lastDay : 0,
    currency,
  };
}
