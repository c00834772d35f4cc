import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isoFromDay } from '../../../shared/format/dates';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE, fixture, sharedData, storeCounts } from './fixtures';

const workspace = freshWorkspaces();

/** A fresh workspace, and a file of `text` written in its folder to import. */
async function withFile(name: string, text: string) {
  const w = await workspace();
  const file = path.join(w.dir, name);
  fs.writeFileSync(file, text);
  return { w, file };
}

type Row = { code: string; day: number; revenue: number };
const rows = (w: Awaited<ReturnType<typeof workspace>>): { code: string; date: string; revenue: number }[] =>
  (w.backend.session.db.prepare('SELECT c.code, t.day, t.revenue FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY t.id').all() as Row[]).map((r) => ({
    code: r.code,
    date: isoFromDay(r.day),
    revenue: r.revenue,
  }));

describe('lines with more values than the header', () => {
  it("rejects a line split by an unquoted '1,234.00' in every engine, naming the line's values, instead of storing 1 and shifting the category and rep", async () => {
    const text = ['Customer ID,Invoice Date,Amount,Category,Rep', 'C1,2023-01-05,100.00,Widgets,Ann', 'C2,2023-01-06,1,234.00,Widgets,Bob', 'C3,2023-01-07,300.00,Gadgets,Ann,', 'C4,2023-01-08,"2,500.00",Gadgets,Bob'].join('\n');
    const { w, file } = await withFile('unquoted.csv', `${text}\n`);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      // A trailing delimiter (C3) adds a blank value, not a split one; a quoted thousands comma (C4) is one value.
      expect(s).toMatchObject({ rowsRead: 4, rowsImported: 3, rowsRejected: 1, revenue: 2900 });
      expect(s.rejectsSample[0]).toMatchObject({ row: 3, column: 'column 6 (past the header)', value: 'Bob' });
      expect(s.rejectsSample[0].reason).toMatch(/^the line has 6 values where the header names 5 \(C2 \| 2023-01-06 \| 1 \| 234\.00 \| Widgets \| Bob\): a value holding the delimiter without quotes/);
    }
  });

  it('rejects a line cut short as such, read line by line, rather than as a blank amount', async () => {
    const text = ['Customer ID,Invoice Date,Category,Amount', 'C1,2023-01-05,Widgets,100.00', 'C2,2023-01-06,Widgets', 'C3,2023-01-07,Gadgets,', 'C4,2023-01-08,Gadgets,250.00'].join('\n');
    const { w, file } = await withFile('cut-short.csv', `${text}\n`);
    // DuckDB pads a short line's missing values as it does empty ones: it still says "is empty" there.
    for (const [options, engine] of EVERY_ENGINE.filter(([, e]) => e === 'lines')) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 4, rowsImported: 2, rowsRejected: 2, revenue: 350 });
      const byRow = new Map(s.rejectsSample.map((r) => [r.row, r]));
      expect(byRow.get(3)).toMatchObject({ column: 'Amount', value: '' });
      expect(byRow.get(3)?.reason).toBe('the line has 3 values where the header names 4 (C2 | 2023-01-06 | Widgets), so it has no Amount at all: a line cut short or a delimiter missing; export the file again');
      // A blank amount on a whole line stays a blank amount.
      expect(byRow.get(4)?.reason).toBe('no revenue (Amount is empty)');
    }
  });

  it('keeps every line of a file whose header is shorter than its lines throughout (a last column left unnamed)', async () => {
    const text = ['Customer,Date,Amount', 'C1,2023-01-05,100.00,note a', 'C2,2023-01-06,200.00,note b', 'C3,2023-01-07,300.00,note c'].join('\n');
    const { w, file } = await withFile('unnamed-last.csv', `${text}\n`);
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsRejected: 0, revenue: 600 });
  });
});

