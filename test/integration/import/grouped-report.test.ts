import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/rng';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import { freshWorkspaces, tempDir } from '../../helpers/workspace';

const workspace = freshWorkspaces();

type Line = [customer: string, date: string, category: string, revenue: number];

/** 40 customers, each with 3-10 sales in 2024, sorted by customer and then date. */
function sales(seed: number): Line[] {
  const random = seededRandom(seed);
  const lines: Line[] = [];
  for (let c = 0; c < 40; c++) {
    const days = Array.from({ length: 3 + Math.floor(random() * 8) }, () => Math.floor(random() * 360)).sort((a, b) => a - b);
    for (const d of days) lines.push([`Kunde ${100 + c}`, new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), ['Pumps', 'Valves', 'Seals'][d % 3], 50 + (d % 40) * 5]);
  }
  return lines;
}

/** As a report prints it: the customer on the first line of its group only. */
const grouped = (lines: Line[]): string[][] => lines.map((l, i) => [i > 0 && lines[i - 1][0] === l[0] ? '' : l[0], l[1], l[2], String(l[3])]);
const csv = (rows: string[][]): string => `${['Customer,Date,Category,Revenue', ...rows.map((r) => r.join(','))].join('\n')}\n`;

describe('a grouped report, each customer written on the first line of its group', () => {
  const lines = sales(20261207);
  const revenue = lines.reduce((s, l) => s + l[3], 0);
  const blanks = grouped(lines).filter((r) => r[0] === '').length;

  it('gives every blank line the customer above it, and says so', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales-by-customer.csv');
    fs.writeFileSync(file, csv(grouped(lines)));
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.mapping.find((g) => g.field === 'customer')?.reason).toContain('blank below each customer, as a grouped report leaves it');
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: lines.length, rowsImported: lines.length, rowsRejected: 0, customers: 40 });
    expect(s.revenue).toBeCloseTo(revenue, 6);
    expect(s.warnings).toContain(
      `'Customer' is blank on ${blanks} lines below a customer, as a grouped report leaves it: each was given the customer above it (and, where its date or invoice is blank too, the line above's). If those lines belong to no customer, import with --no-fill-down to reject them instead.`,
    );
    // Each customer's lines are its own: the store holds the same per-customer revenue as the report.
    const stored = w.backend.session.db.prepare('SELECT c.code, sum(t.revenue) AS revenue FROM transactions t JOIN customers c ON c.id = t.customer_id GROUP BY c.code').all() as { code: string; revenue: number }[];
    const truth = new Map<string, number>();
    for (const l of lines) truth.set(l[0], (truth.get(l[0]) ?? 0) + l[3]);
    expect(new Map(stored.map((r) => [r.code, r.revenue]))).toEqual(truth);
  });

  it('reads an Excel report the same way', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales-by-customer.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([['Customer', 'Date', 'Category', 'Revenue'], ...grouped(lines).map((r) => [r[0], r[1], r[2], Number(r[3])])]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Report');
    fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsImported: lines.length, rowsRejected: 0, customers: 40 });
  });

  it('rejects the blank lines when told the file is no report', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales-by-customer.csv');
    fs.writeFileSync(file, csv(grouped(lines)));
    const s = await w.backend.call('import-run', { path: file, fillDown: false });
    expect(s).toMatchObject({ rowsImported: lines.length - blanks, rowsRejected: blanks });
  });
});

