import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture } from './fixtures';

const workspace = freshWorkspaces();

const customerNames = (w: Awaited<ReturnType<typeof workspace>>): string[] =>
  (w.backend.session.db.prepare('SELECT code FROM customers ORDER BY code').all() as { code: string }[]).map((r) => r.code);

describe('importing text files', () => {
  it.each([
    ['basic.csv', ',', 3],
    ['tab.tsv', '\t', 2],
    ['pipe.txt', '|', 2],
    ['semicolon-decimal-comma.csv', ';', 3],
  ])('imports %s with the delimiter %j sniffed', async (file, delimiter, rows) => {
    const w = await workspace();
    const preview = await w.backend.call('import-preview', { path: fixture(file) });
    expect(preview.delimiter).toBe(delimiter);
    const s = await w.backend.call('import-run', { path: fixture(file) });
    expect(s).toMatchObject({ rowsRead: rows, rowsImported: rows, rowsRejected: 0 });
  });

  it.each([
    ['utf8-bom.csv', 'utf-8'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['utf16le-no-bom.csv', 'utf-16le'],
    ['windows-1252.csv', 'windows-1252'],
  ])('reads accented names from %s (%s) intact', async (file, encoding) => {
    const w = await workspace();
    expect((await w.backend.call('import-preview', { path: fixture(file) })).encoding).toBe(encoding);
    const s = await w.backend.call('import-run', { path: fixture(file) });
    expect(s.rowsImported).toBe(2);
    expect(customerNames(w)).toEqual(['Café Müller', 'Séverine SA']);
    const categories = w.backend.session.db.prepare('SELECT name FROM categories ORDER BY name').all() as { name: string }[];
    expect(categories.map((c) => c.name)).toEqual(['Crème', 'Pâté']);
  });

  it('keeps delimiters, quotes and line breaks inside quoted fields of a CRLF file, and counts rows by file line', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('quoted-crlf.csv') });
    expect(s).toMatchObject({ rowsRead: 4, rowsImported: 4, revenue: 1000 });
    const names = w.backend.session.db.prepare('SELECT name FROM customers ORDER BY code').all() as { name: string }[];
    expect(names.map((n) => n.name)).toEqual(['Smith, Jones & Co', 'The "Best" Shop', 'Two\r\nLines Ltd', 'Plain']);
    const rows = w.backend.session.db.prepare('SELECT source_row FROM transactions ORDER BY id').all() as { source_row: number }[];
    expect(rows.map((r) => r.source_row)).toEqual([2, 3, 4, 6]);
  });

  it('reads a gzip-compressed CSV directly', async () => {
    const fs = await import('node:fs');
    const zlib = await import('node:zlib');
    const path = await import('node:path');
    const w = await workspace();
    const gz = path.join(w.dir, 'basic.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(fixture('basic.csv'))));
    const s = await w.backend.call('import-run', { path: gz });
    expect(s).toMatchObject({ rowsImported: 3, revenue: 350.5 });
  });
});

