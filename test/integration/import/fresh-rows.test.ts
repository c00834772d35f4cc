import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/rng';
import { freshCollector, type FreshChunk, type FreshColumns } from '../../../main/backend/import/fresh-rows';

type Row = [number, number, number, number | null, number | null, number, number | null, number | null];

/** Rows across many chunks, each nullable column sometimes absent, and one column never present. */
function rows(count: number): Row[] {
  const random = seededRandom(20261203);
  const maybe = (value: number): number | null => (random() < 0.2 ? null : value);
  return Array.from({ length: count }, (_, i): Row => [1 + (i % 977), 20000 + (i % 700), 1 + (i % 15), maybe(1 + (i % 64)), maybe(Math.round(random() * 100) / 4), random() * 1000 - 50, maybe(1 + (i % 7)), null]);
}

/** What the chunks hold, row by row, nulls as the collector writes them (0, NaN) where a chunk has the column. */
const contents = (chunks: FreshChunk[]): unknown[] =>
  chunks.map((c) => ({
    length: c.length,
    customer: Array.from(c.customer.subarray(0, c.length)),
    category: Array.from(c.category.subarray(0, c.length)),
    day: Array.from(c.day.subarray(0, c.length)),
    revenue: Array.from(c.revenue.subarray(0, c.length)),
    product: c.product ? Array.from(c.product.subarray(0, c.length)) : null,
  }));

function collect(all: Row[], prefault: FreshColumns | null, dropped: ReadonlySet<number>, blockRows?: number): { chunks: unknown[]; rows: number } {
  const fresh = freshCollector(prefault, blockRows);
  for (const r of all) fresh.add(...r);
  fresh.close();
  fresh.dropDays(dropped);
  return { chunks: contents(fresh.chunks()), rows: fresh.rows() };
}

