import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../shared/format/dates';
import { datasetFromRows, generateDistributor, type SampleRow } from '../../../shared/sample';

const row = (customerId: string, category: string, date: string, revenue: number, rep = 'Ana Ruiz'): SampleRow => ({
  invoice: `INV-${customerId}-${date}`,
  date,
  customerId,
  customerName: `Name of ${customerId}`,
  category,
  product: `${category} item`,
  quantity: revenue < 0 ? -1 : 1,
  unitPrice: Math.abs(revenue),
  revenue,
  rep,
  territory: rep === 'Ana Ruiz' ? 'Metro' : 'Coastal',
  segment: 'Cafe',
});

describe('datasetFromRows', () => {
  it('indexes customers by code and categories by name, and sorts transactions by customer, category, day', () => {
    const dataset = datasetFromRows([
      row('C2', 'Meat', '2026-03-01', 30),
      row('C1', 'Meat', '2026-02-01', 20),
      row('C2', 'Dairy', '2026-01-15', 10),
      row('C1', 'Dairy', '2026-02-10', 5),
      row('C1', 'Dairy', '2026-01-10', 7),
    ]);
    expect(dataset.customers.map((c) => c.code)).toEqual(['C1', 'C2']);
    expect(dataset.categories).toEqual(['Dairy', 'Meat']);
    expect([...dataset.tx.customer]).toEqual([0, 0, 0, 1, 1]);
    expect([...dataset.tx.category]).toEqual([0, 0, 1, 0, 1]);
    expect([...dataset.tx.day]).toEqual(['2026-01-10', '2026-02-10', '2026-02-01', '2026-01-15', '2026-03-01'].map(dayFromIso));
    expect([...dataset.tx.revenue]).toEqual([7, 5, 20, 10, 30]);
    expect(dataset.firstDay).toBe(dayFromIso('2026-01-10'));
    expect(dataset.lastDay).toBe(dayFromIso('2026-03-01'));
    expect(dataset.hasDates).toBe(true);
    expect(dataset.currency).toBe('USD');
  });

  it('keeps credits as negative revenue and same-day rows apart', () => {
    const dataset = datasetFromRows([row('C1', 'Dairy', '2026-01-10', 7), row('C1', 'Dairy', '2026-01-10', -3)], 'EUR');
    expect([...dataset.tx.revenue]).toEqual([7, -3]);
    expect(dataset.currency).toBe('EUR');
  });

  it("takes a customer's current rep and territory from its latest row", () => {
    const dataset = datasetFromRows([row('C1', 'Dairy', '2026-05-01', 7, 'Erin Walsh'), row('C1', 'Meat', '2026-01-10', 7)]);
    expect(dataset.customers[0]).toMatchObject({ code: 'C1', name: 'Name of C1', rep: 'Erin Walsh', territory: 'Coastal', segment: 'Cafe' });
  });

  it('carries every generated row and the same revenue total', () => {
    const g = generateDistributor({ seed: 3, customers: 200, endDate: '2026-10-31' });
    const rows = [...g.rows()];
    const dataset = datasetFromRows(g.rows());
    expect(dataset.tx.day.length).toBe(rows.length);
    expect(dataset.customers).toHaveLength(200);
    const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
    expect(sum(dataset.tx.revenue)).toBeCloseTo(sum(rows.map((r) => r.revenue)), 4);
    for (let i = 1; i < dataset.tx.day.length; i++) {
      const a = [dataset.tx.customer[i - 1], dataset.tx.category[i - 1], dataset.tx.day[i - 1]];
      const b = [dataset.tx.customer[i], dataset.tx.category[i], dataset.tx.day[i]];
      const order = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      expect(order).toBeLessThanOrEqual(0);
    }
  });
});
