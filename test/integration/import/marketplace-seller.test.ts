import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../main/backend/import/mapping';
import { freshWorkspaces } from '../../helpers/workspace';
import { storeCounts } from './fixtures';

const workspace = freshWorkspaces();

const hash = (text: string): string => crypto.createHash('md5').update(text).digest('hex');

/** Olist's order items joined to their orders: each item names the marketplace seller that shipped it. */
function olistItems(file: string): void {
  const head = 'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value,customer_id,customer_unique_id,customer_state,order_status,order_purchase_timestamp,product_category_name';
  const rows = Array.from({ length: 60 }, (_, i) => {
    const order = Math.floor(i / 2);
    const day = String(1 + (order % 28)).padStart(2, '0');
    return [hash(`o${order}`), 1 + (i % 2), hash(`p${i % 9}`), hash(`s${i % 5}`), `2017-10-${day} 10:56:33`, (12.5 + i).toFixed(2), '8.72', hash(`c${order}`), hash(`u${order % 20}`), 'SP', 'delivered', `2017-10-${day} 09:00:00`, 'utilidades_domesticas'].join(',');
  });
  fs.writeFileSync(file, [head, ...rows, ''].join('\n'));
}

describe("a marketplace's seller is not the customer's sales rep", () => {
  it("leaves Olist's seller_id of hashes unmapped as the rep, so no customer gets a rep named by a hash", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'olist_items.csv');
    olistItems(file);
    const s = await w.backend.call('import-run', { path: file });
    expect(s.mapping.rep).toBeUndefined();
    expect(s.mapping).toMatchObject({ customer: 'customer_unique_id', revenue: 'price', category: 'product_category_name' });
    expect(storeCounts(w.backend).reps).toBe(0);
  });

  it("still maps a column named for the rep, and a Seller column of people's names, as the rep", () => {
    for (const header of ['Sales Rep', 'Salesperson', 'Account Manager', 'Rep', 'Seller']) {
      const headers = ['Customer ID', 'Date', 'Net Sales', header];
      const g = guessMapping(headers, [['C1', 'C2'], ['2024-01-02', '2024-01-03'], ['120.00', '80.50'], ['Ben Carter', 'Ana Ruiz']]);
      expect([header, g.find((x) => x.field === 'rep')?.column]).toEqual([header, header]);
    }
  });

  it('never takes a column of hashes or UUIDs for the rep, whatever its header', () => {
    const headers = ['Customer ID', 'Date', 'Net Sales', 'Seller'];
    for (const ids of [[hash('a'), hash('b')], ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', '6ba7b810-9dad-11d1-80b4-00c04fd430c8']]) {
      const g = guessMapping(headers, [['C1', 'C2'], ['2024-01-02', '2024-01-03'], ['120.00', '80.50'], ids]);
      expect(g.find((x) => x.field === 'rep')?.column).toBeNull();
    }
  });
});
