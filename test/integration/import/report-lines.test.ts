import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE } from './fixtures';

const workspace = freshWorkspaces();

/** A report-style export: each month's sales, then the month's 'Total' line, and a 'Grand Total' at the end. */
function monthlyReport(file: string): { sales: number; revenue: number; totals: number } {
  const lines = ['Date,Customer,Category,Revenue'];
  let sales = 0;
  let revenue = 0;
  let totals = 0;
  for (let month = 1; month <= 6; month++) {
    let monthRevenue = 0;
    for (let c = 0; c < 25; c++) {
      const amount = 40 + ((c * 7 + month * 3) % 19) * 5;
      lines.push(`2024-0${month}-${String(1 + ((c * 3) % 27)).padStart(2, '0')},${c % 5 === 0 ? `Total Supply Co ${c}` : `C${c}`},${c % 2 ? 'Pumps' : 'Valves'},${amount}`);
      sales++;
      monthRevenue += amount;
    }
    lines.push(`2024-0${month}-28,${month % 2 ? 'Total' : 'Summe:'},All,${monthRevenue}`);
    totals++;
    revenue += monthRevenue;
  }
  lines.push(`2024-06-30,Grand Total,All,${revenue}`);
  totals++;
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { sales, revenue, totals };
}

describe("a report's totals lines", () => {
  it('rejects them as totals, not customers, in every engine, so revenue is not counted twice', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'monthly-report.csv');
    const truth = monthlyReport(file);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: truth.sales + truth.totals, rowsImported: truth.sales, rowsRejected: truth.totals });
      expect(s.revenue).toBeCloseTo(truth.revenue, 6);
      // 'Total Supply Co 5' is a customer whose name starts with the word: it stays.
      expect(s.customers).toBe(25);
      const reasons = s.rejectsSample.map((r) => `${r.column} ${r.value}: ${r.reason}`);
      expect(reasons).toContain("Customer Total: 'Total' is a totals line of the report, not a customer: its amount repeats the sales above it, so it is not imported");
      expect(reasons.some((r) => r.startsWith("Customer Summe:: 'Summe:' is a totals line"))).toBe(true);
      expect(reasons.some((r) => r.startsWith("Customer Grand Total: 'Grand Total' is a totals line"))).toBe(true);
    }
  });
});

describe("a totals line labelled with more than 'Total'", () => {
  it("is rejected in every engine: 'Grand total (EUR)', 'Total Sales', 'Report Total', 'TOTAL USD', 'Totaal generaal', on a dated line", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'labelled-totals.csv');
    const labels = ['Grand total (EUR)', 'Total Sales', 'Report Total', 'TOTAL USD', 'Totaal generaal'];
    const lines = ['Customer,Date,Category,Amount', 'C1,2023-01-05,Pumps,100.00', 'C2,2023-01-09,Pumps,200.00', 'Total Supply Co,2023-01-17,Seals,300.00'];
    for (const label of labels) lines.push(`${label},2023-01-31,All,600.00`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 8, rowsImported: 3, rowsRejected: 5, revenue: 600, customers: 3 });
      expect(s.rejectsSample.map((r) => r.value)).toEqual(labels);
    }
  });
});

describe("a spend table's totals line", () => {
  it('is rejected as totals, so the customers are not joined by one that bought everything', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'spend-by-customer.csv');
    fs.writeFileSync(file, 'Customer,Fresh,Milk,Frozen\nA1,100,20,5\nB2,40,60,0\nC3,10,0,90\nGrand Total,150,80,95\n');
    const s = await w.backend.call('import-run', { path: file, asOf: '2025-06-30' });
    expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 4, rowsImported: 3, rowsRejected: 1, customers: 3, revenue: 325 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 5, column: 'Customer', value: 'Grand Total' });
  });
});

