import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/rng';
import { BatchWriter, type ParsedBatch } from '../../../main/backend/import/parser/batch';
import { ByteReader } from '../../../main/backend/import/parser/byte-reader';
import { recordFeed } from '../../../main/backend/import/record-feed';
import { rowChecker, TEXT_FIELDS, type CheckPlan } from '../../../main/backend/import/row-check';
import type { TextTable } from '../../../main/backend/import/source';
import { textRecords } from '../../../main/backend/import/text-source';
import type { TextEncoding } from '../../../main/backend/import/encoding';

const HEADERS = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Net Sales', 'Rep', 'Territory', 'Segment', 'Orders'];

/** Everything a parser batch says, with codes turned back into texts: what the storing thread would store. */
type Outcome = { rows: unknown[][]; rejects: unknown[]; dayTexts: unknown[]; warnings: string[]; read: number; skipped: number; orders: number };

function outcome(batches: ParsedBatch[]): Outcome {
  const dictionaries: string[][] = Array.from({ length: TEXT_FIELDS }, () => []);
  const out: Outcome = { rows: [], rejects: [], dayTexts: [], warnings: [], read: 0, skipped: 0, orders: 0 };
  for (const b of batches) {
    out.read += b.read;
    out.skipped += b.skipped;
    out.orders += b.orders;
    out.warnings.push(...b.warnings);
    out.rejects.push(...b.rejects);
    out.dayTexts.push(...b.dayTexts);
    for (let f = 0; f < TEXT_FIELDS; f++) dictionaries[f].push(...b.fresh[f]);
    for (let i = 0; i < b.rows; i++) {
      const invoice = b.invoiceEnd && b.invoiceBytes ? Buffer.from(b.invoiceBytes.subarray(i === 0 ? 0 : b.invoiceEnd[i - 1], b.invoiceEnd[i])).toString('utf8') : '';
      const texts = Array.from({ length: TEXT_FIELDS }, (_, f) => dictionaries[f][b.codes[f][i]]);
      // Object.is tells -0 from 0 and NaN from NaN alike, as the stored numbers would.
      out.rows.push([b.line[i], b.day[i], Object.is(b.revenue[i], -0) ? '-0' : b.revenue[i], Number.isNaN(b.quantity[i]) ? 'none' : b.quantity[i], ...texts, invoice]);
    }
  }
  return out;
}

type Way = 'bytes' | 'text';

/** Reads `file` the byte reader's way or the text way (the worker's path before it), `chunk` bytes at a time. */
function read(way: Way, file: Buffer, table: TextTable, headerLine: number, check: CheckPlan, chunk: number): Outcome {
  const told = new Set<number>();
  const writer = new BatchWriter(7, check.mapping.invoice !== undefined, (w) => rowChecker(check, w.checked, undefined, told));
  const feed = recordFeed(headerLine, check.headers, writer.records);
  const body = file.subarray(table.bom);
  if (way === 'bytes') {
    const reader = new ByteReader(table, headerLine, check, writer, told, feed);
    for (let at = 0; at < body.length; at += chunk) reader.push(Buffer.from(body.subarray(at, at + chunk)));
    reader.end();
  } else {
    const reader = textRecords(table);
    for (let at = 0; at < body.length; at += chunk) {
      const records: Parameters<typeof feed>[0] = [];
      reader.push(Buffer.from(body.subarray(at, at + chunk)), records);
      feed(records);
    }
    const last: Parameters<typeof feed>[0] = [];
    reader.end(last);
    feed(last);
  }
  return outcome([...writer.filled(0), writer.rest(0)]);
}

const pick = <T,>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

