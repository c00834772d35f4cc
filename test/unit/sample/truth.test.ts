import { describe, expect, it } from 'vitest';
import { dayFromIso, monthIndexOfDay } from '../../../shared/format/dates';
import { generateDistributor } from '../../../shared/sample';
import { coefficientOfVariation, intervalsOf, keyOf, median, relationshipsOf } from './relationships';

const END = '2026-10-31';
const endDay = dayFromIso(END);
const g = generateDistributor({ seed: 7, customers: 1500, endDate: END });
const rels = relationshipsOf(g.rows());
const relOf = (customerId: string, category: string) => rels.get(keyOf(customerId, category));
const trapsOf = (kind: string) => g.truth.traps.filter((t) => t.kind === kind);
const defectionsOf = (kind: string) => g.truth.defections.filter((d) => d.kind === kind);

describe('the planted traps', () => {
  it('plants a fair number of each trap class', () => {
    for (const kind of ['seasonal', 'long-cycle', 'volatile', 'one-time']) expect(trapsOf(kind).length).toBeGreaterThan(30);
  });

  it('buys a seasonal category only in its season months, in both years, with the end date in its off-season', () => {
    for (const trap of trapsOf('seasonal')) {
      const rel = relOf(trap.customerId, trap.category);
      expect(rel).toBeDefined();
      const months = new Set(rel?.days.map(monthIndexOfDay));
      expect(months.size).toBeGreaterThanOrEqual(3);
      expect(months.size).toBeLessThanOrEqual(5);
      const years = new Set(rel?.rows.map((r) => r.date.slice(0, 4)));
      expect(years.size).toBe(2);
      // The end date sits in the off-season.
      expect(months.has(monthIndexOfDay(endDay))).toBe(false);
      // Same months in both seasons, so a seasonal baseline exists.
      const byYear = [...years].map((y) => new Set(rel?.rows.filter((r) => r.date.startsWith(y)).map((r) => r.date.slice(5, 7))));
      const overlap = [...byYear[0]].filter((m) => byYear[1].has(m));
      expect(overlap.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps long-cycle buyers on a steady cycle of 90+ days, last order long ago yet inside the cycle', () => {
    for (const trap of trapsOf('long-cycle')) {
      const rel = relOf(trap.customerId, trap.category);
      const days = rel?.purchaseDays ?? [];
      expect(days.length).toBeGreaterThanOrEqual(3);
      const gaps = intervalsOf(days);
      const cycle = median(gaps);
      expect(cycle).toBeGreaterThanOrEqual(90);
      expect(coefficientOfVariation(gaps)).toBeLessThan(0.25);
      const silence = endDay - days[days.length - 1];
      expect(silence).toBeGreaterThanOrEqual(60);
      expect(silence).toBeLessThan(cycle);
    }
  });

  it('keeps volatile buyers irregular (interval CV above 0.8) and still buying by their own standards', () => {
    for (const trap of trapsOf('volatile')) {
      const days = relOf(trap.customerId, trap.category)?.purchaseDays ?? [];
      expect(days.length).toBeGreaterThanOrEqual(8);
      const gaps = intervalsOf(days);
      expect(coefficientOfVariation(gaps)).toBeGreaterThan(0.8);
      expect(endDay - days[days.length - 1]).toBeLessThanOrEqual(Math.max(...gaps));
    }
  });

  it('gives a one-time category exactly one purchase, long before the end date', () => {
    for (const trap of trapsOf('one-time')) {
      const rel = relOf(trap.customerId, trap.category);
      expect(rel?.rows).toHaveLength(1);
      expect(endDay - (rel?.days[0] ?? endDay)).toBeGreaterThanOrEqual(180);
    }
  });
});

describe('the planted defections', () => {
  it('plants defections on about 4-10% of established relationships', () => {
    let established = 0;
    const oneTime = new Set(trapsOf('one-time').map((t) => keyOf(t.customerId, t.category)));
    for (const [key, rel] of rels) if (!oneTime.has(key) && rel.days[0] <= endDay - 365) established++;
    const share = g.truth.defections.length / established;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.1);
    for (const kind of ['stopped', 'declining', 'churned-all']) expect(defectionsOf(kind).length).toBeGreaterThan(20);
  });

  it('stops a stopped relationship for good: a rhythm before, nothing after, several cycles ago', () => {
    for (const d of defectionsOf('stopped')) {
      const days = relOf(d.customerId, d.category)?.days ?? [];
      const from = dayFromIso(d.fromDate);
      expect(days.length).toBeGreaterThanOrEqual(4);
      expect(days[days.length - 1]).toBeLessThanOrEqual(from);
      const cycle = median(intervalsOf(days));
      expect(endDay - days[days.length - 1]).toBeGreaterThan(3 * cycle);
    }
  });

  it('stops every category of a churned-all customer, and the customer buys nothing afterwards', () => {
    const customers = new Set(defectionsOf('churned-all').map((d) => d.customerId));
    expect(customers.size).toBeGreaterThan(5);
    for (const customerId of customers) {
      const planted = defectionsOf('churned-all').filter((d) => d.customerId === customerId);
      const bought = [...rels.keys()].filter((k) => k.startsWith(`${customerId}|`));
      expect(planted.map((d) => keyOf(customerId, d.category)).sort()).toEqual(bought.sort());
      const from = dayFromIso(planted[0].fromDate);
      for (const key of bought) expect(Math.max(...(rels.get(key)?.days ?? []))).toBeLessThanOrEqual(from);
    }
  });

  it('lets a declining relationship keep buying while its order value falls to well under half its baseline', () => {
    const ratios: number[] = [];
    for (const d of defectionsOf('declining')) {
      const rel = relOf(d.customerId, d.category);
      const from = dayFromIso(d.fromDate);
      const before = rel?.rows.filter((_, i) => rel.days[i] < from && rel.rows[i].revenue > 0).map((r) => r.revenue) ?? [];
      const after = rel?.rows.filter((_, i) => rel.days[i] >= from + 60 && rel.rows[i].revenue > 0).map((r) => r.revenue) ?? [];
      expect(before.length).toBeGreaterThanOrEqual(4);
      expect(after.length).toBeGreaterThan(0);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      ratios.push(mean(after) / mean(before));
    }
    // Order sizes are noisy, so judge the typical relationship and bound the worst.
    expect(median(ratios)).toBeLessThan(0.45);
    expect(Math.max(...ratios)).toBeLessThan(0.8);
  });

  it('never plants a defection on a trap or a cross-sell gap', () => {
    const defected = new Set(g.truth.defections.map((d) => keyOf(d.customerId, d.category)));
    for (const t of g.truth.traps) expect(defected.has(keyOf(t.customerId, t.category))).toBe(false);
    for (const gap of g.truth.crossSellGaps) expect(defected.has(keyOf(gap.customerId, gap.category))).toBe(false);
  });
});

describe('the planted cross-sell gaps', () => {
  it('removes core pattern categories from about 10% of customers, who never buy them', () => {
    const customers = new Set(g.truth.crossSellGaps.map((gap) => gap.customerId));
    expect(customers.size / 1500).toBeGreaterThan(0.06);
    expect(customers.size / 1500).toBeLessThan(0.14);
    for (const gap of g.truth.crossSellGaps) {
      expect(relOf(gap.customerId, gap.category)).toBeUndefined();
      const pattern = g.truth.patterns[g.truth.customerPattern[gap.customerId]];
      expect(pattern.categories).toContain(gap.category);
    }
  });

  it('leaves the gap category widely bought by the rest of the pattern', () => {
    for (const gap of g.truth.crossSellGaps.slice(0, 40)) {
      const pattern = g.truth.customerPattern[gap.customerId];
      const peers = Object.entries(g.truth.customerPattern).filter(([id, p]) => p === pattern && id !== gap.customerId).map(([id]) => id);
      const buying = peers.filter((id) => relOf(id, gap.category)).length;
      expect(buying / peers.length).toBeGreaterThan(0.5);
    }
  });
});
