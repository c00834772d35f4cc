import { describe, expect, it } from 'vitest';
import { customerMonthlyHeight, customerMonthlyOption } from '../../../renderer/src/charts/customer';
import { fmt } from './fixtures';

type Series = { name: string; color: string; data: number[] };

/** A workspace of `total` categories where the customer bought those at `bought`, category i worth i + 1 a month. */
function detail(total: number, bought: readonly number[]) {
  const categories = Array.from({ length: total }, (_, i) => `Category ${i + 1}`);
  const month = (m: string) => ({ month: m, byCategory: categories.map((_, i) => (bought.includes(i) ? i + 1 : 0)) });
  return { categories, monthly: [month('2011-10'), month('2011-11')] };
}

describe('the monthly chart tells the categories it draws apart', () => {
  it('gives two categories fifteen places apart in the workspace two colours', () => {
    const series = customerMonthlyOption(detail(30, [2, 17]), fmt).series as Series[];
    expect(series.map((s) => s.name)).toEqual(['Category 3', 'Category 18']);
    expect(series[0].color).not.toBe(series[1].color);
  });

  it('colours thirteen of thirty categories each its own way', () => {
    const bought = [0, 2, 5, 7, 9, 11, 14, 16, 19, 21, 24, 26, 29];
    const series = customerMonthlyOption(detail(30, bought), fmt).series as Series[];
    expect(series).toHaveLength(13);
    expect(new Set(series.map((s) => s.color)).size).toBe(13);
  });

  it('folds the smallest into one grey series named for how many it holds, past the distinct colours', () => {
    const d = detail(30, Array.from({ length: 30 }, (_, i) => i));
    const series = customerMonthlyOption(d, fmt).series as Series[];
    expect(new Set(series.map((s) => s.color)).size).toBe(series.length);
    const other = series[series.length - 1];
    expect(other.name).toBe('Other 16 smaller categories');
    // The 14 largest are named; the other 16 (worth 1..16 a month) sum into the grey bar.
    expect(series.slice(0, -1).map((s) => s.name)).toEqual(Array.from({ length: 14 }, (_, i) => `Category ${i + 17}`));
    expect(other.data).toEqual([136, 136]);
    expect(customerMonthlyHeight(d)).toBeGreaterThan(300);
  });
});