/** A cell of each kind a real export has, and the troubles it can hold. */
function cell(random: () => number, column: string): string {
  const r = random();
  const troubles = ['', ' ', '  padded  ', '\u00a0nbsp\u00a0', '"quoted, with comma"', '"say ""hi"""', '"two\nlines"', 'half"quote', '"open', 'a\rb', '\ufeffbom'];
  if (r < 0.06) return pick(random, troubles);
  switch (column) {
    case 'Invoice':
      return pick(random, ['INV001', 'C1002', 'c77', ' INV9 ', 'Ünïcode-7', 'INV\u00e9']);
    case 'Date':
      return pick(random, ['2025-01-31', '2025-02-30', '2024-02-29', '2025-1-5', '2025/03/04', '03/04/2025', '31.12.2024', '2025-03-04 10:00', ' 2025-03-04', '0000-01-01', '45000', 'n/a', '2025-13-01']);
    case 'Customer ID':
      return pick(random, ['C1', 'C2', 'C3', ' C1', 'C1 ', 'Ç4', '日本', 'c1']);
    case 'Customer Name':
    case 'Category':
    case 'Product':
    case 'Rep':
    case 'Territory':
    case 'Segment':
      return pick(random, ['Blue Harbor', 'Café Olé', 'Dairy', 'Paper & Disposables', ' Dairy', 'Dairy ', 'Straße', '东京', 'x']);
    case 'Orders':
      return pick(random, ['1', '2', '0', '3.0', '-1', '1.5', 'two', '007', '']);
    default:
      return pick(random, ['12', '-3', '394.60', '0.5', '-0', '0', '1234567.891', '1,234.50', '1.234,50', '12,5', '(12.00)', '$5', '12.', '.5', '1e3', '12345678901234567', '99999999999999.9', '1e300', ' 7', 'abc', '']);
  }
}

/** Columns that repeat from line to line in a file grouped by customer. */
const CUSTOMER_COLUMNS = new Set(['Customer ID', 'Customer Name', 'Rep', 'Territory', 'Segment']);

