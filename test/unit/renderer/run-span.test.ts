import { describe, expect, it } from 'vitest';
import { runSpan, spanOf, spanWords } from '../../../shared/format/leakage-span';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { expectedHeading } from '../../../renderer/src/components/ActionList';
import { growthByCategoryOption } from '../../../renderer/src/charts/growth';
import { leakageBarsOption } from '../../../renderer/src/charts/overview';
import { territoryColumns } from '../../../renderer/src/features/assignment/PlanTables';

const fmt = { money: String, moneyCompact: String, share: String, unit: 'USD' } as unknown as Parameters<typeof growthByCategoryOption>[1];

describe("a run's span, read from its summary", () => {
  it("calls a spend table's money the table's, with no year in a heading or a sentence", () => {
    const span = runSpan({ leakage: { windowDays: 365 }, hasDates: false, currency: 'USD' });
    expect(span).toMatchObject({ dated: false, per: '', heading: '', revenue: "the table's revenue", revenueColumn: 'Revenue in the table' });
    expect(spanWords('Leakage', span.heading, '(USD)')).toBe('Leakage (USD)');
    expect(expectedHeading(undefined, false, span).label).toBe('Expected');
    const axis = growthByCategoryOption([{ category: 'Dairy', expected: 10, count: 1 }] as never, fmt, undefined, span).xAxis as { name: string };
    expect(axis.name).toBe('Expected revenue (USD)');
    // No dates, no recovery: the leakage bars carry growth alone, and no "Revenue at risk" key.
    const rows = [{ key: 'North', recovery: 0, growth: 500, total: 500, revenue12m: 9000, share: 0.05 }] as never;
    const bars = leakageBarsOption(rows, 'Territory', fmt, undefined, span);
    expect((bars.legend as { data: string[] }).data).toEqual(['Growth potential']);
    expect((bars.series as { name: string }[]).map((x) => x.name)).toEqual(['Growth potential']);
    expect((leakageBarsOption(rows, 'Territory', fmt, undefined, 365).legend as { data: string[] }).data).toEqual(['Revenue at risk', 'Growth potential']);
  });

  it('keeps a dated year as a year, and a purchase log counts purchases', () => {
    expect(runSpan({ leakage: { windowDays: 365 }, hasDates: true, currency: 'GBP' })).toMatchObject({ dated: true, per: 'a year', revenue: '12-month revenue' });
    expect(expectedHeading(undefined, false, runSpan({ leakage: {}, hasDates: true, currency: 'GBP' })).label).toBe('Expected / yr');
    expect(runSpan({ leakage: { windowDays: 182 }, hasDates: true, currency: PURCHASE_UNITS })).toMatchObject({ short: true, revenue: 'purchases over 182 days', revenueColumn: 'Purchases, 182 days' });
    // Days alone, as older callers pass them, read as a dated window.
    expect(spanOf(90)).toMatchObject({ dated: true, short: true, per: 'over 90 days' });
  });
});

describe("the Assignment screen's territory table", () => {
  const columns = (span?: Parameters<typeof territoryColumns>[1]) => {
    const byId = new Map(territoryColumns(fmt as never, span).map((c) => [c.id, c]));
    return { leakage: byId.get('leakage'), share: byId.get('share') };
  };

  it("reads leakage over the run's span: a year, the days a younger history holds, or a spend table's growth alone", () => {
    expect(columns().leakage?.label).toBe('Leakage / yr');
    expect(columns(runSpan({ leakage: { windowDays: 365 }, hasDates: true, currency: 'GBP' })).share?.title).toBe('Leakage as a share of 12-month revenue; — where the territory bought nothing in the last 12 months');
    const young = columns(runSpan({ leakage: { windowDays: 182 }, hasDates: true, currency: 'GBP' }));
    expect(young.leakage?.label).toBe('Leakage, 182 d');
    expect(young.share?.title).toBe('Leakage as a share of revenue over 182 days; — where the territory bought nothing in the 182 days of data');
    const table = columns(runSpan({ leakage: { windowDays: 365 }, hasDates: false, currency: 'USD' }));
    expect(table.leakage?.label).toBe('Leakage');
    expect(table.leakage?.title).toMatch(/^Growth \(a spend table has no dates, so no recovery\) of every account/);
    expect(table.share?.title).toBe("Leakage as a share of the table's revenue; — where the territory bought nothing in the table");
  });
});

