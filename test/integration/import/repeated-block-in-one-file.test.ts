import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/dispatch';
import { freshWorkspaces } from '../../helpers/workspace';
import { sharedData } from './fixtures';

const workspace = freshWorkspaces();

type Lines = { header: string; lines: string[] };

/** A UCI Online Retail file's header and its lines dated `from..to` (ISO days, both kept). */
function linesOn(file: string, from: string, to: string): Lines {
  const [header, ...lines] = zlib.gunzipSync(fs.readFileSync(sharedData(file))).toString('utf8').trim().split(/\r?\n/);
  const date = header.split(',').indexOf('InvoiceDate');
  return { header, lines: lines.filter((l) => { const day = cellsOf(l)[date]?.slice(0, 10) ?? ''; return day >= from && day <= to; }) };
}

/** A line's cells; descriptions may hold quoted commas. */
const cellsOf = (line: string): string[] => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];

/** The lines with a customer, keyed as a sale is compared (customer, day, product, quantity, price, invoice), counted. */
function counted(file: Lines): Map<string, number> {
  const names = file.header.split(',');
  const at = (...n: string[]): number => names.findIndex((h) => n.includes(h));
  const [invoice, stock, quantity, date, price, customer] = [at('InvoiceNo', 'Invoice'), at('StockCode'), at('Quantity'), at('InvoiceDate'), at('UnitPrice', 'Price'), at('CustomerID')];
  const out = new Map<string, number>();
  for (const line of file.lines) {
    const c = cellsOf(line);
    if (c[customer] === '') continue;
    const key = [c[customer], c[date]?.slice(0, 10), c[stock], c[quantity], c[price], c[invoice]].join('|');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** Every stored line as text, sorted: two workspaces hold the same sales when these are equal. */
const storedLines = (backend: Backend): string[] =>
  (
    backend.session.db
      .prepare(
        `SELECT c.code || '|' || t.day || '|' || coalesce(p.code, '') || '|' || coalesce(t.quantity, '') || '|' || printf('%.4f', t.revenue) || '|' || coalesce(t.invoice, '') AS line
           FROM transactions t JOIN customers c ON c.id = t.customer_id LEFT JOIN products p ON p.id = t.product_id`,
      )
      .pluck()
      .all() as string[]
  ).sort();

const write = (dir: string, name: string, header: string, ...parts: string[][]): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${[header, ...parts.flat()].join('\n')}\n`);
  return file;
};

// Both exports cut to a month around their shared days (2010-12-01..09), to keep the test quick.
const older = linesOn('online_retail_II_2009_2010.csv.gz', '2010-11-15', '2010-12-20');
const newer = linesOn('online_retail.csv.gz', '2010-11-15', '2010-12-20');

describe('a file that joins two exports overlapping in time', () => {
  it('stores the two UCI Online Retail files joined into one exactly as the two imported one after the other, rejecting the shared copies', async () => {
    const apart = await workspace();
    await apart.backend.call('import-run', { path: write(apart.dir, 'older.csv', older.header, older.lines) });
    await apart.backend.call('import-run', { path: write(apart.dir, 'newer.csv', newer.header, newer.lines) });
    const joined = await workspace();
    const s = await joined.backend.call('import-run', { path: write(joined.dir, 'joined.csv', older.header, older.lines, newer.lines) });

    // Counted from the text: each line the two files share, as often as both hold it.
    const a = counted(older);
    const b = counted(newer);
    let shared = 0;
    for (const [key, n] of b) shared += Math.min(n, a.get(key) ?? 0);
    expect(shared).toBeGreaterThan(10_000);

    expect(s.rowsRead).toBe(older.lines.length + newer.lines.length);
    expect(s.rowsRead).toBe(s.rowsImported + s.rowsRejected + s.rowsSkipped);
    expect(s.rowsImported).toBe(sum(a) + sum(b) - shared);
    const db = joined.backend.session.db;
    expect(db.prepare("SELECT count(*) FROM rejects WHERE reason LIKE 'repeats row % of this file%2010-12-01..2010-12-09 twice%'").pluck().get()).toBe(shared);
    expect(s.warnings).toContain(
      `${shared.toLocaleString('en-US')} lines of 2010-12-01..2010-12-09 repeat other lines of this file: nearly every line of those dates is in it twice, as when a file joins two exports that overlap in time, so the second copies were not stored (they are listed with the rejected rows). Lines repeated on other dates are kept as sales. If the copies are real sales, import again with --force to store them.`,
    );

    expect(storedLines(joined.backend)).toEqual(storedLines(apart.backend));
    const totals = (backend: Backend) => backend.session.db.prepare('SELECT round(total(revenue), 2) AS revenue, count(DISTINCT customer_id) AS customers FROM transactions').get();
    expect(totals(joined.backend)).toEqual(totals(apart.backend));
    expect(s.revenue).toBeCloseTo(db.prepare('SELECT total(revenue) FROM transactions').pluck().get() as number, 2);
  });

  it('finds the same copies when the parser thread reads the file', async () => {
    const inThread = await workspace();
    const here = await inThread.backend.call('import-run', { path: write(inThread.dir, 'joined.csv', older.header, older.lines, newer.lines) });
    const worker = await workspace();
    const there = await worker.backend.call('import-run', { path: write(worker.dir, 'joined.csv', older.header, older.lines, newer.lines), parseInWorkerAboveMb: 0 });
    expect(there).toMatchObject({ rowsImported: here.rowsImported, rowsRejected: here.rowsRejected, revenue: here.revenue, warnings: here.warnings });
    expect(storedLines(worker.backend)).toEqual(storedLines(inThread.backend));
  });

  it('finds the same copies in a workspace that already holds other sales, where the rows are looked up in the table', async () => {
    const empty = await workspace();
    const first = await empty.backend.call('import-run', { path: write(empty.dir, 'joined.csv', older.header, older.lines, newer.lines) });
    const held = await workspace();
    await held.backend.call('import-run', { path: write(held.dir, 'other.csv', 'Customer,Date,Product,Qty,Revenue,Invoice', ['X1,2010-12-03,P1,1,5.00,X-1', 'X2,2010-12-06,P2,2,8.00,X-2']) });
    const s = await held.backend.call('import-run', { path: write(held.dir, 'joined.csv', older.header, older.lines, newer.lines) });
    expect(s).toMatchObject({ rowsImported: first.rowsImported, rowsRejected: first.rowsRejected, revenue: first.revenue });
    expect(s.warnings).toEqual(expect.arrayContaining(first.warnings.filter((x) => x.includes('repeat'))));
  });

  it('stores every copy with --force, and says nothing of them', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: write(w.dir, 'joined.csv', older.header, older.lines, newer.lines), force: true });
    expect(s.rowsImported).toBe(sum(counted(older)) + sum(counted(newer)));
    expect(s.warnings.filter((x) => x.includes('repeat'))).toEqual([]);
  });
});

describe('an ordinary file with duplicate lines scattered through it', () => {
  it('imports Online Retail whole, keeping its scattered exact duplicates as sales, with no rejection or note for them', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: sharedData('online_retail.csv.gz') });
    const all = counted(linesOn('online_retail.csv.gz', '0000', '9999'));
    const copies = sum(all) - all.size;
    expect(copies).toBeGreaterThan(5_000);
    expect(s).toMatchObject({ rowsRead: 541_909, rowsImported: sum(all), rowsRejected: 135_080 });
    expect(s.warnings.filter((x) => x.includes('repeat'))).toEqual([]);
    const db = w.backend.session.db;
    expect(db.prepare("SELECT count(*) FROM rejects WHERE reason LIKE 'repeats row%'").pluck().get()).toBe(0);
    const stored = db
      .prepare('SELECT total(n - 1) FROM (SELECT count(*) AS n FROM transactions GROUP BY customer_id, day, product_id, quantity, revenue, invoice)')
      .pluck()
      .get();
    expect(stored).toBe(copies);
  });

  it('keeps the lines of a purchase log without invoices or products that repeat by chance on every day', async () => {
    const w = await workspace();
    // 610 lines over 15 customer x day keys: ten of them 41 times, five 40 times.
    const lines = Array.from({ length: 610 }, (_, i) => `C${i % 5},2024-03-0${(i % 3) + 1},Snacks,10.00`);
    const s = await w.backend.call('import-run', { path: write(w.dir, 'log.csv', 'Customer,Date,Category,Amount', lines) });
    expect(s).toMatchObject({ rowsRead: 610, rowsImported: 610, rowsRejected: 0 });
  });

  it('keeps a few identical lines on an ordinary day, and rejects a day held twice over', async () => {
    const w = await workspace();
    const day = (d: string, n: number): string[] => Array.from({ length: n }, (_, i) => `C${i % 7},${d},P${i},1,${10 + i}.00,I-${d}-${i}`);
    const once = [...day('2024-03-01', 30), ...day('2024-03-02', 30), 'C1,2024-03-01,P1,1,11.00,I-2024-03-01-1'];
    const file = write(w.dir, 'sales.csv', 'Customer,Date,Product,Qty,Revenue,Invoice', once, day('2024-03-04', 12), day('2024-03-04', 12));
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 85, rowsImported: 73, rowsRejected: 12 });
    expect(s.rejectsSample[0]).toEqual({
      row: 75,
      column: null,
      value: 'I-2024-03-04-0',
      reason:
        'repeats row 63 of this file (the same customer, day, product, quantity and amount on the same invoice): the file holds its lines of 2024-03-04..2024-03-04 twice, as if it joined two exports that overlap; not stored twice',
    });
  });
});