describe('dates', () => {
  it('reads US dates as month first because one value has a day above 12, times included', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('us-dates.csv') });
    expect(s.dateFormat).toBe('mdy');
    expect(rows(w).map((r) => r.date)).toEqual(['2024-01-13', '2024-02-01', '2024-12-31']);
  });

  it("reads a column of months without a day as dates on each month's first day, says so, and finds the customers that stopped", async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('monthly-summary.csv') });
    expect(s.mapping).toMatchObject({ customer: 'Customer No', date: 'Period', category: 'Product Line', revenue: 'Sales Amount' });
    expect(s).toMatchObject({ rowsRead: 548, rowsImported: 548, rowsRejected: 0, dateFrom: '2022-01-01', dateTo: '2023-12-01' });
    expect(new Set(rows(w).map((r) => r.date.slice(8)))).toEqual(new Set(['01']));
    expect(s.warnings.join(' ')).toMatch(/Dates in 'Period' are months without a day: each month's sales are dated on its first day/);
    // K003 and K008 bought every month until May 2023, the others to the end.
    await w.backend.call('analysis-run', { settings: {} });
    const actions = (await w.backend.call('analysis-actions', { limit: 1000 })).rows;
    expect([...new Set(actions.filter((a) => a.kind === 'recovery').map((a) => a.customerCode))].sort()).toEqual(['K003', 'K008']);
  });

  it("reads an ERP's posting periods (SAP's 001.2023, a warehouse's 202301) as months in every engine, rejects closing periods by name, and says period 1 is January", async () => {
    const periods = ['Customer,Fiscal year/period,Material Group,Net Sales'];
    const keys = ['Account,Month Key,Category,Revenue'];
    for (let p = 1; p <= 14; p++) {
      for (const customer of ['C1', 'C2']) {
        periods.push(`${customer},${String(p).padStart(3, '0')}.2024,Pumps,${100 + p}`);
        if (p <= 12) keys.push(`${customer},2024${String(p).padStart(2, '0')},Pumps,${100 + p}`);
      }
    }
    const { w, file } = await withFile('ledger.csv', `${periods.join('\n')}\n`);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 28, rowsImported: 24, rowsRejected: 4, dateFrom: '2024-01-01', dateTo: '2024-12-01' });
      expect(s.mapping.date).toBe('Fiscal year/period');
      expect(s.rejectsSample[0]).toMatchObject({ column: 'Fiscal year/period', value: '013.2024', reason: "'013.2024' is closing period 13 of its fiscal year, a year-end posting with no month to date it in" });
      expect(s.warnings.join(' ')).toMatch(/'Fiscal year\/period' holds posting periods: period 1 is read as January of the year written/);
    }
    await w.backend.call('import-run', { path: file });
    expect(rows(w).filter((r) => r.code === 'C1').map((r) => r.date)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`));

    const keyed = await withFile('keys.csv', `${keys.join('\n')}\n`);
    const s = await keyed.w.backend.call('import-run', { path: keyed.file });
    expect(s).toMatchObject({ dateFormat: 'yyyymm', rowsImported: 24, rowsRejected: 0, dateFrom: '2024-01-01', dateTo: '2024-12-01' });
    expect(s.warnings.join(' ')).toMatch(/Dates in 'Month Key' are months without a day/);
    expect(s.warnings.join(' ')).not.toMatch(/posting periods/);
  });

  it("reads a weekly summary's ISO weeks as dates on each week's Monday, in every engine, and says so", async () => {
    const lines = ['Week,Customer,Category,Sales'];
    for (let week = 1; week <= 52; week++) for (const customer of ['C1', 'C2', 'C3']) if (customer !== 'C3' || week <= 30) lines.push(`2024-W${String(week).padStart(2, '0')},${customer},Pumps,${(100 + week).toFixed(2)}`);
    const { w, file } = await withFile('weekly.csv', `${lines.join('\n')}\n`);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 134, rowsImported: 134, rowsRejected: 0, dateFrom: '2024-01-01', dateTo: '2024-12-23' });
      expect(s.warnings.join(' ')).toMatch(/Dates in 'Week' are ISO weeks: each week's sales are dated on its Monday/);
    }
    await w.backend.call('import-run', { path: file });
    expect(new Set(rows(w).map((r) => new Date(`${r.date}T00:00:00Z`).getUTCDay()))).toEqual(new Set([1]));
  });

  it("joins a pivot's year and month columns into one date on each month's first day, rejecting a row whose month is no month by its row and value", async () => {
    const { w, file } = await withFile('pivot.csv', 'Year,Month,Customer,Category,Sales\n2022,1,C1,A,120.5\n2022,Feb,C1,A,80\n2022,02,C2,B,99\n2022,November,C2,B,45\n2022,13,C3,B,10\n2022,,C3,B,10\n2023,3,C1,A,60\n2023,4,C1,A,61\n2023,5,C1,A,62\n2023,6,C2,B,63\n2023,7,C2,B,64\n2023,8,C2,B,65\n2023,9,C1,A,66\n2023,10,C1,A,67\n2023,11,C2,B,68\n2023,12,C2,B,69\n2024,1,C1,A,70\n2024,2,C1,A,71\n2024,3,C2,B,72\n2024,4,C2,B,73\n2024,5,C1,A,74\n');
    const s = await w.backend.call('import-run', { path: file });
    expect(s.mapping).toMatchObject({ date: 'Year + Month', customer: 'Customer', revenue: 'Sales' });
    expect(s).toMatchObject({ rowsRead: 21, rowsImported: 19, rowsRejected: 2, dateFrom: '2022-01-01', dateTo: '2024-05-01' });
    expect(rows(w).slice(0, 4).map((r) => [r.code, r.date, r.revenue])).toEqual([
      ['C1', '2022-01-01', 120.5],
      ['C1', '2022-02-01', 80],
      ['C2', '2022-02-01', 99],
      ['C2', '2022-11-01', 45],
    ]);
    expect(s.rejectsSample.map((r) => [r.row, r.column, r.value])).toEqual([
      [6, 'Year + Month', '2022-13'],
      [7, 'Year + Month', ''],
    ]);
    expect(s.warnings.join(' ')).toMatch(/Dates in 'Year \+ Month' are months without a day/);
    expect(s.warnings).toContain("'Year' and 'Month' are joined into one date, 'Year + Month': month 1 is January. Where a fiscal year starts in another month every date moves by as many months (rhythms and recovery read the same; seasons fall in other months); join them into calendar months to fix that, or map a date column with --map date=<column>.");
  });

  it("joins a fiscal year and its period, though 'Period' alone reads like a date column, and imports them line by line when DuckDB is asked for", async () => {
    const { w, file } = await withFile('ledger.csv', 'Fiscal Year,Period,Customer No,Product Line,Net Sales\n2022,1,C1,A,120.5\n2022,2,C1,A,80\n2022,2,C2,B,99\n2022,11,C2,B,45\n');
    const s = await w.backend.call('import-run', { path: file, engine: 'duckdb' });
    expect(s).toMatchObject({ engine: 'lines', rowsImported: 4, rowsRejected: 0, dateFrom: '2022-01-01', dateTo: '2022-11-01' });
    expect(s.mapping.date).toBe('Fiscal Year + Period');
    expect(s.warnings).toContain('Imported line by line, not through DuckDB: its date is joined from a year and a month column, line by line.');
  });

  it('prefers a column of real dates to the joined one, and takes the joined one when asked for it by name', async () => {
    const { w, file } = await withFile('pivot-dated.csv', 'Year,Month,Posted,Customer,Category,Sales\n2022,1,2022-01-20,C1,A,120.5\n2022,2,2022-02-21,C1,A,80\n2022,2,2022-02-22,C2,B,99\n');
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.mapping.find((g) => g.field === 'date')?.column).toBe('Posted');
    expect(preview.headers).not.toContain('Year + Month');
    const joined = await w.backend.call('import-run', { path: file, dryRun: true, mapping: { date: 'Year + Month' } });
    expect(joined).toMatchObject({ rowsImported: 3, dateFrom: '2022-01-01', dateTo: '2022-02-01' });
    const posted = await w.backend.call('import-run', { path: file, dryRun: true, mapping: { date: 'Posted' } });
    expect(posted).toMatchObject({ rowsImported: 3, dateFrom: '2022-01-20', dateTo: '2022-02-22' });
    expect(posted.warnings.some((text) => text.includes('are joined into one date'))).toBe(false);
  });

  it('still refuses a year and a month in two columns when the date was unmapped on purpose, naming both and how to join them, and stores nothing', async () => {
    const { w, file } = await withFile('pivot.csv', 'Year,Month,Customer,Category,Sales\n2022,1,C1,A,120.5\n2022,2,C1,A,80\n2022,2,C2,B,99\n2022,11,C2,B,45\n');
    const outcome = await w.backend.invoke('import-run', { path: file, mapping: { date: null } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE', details: { missing: 'date' } } });
    expect(outcome.ok ? '' : outcome.error.message).toMatch(/^No date column found\. 'Year' and 'Month' hold a year and a month, but the date must be one column/);
    expect(rows(w)).toEqual([]);
  });

  it('reads day-first dates as such because one value has a day above 12', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('day-first-dates.csv') });
    expect(s.dateFormat).toBe('dmy');
    expect(rows(w).map((r) => r.date)).toEqual(['2024-01-13', '2024-02-01', '2024-12-31']);
  });

  it('reads DD.MM.YYYY dates day first', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('semicolon-decimal-comma.csv') });
    expect(rows(w).map((r) => r.date)).toEqual(['2024-01-05', '2024-01-06', '2024-02-10']);
  });

  it('asks for the order with IMPORT_AMBIGUOUS_DATES when no value tells, and takes it as a date format', async () => {
    const w = await workspace();
    const preview = await w.backend.call('import-preview', { path: fixture('ambiguous-dates.csv') });
    expect(preview.dateFormat).toEqual({ detected: null, candidates: ['mdy', 'dmy'], ambiguous: true });
    const outcome = await w.backend.invoke('import-run', { path: fixture('ambiguous-dates.csv') });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_AMBIGUOUS_DATES' } });
    expect(!outcome.ok && outcome.error.message).toContain('--date-format');
    await w.backend.call('import-run', { path: fixture('ambiguous-dates.csv'), dateFormat: 'dmy' });
    expect(rows(w).map((r) => r.date)).toEqual(['2024-02-01', '2024-04-03', '2024-06-05']);
  });
});

describe('dates in a big file', () => {
  it('reads the whole date column when the first rows leave the order open, and finds the deciding values near the end', async () => {
    const lines = ['Customer,Order Date,Amount,Category'];
    for (let i = 0; i < 40_000; i++) lines.push(`C${i % 50},0${(i % 9) + 1}/0${(i % 7) + 1}/2024,10,A`);
    // The last months, day first: days above 12 in a good share of the dates, as real dates have.
    for (let d = 13; d <= 28; d++) for (const m of [8, 9, 10, 11, 12]) lines.push(`C1,${d}/${m}/2024,10,A`);
    const { w, file } = await withFile('late-proof.csv', `${lines.join('\n')}\n`);
    expect((await w.backend.call('import-preview', { path: file })).dateFormat.ambiguous).toBe(true);
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ dateFormat: 'dmy', rowsImported: 40_080, dateTo: '2024-12-28' });
  });

  it('asks for the order, naming the value, where one day-first date among thousands could be a typo', async () => {
    const lines = ['Customer,Order Date,Amount,Category'];
    for (let i = 0; i < 2_000; i++) lines.push(`C${i % 50},${String((i % 12) + 1).padStart(2, '0')}/${String((i % 11) + 1).padStart(2, '0')}/2023,10,A`);
    lines.splice(1_700, 0, 'C1,13/02/2023,10,A');
    const { w, file } = await withFile('one-typo.csv', `${lines.join('\n')}\n`);
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_AMBIGUOUS_DATES' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/only 1 of \d+ values has a day above 12 first \(e\.g\. 13\/02\/2023\) and the rest read either way: too few to tell the order from a typo\. Choose the order/);
    expect(w.backend.session.db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({ n: 0 });
  });
});

describe('a date order saved or given that says nothing of slash dates', () => {
  /** 60 dates of 2024 day first, only one with a day above 12 (13/03/2024): too few to tell the order from a typo. */
  const dayFirstButOne = (): string => {
    const lines = ['Customer,Date,Category,Revenue'];
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let i = 0; i < 60; i++) lines.push(`E${i},${two((i % 12) + 1)}/${two(((i + 5) % 12) + 1)}/2024,Paper,${100 + i}.00`);
    lines.splice(15, 1, 'E14,13/03/2024,Paper,114.00');
    return `${lines.join('\n')}\n`;
  };

  it('asks for the order of slash dates where an earlier file of ISO dates with the same headers saved its format, as a fresh workspace does, in every engine', async () => {
    const { w, file } = await withFile('day-first.csv', dayFirstButOne());
    const iso = path.join(w.dir, 'iso.csv');
    fs.writeFileSync(iso, 'Customer,Date,Category,Revenue\nC1,2023-01-02,Paper,10.00\nC2,2023-01-09,Ink,20.00\n');
    await w.backend.call('import-run', { path: iso });
    const before = storeCounts(w.backend);
    for (const [options] of EVERY_ENGINE) {
      const outcome = await w.backend.invoke('import-run', { path: file, ...options });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_AMBIGUOUS_DATES' } });
      expect(outcome.ok ? '' : outcome.error.message).toMatch(/13\/03\/2024.*Choose the order with --date-format mdy or --date-format dmy\.$/);
      expect(storeCounts(w.backend)).toEqual(before);
    }
    const dmy = await w.backend.call('import-run', { path: file, dateFormat: 'dmy', dryRun: true });
    expect(dmy).toMatchObject({ rowsRead: 60, rowsImported: 60, rowsRejected: 0, dateFrom: '2024-01-08', dateTo: '2024-12-07' });
  });

  it('rejects a slash date under a given ISO format, naming its row and value, instead of reading 09/01/2023 as 1 September, in every engine', async () => {
    const { w, file } = await withFile('mixed.csv', 'Customer,Date,Category,Revenue\nC1,2023-01-02,Paper,10.00\nC2,09/01/2023,Ink,20.00\nC3,2023-01-16,Toner,30.00\n');
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dateFormat: 'iso', dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1, revenue: 40, dateTo: '2023-01-16' });
      expect(s.rejectsSample).toEqual([
        {
          row: 3,
          column: 'Date',
          value: '09/01/2023',
          reason: "'09/01/2023' is day and month without their order, and this import reads YYYY-MM-DD: to read such dates, import with --date-format dmy (day first) or mdy (month first)",
        },
      ]);
    }
  });
});

describe('amounts', () => {
  it('reads currency symbols, thousands separators, parentheses and trailing minus, counting negatives as returns', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('money-styles.csv') });
    expect(rows(w).map((r) => r.revenue)).toEqual([1234.5, -120, -75.25, 99, -1000]);
    expect(s.returns).toBe(3);
  });

  it('reads decimal commas and dotted thousands in a semicolon file', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('semicolon-decimal-comma.csv') });
    expect(rows(w).map((r) => r.revenue)).toEqual([1234.5, 200.25, -3.1]);
    expect(s.returns).toBe(1);
  });

  it('computes revenue as quantity x unit price and makes credit-note invoices (C...) negative', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('qty-price.csv') });
    expect(s.mapping).toMatchObject({ customer: 'Cust #', quantity: 'Qty', unitPrice: 'Unit Price', product: 'StockCode', invoice: 'InvoiceNo' });
    expect(rows(w).map((r) => r.revenue)).toEqual([21, -10.5, -12, 4]);
    expect(s.returns).toBe(2);
    expect(s.warnings.join(' ')).toMatch(/product column 'StockCode' is used as the category level/);
  });
});

describe('files with fewer columns', () => {
  it('puts every sale in one category, with a warning, when there is neither a category nor a product column', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: sharedData('cdnowElog.csv') });
    expect(s).toMatchObject({ rowsImported: 6919, customers: 2357, categories: 1, dateFrom: '1997-01-01' });
    expect(s.warnings[0]).toMatch(/one category, 'All products'/);
  });

  it('does not read C as a credit note when most invoice numbers start with C', async () => {
    const { w, file } = await withFile('ci.csv', 'Customer,Date,Revenue,Category,Invoice\nA,2024-01-01,10,X,CI-1\nB,2024-01-02,20,X,CI-2\nC,2024-01-03,-5,X,CI-3\n');
    const s = await w.backend.call('import-run', { path: file });
    expect(rows(w).map((r) => r.revenue)).toEqual([10, 20, -5]);
    expect(s.returns).toBe(1);
    expect(s.warnings.join(' ')).toMatch(/start with C, so a C is not read as a credit note/);
  });

  it('reads customer names that differ only in case or spacing as one customer, and codes as written', async () => {
    const { w, file: names } = await withFile('by-name.csv', 'Name,Date,Item,Amount\nAcme Corp,2024-01-05,Widgets,100\nACME CORP,2024-02-05,Widgets,100\nAcme  Corp.,2024-03-05,Widgets,100\nBeta Supplies,2024-01-07,Gadgets,50\n');
    const s = await w.backend.call('import-run', { path: names });
    expect(s).toMatchObject({ rowsImported: 4, customers: 2 });
    expect(rows(w).map((r) => r.code)).toEqual(['Acme Corp', 'Acme Corp', 'Acme Corp', 'Beta Supplies']);
    expect(s.warnings.join(' ')).toContain("2 customer names differ from another only in case or spacing and were read as the same customer ('ACME CORP' as 'Acme Corp', 'Acme  Corp.' as 'Acme Corp')");

    const { w: coded, file: codes } = await withFile('by-code.csv', 'Customer,Date,Item,Amount\nab12,2024-01-05,Widgets,100\nAB12,2024-02-05,Widgets,100\nx@shop.com,2024-01-07,Gadgets,50\nX@Shop.com,2024-02-07,Gadgets,50\n');
    const c = await coded.backend.call('import-run', { path: codes });
    expect(c).toMatchObject({ rowsImported: 4, customers: 4 });
    expect(c.warnings.join(' ')).not.toMatch(/customer names? differs?/);
  });

  it('keeps sales whose hexadecimal order id starts with c as sales, with a note saying why', async () => {
    const orders = Array.from({ length: 48 }, (_, i) => createHash('md5').update(`order ${i}`).digest('hex'));
    const lines = orders.map((id, i) => `${id},cust${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,${(10 + i).toFixed(2)},cama_mesa_banho`);
    const { w, file } = await withFile('marketplace.csv', `order_id,customer_unique_id,order_purchase_timestamp,price,product_category_name\n${lines.join('\n')}\n`);
    expect(orders.some((id) => id.startsWith('c'))).toBe(true);
    const s = await w.backend.call('import-run', { path: file });
    expect(s.mapping).toMatchObject({ invoice: 'order_id', revenue: 'price' });
    expect(s.returns).toBe(0);
    expect(rows(w).every((r) => r.revenue > 0)).toBe(true);
    expect(rows(w).reduce((sum, r) => sum + r.revenue, 0)).toBeCloseTo(orders.reduce((sum, _, i) => sum + 10 + i, 0), 6);
    expect(s.warnings.join(' ')).toMatch(/Invoice numbers in 'order_id' start with any letter or digit .* so one starting with C is not read as a credit note/);
  });
});

describe('customer ids across files', () => {
  it('names ids that differ only by leading zeros, keeping them apart as written', async () => {
    const { w, file } = await withFile('padded.csv', 'Customer ID,Date,Amount\n00012748,2023-01-05,10.00\n00017841,2023-01-06,20.00\n00099999,2023-01-07,5.00\n');
    const first = await w.backend.call('import-run', { path: file });
    expect(first.warnings.join(' ')).not.toContain('leading zeros');
    const plain = path.join(w.dir, 'plain.csv');
    fs.writeFileSync(plain, 'Customer ID,Date,Amount\n12748,2023-02-05,10.00\n17841,2023-02-06,20.00\n55555,2023-02-07,5.00\n');
    const second = await w.backend.call('import-run', { path: plain });
    expect(w.backend.session.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 6 });
    expect(second.warnings).toContain(
      "2 customer ids in the workspace differ from another only by leading zeros ('00012748' and '12748', '00017841' and '17841'): they are kept as different customers, as the ids are written. If they are the same customers, write the ids one way in every file and import again.",
    );
  });
});
