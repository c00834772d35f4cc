import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductGroupsView } from '../../../shared/contract/products';
import { newWorkspace } from '../../helpers/workspace';

const COLOURS = ['RED', 'BLUE', 'GREEN', 'PINK', 'WHITE', 'BLACK'];
const PATTERNS = ['SPOT', 'STRIPE', 'FLORAL', 'HEART', 'STAR'];

/**
 * A gift shop's order lines: 30 mugs and 30 bags, each basket three of a kind, and a red harmonica,
 * by far the dearest line, bought only alongside mugs, so its description names no group and what
 * it is bought with places it among the mugs. Every basket pays postage, a line that is no product.
 */
function giftShop(file: string): void {
  const mugs = COLOURS.flatMap((c) => PATTERNS.map((p) => `${c} ${p} MUG`));
  const bags = COLOURS.flatMap((c) => PATTERNS.map((p) => `${c} ${p} BAG`));
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  let invoice = 500000;
  for (let b = 0; b < 240; b++) {
    const first = b % 30;
    const names = b % 2 === 0 ? mugs : bags;
    const code = (i: number) => `${b % 2 === 0 ? 'M' : 'B'}${String(i).padStart(3, '0')}`;
    const basket = [first, (first + 7) % 30, (first + 13) % 30].map((i) => ({ code: code(i), name: names[i], price: 2 }));
    if (b % 2 === 0 && b % 4 === 0) basket.push({ code: 'H001', name: 'RED HARMONICA IN BOX', price: 90 });
    basket.push({ code: 'POST', name: 'POSTAGE', price: 5 });
    const day = new Date(Date.UTC(2025, 0, 1) + b * 86_400_000).toISOString().slice(0, 10);
    const customer = 10000 + Math.floor(b / 3);
    invoice++;
    for (const l of basket) lines.push(`${invoice},${l.code},${l.name},1,${day} 10:00,${l.price},${customer}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The gift shop's orders imported and analysed in a new workspace, with the groups it proposes. */
async function analysedGiftShop(): Promise<{ w: Awaited<ReturnType<typeof newWorkspace>>; view: ProductGroupsView }> {
  const w = await newWorkspace({ clientName: 'Gift Shop', currency: 'GBP' });
  const file = path.join(w.dir, 'orders.csv');
  giftShop(file);
  await w.backend.call('import-run', { path: file });
  await w.backend.call('analysis-run', { settings: {} });
  return { w, view: await w.backend.call('products-groups-view', {}) };
}

describe('saving product groups keeps the products co-purchase placed', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let proposed: ProductGroupsView;
  let saved: ProductGroupsView;

  beforeAll(async () => {
    ({ w, view: proposed } = await analysedGiftShop());
    // As the screen saves a rename: every product with its group, the mugs' group under a new name.
    const groups = Object.fromEntries(proposed.products.filter((p) => p.group !== null).map((p) => [p.code, p.group === 'Mug' ? 'Mugs and gifts' : (p.group as string)]));
    saved = await w.backend.call('products-groups-save', { groups, lines: {} });
    await w.backend.call('analysis-run', { settings: {} });
    saved = await w.backend.call('products-groups-view', {});
  }, 300_000);
  afterAll(() => w?.cleanup());

  it('proposes the harmonica among the mugs by co-purchase, after the mugs its description placed', () => {
    const harmonica = proposed.products.find((p) => p.code === 'H001');
    expect(harmonica).toMatchObject({ group: 'Mug', byCoPurchase: true });
    const mug = proposed.groups.find((g) => g.name === 'Mug');
    expect(mug?.examples.at(-1)).not.toBe('RED HARMONICA IN BOX');
    expect(mug?.examples[0]).toMatch(/MUG$/);
  });

  it('still says the harmonica was placed by co-purchase once the group is renamed and saved', () => {
    expect(saved.saved).toBe(true);
    expect(saved.products.find((p) => p.code === 'H001')).toMatchObject({ group: 'Mugs and gifts', byCoPurchase: true });
    expect(saved.products.filter((p) => p.byCoPurchase).map((p) => p.code)).toEqual(proposed.products.filter((p) => p.byCoPurchase).map((p) => p.code));
    const mugs = saved.groups.find((g) => g.name === 'Mugs and gifts');
    expect(mugs?.examples).toEqual(proposed.groups.find((g) => g.name === 'Mug')?.examples);
  });

  it('counts a product the analyst moved out of its co-purchase group as placed by the analyst', async () => {
    const groups = Object.fromEntries(saved.products.filter((p) => p.group !== null).map((p) => [p.code, p.code === 'H001' ? 'Bag' : (p.group as string)]));
    const moved = await w.backend.call('products-groups-save', { groups, lines: {} });
    expect(moved.products.find((p) => p.code === 'H001')).toMatchObject({ group: 'Bag', byCoPurchase: false });
  });
});

describe('a product list exported from the groups and imported back', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let exported: ProductGroupsView;
  let imported: ProductGroupsView;
  let categories: string[];

  beforeAll(async () => {
    ({ w, view: exported } = await analysedGiftShop());
    const list = path.join(w.dir, 'product-groups.csv');
    await w.backend.call('products-groups-export', { out: list });
    await w.backend.call('import-run', { path: list, shape: 'product-master' });
    categories = (await w.backend.call('analysis-run', { settings: {} })).categories;
    imported = await w.backend.call('products-groups-view', {});
  }, 300_000);
  afterAll(() => w?.cleanup());

  it('gives the postage line the not-a-product group in the file, and leaves it out again once imported', () => {
    expect(exported.products.find((p) => p.code === 'POST')?.group).toBeNull();
    expect(imported.products.find((p) => p.code === 'POST')?.group).toBeNull();
    expect(imported.level?.nonProduct.map((l) => l.code)).toEqual(['POST']);
  });

  it('counts the groups the list names and the analysis works on, and not the not-a-product one', () => {
    expect(imported.level).toMatchObject({ level: 'categories', column: 'the product master', columnIsSource: true });
    expect(categories).not.toContain('(not a product)');
    expect(imported.groups.map((g) => g.name).sort()).toEqual([...categories].sort());
    expect(imported.level?.values).toBe(imported.groups.length);
    expect(imported.level?.rawValues).toBe(exported.groups.length);
  });
});
