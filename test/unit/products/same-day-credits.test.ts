import { describe, expect, it } from 'vitest';
import { CREDIT_LINE, goodsCreditCodes, joinSameDayCredits, REBILL_LINE } from '../../../shared/analytics/products/same-day-credits';
import type { NonProductLine } from '../../../shared/model/products';

type Row = { customer: number; day: number; revenue: number; category: number; credit?: boolean; rebill?: boolean };

/** The rows as the loader holds them (columns, ordered by customer and day), joined; returns each row's category after. */
function join(rows: Row[]): { categories: number[]; joined: ReturnType<typeof joinSameDayCredits> } {
  const order = Int32Array.from(rows.map((_, i) => i)).sort((a, b) => rows[a].customer - rows[b].customer || rows[a].day - rows[b].day);
  const category = Int32Array.from(rows, (r) => r.category);
  const joined = joinSameDayCredits(
    order,
    Int32Array.from(rows, (r) => r.customer),
    Int32Array.from(rows, (r) => r.day),
    Float64Array.from(rows, (r) => r.revenue),
    category,
    Uint8Array.from(rows, (r) => (r.credit ? CREDIT_LINE : r.rebill ? REBILL_LINE : 0)),
  );
  return { categories: [...category], joined };
}

const line = (code: string, kind: NonProductLine['kind'], excluded = true): NonProductLine => ({ code, name: code, kind, reason: '', revenue: -1, rows: 1, excluded, source: 'auto' });

describe('credits of adjustment lines booked the day a customer bought goods', () => {
  it("join the category of that day's largest goods line, so a mistyped line voided the same hour nets to what was really bought", () => {
    // Customer 15098 of Online Retail: a 60-piece line priced as 60 x 649.50, voided by a manual credit.
    const { categories, joined } = join([
      { customer: 7, day: 100, revenue: 297, category: 2 },
      { customer: 7, day: 100, revenue: 38970, category: 3 },
      { customer: 7, day: 100, revenue: -38970, category: -1, credit: true },
      { customer: 7, day: 100, revenue: 649.5, category: 3 },
    ]);
    expect(categories).toEqual([2, 3, 3, 3]);
    expect(joined).toEqual({ rows: 1, revenue: -38970 });
  });

  it("bring that day's re-bills on the same kinds of line with them, so a credit and its re-bill net to nothing and the goods stay bought", () => {
    // Customer 12365 of Online Retail, 2011-02-21: £320.69 of goods, a manual credit of £320.69 and a manual charge of £320.69.
    const { categories, joined } = join([
      { customer: 4, day: 200, revenue: 320.69, category: 1 },
      { customer: 4, day: 200, revenue: -320.69, category: -1, credit: true },
      { customer: 4, day: 200, revenue: 320.69, category: -1, rebill: true },
    ]);
    expect(categories).toEqual([1, 1, 1]);
    expect(joined).toEqual({ rows: 1, revenue: -320.69, rebills: { rows: 1, revenue: 320.69 } });
  });

  it('leave a charge on such a line out on a day without a credit, as the rest of its line', () => {
    const { categories, joined } = join([
      { customer: 5, day: 300, revenue: 90, category: 2 },
      { customer: 5, day: 300, revenue: 15, category: -1, rebill: true },
    ]);
    expect(categories).toEqual([2, -1]);
    expect(joined).toEqual({ rows: 0, revenue: 0 });
  });

  it('stay out on a day the customer bought no goods, and never cross to another customer or day', () => {
    const { categories, joined } = join([
      { customer: 1, day: 10, revenue: 50, category: 0 },
      { customer: 1, day: 11, revenue: -20, category: -1, credit: true },
      { customer: 2, day: 10, revenue: -5, category: -1, credit: true },
      { customer: 2, day: 12, revenue: 80, category: 1 },
    ]);
    expect(categories).toEqual([0, -1, -1, 1]);
    expect(joined).toEqual({ rows: 0, revenue: 0 });
  });

  it("count only goods that are kept: a left-out charge or a return the same day is no day's purchase to net", () => {
    const { categories, joined } = join([
      { customer: 3, day: 5, revenue: 12, category: -1 },
      { customer: 3, day: 5, revenue: -30, category: 4 },
      { customer: 3, day: 5, revenue: -9, category: -1, credit: true },
    ]);
    expect(categories).toEqual([-1, 4, -1]);
    expect(joined.rows).toBe(0);
  });

  it('are those of excluded adjustment and discount lines only: postage refunds, fees, commission and lines the analyst kept are not', () => {
    const codes = goodsCreditCodes([line('M', 'adjustment'), line('D', 'discount'), line('POST', 'shipping'), line('CRUK', 'commission'), line('FEE', 'fee'), line('ADJ', 'adjustment', false)]);
    expect([...codes].sort()).toEqual(['D', 'M']);
  });
});
