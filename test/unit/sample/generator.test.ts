import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../shared/format/dates';
import { HOSTILE_NAME, customerNameFor, generateDistributor, type SampleRow } from '../../../shared/sample';

const options = { seed: 42, customers: 400, endDate: '2026-10-31', months: 24 };
const collect = (rows: Iterable<SampleRow>): SampleRow[] => [...rows];

describe('the seeded distributor generator', () => {
  it('gives identical rows and truth for the same seed, every time the rows are streamed', () => {
    const a = generateDistributor(options);
    const b = generateDistributor(options);
    const first = collect(a.rows());
    expect(collect(a.rows())).toEqual(first);
    expect(collect(b.rows())).toEqual(first);
    expect(b.truth).toEqual(a.truth);
    expect(b.roster).toEqual(a.roster);
  });

  it('gives different rows and truth for a different seed', () => {
    const a = generateDistributor(options);
    const b = generateDistributor({ ...options, seed: 43 });
    expect(collect(b.rows()).slice(0, 50)).not.toEqual(collect(a.rows()).slice(0, 50));
    expect(b.truth.defections).not.toEqual(a.truth.defections);
  });

  it('keeps every row inside the history, whole months back from the end date', () => {
    const g = generateDistributor(options);
    expect(g.startDate).toBe('2024-11-01');
    const days = collect(g.rows()).map((r) => dayFromIso(r.date));
    expect(Math.min(...days)).toBeGreaterThanOrEqual(dayFromIso('2024-11-01'));
    expect(Math.max(...days)).toBeLessThanOrEqual(dayFromIso('2026-10-31'));
  });

  it('streams rows grouped by customer, each customer in date order, with consistent money', () => {
    const rows = collect(generateDistributor(options).rows());
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const previous = rows[i - 1];
      if (!previous || previous.customerId !== row.customerId) {
        expect(seen.has(row.customerId)).toBe(false);
        seen.add(row.customerId);
      } else {
        expect(row.date >= previous.date).toBe(true);
      }
      expect(row.revenue).toBeCloseTo(row.quantity * row.unitPrice, 2);
      expect(row.quantity).not.toBe(0);
    }
    expect(seen.size).toBe(options.customers);
  });

  it('gives the top 20% of customers 65-90% of revenue (a long tail)', () => {
    const revenue = new Map<string, number>();
    for (const row of generateDistributor({ ...options, customers: 1000 }).rows()) revenue.set(row.customerId, (revenue.get(row.customerId) ?? 0) + row.revenue);
    const sorted = [...revenue.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, sorted.length / 5).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.65);
    expect(top / total).toBeLessThan(0.9);
  });

  it('keeps a small share of rows as credits with negative quantity, negative revenue and a C invoice', () => {
    const rows = collect(generateDistributor(options).rows());
    const credits = rows.filter((r) => r.revenue < 0);
    expect(credits.length / rows.length).toBeGreaterThan(0.003);
    expect(credits.length / rows.length).toBeLessThan(0.03);
    for (const credit of credits) {
      expect(credit.quantity).toBeLessThan(0);
      expect(credit.invoice.startsWith('C')).toBe(true);
    }
    expect(rows.filter((r) => r.revenue > 0).every((r) => !r.invoice.startsWith('C'))).toBe(true);
  });

  it('shares one invoice number between the lines a customer orders on the same day', () => {
    const rows = collect(generateDistributor(options).rows()).filter((r) => r.revenue > 0);
    const owner = new Map<string, string>();
    for (const row of rows) {
      const key = `${row.customerId}|${row.date}`;
      const invoice = owner.get(row.invoice);
      if (invoice) expect(invoice).toBe(key);
      else owner.set(row.invoice, key);
    }
  });

  it('sells 12 categories by default and up to 15 on request, with 4-6 patterns over them', () => {
    expect(generateDistributor(options).truth.categories).toHaveLength(12);
    const wide = generateDistributor({ ...options, customers: 50, categories: 15 }).truth;
    expect(wide.categories).toHaveLength(15);
    expect(wide.patterns.length).toBeGreaterThanOrEqual(4);
    expect(wide.patterns.length).toBeLessThanOrEqual(6);
  });

  it('assigns every customer a pattern and a rep of its own territory from the roster', () => {
    const g = generateDistributor(options);
    const territoryOf = new Map(g.roster.map((r) => [r.rep, r.territory]));
    const ids = new Set<string>();
    for (const row of g.rows()) {
      ids.add(row.customerId);
      expect(territoryOf.get(row.rep)).toBe(row.territory);
    }
    for (const id of ids) expect(g.truth.customerPattern[id]).toBeGreaterThanOrEqual(0);
    const territories = new Set(g.roster.map((r) => r.territory));
    expect(territories.size).toBeGreaterThanOrEqual(4);
    for (const t of territories) expect(g.roster.filter((r) => r.territory === t).length).toBeGreaterThanOrEqual(2);
  });

  it('lets most customers keep one rep for the whole history', () => {
    const reps = new Map<string, Set<string>>();
    for (const row of generateDistributor(options).rows()) reps.set(row.customerId, (reps.get(row.customerId) ?? new Set()).add(row.rep));
    const changed = [...reps.values()].filter((s) => s.size > 1).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed / reps.size).toBeLessThan(0.1);
  });

  it('names customers realistically and uniquely, with accented, non-Latin and one hostile name', () => {
    const names = Array.from({ length: 30_000 }, (_, i) => customerNameFor(i));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(HOSTILE_NAME);
    expect(names.some((n) => /[éèüñ]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]/.test(n))).toBe(true);
  });

  it('refuses options it cannot honour with a message naming the option', () => {
    expect(() => generateDistributor({ ...options, customers: 0 })).toThrow(/customers/);
    expect(() => generateDistributor({ ...options, categories: 16 })).toThrow(/categories/);
    expect(() => generateDistributor({ ...options, endDate: '31/10/2026' })).toThrow(/endDate/);
  });
});
