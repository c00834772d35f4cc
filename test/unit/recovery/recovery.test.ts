import { describe, expect, it } from 'vitest';
import { buildRecoveryModel, customerCycles, evaluateRecovery } from '../../../shared/analytics/recovery';
import { defaultAnalysisSettings, type RecoverySettings } from '../../../shared/contract/settings';
import { dayFromIso, dayFromParts } from '../../../shared/format/dates';
import { datasetOf, rhythm, type Sale } from './build';

const defaults = (over: Partial<RecoverySettings> = {}): RecoverySettings => ({ ...defaultAnalysisSettings().recovery, ...over });
const AS_OF = dayFromIso('2025-12-31');

function flagsFor(sales: Sale[], asOf = AS_OF, settings = defaults()) {
  const ds = datasetOf(sales);
  return evaluateRecovery(buildRecoveryModel(ds, asOf), settings).map((f) => ({ ...f, who: ds.customers[f.customer].code, what: ds.categories[f.category] }));
}

/** Weekly buyer all year, plus a second healthy category so the customer as a whole is alive. */
const healthy = (customer: string): Sale[] => rhythm(customer, 'Paper', AS_OF - 700, AS_OF - 3, 10, 200);

describe('recovery: late against the customer own cycle', () => {
  it('flags a weekly Dairy buyer silent for 8 weeks and says so in plain words', () => {
    const flags = flagsFor([...rhythm('A', 'Dairy', AS_OF - 56 - 7 * 80, AS_OF - 56, 7, 160), ...healthy('A')]);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ who: 'A', what: 'Dairy', signal: 'late' });
    expect(flags[0].reason).toBe('Orders Dairy about every 7 days; last order 56 days ago (8.0 cycles); $8,500 in the 12 months up to it');
    // 53 weekly orders of $160 fall in the 12 months up to the last one.
    expect(flags[0].atRiskRevenue).toBeCloseTo(53 * 160, 0);
    expect(flags[0].confidence).toBeGreaterThan(0.5);
    expect(flags[0].confidence).toBeLessThanOrEqual(1);
  });

  it('leaves a buyer that orders every 90 days alone 60 days after its last order', () => {
    expect(flagsFor([...rhythm('A', 'Equipment', AS_OF - 720, AS_OF - 60, 90, 900), ...healthy('A')])).toEqual([]);
  });

  it('takes no action on a one-time purchase or on fewer orders than minPurchases', () => {
    const sales = [{ customer: 'A', category: 'Seafood', date: AS_OF - 300, revenue: 5000 }, ...rhythm('A', 'Spices', AS_OF - 400, AS_OF - 200, 100, 80), ...healthy('A')];
    expect(flagsFor(sales)).toEqual([]);
  });

  it('gives an irregular buyer room in proportion to its swings, and none when volatility handling is off', () => {
    // Bursts of re-orders a few days apart, then pauses of about 100 days, repeated.
    const days: number[] = [];
    for (let start = AS_OF - 720; start < AS_OF - 100; start += 110) days.push(start, start + 4, start + 9);
    const last = days[days.length - 1];
    const asOf = last + 95;
    const sales = [...days.map((d) => ({ customer: 'A', category: 'Produce', date: d, revenue: 300 })), ...rhythm('A', 'Paper', AS_OF - 720, asOf - 3, 10, 50)];
    expect(flagsFor(sales, asOf)).toEqual([]);
    // Its bursts fall in a few months of the year, which also reads as a season (whose clock waits for
    // the next): judged on its plain rhythm without the volatility allowance, it is late.
    expect(flagsFor(sales, asOf, defaults({ volatility: false, seasonal: false })).map((f) => f.what)).toEqual(['Produce']);
  });

  it('filters relationships whose run-rate is under minRevenue', () => {
    const sales = [...rhythm('A', 'Dairy', AS_OF - 600, AS_OF - 56, 7, 160), ...healthy('A')];
    expect(flagsFor(sales, AS_OF, defaults({ minRevenue: 10_000 }))).toEqual([]);
  });
});

