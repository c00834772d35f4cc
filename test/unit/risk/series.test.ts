import { describe, expect, it } from 'vitest';
import { customerSeries, relationshipSeries, seriesOf, spendIn } from '../../../shared/analytics/risk/series';
import { customerHistorySummary } from '../../../shared/analytics/bgnbd/summary';
import { buildRecoveryModel } from '../../../shared/analytics/recovery';
import { assessRisk } from '../../../shared/analytics/risk';
import { businessIndex } from '../../../shared/analytics/risk/outcome';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';
import { dayFromIso } from '../../../shared/format/dates';
import { makeDataset } from '../analytics/make-dataset';

const days = (iso: string[]) => iso.map(dayFromIso);

describe('day-level series of customers and relationships', () => {
  it('reads a day bought and fully sent back as no order, whether its lines sum to a rounding residue above zero or below', () => {
    // Three lines of 3.60 sum to 10.799999999999999: against one credit of 10.80 the day nets just
    // below zero, and one line of 10.80 against three credits of 3.60 just above; a warehouse's
    // cube of the same sales nets to exactly zero. All three read alike: for recovery one order, on
    // 2026-01-05, not two.
    const shapes: { bought: number[]; back: number[] }[] = [
      { bought: [3.6, 3.6, 3.6], back: [-10.8] },
      { bought: [10.8], back: [-3.6, -3.6, -3.6] },
      { bought: [10.8], back: [-10.8] },
    ];
    const seen = shapes.map(({ bought, back }) => {
      const ds = makeDataset([
        { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 25 },
        ...[...bought, ...back].map((revenue) => ({ customer: 'A', date: '2026-03-02', category: 'Dairy', revenue })),
        { customer: 'B', date: '2026-01-05', category: 'Dairy', revenue: 10 },
      ]);
      const asOf = dayFromIso('2026-04-01');
      const model = buildRecoveryModel(ds, asOf);
      return { customers: [...customerSeries(ds).value], relationships: [...relationshipSeries(ds).value], repeats: [...customerHistorySummary(ds, asOf).x], purchases: [...model.purchases], last: [...model.last] };
    });
    expect(seen[0]).toMatchObject({ customers: [25, 10], purchases: [1, 1], last: [dayFromIso('2026-01-05'), dayFromIso('2026-01-05')] });
    // BG/NBD reads the days as recovery does: the voided day is no repeat purchase.
    expect(seen[0].repeats).toEqual([0, 0]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it("counts BG/NBD's repeat purchases on days something was bought and kept, or bought at no charge, but not on days of returns alone", () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 25 },
      // Half sent back the same day: still an order.
      { customer: 'A', date: '2026-02-02', category: 'Dairy', revenue: 40 },
      { customer: 'A', date: '2026-02-02', category: 'Dairy', revenue: -20 },
      // A free sample, as CDNOW records some purchases: an order of no value.
      { customer: 'A', date: '2026-02-16', category: 'Snacks', revenue: 0 },
      // Goods coming back alone: no order.
      { customer: 'A', date: '2026-03-02', category: 'Dairy', revenue: -5 },
      { customer: 'B', date: '2026-01-05', category: 'Dairy', revenue: 10 },
    ]);
    const s = customerHistorySummary(ds, dayFromIso('2026-04-01'));
    expect([...s.x]).toEqual([2, 0]);
    expect(s.tx[0]).toBeCloseTo((dayFromIso('2026-02-16') - dayFromIso('2026-01-05')) / 7, 12);
  });

  it("sums a relationship buying twice on a day into one entry, net of that day's credit, in day order, in arrays of their own", () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 100 },
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: -30 },
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 40 },
      { customer: 'A', date: '2026-02-01', category: 'Dairy', revenue: 50 },
      { customer: 'A', date: '2026-01-20', category: 'Snacks', revenue: 20 },
      { customer: 'B', date: '2026-01-05', category: 'Dairy', revenue: 10 },
    ]);
    const s = relationshipSeries(ds);
    expect(s.count).toBe(3);
    expect([...s.start]).toEqual([0, 2, 3, 4]);
    expect([...s.day]).toEqual(days(['2026-01-05', '2026-02-01', '2026-01-20', '2026-01-05']));
    expect([...s.value]).toEqual([110, 50, 20, 10]);
    expect(s.day.buffer).not.toBe(ds.tx.day.buffer);
  });

  it('is the transactions themselves when every row is its own relationship-day, without copying them', () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 100.1 },
      { customer: 'A', date: '2026-02-01', category: 'Dairy', revenue: 0.3 },
      { customer: 'A', date: '2026-01-05', category: 'Snacks', revenue: 20 },
      { customer: 'B', date: '2026-01-05', category: 'Dairy', revenue: 10 },
    ]);
    const s = relationshipSeries(ds);
    expect([...s.start]).toEqual([0, 2, 3, 4]);
    expect(s.day).toBe(ds.tx.day);
    expect(s.value).toBe(ds.tx.revenue);
  });

  it('reads purchases: a credit on a day of its own is left out, one on a day of purchases nets them and a day it cancels is no entry, and a relationship of credits alone has no days', () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 100 },
      { customer: 'A', date: '2026-03-01', category: 'Dairy', revenue: -80 },
      { customer: 'A', date: '2026-03-09', category: 'Dairy', revenue: 30 },
      { customer: 'A', date: '2026-03-09', category: 'Dairy', revenue: -45 },
      { customer: 'B', date: '2026-02-01', category: 'Dairy', revenue: -12 },
      { customer: 'C', date: '2026-02-01', category: 'Dairy', revenue: 12 },
    ]);
    const s = relationshipSeries(ds);
    expect(s.count).toBe(3);
    // 9 March's 30 is cancelled by its 45 credit; 1 March's 80 credit returns January's goods and is left out.
    expect([...s.start]).toEqual([0, 1, 1, 2]);
    expect([...s.day]).toEqual(days(['2026-01-05', '2026-02-01']));
    expect([...s.value]).toEqual([100, 12]);
    expect(s.day).not.toBe(ds.tx.day);
    expect(spendIn(s, 0, dayFromIso('2026-01-01'), dayFromIso('2026-03-31'))).toBe(100);
  });

  it("nets a customer's credits against its purchases of the same day, whatever their categories: a price corrected by a credit of its own is one day, an order voided the same day none", () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 100 },
      { customer: 'A', date: '2026-01-10', category: 'Dairy', revenue: 168470 },
      { customer: 'A', date: '2026-01-10', category: 'Dairy', revenue: -168470 },
      { customer: 'A', date: '2026-01-05', category: 'Snacks', revenue: -40 },
      { customer: 'A', date: '2026-01-20', category: 'Snacks', revenue: -15 },
      { customer: 'A', date: '2026-01-30', category: 'Snacks', revenue: 5 },
    ]);
    const s = customerSeries(ds);
    expect([...s.day]).toEqual(days(['2026-01-05', '2026-01-30']));
    expect([...s.value]).toEqual([60, 5]);
  });

  it("merges each customer's categories day by day, ascending, into arrays exactly as long as its entries", () => {
    const ds = makeDataset([
      { customer: 'A', date: '2026-01-20', category: 'Dairy', revenue: 100 },
      { customer: 'A', date: '2026-01-05', category: 'Dairy', revenue: 40 },
      { customer: 'A', date: '2026-01-05', category: 'Snacks', revenue: 2.5 },
      { customer: 'A', date: '2026-01-10', category: 'Snacks', revenue: 7 },
      { customer: 'B', date: '2026-01-07', category: 'Snacks', revenue: 1 },
    ]);
    const s = customerSeries(ds);
    expect(s.count).toBe(2);
    expect([...s.start]).toEqual([0, 3, 4]);
    expect([...s.day]).toEqual(days(['2026-01-05', '2026-01-10', '2026-01-20', '2026-01-07']));
    expect([...s.value]).toEqual([42.5, 7, 100, 1]);
    expect(s.day.buffer.byteLength).toBe(4 * 4);
    expect(s.value.buffer.byteLength).toBe(4 * 8);
  });

  it('makes the customer series in the memory it is handed (shared, for two threads), the same to the bit as in its own', () => {
    const ds = datasetFromRows(generateDistributor({ seed: 3, customers: 120, endDate: '2026-10-31', months: 24, categories: 6 }).rows());
    const own = customerSeries(ds);
    const shared = customerSeries(ds, {
      int32: (n) => new Int32Array(new SharedArrayBuffer(4 * n)),
      float64: (n) => new Float64Array(new SharedArrayBuffer(8 * n)),
    });
    for (const column of [shared.start, shared.day, shared.value]) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared).toEqual(own);
    expect(Buffer.from(shared.value.buffer).equals(Buffer.from(own.value.buffer))).toBe(true);
  });

  it('leaves the series out of the risk assessment, which keeps only which customer and category each unit is', () => {
    const ds = datasetFromRows(generateDistributor({ seed: 7, customers: 150, endDate: '2026-10-31', months: 24, categories: 6 }).rows());
    const series = relationshipSeries(ds);
    const a = assessRisk(ds, ds.lastDay, 90);
    expect(a.relationships.count).toBe(series.count);
    expect([...a.relationships.customer]).toEqual([...series.customer]);
    expect([...a.relationships.category]).toEqual([...series.category]);
    expect(Object.keys(a.relationships).sort()).toEqual(['category', 'count', 'customer', 'level']);
    expect(Object.keys(a.customers).sort()).toEqual(['category', 'count', 'customer', 'level']);
    expect(a.relationship.atRisk.length).toBe(series.count);
  });
});

