import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../main/backend/dispatch';
import { toCsv } from '../../../shared/format/csv';
import { generateDistributor, mix32, type SampleRow } from '../../../shared/sample';

export const NOW = new Date('2026-01-15T09:00:00Z');
const END = '2025-12-31';
/** Planted extra churn: chosen customers buy nothing after this day. */
const CUT = '2025-05-31';

const HEADER = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Net Sales', 'Sales Rep', 'Territory', 'Segment'];
const cells = (r: SampleRow) => [r.invoice, r.date, r.customerId, r.customerName, r.category, r.product, r.quantity, r.unitPrice, r.revenue, r.rep, r.territory, r.segment];

export type ClientSpec = { clientName: string; seed: number; customers: number; churnShare: number; currency?: string };

/** Whether a customer is among the `share` of customers planted to stop buying: a seeded hash, no list kept. */
const planted = (seed: number, customerId: string, share: number): boolean => {
  let h = seed >>> 0;
  for (const ch of customerId) h = mix32(h ^ ch.charCodeAt(0));
  return (h >>> 0) / 2 ** 32 < share;
};

/** Writes a generated client's sales as CSV: the generator's rows, minus sales after CUT for planted churners. */
export function writeClientCsv(dir: string, spec: ClientSpec): { file: string; customerNames: Set<string> } {
  const data = generateDistributor({ seed: spec.seed, customers: spec.customers, endDate: END, months: 24, categories: 8 });
  const customerNames = new Set<string>();
  const kept: (string | number)[][] = [];
  for (const r of data.rows()) {
    customerNames.add(r.customerName);
    if (r.date > CUT && planted(spec.seed, r.customerId, spec.churnShare)) continue;
    kept.push(cells(r));
  }
  const file = path.join(dir, `${spec.clientName.replace(/\W+/g, '-').toLowerCase()}.csv`);
  fs.writeFileSync(file, toCsv(HEADER, kept));
  return { file, customerNames };
}

/** A workspace built and analysed through the real handlers, then closed: what a consultant leaves behind. */
export async function analysedClient(dir: string, spec: ClientSpec): Promise<{ file: string; customerNames: Set<string> }> {
  const { file: csv, customerNames } = writeClientCsv(dir, spec);
  const file = path.join(dir, `${spec.clientName.replace(/\W+/g, '-').toLowerCase()}.longtail`);
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => NOW });
  try {
    await backend.call('workspace-create', { path: file, clientName: spec.clientName, currency: spec.currency ?? 'USD' });
    await backend.call('import-run', { path: csv });
    await backend.call('analysis-run', { settings: { kMax: 6, restarts: 2 } });
  } finally {
    backend.close();
  }
  fs.rmSync(csv);
  return { file, customerNames };
}