describe('recovery: seasonality', () => {
  // Ice cream: weekly in June, July and August of 2023, 2024 and (for some tests) 2025.
  const season = (customer: string, years: number[]): Sale[] =>
    years.flatMap((y) => rhythm(customer, 'Ice cream', dayFromParts(y, 6, 2), dayFromParts(y, 8, 29), 7, 250));
  const alive = (customer: string, asOf: number): Sale[] => rhythm(customer, 'Paper', dayFromParts(2023, 1, 5), asOf - 2, 12, 100);

  it('does not call the off-season gap late, but does when seasonality handling is off', () => {
    const asOf = dayFromParts(2026, 3, 20);
    const sales = [...season('A', [2023, 2024, 2025]), ...alive('A', asOf)];
    expect(flagsFor(sales, asOf)).toEqual([]);
    expect(flagsFor(sales, asOf, defaults({ seasonal: false })).map((f) => f.what)).toEqual(['Ice cream']);
  });

  it('leaves a December buyer alone in October when it bought early last December and stopped for the year, as a whole account too', () => {
    // Three orders in the first week of each December: the rest of December is no silence.
    const december = (customer: string, category: string, years: number[]): Sale[] =>
      years.flatMap((y) => [1, 3, 6].map((d) => ({ customer, category, date: dayFromParts(y, 12, d), revenue: 400 })));
    const sales = [...december('X', 'Lights', [2021, 2022, 2023, 2024]), ...december('X', 'Trees', [2021, 2022, 2023, 2024])];
    expect(flagsFor(sales, dayFromParts(2025, 10, 31))).toEqual([]);
    // A December passed without an order is a season missed, for each category and the account.
    const missed = flagsFor([...december('X', 'Lights', [2020, 2021, 2022, 2023]), ...december('X', 'Trees', [2020, 2021, 2022, 2023])], dayFromParts(2025, 1, 10));
    expect(missed.map((f) => f.what).sort()).toEqual(['Lights', 'Trees']);
  });

  it('flags a customer that misses its season and names the season', () => {
    const asOf = dayFromParts(2025, 7, 15);
    const flags = flagsFor([...season('A', [2023, 2024]), ...alive('A', asOf)], asOf);
    expect(flags.map((f) => [f.what, f.signal])).toEqual([['Ice cream', 'late']]);
    expect(flags[0].reason).toContain('in season (Jun-Aug)');
    expect(flags[0].facts.season).toBe('Jun-Aug');
  });

  it('judges a seasonal slide against the same months a year earlier', () => {
    const asOf = dayFromParts(2025, 8, 20);
    const sales = [
      ...season('A', [2023, 2024]),
      ...rhythm('A', 'Ice cream', dayFromParts(2025, 6, 2), asOf - 3, 7, 70),
      ...alive('A', asOf),
    ];
    const flags = flagsFor(sales, asOf);
    expect(flags.map((f) => [f.what, f.signal])).toEqual([['Ice cream', 'declining']]);
    expect(flags[0].reason).toMatch(/^Ice cream spend down to 2\d% of the same months a year earlier/);
  });

  it('shows the cycle, the next due date and the season on the customer detail', () => {
    const asOf = dayFromParts(2025, 11, 20);
    const ds = datasetOf([...season('A', [2023, 2024, 2025]), ...alive('A', asOf)]);
    const cycles = customerCycles(buildRecoveryModel(ds, asOf), 0);
    const ice = cycles.find((c) => c.category === 'Ice cream')!;
    expect(ice).toMatchObject({ seasonal: true, volatile: false, medianIntervalDays: 7 });
    // Due one in-season week after the last order: early June next year.
    expect(ice.expectedBy! >= '2026-06-01' && ice.expectedBy! < '2026-06-10').toBe(true);
    expect(cycles.find((c) => c.category === 'Paper')).toMatchObject({ seasonal: false, purchases: expect.any(Number) });
  });
});

