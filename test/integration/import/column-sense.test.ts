import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const COUNT_NOTE = /holds whole numbers from .* like a count of items/;

describe('amounts that read like something else', () => {
  it("says so when the revenue holds small whole numbers beside a column of larger amounts (Ta-Feng's AMOUNT beside SALES_PRICE)", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'tafeng.csv');
    fs.writeFileSync(
      file,
      [
        'TRANSACTION_DT,CUSTOMER_ID,AGE_GROUP,PIN_CODE,PRODUCT_SUBCLASS,PRODUCT_ID,AMOUNT,ASSET,SALES_PRICE',
        '2000-11-01,01104905,45-49,115,110411,4710199010372,2,24,30',
        '2000-11-01,00418683,45-49,115,120107,4710857472535,1,48,46',
        '2000-11-02,01057331,35-39,115,100407,4710043654103,3,213,249',
        '',
      ].join('\n'),
    );
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s.mapping).toMatchObject({ revenue: 'AMOUNT', category: 'PRODUCT_SUBCLASS' });
    expect(s.warnings).toContain(
      "'AMOUNT' holds whole numbers from 1 to 3 in the first 3 rows, like a count of items, while 'SALES_PRICE' holds larger or decimal amounts. If 'AMOUNT' counts items, map --map quantity=AMOUNT and the money with --map revenue=<column> (or --map unitPrice=<column>).",
    );
    const fixed = await w.backend.call('import-run', { path: file, dryRun: true, mapping: { quantity: 'AMOUNT', revenue: 'SALES_PRICE', unitPrice: null } });
    expect(fixed).toMatchObject({ revenue: 325 });
    expect(fixed.warnings.some((x) => COUNT_NOTE.test(x))).toBe(false);
  });

  it('stays quiet on whole-number revenue beside keys, and on amounts with cents', async () => {
    const w = await workspace();
    const keys = path.join(w.dir, 'keys.csv');
    fs.writeFileSync(keys, 'Customer,Date,Revenue,Store No\nA,2024-01-05,12,1204\nB,2024-01-06,40,3311\n');
    expect((await w.backend.call('import-run', { path: keys, dryRun: true })).warnings.some((x) => COUNT_NOTE.test(x))).toBe(false);
    const cents = path.join(w.dir, 'cents.csv');
    fs.writeFileSync(cents, 'Customer,Date,Revenue,Weight\nA,2024-01-05,12.50,1204\nB,2024-01-06,40.00,3311\n');
    expect((await w.backend.call('import-run', { path: cents, dryRun: true })).warnings.some((x) => COUNT_NOTE.test(x))).toBe(false);
  });

  it('reads customer ids written as 17850.0 (pandas, a spreadsheet) as 17850, on every path, so two exports of one system meet on them', async () => {
    for (const options of [{ parseInWorkerAboveMb: 1e6 }, { parseInWorkerAboveMb: 0 }, { engine: 'duckdb' as const }]) {
      const w = await workspace();
      const plain = path.join(w.dir, 'plain.csv');
      fs.writeFileSync(plain, 'CustomerID,InvoiceDate,Category,Revenue\n17850,2011-01-05,Lights,10.00\n13047,2011-01-06,Lights,20.00\n');
      const floated = path.join(w.dir, 'floated.csv');
      fs.writeFileSync(floated, 'CustomerID,InvoiceDate,Category,Revenue\n17850.0,2011-02-05,Lights,30.00\n13047.0,2011-02-06,Lights,40.00\n12345.5,2011-02-07,Lights,5.00\n');
      await w.backend.call('import-run', { path: plain, ...options });
      const s = await w.backend.call('import-run', { path: floated, ...options });
      expect(s.warnings).toContain(
        "2 customer ids in 'CustomerID' are whole numbers written with a zero fraction (17850.0, as a spreadsheet or pandas writes a number column with gaps): read as 17850, so they meet the same customers in files that write them plainly.",
      );
      const codes = w.backend.session.db.prepare('SELECT c.code, sum(t.revenue) AS revenue FROM transactions t JOIN customers c ON c.id = t.customer_id GROUP BY c.code ORDER BY c.code').all();
      expect(codes).toEqual([
        { code: '12345.5', revenue: 5 },
        { code: '13047', revenue: 60 },
        { code: '17850', revenue: 40 },
      ]);
    }
  });
});

describe("a web shop's orders export (Shopify)", () => {
  it("takes each line's price x quantity, not the order's Subtotal written on its first line only; the order number, not a name; and skips refunded orders, every line of them", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'orders_export.csv');
    fs.writeFileSync(
      file,
      [
        'Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Vendor',
        '#1001,anna@example.com,paid,2023-01-05 10:00:00 +0100,fulfilled,EUR,30.00,5.00,6.65,41.65,,0.00,2023-01-05 09:58:00 +0100,1,Blue Mug,10.00,MUG-B,Acme',
        '#1001,anna@example.com,,,,,,,,,,,2023-01-05 09:58:00 +0100,2,Red Plate,10.00,PLT-R,Acme',
        '#1002,bob@example.com,paid,2023-01-16 11:00:00 +0100,fulfilled,EUR,90.00,0.00,17.10,107.10,WELCOME,10.00,2023-01-16 10:58:00 +0100,2,Teapot,50.00,TEA-1,Brewco',
        '#1003,anna@example.com,refunded,2023-02-01 12:00:00 +0100,fulfilled,EUR,20.00,5.00,4.75,29.75,,0.00,2023-02-01 11:00:00 +0100,1,Green Mug,20.00,MUG-G,Acme',
        '#1003,anna@example.com,,,,,,,,,,,2023-02-01 11:00:00 +0100,4,Saucer,5.00,SAU-1,Acme',
        '#1004,cara@example.com,paid,2023-02-10 09:00:00 +0100,fulfilled,EUR,45.00,5.00,9.50,59.50,,0.00,2023-02-10 08:58:00 +0100,3,Blue Mug,15.00,MUG-B,Acme',
        '',
      ].join('\n'),
    );
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s.mapping).toMatchObject({ customer: 'Email', invoice: 'Name', quantity: 'Lineitem quantity', unitPrice: 'Lineitem price', product: 'Lineitem sku', status: 'Financial Status' });
    expect(s.mapping.revenue).toBeUndefined();
    expect(s.mapping.customerName).toBeUndefined();
    // 10 + 2 x 10 + 2 x 50 + 3 x 15: the refunded order's two lines are skipped (its status is on
    // its first line only), no line is rejected.
    expect(s).toMatchObject({ rowsRead: 6, rowsImported: 4, rowsRejected: 0, rowsSkipped: 2, revenue: 175, customers: 3 });
    expect(s.warnings.join(' ')).toContain("'Financial Status' is written on each order's first line only: 2 lines");
  });
});
