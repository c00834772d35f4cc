import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../../../shared/model/dataset';

/** UCI Wholesale customers (440 rows, annual spend per category): a spend table with a known channel. */
export function wholesale(): { ds: Dataset; channel: string[] } {
  const text = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/analysis/wholesale_customers.csv'), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  const categories = columns.slice(2);
  const rows = lines.map((l) => l.split(',').map(Number));
  const customer: number[] = [];
  const category: number[] = [];
  const revenue: number[] = [];
  rows.forEach((r, i) =>
    categories.forEach((_, k) => {
      if (r[k + 2] === 0) return;
      customer.push(i);
      category.push(k);
      revenue.push(r[k + 2]);
    }),
  );
  const day = 20000;
  return {
    ds: {
      customers: rows.map((r, i) => ({ code: `W${String(i + 1).padStart(3, '0')}`, name: `Wholesale ${i + 1}`, rep: null, territory: ['Lisbon', 'Oporto', 'Other'][r[1] - 1], segment: null })),
      categories,
      tx: { customer: Int32Array.from(customer), category: Int32Array.from(category), day: new Int32Array(customer.length).fill(day), revenue: Float64Array.from(revenue) },
      hasDates: false,
      firstDay: day,
      lastDay: day,
      currency: 'EUR',
    },
    channel: rows.map((r) => (r[0] === 1 ? 'Horeca' : 'Retail')),
  };
}
