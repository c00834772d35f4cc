import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewBackend, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';

let t: { dir: string; cleanup: () => void };
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID';
const PRODUCTS = ['10001 RED MUG', '10002 BLUE MUG', '20001 OAK FRAME', '20002 PINE FRAME', '30001 JUTE BAG', '30002 CANVAS BAG'];

/**
 * A gift shop's year as an online retailer's file writes it: 24 customers buying mugs, frames and
 * bags every month, and on 2011-06-10 customer 90001's mistyped line (60 bags at £649.50 each
 * instead of £4.95) voided by a manual credit the same hour. Also a manual credit on a day that
 * customer bought nothing, and a postage refund on a day it did: both stay out.
 */
function writeFile(file: string): void {
  const lines = [HEADER];
  let invoice = 500000;
  for (let c = 0; c < 24; c++) {
    const customer = 90001 + c;
    for (let month = 1; month <= 12; month++) {
      const date = `2011-${String(month).padStart(2, '0')}-${String(3 + (c % 20)).padStart(2, '0')} 10:00:00`;
      invoice++;
      for (let p = 0; p < 3; p++) {
        const [code, ...name] = PRODUCTS[(c + p + month) % PRODUCTS.length].split(' ');
        lines.push(`${invoice},${code},${name.join(' ')},${2 + ((c + p) % 5)},${date},${(3.5 + p).toFixed(2)},${customer}`);
      }
    }
  }
  lines.push(
    '556442,30001,JUTE BAG,60,2011-06-10 15:22:00,4.95,90001',
    '556444,30001,JUTE BAG,60,2011-06-10 15:28:00,649.50,90001',
    'C556445,M,Manual,-1,2011-06-10 15:31:00,38970.00,90001',
    'C556446,POST,POSTAGE,-1,2011-06-10 15:40:00,18.00,90001',
    'C556447,M,Manual,-1,2011-06-20 09:00:00,25.00,90001',
    '556448,POST,POSTAGE,1,2011-07-05 09:00:00,18.00,90002',
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

const cli = (args: string[]): Promise<CliResult> => runInNewBackend(args, t.dir, new Date('2012-01-15T09:00:00Z'));

beforeAll(() => {
  t = tempDir();
  writeFile(path.join(t.dir, 'gift shop.csv'));
});
afterAll(() => t.cleanup());

describe('a manual credit voiding a mistyped line the same day', () => {
  it("nets the customer's goods that day, so its revenue is what it bought, and summary.json counts the credit", async () => {
    const r = await cli(['run', 'gift shop.csv', '--out', 'results', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(t.dir, 'results', 'summary.json'), 'utf8'));
    expect(summary.product_level.same_day_credit_rows).toBe(1);
    expect(summary.product_level.same_day_credit_revenue).toBe(-38970);
    expect(summary.notes.join(' ')).toMatch(/Except 1 credit of adjustments and discounts \(-\$38,970\) booked on a day the same customer bought goods: it nets that day's goods/);

    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(t.dir, 'results', 'customers.csv'), 'utf8').trim(), { header: true }).data;
    const revenueOf = (code: string): number => Number(rows.find((row) => row.customer_id === code)?.revenue_12m);
    // Its twelve monthly baskets, as the file writes them, plus the day of the voided line: the
    // 60 bags at £4.95 and the 60 at £649.50 less the £38,970 credit. The later credit, on a day it
    // bought nothing, and the postage refund stay out with their lines.
    const source = fs.readFileSync(path.join(t.dir, 'gift shop.csv'), 'utf8').trim().split('\n').slice(1);
    const monthly = source
      .map((l) => l.split(','))
      .filter((f) => f[6] === '90001' && !f[0].startsWith('5564') && !f[0].startsWith('C'))
      .reduce((s, f) => s + Number(f[3]) * Number(f[5]), 0);
    expect(revenueOf('90001')).toBeCloseTo(monthly + 60 * 4.95 + 60 * 649.5 - 38970, 2);
  });
});
