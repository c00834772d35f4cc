/**
 * Writes a seeded distributor as CSV (and optionally its roster and planted truth), streamed to disk
 * so a million-row file never sits in memory.
 *
 *   node --import tsx bench/generate.ts --customers 2000 --seed 20261128 --end 2026-10-31 \
 *     --out resources/sample/distributor.csv --roster resources/sample/roster.csv
 *   node --import tsx bench/generate.ts --rows 1000000 --categories 15 --out bench/data/1m.csv
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateDistributor, type GeneratorOptions, type PlantedTruth, type RosterRow, type SampleRow } from '../shared/sample';

export const SAMPLE_HEADER = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Net Sales', 'Sales Rep', 'Territory', 'Segment'];

// Raw RFC 4180 quoting only: the sample must carry hostile names as they are, so the import and
// the exports get to prove they handle them.
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export const sampleLine = (r: SampleRow): string =>
  [field(r.invoice), r.date, field(r.customerId), field(r.customerName), field(r.category), field(r.product), String(r.quantity), r.unitPrice.toFixed(2), r.revenue.toFixed(2), field(r.rep), field(r.territory), field(r.segment)].join(',') + '\r\n';

export const rosterCsv = (roster: RosterRow[]): string =>
  ['Rep,Kind,Territory,Capacity', ...roster.map((r) => [field(r.rep), r.kind, field(r.territory), String(r.capacity)].join(','))].join('\r\n') + '\r\n';

export type WriteResult = { rows: number; customers: number; bytes: number; seconds: number };

/**
 * A sale written as up to `lines` invoice lines of the same product, its quantity shared out (a
 * quantity below `lines` gives fewer lines): the same customer, category and day on several lines,
 * as exports with one line per delivery or per batch have. Revenue per line is its quantity times
 * the unit price.
 */
export function splitSale(row: SampleRow, lines: number): SampleRow[] {
  const parts = Math.max(1, Math.min(lines, Math.floor(Math.abs(row.quantity))));
  if (parts === 1) return [row];
  const sign = row.quantity < 0 ? -1 : 1;
  const whole = Math.abs(row.quantity);
  const out: SampleRow[] = [];
  for (let i = 0; i < parts; i++) {
    const quantity = sign * (Math.floor(whole / parts) + (i < whole % parts ? 1 : 0));
    out.push({ ...row, quantity, revenue: Math.round(quantity * row.unitPrice * 100) / 100 });
  }
  return out;
}

/** Every sale as up to `lines` invoice lines (splitSale). */
export function* splitSales(rows: Iterable<SampleRow>, lines: number): Iterable<SampleRow> {
  for (const row of rows) yield* splitSale(row, lines);
}

/** Streams rows to `out`, stopping after `maxRows` when given. */
export async function writeSampleCsv(rows: Iterable<SampleRow>, out: string, maxRows = Number.POSITIVE_INFINITY): Promise<WriteResult> {
  await mkdir(dirname(out), { recursive: true });
  const started = performance.now();
  const stream = createWriteStream(out);
  let chunk = SAMPLE_HEADER.join(',') + '\r\n';
  let written = 0;
  let bytes = 0;
  let lastCustomer = '';
  let customers = 0;
  for (const row of rows) {
    if (written >= maxRows) break;
    if (row.customerId !== lastCustomer) {
      customers++;
      lastCustomer = row.customerId;
    }
    chunk += sampleLine(row);
    written++;
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  stream.end(chunk);
  await once(stream, 'finish');
  return { rows: written, customers, bytes, seconds: (performance.now() - started) / 1000 };
}

/** Customers needed for about `rows` rows (of sales split into `lines` lines each): measured on a pilot of the same seed, plus a margin. */
export function customersForRows(rows: number, options: Omit<GeneratorOptions, 'customers'>, lines = 1): number {
  const pilot = 1000;
  let count = 0;
  for (const _ of splitSales(generateDistributor({ ...options, customers: pilot }).rows(), lines)) count++;
  return Math.max(1, Math.ceil((rows / count) * pilot * 1.03));
}

/** With --rows the file may end before the planned customers do: keep the truth of those written. */
export function truthOfWritten(truth: PlantedTruth, customers: number): PlantedTruth {
  const written = (id: string): boolean => Number(id.slice(1)) <= customers;
  return {
    ...truth,
    customerPattern: Object.fromEntries(Object.entries(truth.customerPattern).filter(([id]) => written(id))),
    defections: truth.defections.filter((d) => written(d.customerId)),
    traps: truth.traps.filter((t) => written(t.customerId)),
    crossSellGaps: truth.crossSellGaps.filter((g) => written(g.customerId)),
  };
}

const USAGE = `Usage: node --import tsx bench/generate.ts --out FILE [--customers N | --rows N] [--seed N] [--end YYYY-MM-DD]
                [--months N] [--categories N] [--lines-per-sale N] [--roster FILE] [--truth FILE]
  --customers N   customers to generate (default 2000, or derived from --rows)
  --rows N        write exactly N rows (customers estimated from a pilot when --customers is absent;
                  the last customer may be cut short)
  --seed N        seed (default 20261128)        --end DATE   last day of the history (default 2026-10-31)
  --months N      history length (default 24)    --categories N  10-15 recommended (default 12)
  --lines-per-sale N  write each sale as up to N invoice lines of the same customer, category and
                  day (its quantity shared out; default 1): a file that shrinks when summed
  --roster FILE   also write the reps (Rep,Kind,Territory,Capacity)
  --truth FILE    also write the planted truth as JSON`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' }, customers: { type: 'string' }, rows: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' },
      months: { type: 'string' }, categories: { type: 'string' }, 'lines-per-sale': { type: 'string' }, roster: { type: 'string' }, truth: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    if (!values.out && !values.help) process.exitCode = 2;
    return;
  }
  const whole = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${text}"`);
    return n;
  };
  const base = { seed: whole('seed', values.seed, 20261128), endDate: values.end ?? '2026-10-31', months: whole('months', values.months, 24), categories: whole('categories', values.categories, 12) };
  const maxRows = values.rows === undefined ? undefined : whole('rows', values.rows, 0);
  const lines = Math.max(1, whole('lines-per-sale', values['lines-per-sale'], 1));
  const customers = values.customers !== undefined ? whole('customers', values.customers, 0) : maxRows !== undefined ? customersForRows(maxRows, base, lines) : 2000;
  const distributor = generateDistributor({ ...base, customers });
  const result = await writeSampleCsv(splitSales(distributor.rows(), lines), values.out, maxRows);
  if (values.roster) {
    await mkdir(dirname(values.roster), { recursive: true });
    await writeFile(values.roster, rosterCsv(distributor.roster));
  }
  if (values.truth) {
    await mkdir(dirname(values.truth), { recursive: true });
    await writeFile(values.truth, JSON.stringify(truthOfWritten(distributor.truth, result.customers)));
  }
  console.log(`${values.out}: ${result.rows} rows, ${result.customers} customers, ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s (seed ${base.seed}, ${distributor.startDate}..${distributor.endDate}, ${base.categories} categories)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