describe("a report's header repeated on each page", () => {
  it('is rejected as the header line again, in every engine', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'paged-report.csv');
    const header = 'Date,Customer,Category,Revenue';
    const lines = [header];
    for (let i = 0; i < 90; i++) {
      if (i > 0 && i % 30 === 0) lines.push(header);
      lines.push(`2024-03-${String(1 + (i % 28)).padStart(2, '0')},C${i % 17},${i % 2 ? 'Pumps' : 'Valves'},${10 + i}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s).toMatchObject({ rowsRead: 92, rowsImported: 90, rowsRejected: 2 });
      expect(s.rejectsSample.map((r) => [r.row, r.value, r.reason])).toEqual([
        [32, 'Date', 'the header line again, as a report repeats it on each page: not a sale'],
        [63, 'Date', 'the header line again, as a report repeats it on each page: not a sale'],
      ]);
    }
  });
});

describe("a group's totals line", () => {
  it("is named as such where it has no date ('Acme Total', 'Total for Beta'), and a dated customer called 'Total Supply' is kept", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'by-customer.csv');
    const lines = ['Customer,Date,Category,Revenue'];
    for (const name of ['Acme', 'Beta', 'Total Supply']) {
      for (let i = 1; i <= 4; i++) lines.push(`${name},2024-0${i}-1${i},Pumps,${10 * i}`);
      if (name === 'Acme') lines.push('Acme Total,,,100');
      if (name === 'Beta') lines.push('Total for Beta,,,100');
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ rowsRead: 14, rowsImported: 12, rowsRejected: 2, customers: 3 });
    expect(s.rejectsSample.map((r) => [r.column, r.reason])).toEqual([
      ['Customer', "'Acme Total' with no date is a group's totals line of the report, not a sale"],
      ['Customer', "'Total for Beta' with no date is a group's totals line of the report, not a sale"],
    ]);
  });
});

describe("a report's heading and totals lines with neither customer nor date", () => {
  it('are named as such, as in a QuickBooks Sales by Customer Detail export', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales-by-customer-detail.csv');
    fs.writeFileSync(
      file,
      [
        ',Type,Date,Num,Name,Product/Service,Qty,Sales Price,Amount',
        'Acme Inc,,,,,,,,',
        ',Invoice,01/05/2024,1001,Acme Inc,Pumps,2,50.00,100.00',
        ',Invoice,02/11/2024,1007,Acme Inc,Valves,1,50.00,50.00',
        'Total for Acme Inc,,,,,,,,$150.00',
        'Beta Corp,,,,,,,,',
        ',Invoice,01/09/2024,1003,Beta Corp,Pumps,1,120.00,120.00',
        'Total for Beta Corp,,,,,,,,$120.00',
        'TOTAL,,,,,,,,$270.00',
        '',
      ].join('\n'),
    );
    // Every day is 12 or under: the order is asked, with a date of the file as the example, not the heading's blank.
    const asked = await w.backend.invoke('import-run', { path: file, dryRun: true });
    expect(asked).toMatchObject({ ok: false, error: { code: 'IMPORT_AMBIGUOUS_DATES' } });
    expect(!asked.ok && asked.error.message).toContain("The dates in 'Date' could be month-first or day-first (e.g. 01/05/2024)");
    const s = await w.backend.call('import-run', { path: file, dryRun: true, dateFormat: 'mdy' });
    expect(s).toMatchObject({ rowsImported: 3, rowsRejected: 5, revenue: 270, customers: 2 });
    expect(new Set(s.rejectsSample.map((r) => r.reason))).toEqual(new Set(['no customer and no date (Name and Date are empty): a heading, totals or note line of the report, not a sale']));
  });
});

describe('a spend table whose last line sums the lines above it, with no label to say so', () => {
  it('rejects that line as totals, so no customer bought everything, and keeps a last customer that sums nothing', async () => {
    const w = await workspace();
    const totals = path.join(w.dir, 'spend-with-totals.csv');
    fs.writeFileSync(totals, 'Region,Fresh,Milk,Frozen\nNorth,100,20,5\nSouth,40,60,0\nNorth,10,0,90\nAll,150,80,95\n');
    const s = await w.backend.call('import-run', { path: totals, asOf: '2025-06-30', dryRun: true });
    expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 4, rowsImported: 3, rowsRejected: 1, customers: 3, revenue: 325 });
    expect(s.rejectsSample).toEqual([{ row: 5, column: null, value: null, reason: 'each amount is the sum of the lines above it: a totals line of the table, not a customer' }]);

    const plain = path.join(w.dir, 'spend.csv');
    fs.writeFileSync(plain, 'Region,Fresh,Milk,Frozen\nNorth,100,20,5\nSouth,40,60,0\nNorth,10,0,90\nWest,150,80,96\n');
    const kept = await w.backend.call('import-run', { path: plain, asOf: '2025-06-30', dryRun: true });
    expect(kept).toMatchObject({ rowsRead: 4, rowsImported: 4, rowsRejected: 0, customers: 4 });
  });
});
