import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

const workspace = freshWorkspaces();
const HEADER = 'Customer,Date,Category,Net Sales';
const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; message: string; details?: unknown }) => e);

describe('imports that never store wrong data silently', () => {
  it('rejects an amount written in the other decimal style than its column, with the reason', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'mixed-decimals.csv');
    fs.writeFileSync(file, `${HEADER}\nC1,2025-01-02,A,"2,345.75"\nC2,2025-01-03,A,"1,200.50"\nC3,2025-01-04,A,"3.456,25"\nC4,2025-01-05,A,99.10\n`);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 4, rowsImported: 3, rowsRejected: 1 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 4, column: 'Net Sales', value: '3.456,25', reason: expect.stringContaining('decimals with a comma') });
    expect(s.revenue).toBeCloseTo(2345.75 + 1200.5 + 99.1, 6);
    const duck = await workspace();
    const viaDuckDb = await duck.backend.call('import-run', { path: file, engine: 'duckdb' });
    expect(viaDuckDb).toMatchObject({ engine: 'duckdb', rowsRead: 4, rowsImported: 3, rowsRejected: 1 });
    expect(viaDuckDb.rejectsSample[0]).toMatchObject({ row: 4, column: 'Net Sales', value: '3.456,25', reason: expect.stringContaining('decimals with a comma') });
    expect(viaDuckDb.revenue).toBeCloseTo(s.revenue, 6);
  });

  it('does the same in a spend table, column by column, with the amount cap', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'spend-mixed-decimals.csv');
    fs.writeFileSync(file, 'Customer,Fresh,Milk\nA,"2,345.75",10\nB,"1,200.50",20\nC,"3.456,25",30\nD,99.10,40\nE,12.50,1e300\n');
    const s = await w.backend.call('import-run', { path: file, shape: 'spend-table' });
    expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 5, rowsImported: 3, rowsRejected: 2 });
    expect(s.rejectsSample).toEqual([
      { row: 4, column: 'Fresh', value: '3.456,25', reason: expect.stringContaining('the other values of Fresh use a dot') },
      { row: 6, column: 'Milk', value: '1e300', reason: expect.stringContaining('--max-amount') },
    ]);
    expect(s.revenue).toBeCloseTo(2345.75 + 10 + 1200.5 + 20 + 99.1 + 40, 6);
  });

  it('reads the lines after an unclosed quote on their own and rejects the line the quote opened on, naming it', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'runaway-quote.csv');
    const rows = Array.from({ length: 11 }, (_, i) => `C${i + 1},2025-01-${String(i + 2).padStart(2, '0')},A,${i === 3 ? '"40' : `${(i + 1) * 10}`}`);
    fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 11, rowsImported: 10, rowsRejected: 1, rowsSkipped: 0 });
    expect(s.rejectsSample).toEqual([{ row: 5, column: 'Net Sales', value: '"40', reason: expect.stringContaining('a quote opens on line 5') }]);
    expect(s.warnings).toEqual(expect.arrayContaining([expect.stringContaining("line 5 opens a quote in 'Net Sales' that is never closed")]));
    expect(s.revenue).toBe(10 + 20 + 30 + 50 + 60 + 70 + 80 + 90 + 100 + 110);
    const duck = await workspace();
    const viaDuckDb = await duck.backend.call('import-run', { path: file, engine: 'duckdb' });
    expect(viaDuckDb).toMatchObject({ rowsRead: 11, rowsImported: 10, rowsRejected: 1, revenue: s.revenue });
    expect(viaDuckDb.rejectsSample[0]).toMatchObject({ row: 5, column: 'Net Sales' });
    expect(viaDuckDb).toMatchObject({ engine: 'lines', warnings: expect.arrayContaining([expect.stringContaining('a quote that is never closed')]) });
  });

  it('does the same when a stray quote further down would close it', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'stray-quotes.csv');
    fs.writeFileSync(file, `${HEADER}\nC1,2025-01-02,"A,10\nC2,2025-01-03,A,20\nC3,2025-01-04,A,30\nC4,2025-01-05,"B",40\n`);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 4, rowsImported: 3, rowsRejected: 1, revenue: 90 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 2, column: 'Category', value: '"A' });
  });

  it('recognises a column of Excel date numbers in the preview, by its header or its content alone, in CSV and xlsx', async () => {
    const w = await workspace();
    const serials = Array.from({ length: 20 }, (_, i) => 40544 + i * 7);
    const named = path.join(w.dir, 'serial-dates.csv');
    fs.writeFileSync(named, `${HEADER}\n${serials.map((d, i) => `C${i % 4},${i === 5 ? 'n/a' : d},A,10`).join('\n')}\n`);
    const preview = await w.backend.call('import-preview', { path: named });
    expect(preview.dateFormat).toMatchObject({ detected: 'excel-serial', ambiguous: false });
    const s = await w.backend.call('import-run', { path: named });
    expect(s).toMatchObject({ dateFormat: 'excel-serial', rowsImported: 19, rowsRejected: 1, dateFrom: '2011-01-01', dateTo: '2011-05-14' });
    expect(s.rejectsSample[0]).toMatchObject({ row: 7, column: 'Date', value: 'n/a', reason: expect.stringContaining('an Excel date number') });

    const unnamed = path.join(w.dir, 'posted.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Account', 'Posted', 'Group', 'Amount'], ...serials.map((d, i) => [`C${i % 4}`, d, 'A', 10 + i])]), 'Sales');
    fs.writeFileSync(unnamed, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const guessed = await w.backend.call('import-preview', { path: unnamed });
    expect(guessed.mapping.find((g) => g.field === 'date')).toMatchObject({ column: 'Posted', reason: "'Posted' holds Excel date numbers (2011-01-01 to 2011-05-14)" });
    expect(guessed).toMatchObject({ shape: 'transactions', dateFormat: { detected: 'excel-serial' } });
    // Ids and quantities in the same numeric range, spread wider than ten years of days, are not taken for dates.
    const ids = path.join(w.dir, 'ids.csv');
    fs.writeFileSync(ids, `Account,Ref,Group,Amount\n${serials.map((_, i) => `C${i},${20000 + i * 3000},A,${i}.50`).join('\n')}\n`);
    expect((await w.backend.call('import-preview', { path: ids })).mapping.find((g) => g.field === 'date')?.column).toBeNull();
  });

  it('never takes sales without dates for a spend table: customers repeat, so it asks for the date and stores nothing', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'undated.csv');
    fs.writeFileSync(file, 'customer,sku,qty,amount\nA,100234,2,10.50\nA,100235,1,4.00\nB,100234,3,15.75\nB,100236,1,2.25\nC,100235,5,20.00\n');
    // Before, the SKUs and quantities were summed as spend per category (501,238.50 for 52.50 of sales).
    expect((await w.backend.call('import-preview', { path: file })).shape).toBe('transactions');
    const e = await failure(w.backend.call('import-run', { path: file }));
    expect(e).toMatchObject({ code: 'IMPORT_MAPPING_INCOMPLETE' });
    expect(e?.message).toContain('Customers repeat on 40% of the rows read, so this is no spend table');
    expect(storeCounts(w.backend)).toMatchObject({ imports: 0, transactions: 0, customers: 0 });
    // A real spend table, a row per customer, is still one.
    const table = path.join(w.dir, 'spend.csv');
    fs.writeFileSync(table, 'customer,Fresh,Frozen\nA,120.5,30\nB,80,12.25\nC,10,0\n');
    expect((await w.backend.call('import-preview', { path: table })).shape).toBe('spend-table');
  });

  it('refuses a workbook that unpacks to more than the limit before reading it, and reads it under a higher limit', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'big.xlsx');
    const rows = Array.from({ length: 20000 }, (_, i) => [`C${i % 500}`, `2025-${String((i % 12) + 1).padStart(2, '0')}-15`, `Cat ${i % 12}`, i + 0.25]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([HEADER.split(','), ...rows]), 'Sales');
    fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
    const before = storeCounts(w.backend);
    const refused = { code: 'IMPORT_TOO_LARGE', message: expect.stringMatching(/^big\.xlsx is 1 MB but unpacks to \d MB, more than the 2 MB .*Save the sheet as CSV.*--max-unpacked-mb/) };
    expect(await failure(w.backend.call('import-preview', { path: file, maxUnpackedMb: 2 }))).toMatchObject(refused);
    expect(await failure(w.backend.call('import-run', { path: file, maxUnpackedMb: 2 }))).toMatchObject(refused);
    expect(storeCounts(w.backend)).toEqual(before);
    expect(await w.backend.call('import-run', { path: file })).toMatchObject({ rowsRead: 20000, rowsImported: 20000 });
  });

  it('rejects non-finite and absurd revenues, so totals and the analysis stay finite, with a configurable cap', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'absurd.csv');
    fs.writeFileSync(file, `${HEADER}\nC1,2025-01-02,A,1e308\nC2,2025-01-03,A,-2e11\nC3,2025-01-04,A,500\nC4,2025-01-05,A,5000\n`);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsImported: 2, rowsRejected: 2, revenue: 5500 });
    expect(s.rejectsSample.map((r) => r.reason)).toEqual([expect.stringContaining('--max-amount'), expect.stringContaining('--max-amount')]);
    const capped = await workspace();
    const tight = await capped.backend.call('import-run', { path: file, maxAmount: 1000 });
    expect(tight).toMatchObject({ rowsImported: 1, rowsRejected: 3, revenue: 500 });
  });

  it('recognises a PNG renamed .csv and other binary files before reading a row, and changes nothing', async () => {
    const w = await workspace();
    const before = storeCounts(w.backend);
    const png = path.join(w.dir, 'sales.csv');
    fs.writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]));
    const error = await failure(w.backend.call('import-run', { path: png }));
    expect(error).toMatchObject({ code: 'IMPORT_BINARY_FILE', message: expect.stringContaining('a PNG image') });
    expect(await failure(w.backend.call('import-preview', { path: png }))).toMatchObject({ code: 'IMPORT_BINARY_FILE' });
    const blob = path.join(w.dir, 'export.txt');
    fs.writeFileSync(blob, Buffer.from('Customer,Date\n\u0000\u0001\u0002garbage\u0000'));
    expect(await failure(w.backend.call('import-run', { path: blob }))).toMatchObject({ code: 'IMPORT_BINARY_FILE', message: expect.stringContaining('a binary file') });
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it('reads a text file named .xlsx as the CSV it is, and says so', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'erp-export.xlsx');
    fs.copyFileSync(fixture('basic.csv'), file);
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.warnings).toEqual([expect.stringContaining('is named .xlsx but holds plain text')]);
    const s = await w.backend.call('import-run', { path: file });
    expect(s.rowsImported).toBeGreaterThan(0);
    expect(s.warnings).toEqual(expect.arrayContaining([expect.stringContaining('read as a CSV file')]));
  });

  it('keeps a UTF-8 file with one bad byte as UTF-8 and names the byte; a Windows-1252 file says so too', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'one-bad-byte.csv');
    const text = Buffer.from(`${HEADER}\nCafé Central,2025-01-02,A,10\nC2,2025-01-03,A,20\n`, 'utf8');
    const at = text.indexOf('C2');
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xff]), text.subarray(at)]);
    fs.writeFileSync(file, bytes);
    const s = await w.backend.call('import-run', { path: file, mapping: { customerName: 'Customer' } });
    expect(s.warnings).toEqual(expect.arrayContaining([expect.stringContaining(`at byte ${at}, 0xFF`)]));
    const names = w.backend.session.db.prepare('SELECT code FROM customers ORDER BY code').all() as { code: string }[];
    expect(names.map((n) => n.code)).toContain('Café Central');
    const latin = await workspace();
    const latinFile = path.join(latin.dir, 'latin1.csv');
    fs.writeFileSync(latinFile, Buffer.from(`${HEADER}\nCaf\xe9,2025-01-02,A,10\n`, 'latin1'));
    const l = await latin.backend.call('import-run', { path: latinFile });
    expect(l.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/read as Windows-1252/)]));
  });

  it('reports two columns with the same header, says which one is used, and lets the other be mapped', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'two-net-sales.csv');
    fs.writeFileSync(file, 'Customer,Date,Category,Net Sales,Net Sales\nC1,2025-01-02,A,10,1000\nC2,2025-01-03,A,20,2000\n');
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.warnings).toEqual([expect.stringContaining("2 columns are headed 'Net Sales' (columns 4, 5): revenue uses column 4")]);
    const first = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(first).toMatchObject({ revenue: 30, warnings: expect.arrayContaining([expect.stringContaining("map revenue to 'Net Sales (2)'")]) });
    const second = await w.backend.call('import-run', { path: file, mapping: { revenue: 'Net Sales (2)' } });
    expect(second.revenue).toBe(3000);
  });
});
