import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE, storeCounts, warehouseCube } from './fixtures';

const workspace = freshWorkspaces();

/** A web shop's event log (REES46's layout): `rows` events, every fourth one a purchase. */
function eventLog(file: string, rows: number): { purchases: number; revenue: number } {
  const kinds = ['view', 'cart', 'view', 'purchase'];
  const lines = ['event_time,event_type,product_id,category_code,brand,price,user_id,user_session'];
  let purchases = 0;
  let revenue = 0;
  for (let i = 0; i < rows; i++) {
    const kind = kinds[i % 4];
    const price = 10 + (i % 7) * 2.5;
    if (kind === 'purchase') {
      purchases++;
      revenue += price;
    }
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`2019-10-${day} 0${i % 10}:00:00 UTC,${kind},${1000 + (i % 13)},appliances.kitchen.kettle,acme,${price.toFixed(2)},${500 + (i % 41)},s${i}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { purchases, revenue };
}

/** An accounting report's sales by customer (QuickBooks' layout): invoices, sales receipts, credit memos written negative, and estimates. */
function salesByCustomer(file: string): { kept: number; estimates: number; revenue: number } {
  const types = ['Invoice', 'Sales Receipt', 'Invoice', 'Estimate', 'Credit Memo'];
  const lines = ['Type,Date,Num,Name,Category,Qty,Sales Price,Amount'];
  let kept = 0;
  let estimates = 0;
  let revenue = 0;
  for (let i = 0; i < 500; i++) {
    const type = types[i % types.length];
    const amount = (type === 'Credit Memo' ? -1 : 1) * (20 + (i % 9) * 5);
    if (type === 'Estimate') estimates++;
    else {
      kept++;
      revenue += amount;
    }
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`${type},2024-03-${day},${1000 + i},Customer ${i % 23},${i % 2 ? 'Parts' : 'Labour'},1,${Math.abs(amount).toFixed(2)},${amount.toFixed(2)}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { kept, estimates, revenue };
}

describe('rows whose status says they are no sale', () => {
  it("reads an accounting report's Type as the status: estimates skipped, invoices, receipts and credit memos kept with their sign, by every engine", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales-by-customer.csv');
    const truth = salesByCustomer(file);
    for (const [options] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.mapping).toMatchObject({ status: 'Type', revenue: 'Amount' });
      expect(s).toMatchObject({ rowsRead: 500, rowsImported: truth.kept, rowsSkipped: truth.estimates, rowsRejected: 0 });
      expect(s.revenue).toBeCloseTo(truth.revenue, 2);
      expect(s.warnings).toContain(`100 rows are no sale by 'Type' and were skipped: Estimate (100). Rows read 500 = imported ${truth.kept} + rejected 0 + skipped 100.`);
    }
  });


  it('gives a credit memo or refund written with a positive amount the sign of a credit, by every engine and in the warehouse cube query', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'ledger-by-type.csv');
    const types = ['Invoice', 'Invoice', 'Credit Memo', 'Sales Receipt', 'Refund'];
    const lines = ['Type,Date,Num,Name,Category,Amount'];
    let revenue = 0;
    let credits = 0;
    for (let i = 0; i < 400; i++) {
      const type = types[i % types.length];
      const amount = 30 + (i % 7) * 5;
      const credit = type === 'Credit Memo' || type === 'Refund';
      if (credit) credits++;
      revenue += credit ? -amount : amount;
      lines.push(`${type},2024-05-${String((i % 28) + 1).padStart(2, '0')},${2000 + i},Customer ${i % 19},${i % 2 ? 'Parts' : 'Labour'},${amount.toFixed(2)}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    for (const [options] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s).toMatchObject({ rowsRead: 400, rowsImported: 400, rowsRejected: 0, returns: credits });
      expect(s.revenue).toBeCloseTo(revenue, 2);
    }
    const cube = path.join(w.dir, 'cube.csv');
    await warehouseCube(file, { customer: 'Name', date: 'Date', category: 'Category', revenue: 'Amount', status: 'Type' }, cube);
    const fromCube = await w.backend.call('import-run', { path: cube, dryRun: true });
    expect(fromCube.revenue).toBeCloseTo(revenue, 2);
  });

  it("skips a web shop's views and carts, counts them, and sums the purchases alone, line by line, in the parser thread and through DuckDB", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'events.csv');
    const truth = eventLog(file, 2000);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s).toMatchObject({ rowsRead: 2000, rowsImported: truth.purchases, rowsRejected: 0, rowsSkipped: 2000 - truth.purchases, engine });
      expect(s.rowsRead).toBe(s.rowsImported + s.rowsRejected + s.rowsSkipped);
      expect(s.revenue).toBeCloseTo(truth.revenue, 2);
      expect(s.mapping).toMatchObject({ customer: 'user_id', status: 'event_type', revenue: 'price' });
      expect(s.warnings).toContain("1,500 rows are no sale by 'event_type' and were skipped: view (1,000), cart (500). Rows read 2,000 = imported 500 + rejected 0 + skipped 1,500.");
    }
    // Views are no rows kept: a file of distinct events whose purchases are a quarter of its lines
    // sums to a quarter of them (too little a saving for DuckDB to pay).
    const auto = await w.backend.call('import-run', { path: file, dryRun: true, engine: 'auto', aggregateAboveMb: 0 });
    expect(auto.engine).toBe('lines');
    expect(auto.warnings).toContain(
      'Imported line by line, not through DuckDB: in the first 2,000 lines, summing per customer x category x day leaves about 25 rows for every 100 lines, so summing first would save little and reading line by line is faster.',
    );
    // DuckDB skips them in its pass: the purchases it sums are the lines' own.
    const lines = await w.backend.call('import-run', { path: file });
    const summed = await (await workspace()).backend.call('import-run', { path: file, engine: 'duckdb' });
    expect([summed.rowsImported, summed.revenue, summed.customers]).toEqual([lines.rowsImported, lines.revenue, lines.customers]);
  });

  it('skips a view before checking it, and rejects a bad purchase with its row, line by line, in the parser thread and through DuckDB alike', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'events.csv');
    eventLog(file, 400);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // Line 2 is a view with no user; line 5 a purchase with no price.
    lines[1] = lines[1].replace(/,\d+,s0$/, ',,s0');
    lines[4] = lines[4].replace(/,acme,[\d.]+,/, ',acme,n/a,');
    fs.writeFileSync(file, lines.join('\n'));
    for (const [options, engine] of [
      [{ engine: 'lines' as const }, 'lines'],
      [{ engine: 'lines' as const, parseInWorkerAboveMb: 0 }, 'lines'],
      [{ engine: 'duckdb' as const }, 'duckdb'],
    ] as const) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s).toMatchObject({ engine, rowsRead: 400, rowsImported: 99, rowsRejected: 1, rowsSkipped: 300 });
      expect(s.warnings).toContain("300 rows are no sale by 'event_type' and were skipped: view (200), cart (100). Rows read 400 = imported 99 + rejected 1 + skipped 300.");
      expect(s.rejectsSample).toEqual([{ row: 5, column: 'price', value: 'n/a', reason: "'n/a' is not a number" }]);
    }
  });

  it('reads runs of one status the same in the parser thread as line by line (statuses repeat from row to row)', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'runs.csv');
    const lines = ['Order,Customer,Date,Category,Sales,Status'];
    // Runs of 1 to 7 rows per status, padded and cased as exports write them.
    const statuses = ['Shipped', 'Shipped', ' Cancelled', 'On Hold', 'CANCELLED', 'Shipped'];
    let cancelled = 0;
    for (let i = 0; i < 3000; i++) {
      const status = statuses[Math.floor(i / ((i % 7) + 1)) % statuses.length];
      if (/cancelled/i.test(status)) cancelled++;
      lines.push(`${10000 + i},C${i % 53},2024-${String((i % 12) + 1).padStart(2, '0')}-15,Cat${i % 4},${(i % 90) + 0.5},${status}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const [line, thread] = [
      await w.backend.call('import-run', { path: file, dryRun: true, parseInWorkerAboveMb: 1e6 }),
      await w.backend.call('import-run', { path: file, dryRun: true, parseInWorkerAboveMb: 0 }),
    ];
    expect(line).toMatchObject({ rowsRead: 3000, rowsImported: 3000 - cancelled, rowsSkipped: cancelled });
    expect([thread.rowsImported, thread.rowsSkipped, thread.revenue, thread.warnings]).toEqual([line.rowsImported, line.rowsSkipped, line.revenue, line.warnings]);
  });

  it("keeps an order's every status but a cancellation, and imports every row when the status is unmapped", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'orders.csv');
    fs.writeFileSync(
      file,
      [
        'ORDERNUMBER,CUSTOMERNAME,ORDERDATE,PRODUCTLINE,SALES,STATUS',
        '10107,Land of Toys Inc.,2003-02-24,Motorcycles,2871.00,Shipped',
        '10121,Reims Collectables,2003-05-07,Motorcycles,2765.90,Shipped',
        '10134,Lyon Souveniers,2003-07-01,Classic Cars,3884.34,On Hold',
        '10145,Toys4GrownUps.com,2003-08-25,Classic Cars,3746.70,Disputed',
        '10180,Reims Collectables,2003-11-11,Motorcycles,2497.77,Cancelled',
        '',
      ].join('\n'),
    );
    const kept = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(kept).toMatchObject({ rowsRead: 5, rowsImported: 4, rowsSkipped: 1, revenue: 13267.94 });
    expect(kept.warnings).toContain("1 row is no sale by 'STATUS' and was skipped: Cancelled (1). Rows read 5 = imported 4 + rejected 0 + skipped 1.");
    const all = await w.backend.call('import-run', { path: file, mapping: { status: null } });
    expect(all).toMatchObject({ rowsRead: 5, rowsImported: 5, rowsSkipped: 0, revenue: 15765.71 });
    expect(all.mapping).not.toHaveProperty('status');
  });

  it("leaves the same rows out of the warehouse's cube query (longtail sql --map status=...), so its cube sums the purchases alone", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'events.csv');
    const truth = eventLog(file, 2000);
    const cube = path.join(w.dir, 'cube.csv');
    const query = await warehouseCube(file, { customer: 'user_id', date: 'event_time', category: 'category_code', revenue: 'price', status: 'event_type' }, cube);
    expect(query).toContain("-- Lines whose event_type says they are no sale (views, carts, cancelled orders, quotes) are left out.");
    const s = await w.backend.call('import-run', { path: cube });
    expect(s.shape).toBe('cube');
    expect(s.revenue).toBeCloseTo(truth.revenue, 2);
  });

  it('refuses a log of views alone with what its rows are, and stores nothing', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'views.csv');
    fs.writeFileSync(file, 'event_time,event_type,product_id,price,user_id\n2019-10-01 00:00:00 UTC,view,44600062,35.79,541312140\n2019-10-01 00:00:05 UTC,view,3900821,33.20,554748717\n');
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_EMPTY' } });
    expect(outcome.ok ? '' : outcome.error.message).toBe(
      "None of the 2 rows of views.csv is a sale: by 'event_type', they are view (2). Nothing was imported. If these rows are sales, import again with --map status= (unmapped).",
    );
    expect(storeCounts(w.backend)).toEqual(before);
  });
});