describe('blank customers that are no report', () => {
  it('leaves a log sorted by date alone, where blank customers are guests among named ones', async () => {
    const w = await workspace();
    const random = seededRandom(7);
    const rows: string[][] = [];
    for (let d = 0; d < 200; d++) {
      const date = new Date(Date.UTC(2024, 0, 1 + Math.floor(d * 1.5))).toISOString().slice(0, 10);
      rows.push([random() < 0.3 ? '' : `Shopper ${d}`, date, 'Gifts', String(20 + (d % 9))]);
    }
    rows[0][0] = 'Shopper first';
    const file = path.join(w.dir, 'shop-log.csv');
    fs.writeFileSync(file, csv(rows));
    const s = await w.backend.call('import-run', { path: file });
    const guests = rows.filter((r) => r[0] === '').length;
    expect(s).toMatchObject({ rowsImported: rows.length - guests, rowsRejected: guests });
  });

  it('leaves a file alone whose customers repeat on line after line (Online Retail, its guests without an id)', async () => {
    const w = await workspace();
    const rows: string[][] = [];
    for (let i = 0; i < 120; i++) {
      const customer = i % 4 === 3 ? '' : `1${7000 + Math.floor(i / 8)}`;
      rows.push([customer, `2024-0${1 + (i % 9)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`, 'Mugs', '12.5']);
    }
    const file = path.join(w.dir, 'retail.csv');
    fs.writeFileSync(file, csv(rows));
    const s = await w.backend.call('import-run', { path: file });
    expect(s.rowsRejected).toBe(30);
    expect(s.warnings.join(' ')).not.toMatch(/grouped report/);
  });
});

describe('longtail import --fill-down', () => {
  it('fills down a report too short to tell by its look when told, and refuses both flags at once', async () => {
    const t = tempDir();
    const backend = new Backend({ appDataDir: path.join(t.dir, 'app-data') });
    const out: string[] = [];
    try {
      const file = path.join(t.dir, 'short-report.csv');
      fs.writeFileSync(file, 'Customer,Date,Category,Revenue\nAcme,2024-01-05,Pumps,100\n,2024-01-09,Valves,50\nBeta,2024-01-10,Pumps,120\n,2024-02-11,Seals,80\n');
      const io = { backend, out: (x: string) => out.push(x), err: (x: string) => out.push(x), interactive: false, cwd: t.dir };
      expect(await runCli(['import', file, '-w', 'short.longtail', '--fill-down', '--no-fill-down'], io)).not.toBe(0);
      expect(out.join('\n')).toContain('--fill-down and --no-fill-down contradict each other: give one.');
      expect(await runCli(['import', file, '-w', 'short.longtail', '--fill-down'], io)).toBe(0);
      expect(out.join('\n')).toContain('rows read 4 = imported 4 + rejected 0');
      expect(out.join('\n')).toContain("'Customer' is blank on 2 lines below a customer, as a grouped report leaves it");
    } finally {
      backend.close();
      t.cleanup();
    }
  });
});

describe('a grouped report that prints each invoice once too', () => {
  it("gives an invoice's later lines its date and number, never another customer's", async () => {
    const w = await workspace();
    const random = seededRandom(99);
    const lines = ['Customer,Invoice,Date,Category,Revenue'];
    let sales = 0;
    let revenue = 0;
    const perCustomer = new Map<string, number>();
    for (let c = 0; c < 30; c++) {
      const days = Array.from({ length: 2 + Math.floor(random() * 4) }, () => Math.floor(random() * 360)).sort((a, b) => a - b);
      days.forEach((d, k) => {
        const items = 1 + Math.floor(random() * 3);
        for (let j = 0; j < items; j++) {
          const amount = 20 + ((c + d + j) % 30);
          const first = j === 0;
          lines.push([first && k === 0 ? `Firma ${c}` : '', first ? `INV${c}-${k}` : '', first ? new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10) : '', j % 2 ? 'Seals' : 'Pumps', amount].join(','));
          sales++;
          revenue += amount;
          perCustomer.set(`Firma ${c}`, (perCustomer.get(`Firma ${c}`) ?? 0) + amount);
        }
      });
    }
    const file = path.join(w.dir, 'invoices-by-customer.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: sales, rowsImported: sales, rowsRejected: 0, customers: 30 });
    expect(s.revenue).toBeCloseTo(revenue, 6);
    const stored = w.backend.session.db.prepare('SELECT c.code, sum(t.revenue) AS revenue, count(DISTINCT t.invoice) AS invoices FROM transactions t JOIN customers c ON c.id = t.customer_id GROUP BY c.code').all() as { code: string; revenue: number; invoices: number }[];
    expect(new Map(stored.map((r) => [r.code, r.revenue]))).toEqual(perCustomer);
    expect(stored.reduce((n, r) => n + r.invoices, 0)).toBe(lines.filter((l) => /,INV/.test(l)).length);
  });
});