describe('importing workbooks', () => {
  it.each(['sales.xlsx', 'sales.xls', 'sales.xlsb', 'sales.ods'])(
    'imports %s from its first table-like sheet, under its title rows, with date serials, skipping the blank row',
    async (file) => {
      const w = await workspace();
      const preview = await w.backend.call('import-preview', { path: fixture(file) });
      expect(preview).toMatchObject({ sheets: ['Notes', 'Sales 2024'], sheet: 'Sales 2024', headerRow: 4 });
      expect(preview.headers).toEqual(['Account No', 'Order Date', 'Product Group', 'Net Sales', 'Sales Rep', 'Region']);
      const s = await w.backend.call('import-run', { path: fixture(file) });
      expect(s).toMatchObject({
        sheet: 'Sales 2024',
        rowsRead: 5,
        rowsImported: 4,
        rowsSkipped: 1,
        rowsRejected: 0,
        returns: 1,
        dateFrom: '2024-01-15',
        dateTo: '2024-12-31',
        customers: 3,
        categories: 3,
      });
      expect(s.revenue).toBeCloseTo(1560.49, 2);
    },
  );

  it('says which other sheets have the same columns, and a second sheet imported stores the lines both hold once', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'by-year.xlsx');
    const header = ['Invoice', 'Customer ID', 'Invoice Date', 'Stock Code', 'Quantity', 'Net Sales'];
    const sheet = (rows: (string | number)[][]) => XLSX.utils.aoa_to_sheet([header, ...rows]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Exported 2025-01-04']]), 'About');
    XLSX.utils.book_append_sheet(wb, sheet([['I1', 'C1', '2023-06-01', 'P1', 2, 20], ['I2', 'C2', '2023-12-31', 'P2', 1, 5]]), 'Year 2023');
    // The exports overlap on the last day of 2023.
    XLSX.utils.book_append_sheet(wb, sheet([['I2', 'C2', '2023-12-31', 'P2', 1, 5], ['I3', 'C1', '2024-03-02', 'P1', 3, 30]]), 'Year 2024');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Customer ID', 'Region'], ['C1', 'North']]), 'Customers');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

    const first = await w.backend.call('import-run', { path: file });
    expect(first).toMatchObject({ sheet: 'Year 2023', rowsImported: 2 });
    expect(first.warnings).toContain(
      'Sheet "Year 2024" has the same columns as "Year 2023", the one read: import it too (--sheet "Year 2024") for the rest of the sales; lines the sheets share are stored once.',
    );
    const second = await w.backend.call('import-run', { path: file, sheet: 'Year 2024' });
    expect(second).toMatchObject({ rowsRead: 2, rowsImported: 1, rowsRejected: 1, revenue: 30 });
    expect(second.warnings).toContain('Sheet "Year 2023" has the same columns as "Year 2024", the one read: import it too (--sheet "Year 2023") for the rest of the sales; lines the sheets share are stored once.');
    expect(w.backend.session.db.prepare('SELECT total(revenue) FROM transactions').pluck().get()).toBe(55);
    // The file's hash names a sheet: another sheet of it is another import, the same sheet again is not.
    const again = await w.backend.invoke('import-run', { path: file, sheet: 'Year 2024' });
    expect(again).toMatchObject({ ok: false, error: { code: 'IMPORT_DUPLICATE_FILE' } });
    expect(again.ok ? '' : again.error.message).toMatch(/^by-year\.xlsx \(sheet "Year 2024"\) was already imported/);
  });

  it("reads the first sheet of dated rows, past a summary and a cover, and says which table it passed over", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'report-pack.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Sales pack'], ['Prepared for the board']]), 'Cover');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Customer ID', 'Widgets', 'Gadgets'], ['C1', 300, 50], ['C2', 200, 100]]), 'Summary');
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['Customer ID', 'Invoice Date', 'Category', 'Net Amount'], ['C1', '2023-01-05', 'Widgets', 300], ['C1', '2023-02-01', 'Gadgets', 50], ['C2', '2023-03-01', 'Widgets', 200], ['C2', '2023-04-01', 'Gadgets', 100]]),
      'Lines',
    );
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ sheet: 'Lines', shape: 'transactions', rowsImported: 4, revenue: 650, dateFrom: '2023-01-05' });
    expect(s.warnings).toContain('Read sheet "Lines", the first of dated rows; "Summary" before it holds a table without dates (a summary?): choose it (--sheet "Summary") to read it instead.');
    expect(await w.backend.call('import-run', { path: file, dryRun: true, sheet: 'Summary' })).toMatchObject({ sheet: 'Summary', shape: 'spend-table', rowsImported: 2 });
  });

  it("gives each line under a customer merged over its lines that customer, as Excel shows it, and says so; a title merged across columns stays a title", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'merged.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Sales by customer', '', '', ''],
      ['Customer', 'Date', 'Category', 'Amount'],
      ['Acme', '2023-01-05', 'Widgets', 100],
      ['', '2023-01-09', 'Gadgets', 50],
      ['', '2023-02-11', 'Widgets', 25],
      ['Bolt', '2023-01-06', 'Widgets', 70],
      ['', '2023-03-02', 'Gadgets', 30],
    ]);
    sheet['!merges'] = [
      { s: { r: 0, c: 0 }, e: { r: 0, c: 3 } },
      { s: { r: 2, c: 0 }, e: { r: 4, c: 0 } },
      { s: { r: 5, c: 0 }, e: { r: 6, c: 0 } },
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, 'Report');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 5, rowsImported: 5, rowsRejected: 0, revenue: 275, customers: 2 });
    expect(s.warnings).toContain('3 cells of sheet "Report" lie under a merged cell above them (a customer merged over its lines, say): each took the merged cell\'s value, as Excel shows it.');
    const byCustomer = w.backend.session.db.prepare('SELECT c.code, total(t.revenue) AS revenue FROM transactions t JOIN customers c ON c.id = t.customer_id GROUP BY c.code ORDER BY c.code').all();
    expect(byCustomer).toEqual([
      { code: 'Acme', revenue: 175 },
      { code: 'Bolt', revenue: 100 },
    ]);
  });

  it('reads the sales lines dated by the day past a pivot by month placed first, and names the pivot', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'pivot-first.xlsx');
    const wb = XLSX.utils.book_new();
    const month = (iso: string) => ({ t: 'n', v: (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000, z: 'mmm-yy' });
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['Customer ID', 'Month', 'Sum of Amount'], ['C1', month('2023-01-01'), 300], ['', month('2023-02-01'), 50], ['C1 Total', '', 350], ['C2', month('2023-03-01'), 200], ['', month('2023-04-01'), 100], ['C2 Total', '', 300]]),
      'Pivot',
    );
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['Customer ID', 'Invoice Date', 'Category', 'Net Amount'], ['C1', '2023-01-05', 'Widgets', 300], ['C1', '2023-02-17', 'Gadgets', 50], ['C2', '2023-03-09', 'Widgets', 200], ['C2', '2023-04-21', 'Gadgets', 100]]),
      'Lines',
    );
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ sheet: 'Lines', rowsImported: 4, revenue: 650, dateFrom: '2023-01-05', dateTo: '2023-04-21' });
    expect(s.warnings).toContain('Read sheet "Lines", the first dated by the day; "Pivot" before it holds rows dated by the month (a pivot or summary?): choose it (--sheet "Pivot") to read it instead.');
  });

  it("rejects a formula's error (#N/A, #DIV/0!) as such, in a workbook and in its CSV, rather than as an empty cell", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'errors.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([['Customer ID', 'Invoice Date', 'Category', 'Amount'], ['C1', '2023-01-05', 'W', 100]]);
    sheet.A3 = { t: 's', v: 'C2' };
    sheet.B3 = { t: 's', v: '2023-01-06' };
    sheet.C3 = { t: 's', v: 'W' };
    sheet.D3 = { t: 'e', v: 0x2a };
    sheet['!ref'] = 'A1:D3';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, 'Lines');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ rowsRead: 2, rowsImported: 1, rowsRejected: 1 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 3, column: 'Amount', value: '#N/A', reason: "'#N/A' is a spreadsheet formula's error, not a value: fix the formula (or paste values) and import again" });
    const csv = path.join(w.dir, 'errors.csv');
    fs.writeFileSync(csv, 'Customer ID,Invoice Date,Category,Amount\nC1,2023-01-05,W,100\nC2,2023-01-06,W,#DIV/0!\n');
    expect((await w.backend.call('import-run', { path: csv, dryRun: true })).rejectsSample[0]).toMatchObject({ value: '#DIV/0!' });
  });

  it('reads the sheet asked for and names the sheets when it does not exist', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('import-run', { path: fixture('sales.xlsx'), sheet: 'Orders' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_SHEET_NOT_FOUND' } });
    expect(!outcome.ok && outcome.error.message).toContain('Notes, Sales 2024');
    const notes = await w.backend.invoke('import-run', { path: fixture('sales.xlsx'), sheet: 'Notes' });
    expect(notes).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_A_TABLE' } });
  });

  it('refuses a password-protected workbook with IMPORT_PASSWORD_PROTECTED saying how to fix it', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('import-run', { path: fixture('password.xlsx') });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_PASSWORD_PROTECTED' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/remove the password/);
  });

  it('refuses a truncated workbook with IMPORT_CORRUPT_WORKBOOK', async () => {
    const w = await workspace();
    expect(await w.backend.invoke('import-run', { path: fixture('corrupt.xlsx') })).toMatchObject({ ok: false, error: { code: 'IMPORT_CORRUPT_WORKBOOK' } });
  });
});