describe('the series of a few units alone', () => {
  it('holds exactly their days and values, in the order asked for, with their customers and categories', () => {
    const ds = datasetFromRows(generateDistributor({ seed: 5, customers: 60, months: 18, endDate: '2026-06-30' }).rows());
    const whole = relationshipSeries(ds);
    const units = [3, 4, 17, 40, whole.count - 1];
    const few = seriesOf(whole, units);
    expect(few.level).toBe('relationship');
    expect(few.count).toBe(units.length);
    units.forEach((u, i) => {
      expect(few.customer[i]).toBe(whole.customer[u]);
      expect(few.category[i]).toBe(whole.category[u]);
      expect([...few.day.subarray(few.start[i], few.start[i + 1])]).toEqual([...whole.day.subarray(whole.start[u], whole.start[u + 1])]);
      expect([...few.value.subarray(few.start[i], few.start[i + 1])]).toEqual([...whole.value.subarray(whole.start[u], whole.start[u + 1])]);
      expect(spendIn(few, i, dayFromIso('2025-06-30'), dayFromIso('2026-06-30'))).toBe(spendIn(whole, u, dayFromIso('2025-06-30'), dayFromIso('2026-06-30')));
    });
    expect(few.start[units.length]).toBe(units.reduce((n, u) => n + whole.start[u + 1] - whole.start[u], 0));
  });

  it("leaves an order voided the same day out of the whole business's pace too, so a cancelled burst does not deflate everyone", () => {
    const rows = [
      { customer: 'A', date: '2025-01-01', category: 'Dairy', revenue: 100 },
      { customer: 'A', date: '2025-04-01', category: 'Dairy', revenue: 100 },
      { customer: 'B', date: '2025-04-01', category: 'Dairy', revenue: 50_000 },
      { customer: 'B', date: '2025-04-01', category: 'Manual', revenue: -50_000 },
      { customer: 'A', date: '2025-04-20', category: 'Dairy', revenue: 300 },
    ];
    const cut = dayFromIso('2025-03-31');
    // Before the cut: 100 in the 90 days from the data's first day; after it, 100 + 300 in 30 days, B's order voided.
    const index = businessIndex(makeDataset(rows), cut, 30);
    expect(index).toBeCloseTo(400 / ((100 * 30) / 90), 9);
  });
});
