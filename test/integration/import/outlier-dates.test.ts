import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { freshWorkspaces } from '../../helpers/workspace';
import { writeSampleCsv } from '../analysis/sample-csv';
import { storeCounts } from './fixtures';

const workspace = freshWorkspaces();
const HEADER = 'Customer,Date,Category,Net Sales';
const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; message: string; details?: unknown }) => e);

/** Twelve sales in 2010-2011, the way the Online Retail data runs, with one date typed as 2925. */
const typoFile = (dir: string): string => {
  const months = ['2010-12-01', '2011-01-04', '2011-02-01', '2011-03-01', '2011-04-01', '2011-05-03', '2925-06-01', '2011-07-01', '2011-08-01', '2011-09-01', '2011-10-03', '2011-11-01'];
  const file = path.join(dir, 'typo-year.csv');
  fs.writeFileSync(file, `${HEADER}\n${months.map((d, i) => `${i === 6 ? 'NEW' : `C${(i % 3) + 1}`},${d},${i === 6 ? 'Typos' : 'A'},${(i + 1) * 10}`).join('\n')}\n`);
  return file;
};

describe('a date far beyond the rest of the data', () => {
  it('is rejected with its row, column and value, so the import ends at the last real date', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: typoFile(w.dir) });
    expect(s).toMatchObject({ rowsRead: 12, rowsImported: 11, rowsRejected: 1, rowsSkipped: 0, dateFrom: '2010-12-01', dateTo: '2011-11-01', customers: 3, categories: 1 });
    expect(s.rejectsSample).toEqual([
      { row: 8, column: 'Date', value: '2925-06-01', reason: expect.stringMatching(/^'2925-06-01' is 914 years after the rest of the dates \(2010-12-01 to 2011-11-01\).*typo/) },
    ]);
    expect(s.revenue).toBe(780 - 70);
    // The customer and category only the rejected row named are not left behind without sales.
    const db = w.backend.session.db;
    expect((db.prepare("SELECT count(*) AS n FROM customers WHERE code = 'NEW'").get() as { n: number }).n).toBe(0);
    expect((db.prepare("SELECT count(*) AS n FROM categories WHERE name = 'Typos'").get() as { n: number }).n).toBe(0);
    expect(await w.backend.call('workspace-info', {})).toMatchObject({ dateTo: '2011-11-01', customers: 3, transactions: 11 });
  });

  it('is rejected the same way when DuckDB reads the file', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: typoFile(w.dir), engine: 'duckdb' });
    expect(s).toMatchObject({ engine: 'duckdb', rowsRead: 12, rowsImported: 11, rowsRejected: 1, dateTo: '2011-11-01', revenue: 710 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 8, column: 'Date', value: '2925-06-01', reason: expect.stringContaining('914 years after') });
  });

  it('in a later file is judged against the dates already imported, and a file of only such rows changes nothing', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: typoFile(w.dir) });
    const before = storeCounts(w.backend);
    const later = path.join(w.dir, 'december.csv');
    fs.writeFileSync(later, `${HEADER}\nC1,2925-12-02,A,10\n`);
    const error = await failure(w.backend.call('import-run', { path: later }));
    expect(error).toMatchObject({ code: 'IMPORT_NOT_A_TABLE', message: expect.stringContaining("row 2, column Date: '2925-12-02' is 914 years after") });
    expect(storeCounts(w.backend)).toEqual(before);
    fs.writeFileSync(later, `${HEADER}\nC1,2011-12-02,A,10\nC2,2011-12-05,A,20\n`);
    expect(await w.backend.call('import-run', { path: later })).toMatchObject({ rowsImported: 2, rowsRejected: 0 });
  });

  it('that reject most of a file that stores nothing are the reason it names, not the first bad row', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: typoFile(w.dir) });
    const later = path.join(w.dir, 'years-later.csv');
    fs.writeFileSync(later, `${HEADER}\nC1,2036-01-15,A,10\nC2,2036-02-30,A,20\nC3,2036-03-05,A,30\nC1,2036-04-10,A,40\nC2,2036-06-11,A,50\n`);
    const error = await failure(w.backend.call('import-run', { path: later }));
    expect(error).toMatchObject({ code: 'IMPORT_NOT_A_TABLE' });
    expect(error?.message).toMatch(/^None of the 5 rows of years-later.csv could be imported, 4 of them for one reason, e\.g\. row 2, column Date: '2036-01-15' is 24 years after the rest of the dates/);
    expect(error?.message).toContain("the other on row 3, column Date: '2036-02-30' is not a valid date");
  });

  it('after today, is rejected as a sale not yet made, on every path, where it would have made every customer look silent', async () => {
    const today = dayFromIso(new Date().toISOString().slice(0, 10));
    const rows = Array.from({ length: 30 }, (_, i) => `C${(i % 5) + 1},${isoFromDay(today - 200 + i * 5)},A,10`);
    const later = isoFromDay(today + 60);
    for (const engine of ['lines', 'duckdb'] as const) {
      const w = await workspace();
      const file = path.join(w.dir, 'forward-dated.csv');
      fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\nC1,${later},A,500\n`);
      const s = await w.backend.call('import-run', { path: file, engine });
      expect(s).toMatchObject({ rowsRead: 31, rowsImported: 30, rowsRejected: 1, revenue: 300, dateTo: isoFromDay(today - 200 + 29 * 5) });
      expect(s.rejectsSample[0]).toMatchObject({ row: 32, column: 'Date', value: later, reason: expect.stringContaining(`is after today (${isoFromDay(today)}): a sale cannot have happened yet`) });
    }
  });

  it('is kept when many rows share it: a second stretch of history is data, not a typo', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'two-stretches.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `C${i},${i < 10 ? '2015' : '2019'}-03-${String(i + 1).padStart(2, '0')},A,10`);
    fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
    expect(await w.backend.call('import-run', { path: file })).toMatchObject({ rowsImported: 20, rowsRejected: 0, dateFrom: '2015-03-01', dateTo: '2019-03-20' });
  });

  it('left in a workspace by an older import makes the analysis say its as-of date looks like a typo', async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 3, customers: 120 });
    await w.backend.call('import-run', { path: csv });
    const db = w.backend.session.db;
    db.prepare('UPDATE transactions SET day = ? WHERE rowid = (SELECT max(rowid) FROM transactions)').run(dayFromIso('2925-12-30'));
    const summary = await w.backend.call('analysis-run', { settings: { kMax: 4 } });
    expect(summary.asOf).toBe('2925-12-30');
    expect(summary.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^The as-of date 2925-12-30 is the last transaction date, but only 1 row\(s\) are dated after 2025-12-\d\d.*Set the as-of date to 2025-12-\d\d/)]));
    const fixed = await w.backend.call('analysis-run', { settings: { kMax: 4, asOf: '2025-12-31' } });
    expect(fixed.notes.join(' ')).not.toContain('look like typos');
  });
});