describe("an import's kept rows", () => {
  it('are the same whether their memory was faulted in ahead on another thread or not, across many chunks and after days are taken back', () => {
    // A chunk holds 65,536 rows: this is five chunks, so more than one batch of memory asked for ahead.
    const all = rows(300_000);
    const dropped = new Set([20003, 20350]);
    const plain = collect(all, null, dropped);
    const ahead = collect(all, { product: true }, dropped);
    expect(ahead.rows).toBe(all.filter((r) => !dropped.has(r[1])).length);
    expect(ahead.rows).toBe(plain.rows);
    expect(ahead.chunks).toEqual(plain.chunks);
  });

  it('are kept too when the mapping said a column was absent but a value came', () => {
    const all = rows(140_000);
    const plain = collect(all, null, new Set());
    const ahead = collect(all, { product: false }, new Set());
    expect(ahead).toEqual(plain);
  });

  it('are the same in blocks, each chunk one buffer that its columns are views of, as a very big import keeps them', () => {
    const all = rows(300_000);
    const dropped = new Set([20003, 20350]);
    const plain = collect(all, null, dropped);
    const blocks = collect(all, { product: true, blocks: true }, dropped, 70_000);
    const unfaulted = collect(all, { product: true, blocks: true, prefault: false }, dropped, 70_000);
    expect(blocks.rows).toBe(plain.rows);
    expect(unfaulted).toEqual(blocks);
    // Five chunks of 70,000 rows instead of five of 65,536: compared row by row, in order.
    const flat = (chunks: unknown[]) =>
      (chunks as { customer: number[]; day: number[]; revenue: number[]; product: number[] | null }[]).flatMap((c) =>
        c.customer.map((customer, i) => [customer, c.day[i], c.revenue[i], c.product?.[i] ?? 0]),
      );
    expect(flat(blocks.chunks)).toEqual(flat(plain.chunks));
  });

  it('in blocks are one buffer a chunk of 32 MB or more, the size glibc always maps on its own and unmaps when it is freed', () => {
    const fresh = freshCollector({ product: false, blocks: true });
    fresh.add(1, 20000, 1, null, null, 10, null, null);
    fresh.close();
    const [chunk] = fresh.chunks();
    expect(chunk.customer.buffer).toBe(chunk.revenue.buffer);
    expect(chunk.day.buffer).toBe(chunk.category.buffer);
    expect(chunk.customer.buffer.byteLength).toBeGreaterThanOrEqual(32 * 2 ** 20);
    expect([chunk.customer[0], chunk.day[0], chunk.category[0], chunk.revenue[0]]).toEqual([1, 20000, 1, 10]);
  });

  it("keep each customer's latest rep and territory as a scan of its rows in order finds them, with every row's ids summed, and forget them once rows are taken back", () => {
    // Customers up to 3,000 (past the collector's first room), some rows naming neither, some a rep only.
    const random = seededRandom(7);
    const all: Row[] = Array.from({ length: 40_000 }, (_, i): Row => {
      const rep = random() < 0.3 ? null : 1 + Math.floor(random() * 9);
      const territory = random() < 0.5 ? null : 1 + Math.floor(random() * 4);
      return [1 + Math.floor(random() * 3000), 20000 + Math.floor(random() * 400), 1 + (i % 5), null, null, 10, rep, territory];
    });
    const fresh = freshCollector();
    for (const r of all) fresh.add(...r);
    fresh.close();
    // The load's own rule, applied to the rows one by one.
    const day = new Map<number, number>();
    const rep = new Map<number, number>();
    const territory = new Map<number, number>();
    let repSum = 0;
    let territorySum = 0;
    for (const [customer, d, , , , , r, t] of all) {
      if (r === null && t === null) continue;
      if (d >= (day.get(customer) ?? -Infinity)) {
        day.set(customer, d);
        if (r !== null) rep.set(customer, r);
        if (t !== null) territory.set(customer, t);
      }
      repSum += r ?? 0;
      territorySum += t ?? 0;
    }
    const reps = fresh.reps();
    expect(reps).not.toBeNull();
    for (let customer = 1; customer <= 3000; customer++) {
      expect(reps!.rep[customer] ?? 0).toBe(rep.get(customer) ?? 0);
      expect(reps!.territory[customer] ?? 0).toBe(territory.get(customer) ?? 0);
    }
    expect([reps!.repSum, reps!.territorySum]).toEqual([repSum, territorySum]);
    // A day taken back with rows on it: which of them named whom is not kept.
    fresh.dropDays(new Set([20005]));
    expect(fresh.reps()).toBeNull();
    // A day with no rows changes nothing.
    const quiet = freshCollector();
    for (const r of all) quiet.add(...r);
    quiet.dropDays(new Set([19000]));
    expect(quiet.reps()).not.toBeNull();
    // A customer id too big for a dense array: not kept, so the load reads the table.
    quiet.add(2 ** 24, 20001, 1, null, null, 10, 3, null);
    expect(quiet.reps()).toBeNull();
  });

  it("sum each product's unit prices and every quantity in row order, as the load's scan of the table would, and forget them once rows are taken back", () => {
    // Products up to 700 (past the collector's first room), quantities sometimes absent or 0, credits among the sales.
    const all = rows(90_000).map((r, i): Row => [r[0], r[1], r[2], r[3] === null ? null : 1 + (i % 700), i % 11 === 0 ? 0 : r[4], r[5], r[6], r[7]]);
    const fresh = freshCollector({ product: true });
    for (const r of all) fresh.add(...r);
    fresh.close();
    const count = new Map<number, number>();
    const sum = new Map<number, number>();
    const sumSq = new Map<number, number>();
    let quantitySum = 0;
    for (const [, , , product, quantity, revenue] of all) {
      if (quantity === null) continue;
      quantitySum += quantity;
      if (product === null || quantity === 0) continue;
      const unit = Math.abs(revenue / quantity);
      count.set(product, (count.get(product) ?? 0) + 1);
      sum.set(product, (sum.get(product) ?? 0) + unit);
      sumSq.set(product, (sumSq.get(product) ?? 0) + unit * unit);
    }
    const prices = fresh.prices();
    expect(prices).not.toBeNull();
    expect(count.size).toBe(700);
    for (let product = 1; product <= 700; product++) {
      expect([prices!.count[product], prices!.sum[product], prices!.sumSq[product]]).toEqual([count.get(product), sum.get(product), sumSq.get(product)]);
    }
    expect(prices!.quantitySum).toBe(quantitySum);
    // The chunks hold no quantities: the sums above are all the load reads of them.
    expect(fresh.chunks().every((c) => !('quantity' in c))).toBe(true);
    fresh.dropDays(new Set([20004]));
    expect(fresh.prices()).toBeNull();
    // A product id too big for a dense array: not kept, so the load reads the table.
    const big = freshCollector();
    big.add(1, 20001, 1, 2 ** 24, 2, 10, null, null);
    expect(big.prices()).toBeNull();
  });
});
