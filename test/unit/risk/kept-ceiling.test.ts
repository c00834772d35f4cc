import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../shared/analytics/risk';
import { keptSpend } from '../../../shared/analytics/risk/kept';
import { moneyCeiling } from '../../../shared/analytics/risk/model';
import { customerReason } from '../../../shared/analytics/recovery/risk-reasons';
import type { ReasonFormat } from '../../../shared/analytics/recovery/reasons';
import { dayFromIso } from '../../../shared/format/dates';
import { datasetOf, rhythm, type Sale } from '../recovery/build';

const AS_OF = dayFromIso('2025-12-31');
const f: ReasonFormat = { cash: (x) => `$${Math.round(x).toLocaleString('en-US')}`, share: (x) => `${Math.round(x * 100)}%`, iso: String };

/**
 * A buys Dairy and Meat every 30 days at $100 each for two years, then stops 100 days before the
 * as-of date; 20 days after its last big Meat order ($900) it sends all of it back. B buys on, and
 * C bought $500 once in the window and returned it all a week later.
 */
const sales: Sale[] = [
  ...rhythm('A', 'Dairy', AS_OF - 700, AS_OF - 100, 30, 100),
  ...rhythm('A', 'Meat', AS_OF - 700, AS_OF - 130, 30, 100),
  { customer: 'A', category: 'Meat', date: AS_OF - 100, revenue: 900 },
  { customer: 'A', category: 'Meat', date: AS_OF - 80, revenue: -900 },
  ...rhythm('B', 'Dairy', AS_OF - 700, AS_OF, 10, 100),
  { customer: 'C', category: 'Dairy', date: AS_OF - 700, revenue: 50 },
  { customer: 'C', category: 'Dairy', date: AS_OF - 200, revenue: 500 },
  { customer: 'C', category: 'Dairy', date: AS_OF - 193, revenue: -500 },
];
const ds = datasetOf(sales);
const [A, B, C] = [0, 1, 2];

describe('what a customer kept of what it bought', () => {
  it('sums every line of the prior window, returns on any day included, at customer and at relationship level', () => {
    const risk = assessRisk(ds, AS_OF, 365);
    const kept = keptSpend(ds, risk.customers, AS_OF, 365)!;
    const bought = (c: string, category?: string) =>
      sales.filter((s) => s.customer === c && (!category || s.category === category) && (s.date as number) > AS_OF - 365 && (s.date as number) <= AS_OF).reduce((sum, s) => sum + s.revenue, 0);
    expect([kept[A], kept[B], kept[C]]).toEqual([bought('A'), bought('B'), 0]);
    const byRelationship = keptSpend(ds, risk.relationships, AS_OF, 365)!;
    const unit = (c: number, k: number) => Array.from({ length: risk.relationships.count }, (_, u) => u).find((u) => risk.relationships.customer[u] === c && risk.relationships.category[u] === k)!;
    expect(byRelationship[unit(A, ds.categories.indexOf('Meat'))]).toBe(bought('A', 'Meat'));
    expect(byRelationship[unit(A, ds.categories.indexOf('Dairy'))]).toBe(bought('A', 'Dairy'));
  });

  it('reads all of it sent back as nothing kept, not as the rounding residue of its lines', () => {
    const returned: Sale[] = [
      ...rhythm('B', 'Dairy', AS_OF - 700, AS_OF, 10, 100),
      ...[0.1, 0.2, 0.3].map((revenue) => ({ customer: 'D', category: 'Dairy', date: AS_OF - 200, revenue })),
      { customer: 'D', category: 'Dairy', date: AS_OF - 190, revenue: -0.6 },
    ];
    expect(0.1 + 0.2 + 0.3 - 0.6).not.toBe(0);
    const d = datasetOf(returned);
    const kept = keptSpend(d, assessRisk(d, AS_OF, 365).customers, AS_OF, 365)!;
    expect(kept[1]).toBe(0);
  });

  it('is not worked out where nothing was returned in the window: the money stays as the purchases say', () => {
    const clean = datasetOf(sales.filter((s) => s.revenue > 0));
    expect(keptSpend(clean, assessRisk(clean, AS_OF, 365).customers, AS_OF, 365)).toBeNull();
    // A return after the cut is not known at it, and one before the window is outside it.
    const customers = assessRisk(ds, AS_OF, 365).customers;
    expect(keptSpend(ds, customers, AS_OF - 210, 365)).toBeNull();
    expect(keptSpend(ds, customers, AS_OF, 60)).toBeNull();
    expect(keptSpend(ds, customers, AS_OF, 81)).not.toBeNull();
  });
});

describe('money at risk', () => {
  it('never goes above what a unit kept, though its usual spend counts the purchases', () => {
    const risk = assessRisk(ds, AS_OF, 365);
    const cf = risk.customer;
    // A's purchases in the window count the returned $900 (a return is dated when the goods came back).
    expect(cf.expected[A]).toBeCloseTo(cf.facts.prior[A], 6);
    expect(moneyCeiling(cf, A)).toBeCloseTo(cf.kept![A], 6);
    expect(moneyCeiling(cf, A)).toBeLessThan(cf.expected[A]);
    expect(moneyCeiling(cf, C)).toBe(0);
    for (const f of [risk.customer, risk.relationship]) for (let u = 0; u < f.atRisk.length; u++) expect(f.atRisk[u]).toBeLessThanOrEqual(moneyCeiling(f, u) + 1e-9);
    expect(moneyCeiling(cf, B)).toBe(cf.expected[B]);
  });

  it('says in the reason how much of what was bought came back', () => {
    const cf = assessRisk(ds, AS_OF, 365).customer;
    const reason = customerReason(cf, A, 'lapsed-all', [], ds.categories, 400, cf.expected[A], 0.8, '12 months', f);
    expect(reason).toMatch(/^No order in any category for 100 days; it ordered about every \d+ days \(\$2,\d00 in the 12 months before, \$900 of it sent back\);/);
    // A tenth or less sent back is not worth a word.
    expect(customerReason(cf, B, 'lapsed-all', [], ds.categories, 400, cf.expected[B], 0.8, '12 months', f)).not.toMatch(/sent back/);
  });
});
