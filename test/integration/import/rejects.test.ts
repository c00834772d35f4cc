import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

const workspace = freshWorkspaces();

describe('bad rows', () => {
  it('rejects each bad row with its file row, column, raw value and reason, imports the rest, and accounts for every row', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('bad-rows.csv') });
    expect(s).toMatchObject({ rowsRead: 8, rowsImported: 2, rowsRejected: 4, rowsSkipped: 2 });
    expect(s.rowsRead).toBe(s.rowsImported + s.rowsRejected + s.rowsSkipped);
    expect(s.rejectsSample).toEqual([
      { row: 3, column: 'Customer', value: '', reason: 'no customer (Customer is empty)' },
      { row: 4, column: 'Date', value: '13/45/2025', reason: "'13/45/2025' is not a valid date (expected YYYY-MM-DD)" },
      { row: 6, column: 'Revenue', value: 'lots', reason: "'lots' is not a number" },
      { row: 7, column: 'Category', value: '', reason: 'no category (Category is empty)' },
    ]);
  });

  it('gives the same accounting, rows, columns and reasons when DuckDB reads and sums the file', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('bad-rows.csv'), engine: 'duckdb' });
    expect(s.engine).toBe('duckdb');
    expect(s).toMatchObject({ rowsRead: 8, rowsImported: 2, rowsRejected: 4, rowsSkipped: 2, revenue: 160 });
    expect(s.rejectsSample.map((r) => [r.row, r.column, r.value])).toEqual([
      [3, 'Customer', ''],
      [4, 'Date', '13/45/2025'],
      [6, 'Revenue', 'lots'],
      [7, 'Category', ''],
    ]);
    expect(s.rejectsSample[1].reason).toBe("'13/45/2025' is not a valid date (expected YYYY-MM-DD)");
  });

  it('stores the rejects, pages through them and exports them as CSV with formulas neutralised', async () => {
    const w = await workspace();
    const evil = path.join(w.dir, 'evil.csv');
    fs.writeFileSync(evil, 'Customer,Date,Revenue,Category\nC1,2024-01-01,10,A\nC2,2024-01-01,=HYPERLINK("x"),A\nC3,2024-01-01,@SUM(A1),A\nC4,2024-01-01,+1+1x,A\n');
    const s = await w.backend.call('import-run', { path: evil });
    expect(s.rowsRejected).toBe(3);
    const page = await w.backend.call('import-rejects', { importId: s.importId ?? 0, offset: 1, limit: 1 });
    expect(page).toEqual({ total: 3, rows: [{ row: 4, column: 'Revenue', value: '@SUM(A1)', reason: "'@SUM(A1)' is not a number" }] });
    const out = path.join(w.dir, 'rejects.csv');
    expect(await w.backend.call('import-rejects-export', { importId: s.importId ?? 0, out })).toEqual({ path: out, rows: 3 });
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffrow,column,value,reason\r\n')).toBe(true);
    expect(text).toContain(`3,Revenue,"'=HYPERLINK(""x"")"`);
    expect(text).toContain("4,Revenue,'@SUM(A1)");
    expect(text).toContain("5,Revenue,'+1+1x");
    expect(text).not.toMatch(/,[=+@]/);
  });

  it('answers NOT_FOUND for the rejects of an import that does not exist', async () => {
    const w = await workspace();
    expect(await w.backend.invoke('import-rejects', { importId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('files that cannot be imported at all', () => {
  it('names an empty file by its name alone, never by the folder it was uploaded to', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('import-run', { path: fixture('empty.csv') });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_EMPTY', message: expect.stringMatching(/^empty\.csv is empty\./) } });
    expect(JSON.stringify(outcome)).not.toContain(`${path.dirname(fixture('empty.csv'))}${path.sep}empty.csv is empty`);
  });

  it.each([
    ['empty.csv', 'IMPORT_EMPTY'],
    ['header-only.csv', 'IMPORT_EMPTY'],
    ['not-a-table.txt', 'IMPORT_NOT_A_TABLE'],
    ['no-revenue.csv', 'IMPORT_MAPPING_INCOMPLETE'],
    ['missing.csv', 'FILE_NOT_FOUND'],
  ])('refuses %s with one %s error and changes nothing', async (file, code) => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: fixture(file) });
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it('says which column is missing and lists the columns there are', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('import-run', { path: fixture('no-revenue.csv') });
    expect(!outcome.ok && outcome.error.message).toMatch(/No (date|revenue) column found.*Columns: Cust, Month, Note/);
  });

  it('refuses a file whose every row is bad, naming the first problem, and changes nothing', async () => {
    const w = await workspace();
    const bad = path.join(w.dir, 'all-bad.csv');
    fs.writeFileSync(bad, 'Customer,Date,Revenue,Category\nC1,someday,10,A\nC2,never,20,A\n');
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: bad });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_A_TABLE' } });
    expect(!outcome.ok && outcome.error.message).toContain("row 2, column Date: 'someday' is not a valid date");
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it("says a panel's day numbers are no calendar dates, from the text and from the bytes alike, and changes nothing", async () => {
    const w = await workspace();
    const panel = path.join(w.dir, 'panel.csv');
    // dunnhumby's transaction file: its DAY counts days from a start it does not give.
    fs.writeFileSync(panel, 'household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE\n2375,26984851472,1,1004906,1,1.39\n1364,26984896261,2,842930,1,2.19\n');
    const before = storeCounts(w.backend);
    for (const parseInWorkerAboveMb of [1e6, 0]) {
      const outcome = await w.backend.invoke('import-run', { path: panel, parseInWorkerAboveMb });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_A_TABLE' } });
      expect(!outcome.ok && outcome.error.message).toContain(
        "row 2, column DAY: '1' is not a date but a whole number: a count of days from an unknown start, or an id. Map a column of calendar dates, or read the numbers as days counted from a date you give (--date-format day-number --day-one YYYY-MM-DD)",
      );
    }
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it('reads day numbers as days from the day 1 the user gives, line by line, from the bytes and through DuckDB alike', async () => {
    const w = await workspace();
    const panel = path.join(w.dir, 'panel.csv');
    const lines = ['household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE'];
    // Days 1, 8, 15, ... wrapping round 711: day 711 comes up on the 204th line.
    for (let i = 0; i < 300; i++) lines.push(`${2375 + (i % 9)},${26984851472 + i},${1 + ((i * 7) % 711)},${1004906 + (i % 5)},1,${(1 + (i % 4) * 0.5).toFixed(2)}`);
    fs.writeFileSync(panel, `${lines.join('\n')}\n`);
    const before = storeCounts(w.backend);
    const missing = await w.backend.invoke('import-run', { path: panel, dateFormat: 'day-number' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!missing.ok && missing.error.message).toBe("Day numbers in 'DAY' need the date of day 1: give it with --day-one YYYY-MM-DD (on the import screen, beside the date format).");
    const stray = await w.backend.invoke('import-run', { path: panel, dayOne: '2012-01-01' });
    expect(!stray.ok && stray.error.message).toBe('--day-one 2012-01-01 goes with --date-format day-number, for dates written as day numbers.');
    expect(storeCounts(w.backend)).toEqual(before);
    for (const options of [{ parseInWorkerAboveMb: 1e6 }, { parseInWorkerAboveMb: 0 }, { engine: 'duckdb' as const }]) {
      const s = await w.backend.call('import-run', { path: panel, dateFormat: 'day-number', dayOne: '2012-01-01', dryRun: true, ...options });
      // Day 1 is 2012-01-01 (2012 has 366 days): the file's last day, 711, is 2013-12-11.
      expect(s).toMatchObject({ rowsRead: 300, rowsImported: 300, rowsRejected: 0, dateFrom: '2012-01-01', dateTo: '2013-12-11', dateFormat: 'day-number' });
    }
  });

  it('refuses a mapping to a column the file does not have, naming the columns', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('import-run', { path: fixture('basic.csv'), mapping: { revenue: 'Net' } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!outcome.ok && outcome.error.message).toContain('Customer, Date, Revenue, Category');
  });
});
