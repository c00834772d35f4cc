import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { describeVerdict } from '../../../shared/format/bgnbd';
import { dayFromIso } from '../../../shared/format/dates';
import { formatMoney, formatMoneyCompact } from '../../../shared/format/numbers';
import { currencyFormat } from '../../../main/backend/export/xlsx';
import { DATA_DIR, elogDataset } from '../../helpers/elog';
import { freshWorkspaces } from '../../helpers/workspace';
import { storeCounts } from './fixtures';

const workspace = freshWorkspaces();
const GROCERY = path.join(DATA_DIR, 'grocery_elog.csv');

/** A purchase log of `rows` lines: customer, date and, when asked, how many items, but no money. */
function purchaseLog(file: string, rows: number, withQuantity: boolean): void {
  const lines = [withQuantity ? 'Customer,Date,Qty' : 'Customer,Date'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String(((i >> 4) % 12) + 1).padStart(2, '0');
    const member = i % 997 === 0 ? '' : `M${(i * 7919) % 613}`;
    lines.push(`${member},2024-${month}-${day}${withQuantity ? `,${(i % 5) + 1}` : ''}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('a purchase log without money', () => {
  it('imports the grocery panel with each purchase worth one unit, and backtests it as the benchmark literature judges it', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: GROCERY });
    const lines = fs.readFileSync(GROCERY, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(s).toMatchObject({ rowsRead: lines, rowsImported: lines, rowsRejected: 0, revenue: lines, currency: { code: 'XXX' } });
    expect(s.warnings.some((x) => x.startsWith('No revenue or unit price column: each row counts as one purchase'))).toBe(true);
    const amounts = w.backend.session.db.prepare('SELECT DISTINCT revenue FROM transactions').pluck().all();
    expect(amounts).toEqual([1]);

    // The product's replay of the imported file scores exactly what the replay of the same log read
    // here, one unit a purchase, scores: the development case can be run from the CLI.
    const run = await w.backend.call('analysis-run', { settings: {} });
    const report = await w.backend.call('analysis-backtest', { runId: run.runId, asOf: '2006-12-31', horizonDays: 364 });
    const direct = runBacktest(elogDataset('grocery_elog.csv', { customer: 'cust', date: 'date' }), analysisSettingsSchema.parse({}), dayFromIso('2006-12-31'), 364);
    const rows = (r: typeof report) => r.levels[0].rows.map(({ method, flagged, declined, capturedLoss, stated }) => ({ method, flagged, declined, capturedLoss, stated }));
    expect(rows(report)).toEqual(rows(direct));
    expect(report.levels[0].rows[0].flagged).toBe(300);

    // BG/NBD sees its customers leave, but forecasts the held-back third 24% high: the verdict says so.
    expect(run.bgnbd).toMatchObject({ verdict: 'healthy', holdout: { calibrationEnd: '2007-05-01' } });
    expect(run.bgnbd?.holdout?.error).toBeCloseTo(2556 / 2063 - 1, 2);
    expect(describeVerdict(run.bgnbd!)).toContain('But its holdout forecast was 24% high: it reads customers as likelier to buy again than they were');
  });

  it('keeps a quantity column as quantity and still counts one unit a row, the same from the bytes as from the text', async () => {
    const [a, b] = [await workspace(), await workspace()];
    const file = path.join(a.dir, 'visits.csv');
    purchaseLog(file, 40_000, true);
    const threaded = await a.backend.call('import-run', { path: file, parseInWorkerAboveMb: 0 });
    const inline = await b.backend.call('import-run', { path: file, parseInWorkerAboveMb: 1e6 });
    expect(threaded.rowsRead).toBe(40_000);
    expect(threaded.rowsRejected).toBe(Math.ceil(40_000 / 997));
    expect(threaded.revenue).toBe(threaded.rowsImported);
    expect(inline).toMatchObject({ rowsRead: threaded.rowsRead, rowsImported: threaded.rowsImported, revenue: threaded.revenue });
    const stored = (w: typeof a) => w.backend.session.db.prepare('SELECT customer_id, day, quantity, revenue FROM transactions ORDER BY id').raw().all();
    expect(stored(a)).toEqual(stored(b));
    const quantities = a.backend.session.db.prepare('SELECT sum(quantity) FROM transactions').pluck().get();
    expect(quantities).toBe(Array.from({ length: 40_000 }, (_, i) => (i % 997 === 0 ? 0 : (i % 5) + 1)).reduce((x, y) => x + y, 0));
  });

  it('refuses to mix purchase counts and money in one workspace either way, and stores nothing', async () => {
    const w = await workspace();
    const log = path.join(w.dir, 'visits.csv');
    purchaseLog(log, 500, false);
    const money = path.join(w.dir, 'sales.csv');
    fs.writeFileSync(money, 'Customer,Date,Revenue\nC1,2024-01-05,120.50\nC2,2024-02-07,80\n');
    await w.backend.call('import-run', { path: money });
    const before = storeCounts(w.backend);
    const refused = await w.backend.invoke('import-run', { path: log });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^visits\.csv has no revenue or unit price column.*holds money amounts.*Columns: Customer, Date\.$/);
    expect(storeCounts(w.backend)).toEqual(before);

    const counts = await workspace();
    await counts.backend.call('import-run', { path: log });
    const countsBefore = storeCounts(counts.backend);
    const refusedMoney = await counts.backend.invoke('import-run', { path: money });
    expect(refusedMoney).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE' } });
    expect(refusedMoney.ok ? '' : refusedMoney.error.message).toContain('holds purchase counts');
    expect(storeCounts(counts.backend)).toEqual(countsBefore);
    // Unmapping its money counts that file's rows as purchases too.
    const asCounts = await counts.backend.call('import-run', { path: money, mapping: { revenue: null } });
    expect(asCounts).toMatchObject({ rowsImported: 2, revenue: 2, currency: { code: 'XXX' } });
  });

  it('asks before counting rows when an unmapped column holds numbers that may be money, and counts them once told', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'orders.csv');
    fs.writeFileSync(file, 'Customer,Date,Field 3\nC1,2024-01-05,12\nC2,2024-02-07,13\n');
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE', details: { missing: 'revenue' } } });
    expect(outcome.ok ? '' : outcome.error.message).toContain("'Field 3' holds numbers: map the money with --map revenue=<column>");
    expect(storeCounts(w.backend)).toEqual(before);
    expect(await w.backend.call('import-run', { path: file, mapping: { revenue: 'Field 3' } })).toMatchObject({ rowsImported: 2, revenue: 25 });
    const counted = await workspace();
    expect(await counted.backend.call('import-run', { path: file, mapping: { revenue: null } })).toMatchObject({ rowsImported: 2, revenue: 2, currency: { code: 'XXX' } });
  });

  it('still asks for a quantity when a file has a unit price but no revenue (a plain price is one item per row)', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'prices.csv');
    fs.writeFileSync(file, 'Customer,Date,Unit Price\nC1,2024-01-05,3.50\n');
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE', details: { missing: 'quantity' } } });
    const items = path.join(w.dir, 'items.csv');
    fs.writeFileSync(items, 't_dat,customer_id,article_id,price,sales_channel_id\n2018-09-20,c1,0663713001,0.0508,2\n2018-09-21,c1,0541518023,0.0305,2\n2018-10-20,c2,0663713001,0.0508,1\n');
    const summary = await w.backend.call('import-run', { path: items });
    expect(summary).toMatchObject({ rowsImported: 3, revenue: 0.13, mapping: { revenue: 'price' } });
    expect(summary.mapping).not.toHaveProperty('unitPrice');
    expect(summary.warnings).toContain(
      "'price' is a price and the file has no quantity column: each row is read as one item sold at that price. If a column counts the items, map it with --map quantity=<column> --map unitPrice=price.",
    );
  });

  it('shows purchase counts as units on screen and in Excel, never as money', () => {
    expect(formatMoney(8437, 'XXX', 'en-US')).toBe('8,437 units');
    expect(formatMoney(-12.5, 'XXX', 'en-US', 1)).toBe('-12.5 units');
    expect(formatMoneyCompact(1_250_000, 'XXX', 'en-US')).toBe('1.25M units');
    expect(formatMoney(8437, 'GBP', 'en-GB')).toBe('£8,437');
    expect(currencyFormat('XXX')).toBe('#,##0" units";-#,##0" units"');
  });
});

describe('a file with its columns aligned by spaces', () => {
  it('imports CDNOW master as published (whitespace-separated, CRLF): every row, and the total its README states', async () => {
    const w = await workspace();
    const file = path.join(DATA_DIR, 'CDNOW_master.txt');
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.delimiter).toBe(' ');
    expect(preview.headers).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    const s = await w.backend.call('import-run', { path: file, parseInWorkerAboveMb: 0 });
    expect(s).toMatchObject({ rowsRead: 69_659, rowsImported: 69_659, rowsRejected: 0, customers: 23_570, dateFrom: '1997-01-01', dateTo: '1998-06-30' });
    expect(s.revenue).toBeCloseTo(2_500_315.63, 2);
    const first = w.backend.session.db.prepare('SELECT code FROM customers ORDER BY id LIMIT 1').pluck().get();
    expect(first).toBe('00001');
  });
});

describe('a file without a header row', () => {
  it('imports CDNOW sample as published (no header, columns by position) with the same sales and the same backtest as its CSV copy', async () => {
    const [bare, csv] = [await workspace(), await workspace()];
    const file = path.join(DATA_DIR, 'CDNOW_sample.txt');
    const preview = await bare.backend.call('import-preview', { path: file });
    expect(preview.headerRow).toBe(0);
    expect(preview.headers).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5']);
    expect(preview.rows[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    const picked = Object.fromEntries(preview.mapping.filter((g) => g.column).map((g) => [g.field, g.column]));
    expect(picked).toEqual({ customer: 'Column 1', date: 'Column 3', revenue: 'Column 5' });
    expect((preview.warnings ?? []).some((x) => x.startsWith('The file has no header row: its 5 columns are named by position'))).toBe(true);

    const s = await bare.backend.call('import-run', { path: file, parseInWorkerAboveMb: 0 });
    const published = await csv.backend.call('import-run', { path: path.join(DATA_DIR, 'cdnowElog.csv') });
    // The README: the same 6,919 rows as cdnowElog.csv, whose master ids drop the leading zeros.
    expect(s).toMatchObject({ rowsRead: 6_919, rowsImported: 6_919, rowsRejected: 0, customers: 2_357, dateFrom: '1997-01-01', dateTo: '1998-06-30', revenue: published.revenue });
    const sales = (w: typeof bare) =>
      w.backend.session.db.prepare('SELECT CAST(c.code AS INTEGER), t.day, t.revenue FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2, 3').raw().all();
    expect(sales(bare)).toEqual(sales(csv));
    // Named by width alone, its mapping would be wrong for the next file without a header: none is kept.
    expect(bare.backend.session.db.prepare('SELECT count(*) FROM mappings').pluck().get()).toBe(0);

    const backtest = async (w: typeof bare) => {
      const run = await w.backend.call('analysis-run', { settings: {} });
      const report = await w.backend.call('analysis-backtest', { runId: run.runId, asOf: '1997-09-30', horizonDays: 273 });
      return report.levels[0].rows.map(({ method, flagged, declined, capturedLoss, stated }) => ({ method, flagged, declined, capturedLoss, stated }));
    };
    expect(await backtest(bare)).toEqual(await backtest(csv));
  });

  it('finds the customer, date and amount of another layout by their contents, and takes the columns the user names', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'ledger.csv');
    fs.writeFileSync(file, '2024-01-05;120,50;C1\n2024-02-07;80,00;C2\n2024-03-01;15,25;C1\n');
    const guessed = await w.backend.call('import-preview', { path: file });
    expect(Object.fromEntries(guessed.mapping.filter((g) => g.column).map((g) => [g.field, g.column]))).toEqual({ date: 'Column 1', revenue: 'Column 2', customer: 'Column 3' });
    const s = await w.backend.call('import-run', { path: file, mapping: { customer: 'Column 3' } });
    expect(s).toMatchObject({ rowsRead: 3, rowsImported: 3, customers: 2, revenue: 215.75 });
    expect(s.warnings.find((x) => x.startsWith('The file has no header row'))).toContain("revenue 'Column 2', customer 'Column 3'");
  });

  it('reads a file without a header through DuckDB, from its bytes and from its text alike, a column the user names included', async () => {
    const [lines, duck, bytes] = [await workspace(), await workspace(), await workspace()];
    const file = path.join(lines.dir, 'bare.csv');
    fs.writeFileSync(file, Array.from({ length: 400 }, (_, i) => `C${i % 37},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')},${(i * 7) % 300}.25,Cat${i % 4}`).join('\n') + '\n');
    const preview = await lines.backend.call('import-preview', { path: file });
    expect((preview.warnings ?? []).find((x) => x.startsWith('The file has no header row'))).toContain("'Column 4' is not used");
    const mapping = { category: 'Column 4' };
    const a = await lines.backend.call('import-run', { path: file, mapping, engine: 'lines', parseInWorkerAboveMb: 1e6 });
    const b = await duck.backend.call('import-run', { path: file, mapping, engine: 'duckdb' });
    const c = await bytes.backend.call('import-run', { path: file, mapping, engine: 'lines', parseInWorkerAboveMb: 0 });
    expect(b.engine).toBe('duckdb');
    expect(b).toMatchObject({ rowsRead: 400, rowsImported: 400, customers: a.customers, categories: 4, revenue: a.revenue });
    const sums = (w: typeof lines) =>
      w.backend.session.db
        .prepare('SELECT c.code, k.name, t.day, sum(t.revenue) FROM transactions t JOIN customers c ON c.id = t.customer_id JOIN categories k ON k.id = t.category_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3')
        .raw()
        .all();
    expect(sums(duck)).toEqual(sums(lines));
    expect(c).toMatchObject({ rowsRead: 400, rowsImported: 400, revenue: a.revenue });
    expect(sums(bytes)).toEqual(sums(lines));
  });

  it('reads dates written as Unix times, found by their contents, with the same sales line by line, from the bytes and through DuckDB', async () => {
    const [csv, lines, bytes, duck] = [await workspace(), await workspace(), await workspace(), await workspace()];
    // CDNOW's event log with each day written as a Unix time of that day (at a varying hour, UTC).
    const [, ...rows] = fs.readFileSync(path.join(DATA_DIR, 'cdnowElog.csv'), 'utf8').trim().split(/\r?\n/);
    const file = path.join(csv.dir, 'cdnow-unix.csv');
    const stamped = rows.map((row, i) => {
      const [masterid, , date, , sales] = row.split(',');
      const day = dayFromIso(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`);
      return `${masterid},${day * 86400 + ((i * 3607) % 86400)},${sales}`;
    });
    fs.writeFileSync(file, `buyer,at,spent\n${stamped.join('\n')}\n`);
    const preview = await lines.backend.call('import-preview', { path: file });
    expect(preview.mapping.find((g) => g.field === 'date')).toMatchObject({ column: 'at', reason: "'at' holds Unix times (1997-01-01 to 1998-06-30)" });
    expect(preview.dateFormat.detected).toBe('unix');

    const published = await csv.backend.call('import-run', { path: path.join(DATA_DIR, 'cdnowElog.csv') });
    const mapping = { customer: 'buyer' };
    const a = await lines.backend.call('import-run', { path: file, mapping, engine: 'lines', parseInWorkerAboveMb: 1e6 });
    const b = await bytes.backend.call('import-run', { path: file, mapping, engine: 'lines', parseInWorkerAboveMb: 0 });
    const c = await duck.backend.call('import-run', { path: file, mapping, engine: 'duckdb' });
    for (const s of [a, b, c]) expect(s).toMatchObject({ rowsRead: 6_919, rowsImported: 6_919, rowsRejected: 0, customers: 2_357, dateFrom: '1997-01-01', dateTo: '1998-06-30', revenue: published.revenue });
    const sales = (w: typeof csv) =>
      w.backend.session.db
        .prepare('SELECT CAST(c.code AS INTEGER), t.day, round(sum(t.revenue), 2) FROM transactions t JOIN customers c ON c.id = t.customer_id GROUP BY 1, 2 ORDER BY 1, 2')
        .raw()
        .all();
    const expected = sales(csv);
    for (const w of [lines, bytes, duck]) expect(sales(w)).toEqual(expected);
  });

  it('still refuses rows with neither column names nor a column of dates, and stores nothing', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'numbers.csv');
    fs.writeFileSync(file, '1,20\n2,30\n3,40\n');
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_A_TABLE' } });
    expect(outcome.ok ? '' : outcome.error.message).toContain('nor a column of dates');
    expect(storeCounts(w.backend)).toEqual(before);
  });
});