/** `grouped`: most lines repeat the customer columns of the line before, as an export sorted by customer does. */
function file(seed: number, options: { rows: number; newline: string; bom: boolean; encoding: TextEncoding; delimiter: string; title: boolean; grouped: boolean }): Buffer {
  const random = seededRandom(seed);
  const lines: string[] = [];
  let previous: string[] | null = null;
  if (options.title) lines.push('Sales export', '');
  lines.push(HEADERS.join(options.delimiter));
  for (let i = 0; i < options.rows; i++) {
    const r = random();
    if (r < 0.03) lines.push('');
    else if (r < 0.04) lines.push(options.delimiter.repeat(3));
    const cells = HEADERS.map((h, k) => (options.grouped && previous && CUSTOMER_COLUMNS.has(h) && random() < 0.8 ? previous[k] : cell(random, h)));
    previous = cells.slice();
    const width = random() < 0.05 ? Math.floor(random() * HEADERS.length) : HEADERS.length + (random() < 0.03 ? 2 : 0);
    while (cells.length < width) cells.push('extra');
    lines.push(cells.slice(0, width).join(options.delimiter));
  }
  const text = lines.join(options.newline) + (random() < 0.5 ? options.newline : '');
  const body = options.encoding === 'windows-1252' ? Buffer.from(Array.from(text, (c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join(''), 'latin1') : Buffer.from(text, 'utf8');
  // A byte that is not UTF-8 now and then: the decoders replace it alike.
  if (options.encoding === 'utf-8' && seed % 3 === 0) body[Math.floor(body.length / 2)] = 0xff;
  return options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

const mapping = {
  invoice: 'Invoice',
  date: 'Date',
  customer: 'Customer ID',
  customerName: 'Customer Name',
  category: 'Category',
  product: 'Product',
  quantity: 'Quantity',
  unitPrice: 'Unit Price',
  revenue: 'Net Sales',
  rep: 'Rep',
  territory: 'Territory',
  segment: 'Segment',
};

describe('the parser worker reading bytes', () => {
  it('hands on exactly what the text tokenizer and checks do, for thousands of troubled random files cut anywhere, grouped by customer or not', () => {
    const random = seededRandom(20261202);
    for (let seed = 1; seed <= 400; seed++) {
      const encoding = pick(random, ['utf-8', 'utf-8', 'windows-1252'] as const);
      const delimiter = pick(random, [',', ',', ';', '\t']);
      const title = random() < 0.2;
      const bytes = file(seed, { rows: 20 + Math.floor(random() * 60), newline: pick(random, ['\n', '\r\n', '\r\n', '\r']), bom: random() < 0.2, encoding, delimiter, title, grouped: seed % 2 === 0 });
      const revenueColumn = random() < 0.7;
      const check: CheckPlan = {
        headers: HEADERS,
        mapping: {
          ...mapping,
          revenue: revenueColumn ? 'Net Sales' : undefined,
          category: random() < 0.8 ? 'Category' : undefined,
          product: random() < 0.8 ? 'Product' : undefined,
          customerName: random() < 0.8 ? 'Customer Name' : 'Customer ID',
          invoice: random() < 0.8 ? 'Invoice' : undefined,
          ...(random() < 0.3 ? { orders: 'Orders' } : {}),
        },
        decimals: [['Net Sales', pick(random, ['dot', 'comma'] as const)], ['Quantity', pick(random, ['dot', 'comma'] as const)], ['Unit Price', pick(random, ['dot', 'comma'] as const)]],
        dateFormat: pick(random, ['iso', 'dmy', 'mdy', 'excel-serial', null] as const),
        maxAmount: pick(random, [1e11, 1000]),
        creditInvoices: random() < 0.5,
      };
      const table: TextTable = { file: 'fuzz.csv', encoding, bom: bytes[0] === 0xef ? 3 : 0, delimiter, width: HEADERS.length, totalBytes: bytes.length };
      const headerLine = title ? 3 : 1;
      const expected = read('text', bytes, table, headerLine, check, 1 << 20);
      // The text way itself gives the same whatever the chunks: the byte reader may hand it the file midway.
      expect(read('text', bytes, table, headerLine, check, 1 + Math.floor(random() * 40)), `seed ${seed}, text in small chunks`).toEqual(expected);
      for (const chunk of [1 << 20, 1 + Math.floor(random() * 40), 1 + Math.floor(random() * 400)]) {
        expect(read('bytes', bytes, table, headerLine, check, chunk), `seed ${seed}, chunks of ${chunk} bytes`).toEqual(expected);
      }
    }
  });

  it('stores plain rows straight from the bytes: amounts to the last bit, dates, names first seen and seen again', () => {
    const text = ['Invoice,Date,Customer ID,Customer Name,Category,Product,Quantity,Unit Price,Net Sales,Rep,Territory,Segment,Orders'];
    for (let i = 0; i < 50; i++) text.push(`INV${i},2025-0${(i % 9) + 1}-1${i % 10},C${i % 7},Café ${i % 7},Dairy,P${i % 3},${i % 5},0.1,${(i * 0.1).toFixed(1)},Rep,T,Cafe,1`);
    const bytes = Buffer.from(`${text.join('\n')}\n`);
    const table: TextTable = { file: 'plain.csv', encoding: 'utf-8', bom: 0, delimiter: ',', width: 13, totalBytes: bytes.length };
    const check: CheckPlan = { headers: HEADERS, mapping, decimals: [], dateFormat: 'iso', maxAmount: 1e11, creditInvoices: false };
    const got = read('bytes', bytes, table, 1, check, 64);
    expect(got).toEqual(read('text', bytes, table, 1, check, 64));
    expect(got.rows).toHaveLength(50);
    expect(got.rejects).toEqual([]);
    expect(got.rows[3]).toEqual([5, expect.any(Number), 0.3, 3, 'C3', 'Café 3', 'Dairy', 'P0', '', 'Rep', 'T', 'Cafe', 'INV3']);
  });

  it('tells apart thousands of names that differ in a single byte at any place, met again out of order, as the text way does', () => {
    // Cells are hashed and compared four bytes at a time: a difference in any byte of a word, or in
    // the bytes after the last whole word, must still make another name.
    const base = 'Northern Catering Supplies Ltd';
    const names: string[] = [];
    for (let at = 0; at < base.length; at++) for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') names.push(base.slice(0, at) + c + base.slice(at + 1));
    const lengths = [1, 2, 3, 4, 5, 7, 8, 9, 13].map((n) => base.slice(0, n));
    const all = [...new Set([...names, ...lengths])];
    const random = seededRandom(7);
    const text = ['Invoice,Date,Customer ID,Customer Name,Category,Product,Quantity,Unit Price,Net Sales,Rep,Territory,Segment,Orders'];
    for (let i = 0; i < all.length * 2; i++) {
      const name = pick(random, all);
      text.push(`INV${i},2025-03-04,${name},${pick(random, all)},${pick(random, all)},${name},1,2.5,2.5,${pick(random, all)},T,S,1`);
    }
    const bytes = Buffer.from(`${text.join('\n')}\n`);
    const table: TextTable = { file: 'names.csv', encoding: 'utf-8', bom: 0, delimiter: ',', width: 13, totalBytes: bytes.length };
    const check: CheckPlan = { headers: HEADERS, mapping, decimals: [], dateFormat: 'iso', maxAmount: 1e11, creditInvoices: false };
    const got = read('bytes', bytes, table, 1, check, 1 << 16);
    expect(got).toEqual(read('text', bytes, table, 1, check, 1 << 16));
    expect(got.rows).toHaveLength(all.length * 2);
    // Each row's customer code came back as written (trimmed), though most share all but one byte with another.
    got.rows.forEach((row, i) => expect(row[4]).toBe(text[i + 1].split(',')[2].trim()));
  });
});
