import { describe, expect, it } from 'vitest';
import { summariseGroups } from '../../../shared/analytics/products/group-summary';
import { basketsFromRows, coPurchaseScores, IGNORED, LEFTOVER, placeByCoPurchase, type Baskets } from '../../../shared/analytics/products/co-purchase';

const MUGS = 0;
const BAGS = 1;

/**
 * A small shop: 30 mugs (products 0-29, group MUGS) and 30 bags (30-59, group BAGS) bought in
 * baskets of three of a kind; product 60 is always bought with mugs, 61 half with mugs and half
 * with bags, 62 only twice, 63 is postage on every basket. Built from rows as the loader keeps
 * them (customer, day), so baskets come from the same path the analysis uses.
 */
function shop(): { groupOf: Int32Array; baskets: Baskets } {
  const customer: number[] = [];
  const day: number[] = [];
  const product: number[] = [];
  const revenue: number[] = [];
  const buy = (c: number, d: number, ps: number[]) => {
    for (const p of ps) {
      customer.push(c);
      day.push(d);
      product.push(p);
      revenue.push(10);
    }
  };
  let c = 0;
  for (let b = 0; b < 120; b++) {
    const first = b % 30;
    const kind = b % 2 === 0 ? 0 : 30;
    const basket = [kind + first, kind + ((first + 7) % 30), kind + ((first + 13) % 30), 63];
    if (kind === 0 && b % 4 === 0) basket.push(60);
    if (b % 5 === 0) basket.push(61);
    if (b === 2 || b === 3) basket.push(62);
    buy(c, b, basket);
    if (b % 3 === 2) c++;
  }
  const order = customer.map((_, i) => i);
  const baskets = basketsFromRows(order, customer, day, product, revenue, 64);
  const groupOf = new Int32Array(64);
  for (let p = 0; p < 64; p++) groupOf[p] = p < 30 ? MUGS : p < 60 ? BAGS : LEFTOVER;
  groupOf[63] = IGNORED;
  return { groupOf, baskets };
}

describe('placing leftover products by what they are bought with', () => {
  it('makes one basket per customer and day, holding each product once, and skips credits', () => {
    const baskets = basketsFromRows([0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 2, 2], [5, 5, 5, 6, 6, 6], [3, 3, 4, 3, 3, -1], [10, 10, 5, 8, -2, 4], 5);
    expect(Array.from(baskets.start)).toEqual([0, 2, 3]);
    expect(Array.from(baskets.items)).toEqual([3, 4, 3]);
  });

  it('puts a product always bought with mugs among the mugs', () => {
    const { groupOf, baskets } = shop();
    const result = placeByCoPurchase(groupOf, 2, baskets);
    expect(result.groupOf[60]).toBe(MUGS);
    expect(result.placed).toBe(1);
  });

  it('leaves a product bought evenly with both groups, or too rarely, where it was', () => {
    const { groupOf, baskets } = shop();
    const result = placeByCoPurchase(groupOf, 2, baskets);
    expect(result.groupOf[61]).toBe(LEFTOVER);
    expect(result.groupOf[62]).toBe(LEFTOVER);
    expect(result.groupOf[63]).toBe(IGNORED);
  });

  it('trusts itself only as far as it puts described products back in their own group, judged blind', () => {
    const { groupOf, baskets } = shop();
    const result = placeByCoPurchase(groupOf, 2, baskets);
    // Every mug basket holds only mugs: each mug's other basket lines are mugs.
    expect(result.heldOutPrecision).toBe(1);
    expect(result.heldOutJudged).toBeGreaterThanOrEqual(20);
    const scores = coPurchaseScores(groupOf, 2, baskets, Uint8Array.from(groupOf, (g) => (g >= 0 ? 1 : 0)));
    expect(scores[0].group).toBe(MUGS);
    expect(scores[45].group).toBe(BAGS);
  });

  it('places nothing when the described products do not come back to their own groups', () => {
    const { groupOf, baskets } = shop();
    // Groups drawn across the buying pattern: half of each kind in each group.
    const scrambled = Int32Array.from(groupOf, (g, p) => (g >= 0 ? p % 2 : g));
    const result = placeByCoPurchase(scrambled, 2, baskets);
    expect(result.placed).toBe(0);
    expect(Array.from(result.groupOf)).toEqual(Array.from(scrambled));
  });

  it('gives the same answer on every run', () => {
    const { groupOf, baskets } = shop();
    expect(Array.from(placeByCoPurchase(groupOf, 2, baskets).groupOf)).toEqual(Array.from(placeByCoPurchase(groupOf, 2, baskets).groupOf));
  });
});

describe('a group as the review screen lists it', () => {
  it('shows the products whose descriptions gave the group before larger ones placed by co-purchase', () => {
    const products = [
      { code: 'a', name: 'RED HARMONICA', revenue: 900, byCoPurchase: true },
      { code: 'b', name: 'BIRTHDAY CARD', revenue: 100, byCoPurchase: false },
      { code: 'c', name: 'XMAS CARD', revenue: 50, byCoPurchase: false },
    ];
    const [card] = summariseGroups(products, () => 'Card', 3);
    expect(card.examples).toEqual(['BIRTHDAY CARD', 'XMAS CARD', 'RED HARMONICA']);
    expect(card.revenue).toBe(1050);
  });
});
