import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const ITEMS = ['whole milk', 'other vegetables', 'rolls/buns', 'soda', 'yogurt', 'bottled water', 'root vegetables', 'tropical fruit', 'shopping bags', 'sausage'];

describe('a product known by its name alone', () => {
  it("takes the Groceries dataset's itemDescription as the product, so its items are the categories rather than one 'All products'", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'Groceries_dataset.csv');
    const rows = Array.from({ length: 300 }, (_, i) => [String(1000 + (i % 40)), `${String(1 + (i % 28)).padStart(2, '0')}-0${1 + (i % 9)}-2015`, ITEMS[(i * 7) % ITEMS.length]].join(','));
    fs.writeFileSync(file, ['Member_number,Date,itemDescription', ...rows, ''].join('\n'));
    const s = await w.backend.call('import-run', { path: file });
    expect(s.mapping).toMatchObject({ customer: 'Member_number', date: 'Date', product: 'itemDescription' });
    expect(s.mapping.productName).toBeUndefined();
    expect(s.categories).toBe(ITEMS.length);
    expect(s.warnings.some((x) => x.includes("'All products'"))).toBe(false);
  });

  it('keeps a description beside a product code, or beside a category, the product name', async () => {
    const w = await workspace();
    const coded = path.join(w.dir, 'coded.csv');
    fs.writeFileSync(coded, 'CustomerID,InvoiceDate,StockCode,Description,Quantity,UnitPrice\n17850,2010-12-01,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2.55\n13047,2010-12-02,71053,WHITE METAL LANTERN,6,3.39\n');
    expect((await w.backend.call('import-run', { path: coded, dryRun: true })).mapping).toMatchObject({ product: 'StockCode', productName: 'Description' });
    const grouped = path.join(w.dir, 'grouped.csv');
    fs.writeFileSync(grouped, 'Customer,Date,Category,Description,Amount\nA,2024-01-02,Dairy,whole milk,2.50\nB,2024-01-03,Bakery,rolls/buns,1.20\n');
    const g = await w.backend.call('import-run', { path: grouped, dryRun: true });
    expect(g.mapping).toMatchObject({ category: 'Category', productName: 'Description' });
    expect(g.mapping.product).toBeUndefined();
  });
});
