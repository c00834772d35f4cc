import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, readOrder } from '../../../main/backend/analysis/load-dataset';
import { seededRandom } from '../../../shared/analytics/rng';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

type Line = { customer: string; day: number; category: string; revenue: number };

/**
 * A narrow sales file in no particular order: each line's revenue is its own (line number + 0.5),
 * so where a line lands in the dataset can be told. Every fifth line is repeated on the same
 * customer, category and day: rows the dataset keeps apart, by their amounts.
 */
function shuffledSales(seed: number, customers: number, categories: number, lines: number): Line[] {
  const random = seededRandom(seed);
  const out: Line[] = [];
  for (let i = 0; out.length < lines; i++) {
    const line = {
      customer: `C${String(Math.floor(random() * customers)).padStart(3, '0')}`,
      day: dayFromIso('2025-01-01') + Math.floor(random() * 300),
      category: `Category ${String.fromCharCode(65 + Math.floor(random() * categories))}`,
      revenue: out.length + 0.5,
    };
    out.push(line);
    if (i % 5 === 0 && out.length < lines) out.push({ ...line, revenue: out.length + 0.5 });
  }
  return out;
}

async function loaded(lines: Line[]) {
  const w = await workspace();
  const csv = path.join(w.dir, 'sales.csv');
  fs.writeFileSync(csv, ['Customer ID,Date,Category,Revenue', ...lines.map((l) => `${l.customer},${isoFromDay(l.day)},${l.category},${l.revenue}`)].join('\n') + '\n');
  await w.backend.call('import-run', { path: csv, engine: 'lines' });
  return loadDataset(w.backend.session.db);
}

/** The file's lines by customer (the dataset's customer order), category (by name), day, amount, then file order. */
function expectedOrder(lines: Line[], customerCodes: string[]): number[] {
  const customerIndex = new Map(customerCodes.map((code, i) => [code, i]));
  const categories = [...new Set(lines.map((l) => l.category))].sort();
  return lines
    .map((l, position) => ({ l, position }))
    .sort((a, b) => customerIndex.get(a.l.customer)! - customerIndex.get(b.l.customer)! || categories.indexOf(a.l.category) - categories.indexOf(b.l.category) || a.l.day - b.l.day || a.l.revenue - b.l.revenue || a.position - b.position)
    .map(({ l }) => l.revenue);
}

describe('the order of the rows the analysis reads', () => {
  it('runs by customer, category and day, same-day rows by amount, when each customer buys in most categories', async () => {
    const lines = shuffledSales(5, 12, 6, 400);
    const ds = await loaded(lines);
    // 12 customers x 6 categories is far fewer pairs than rows.
    expect(ds.customers.length * ds.categories.length).toBeLessThan(lines.length);
    expect([...ds.tx.revenue]).toEqual(expectedOrder(lines, ds.customers.map((c) => c.code)));
  });

  it('runs the same way when there are more customer and category pairs than rows', async () => {
    const lines = shuffledSales(6, 60, 20, 150);
    const ds = await loaded(lines);
    expect(ds.categories.length).toBe(20);
    expect(ds.customers.length * ds.categories.length).toBeGreaterThan(lines.length);
    expect([...ds.tx.revenue]).toEqual(expectedOrder(lines, ds.customers.map((c) => c.code)));
  });

  it('runs the same way from a file ordered by date, and from one grouped by customer and dated within, whose sorts are skipped', async () => {
    const lines = shuffledSales(7, 15, 5, 300);
    // Stable sorts of the shuffled lines: same-day repeats keep their relative order.
    const byDay = [...lines].sort((a, b) => a.day - b.day);
    const firstSeen = new Map<string, number>();
    lines.forEach((l, i) => firstSeen.has(l.customer) || firstSeen.set(l.customer, i));
    const byCustomerDay = [...lines].sort((a, b) => firstSeen.get(a.customer)! - firstSeen.get(b.customer)! || a.day - b.day);
    for (const ordered of [byDay, byCustomerDay]) {
      const ds = await loaded(ordered);
      expect([...ds.tx.revenue]).toEqual(expectedOrder(ordered, ds.customers.map((c) => c.code)));
    }
  });

  it('sums a day of one relationship the same whatever order its lines come in: by amount', async () => {
    // Three amounts whose float sum depends on the order they are added in.
    const day = [{ customer: 'A', day: dayFromIso('2025-03-03'), category: 'Dairy', revenue: 0.1 }, { customer: 'A', day: dayFromIso('2025-03-03'), category: 'Dairy', revenue: 0.2 }, { customer: 'A', day: dayFromIso('2025-03-03'), category: 'Dairy', revenue: 0.3 }];
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    const forward = await loaded(day);
    const backward = await loaded([...day].reverse());
    expect([...backward.tx.revenue]).toEqual([...forward.tx.revenue]);
    expect([...forward.tx.revenue]).toEqual([0.1, 0.2, 0.3]);
  });

  it('puts customers and their rows in the order of their codes, numbers as numbers, so one sales file in two line orders analyses alike', async () => {
    const lines = shuffledSales(8, 40, 6, 1200).map((l) => ({ ...l, customer: l.customer === 'C007' ? '7' : l.customer === 'C012' ? 'X12' : l.customer }));
    const reversed = [...lines].reverse();
    const analysed = async (file: Line[]) => {
      const w = await workspace();
      const csv = path.join(w.dir, 'sales.csv');
      fs.writeFileSync(csv, ['Customer ID,Date,Category,Revenue', ...file.map((l) => `${l.customer},${isoFromDay(l.day)},${l.category},${l.revenue}`)].join('\n') + '\n');
      await w.backend.call('import-run', { path: csv, engine: 'lines' });
      const codes = loadDataset(w.backend.session.db).customers.map((c) => c.code);
      const run = await w.backend.call('analysis-run', { settings: {} });
      return { codes, leakage: run.leakage, counts: run.counts, bgnbd: run.bgnbd?.params ?? null };
    };
    const [a, b] = [await analysed(lines), await analysed(reversed)];
    // '7' among zero-padded numbers goes where its number does, before 'C...' and 'X12'.
    expect(a.codes.slice(0, 2)).toEqual(['7', 'C000']);
    expect(a.codes.at(-1)).toBe('X12');
    expect(b.codes).toEqual(a.codes);
    expect(b).toEqual(a);
  });

  it('tells rows by customer and day from rows by day and from rows in neither order', () => {
    const of = (customers: number[], days: number[]) => readOrder(Int32Array.from(customers), Int32Array.from(days), customers.length);
    expect(of([0, 0, 1, 1, 2], [5, 9, 1, 1, 3])).toBe('customer-day');
    expect(of([2, 0, 1, 0], [1, 1, 4, 6])).toBe('day');
    expect(of([0, 1, 0], [3, 2, 1])).toBe('none');
    // One customer dated in order is both; the stronger order is the one that skips both sorts.
    expect(of([4, 4, 4], [1, 2, 2])).toBe('customer-day');
    expect(of([], [])).toBe('customer-day');
  });
});
