import fs from 'node:fs';
import { toCsv } from '../../../shared/format/csv';
import { generateDistributor, type GeneratedDistributor } from '../../../shared/sample/index';

/** Writes a generated distributor as a sales CSV with ordinary headers, the way a client exports one. */
export function writeSampleCsv(file: string, options: { seed: number; customers: number; categories?: number }): GeneratedDistributor {
  const g = generateDistributor({ seed: options.seed, customers: options.customers, endDate: '2025-12-31', months: 24, categories: options.categories ?? 8 });
  const header = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Revenue', 'Rep', 'Territory', 'Segment'];
  const rows = [...g.rows()].map((r) => [r.invoice, r.date, r.customerId, r.customerName, r.category, r.product, r.quantity, r.unitPrice, r.revenue, r.rep, r.territory, r.segment]);
  fs.writeFileSync(file, toCsv(header, rows));
  return g;
}