describe('recovery: decline and customers that stop everything', () => {
  it('flags spend sliding to a quarter of its usual rate while orders continue', () => {
    const slide = AS_OF - 150;
    const flags = flagsFor([...rhythm('A', 'Meat', AS_OF - 700, AS_OF - 5, 14, (d) => (d < slide ? 1000 : 250)), ...healthy('A')]);
    expect(flags.map((f) => [f.what, f.signal])).toEqual([['Meat', 'declining']]);
    expect(flags[0].reason).toMatch(/^Meat spend down to 2\d% of its usual rate/);
    // The baseline is the run-rate before the slide (a few reduced orders may fall into it).
    expect(flags[0].atRiskRevenue).toBeGreaterThan(0.85 * ((1000 * 365) / 14));
    expect(flags[0].atRiskRevenue).toBeLessThanOrEqual((1000 * 365) / 14 + 1);
  });

  it('says what a short run before the slide bought, and over what window its yearly figure is counted', () => {
    // Monthly orders of 1,000 for three months, then 100 a month: the run before the slide is shorter than four of its cycles.
    const start = AS_OF - 215;
    const slide = AS_OF - 120;
    const flags = flagsFor([...rhythm('A', 'Meat', start, AS_OF - 5, 30, (d) => (d < slide ? 1000 : 100)), ...healthy('A')]);
    expect(flags.map((f) => [f.what, f.signal])).toEqual([['Meat', 'declining']]);
    const m = /; (\$[\d,]+) in the (\d+) days before the slide, (\$[\d,]+) a year counted over (\d+) days \(four of its cycles at least: a short run is not scaled up\)$/.exec(flags[0].reason);
    expect(m).not.toBeNull();
    const money = (t: string) => Number(t.replace(/[$,]/g, ''));
    // The window is four monthly cycles; the yearly figure is that window's spend over it, never the short run's scaled up.
    expect(Number(m?.[4])).toBe(120);
    expect(money(m?.[3] ?? '')).toBeCloseTo(flags[0].atRiskRevenue, -2);
    expect(money(m?.[1] ?? '')).toBeCloseTo((flags[0].atRiskRevenue * 120) / 365, -2);
    expect(Number(m?.[2])).toBeLessThan(120);
  });

  it('flags every category of a customer that stopped buying everything, even one bought twice', () => {
    const stop = AS_OF - 120;
    const sales = [
      ...rhythm('B', 'Dairy', AS_OF - 600, stop, 20, 300),
      ...rhythm('B', 'Bakery', AS_OF - 590, stop, 30, 150),
      { customer: 'B', category: 'Seafood', date: stop - 90, revenue: 700 },
      { customer: 'B', category: 'Seafood', date: stop - 10, revenue: 700 },
    ];
    const flags = flagsFor(sales);
    expect(flags.map((f) => [f.what, f.signal]).sort()).toEqual([
      ['Bakery', 'lapsed-all'],
      ['Dairy', 'lapsed-all'],
      ['Seafood', 'lapsed-all'],
    ]);
    expect(flags[0].reason).toMatch(/^No order in any category for 1\d\d days/);
  });
});

describe('recovery: model and evaluation', () => {
  const sales = [
    ...rhythm('A', 'Dairy', AS_OF - 600, AS_OF - 56, 7, 160),
    ...healthy('A'),
    ...rhythm('B', 'Meat', AS_OF - 700, AS_OF - 5, 14, (d) => (d < AS_OF - 150 ? 1000 : 250)),
    ...rhythm('C', 'Dairy', AS_OF - 600, AS_OF - 40, 10, 90),
  ];

  it('gives the same flags, bit for bit, on every run', () => {
    expect(flagsFor(sales)).toEqual(flagsFor(sales));
  });

  it('evaluates from the model alone, never re-reading the transactions', () => {
    const ds = datasetOf(sales);
    const model = buildRecoveryModel(ds, AS_OF);
    const before = evaluateRecovery(model, defaults());
    ds.tx.day.fill(0);
    ds.tx.revenue.fill(Number.NaN);
    expect(evaluateRecovery(model, defaults())).toEqual(before);
  });

  it('ignores transactions after the as-of day', () => {
    const later = [...sales, ...rhythm('A', 'Dairy', AS_OF + 1, AS_OF + 60, 7, 160)];
    expect(flagsFor(later)).toEqual(flagsFor(sales));
  });
});
