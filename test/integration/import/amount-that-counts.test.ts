import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE, sharedData } from './fixtures';

const workspace = freshWorkspaces();

type Line = { invoice: string; code: string; quantity: number; day: string; price: string; customer: string };

/** Splits one CSV line, quotes and all (Online Retail quotes descriptions holding commas). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') cell += line[++i];
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
}

/** Online Retail's first sales with a customer: real prices, a sixth of them under 1. */
function onlineRetailSales(count: number): Line[] {
  const text = zlib.gunzipSync(fs.readFileSync(sharedData('online_retail.csv.gz'))).toString('utf8');
  const out: Line[] = [];
  for (const row of text.split('\n').slice(1)) {
    const [invoice, code, , quantity, date, price, customer] = cellsOf(row.trim());
    if (!customer || invoice.startsWith('C') || Number(quantity) <= 0 || Number(price) <= 0) continue;
    out.push({ invoice, code, quantity: Number(quantity), day: date.slice(0, 10), price, customer });
    if (out.length === count) break;
  }
  return out;
}

const cents = (line: Line): number => Math.round(line.quantity * Number(line.price) * 100);
const mdy = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}/${day.slice(0, 4)}`;

const SALES = onlineRetailSales(3000);
const TRUE_REVENUE = SALES.reduce((sum, line) => sum + cents(line), 0) / 100;
const TOTAL_ITEMS = SALES.reduce((sum, line) => sum + line.quantity, 0);

describe('an amount column that counts items beside the money', () => {
  it("reads Ta-Feng's AMOUNT as the quantity and its SALES_PRICE as each line's money, though cheap items leave many lines below their count", async () => {
    const file = (dir: string, withProduct: boolean): string => {
      const at = path.join(dir, withProduct ? 'tafeng.csv' : 'tafeng-no-product.csv');
      const head = ['TRANSACTION_DT', 'CUSTOMER_ID', 'AGE_GROUP', 'PIN_CODE', 'PRODUCT_SUBCLASS', ...(withProduct ? ['PRODUCT_ID'] : []), 'AMOUNT', 'ASSET', 'SALES_PRICE'];
      const rows = SALES.map((s) => {
        const line = (cents(s) / 100).toFixed(2);
        return [mdy(s.day), s.customer, '30-34', '105', `SC${s.code.slice(0, 2)}`, ...(withProduct ? [s.code] : []), String(s.quantity), (Number(line) * 0.8).toFixed(2), line].join(',');
      });
      fs.writeFileSync(at, [head.join(','), ...rows, ''].join('\n'));
      return at;
    };
    for (const [options, engine] of EVERY_ENGINE) {
      const w = await workspace();
      const s = await w.backend.call('import-run', { path: file(w.dir, true), dateFormat: 'mdy', ...options });
      expect([engine, s.engine, s.mapping.quantity, s.mapping.revenue, s.mapping.unitPrice]).toEqual([engine, engine, 'AMOUNT', 'SALES_PRICE', undefined]);
      expect(s.revenue).toBeCloseTo(TRUE_REVENUE, 2);
      expect(s.revenue).not.toBeCloseTo(TOTAL_ITEMS, 0);
    }
    // Without the product column, the line's money still rises with the count across the rows.
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: file(w.dir, false), dateFormat: 'mdy', dryRun: true });
    expect(s.mapping).toMatchObject({ quantity: 'AMOUNT', revenue: 'SALES_PRICE' });
    expect(s.revenue).toBeCloseTo(TRUE_REVENUE, 2);
  });

  it('reads an Amount of whole counts beside a Price with cents as the quantity at that unit price', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'amount-and-price.csv');
    fs.writeFileSync(file, ['Date,Customer,Item,Amount,Price', ...SALES.map((s) => [s.day, s.customer, s.code, s.quantity, s.price].join(',')), ''].join('\n'));
    const s = await w.backend.call('import-run', { path: file });
    expect(s.mapping).toMatchObject({ quantity: 'Amount', unitPrice: 'Price' });
    expect(s.mapping.revenue).toBeUndefined();
    expect(s.revenue).toBeCloseTo(TRUE_REVENUE, 2);
  });

  it('keeps an amount of small whole numbers the money where its header names money, or where the price beside it gives no sign of being money', async () => {
    const w = await workspace();
    const named = path.join(w.dir, 'line-value.csv');
    const rows = SALES.slice(0, 200).map((s, i) => [s.day, s.customer, s.code, 1 + (i % 7), s.price]);
    fs.writeFileSync(named, ['Date,Customer,Item,Line Value,Price', ...rows.map((r) => r.join(',')), ''].join('\n'));
    const lineValue = await w.backend.call('import-run', { path: named, dryRun: true });
    expect(lineValue.mapping).toMatchObject({ revenue: 'Line Value', unitPrice: 'Price' });
    // Kept the money, it is still said to look like a count, and how to read it as one.
    expect(lineValue.warnings.join('\n')).toContain("'Line Value' holds whole numbers from 1 to 7 in the first 200 rows, like a count of items");
    // A line's total with cents beside its unit price, nothing counting the items: said as read, once.
    const totals = path.join(w.dir, 'line-totals.csv');
    fs.writeFileSync(totals, ['Date,Customer,Item,Amount,Price', ...SALES.slice(0, 200).map((s) => [s.day, s.customer, s.code, (cents(s) / 100).toFixed(2), s.price].join(',')), ''].join('\n'));
    const besidePrice = await w.backend.call('import-run', { path: totals, dryRun: true });
    expect(besidePrice.mapping).toMatchObject({ revenue: 'Amount', unitPrice: 'Price' });
    expect(besidePrice.warnings.filter((x) => x.includes("'Amount' is read as each line's money and 'Price' as a price per unit, with no column counting the items."))).toHaveLength(1);
    expect(besidePrice.warnings.join('\n')).not.toContain('like a count of items');
    // Whole prices mostly below the amount: nothing says the amount is not the money.
    const plain = path.join(w.dir, 'whole-prices.csv');
    fs.writeFileSync(plain, ['Date,Customer,Item,Amount,Price', ...rows.map((r, i) => [...r.slice(0, 4), 1 + (i % 3)].join(',')), ''].join('\n'));
    expect((await w.backend.call('import-run', { path: plain, dryRun: true })).mapping).toMatchObject({ revenue: 'Amount', unitPrice: 'Price' });
  });
});
