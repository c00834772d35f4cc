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
