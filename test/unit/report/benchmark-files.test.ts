import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBenchmark } from '../../../main/backend/report/benchmark';
import { summarisePortfolio } from '../../../main/backend/report/portfolio';
import { tempDir } from '../../helpers/workspace';
import { facts, summary } from './fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const portfolio = (anonymise: boolean) =>
  summarisePortfolio(
    [
      facts('=HYPERLINK("x")', summary({ revenue12m: 1_000_000, recovery: 100_000, growth: 50_000 })),
      facts('Quiet Traders', summary({ revenue12m: 2_000_000, recovery: 60_000, growth: 40_000 })),
    ],
    { anonymise },
  );

const sheetText = (file: string): string => {
  const book = XLSX.read(fs.readFileSync(file));
  return book.SheetNames.map((n) => XLSX.utils.sheet_to_csv(book.Sheets[n])).join('\n');
};

describe('the benchmark files', () => {
  it('writes one row per client to a CSV with a formula-looking name neutralised', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const out = writeBenchmark(portfolio(false), path.join(t.dir, 'comparison.csv'));
    const text = fs.readFileSync(out.path, 'utf8');
    // Excel reads names in any script only from a CSV that says it is UTF-8.
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Client,Status,/);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",ok,USD/);
    expect(lines[2]).toContain('Quiet Traders');
  });

  it('writes shares as numbers in a workbook that reads back with the same order', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const out = writeBenchmark(portfolio(false), path.join(t.dir, 'comparison.xlsx'));
    expect(out.format).toBe('xlsx');
    const book = XLSX.read(fs.readFileSync(out.path));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Comparison);
    expect(rows.map((r) => r['Leakage share of revenue'])).toEqual([0.15, 0.05]);
    expect(rows[1].Client).toBe('Quiet Traders');
  });

  it('writes money to the cent in its currency and shares without float noise, in CSV and XLSX alike', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const noisy = summarisePortfolio([facts('Noisy Ltd', summary({ revenue12m: 3_638_989.4699999997, recovery: 1_684_763.5000000002, growth: 0 }))], { anonymise: false });
    const csv = fs.readFileSync(writeBenchmark(noisy, path.join(t.dir, 'noisy.csv')).path, 'utf8');
    expect(csv).toContain(',3638989.47,');
    expect(csv).toContain(',1684763.5,');
    expect(csv).not.toMatch(/\d{10,}/);
    const book = XLSX.read(fs.readFileSync(writeBenchmark(noisy, path.join(t.dir, 'noisy.xlsx')).path), { cellNF: true });
    const revenue = book.Sheets.Comparison[XLSX.utils.encode_cell({ r: 1, c: 8 })] as XLSX.CellObject;
    expect([revenue.v, revenue.z]).toEqual([3_638_989.47, '"$"#,##0;-"$"#,##0']);
  });

  it("counts a client's caveats beside its band, one-category data among them, and leaves an unreadable workspace's currency blank", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const oneCategory = { ...summary({ revenue12m: 500_000, recovery: 200_000, growth: 0 }), categories: ['All products'], caveats: ['The BG/NBD fit behind probability alive is degenerate.'] };
    const p = summarisePortfolio([facts('Solo Records', oneCategory), { ...facts('Gone', null, 'The file is not a workspace.'), info: null }], { anonymise: false });
    const lines = fs.readFileSync(writeBenchmark(p, path.join(t.dir, 'caveats.csv')).path, 'utf8').trim().split('\r\n').map((l) => l.split(','));
    const at = (row: number, header: string) => lines[row][lines[0].indexOf(header)];
    expect([at(1, 'Against 7-30% band'), at(1, 'Caveats')]).toEqual(['above', '2']);
    expect([at(2, 'Status'), at(2, 'Currency'), at(2, 'Caveats')]).toEqual(['unreadable', '', '']);
    const book = XLSX.read(fs.readFileSync(writeBenchmark(p, path.join(t.dir, 'caveats.xlsx')).path));
    expect(XLSX.utils.sheet_to_json(book.Sheets.Caveats)).toEqual([
      { Client: 'Solo Records', Caveat: expect.stringMatching(/^One category, so no growth side/) },
      { Client: 'Solo Records', Caveat: 'The BG/NBD fit behind probability alive is degenerate.' },
    ]);
  });

  it('leaves every client name and path out of anonymised CSV and XLSX files', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const csv = writeBenchmark(portfolio(true), path.join(t.dir, 'anon.csv'));
    const xlsx = writeBenchmark(portfolio(true), path.join(t.dir, 'anon.xlsx'));
    for (const text of [fs.readFileSync(csv.path, 'utf8'), sheetText(xlsx.path)]) {
      expect(text).toContain('Client A');
      for (const name of ['HYPERLINK', 'Quiet', '/clients', '.longtail']) expect(text).not.toContain(name);
    }
  });
});
