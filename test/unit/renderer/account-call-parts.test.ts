import { describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../../shared/contract/analysis';
import { makeFormatters } from '../../../renderer/src/app/format';
import { accountParts, cyclesSilent } from '../../../renderer/src/features/customer/account-parts';

const fmt = makeFormatters('GBP', 'en-GB');

type Action = CustomerDetail['actions'][number];
type Cycle = CustomerDetail['cycles'][number];

/** Online Retail II's 18102 as of 2010-12-09, seven of the 29 categories its slipping account call carries. */
const asOf = '2010-12-09';
const rhythm: [string, number | null, string, string | null][] = [
  ['Door', 7.5, '2010-08-01', '2010-08-09'],
  ['Cabinet', 29.3, '2010-12-09', '2011-01-07'],
  ['Holder', 23.5, '2010-12-07', '2010-12-31'],
  ['Mug', 26, '2010-08-26', '2010-09-21'],
  ['Heart', 18.6, '2010-10-14', '2010-11-02'],
  ['Candle', 92, '2010-07-15', '2010-10-15'],
  ['Bowl', null, '2010-07-15', null],
];
const cycles: Cycle[] = rhythm.map(([category, cycleDays, lastPurchase, expectedBy]) => ({
  category,
  purchases: cycleDays === null ? 1 : 10,
  medianIntervalDays: cycleDays,
  cycleDays,
  lastPurchase,
  expectedBy,
  seasonal: false,
  volatile: false,
}));
const parts = [
  { category: 'Door', atRisk: 15031.03, spend12m: 51849.16 },
  { category: 'Cabinet', atRisk: 11200.16, spend12m: 46604.38 },
  { category: 'Holder', atRisk: 7860.18, spend12m: 31916.28 },
  { category: 'Mug', atRisk: 5478.59, spend12m: 19195.36 },
  { category: 'Heart', atRisk: 3650.36, spend12m: 11385.34 },
  { category: 'Candle', atRisk: 348.62, spend12m: 1523.52 },
  { category: 'Bowl', atRisk: 242.37, spend12m: 881.28 },
];

function call(signal: string, breakdown: Action['breakdown']): Action {
  const expectedRevenue = Math.round((breakdown ?? []).reduce((sum, p) => sum + p.atRisk, 0) * 100) / 100;
  return {
    id: 'recovery:18102:All categories',
    kind: 'recovery',
    customerCode: '18102',
    customerName: '18102',
    category: 'All categories',
    expectedRevenue,
    breakdown,
    priority: 73.7,
    reason: '',
    facts: { signal },
    tier: 'strategic',
    profile: 1,
    rep: null,
    territory: 'United Kingdom',
  };
}

const whyOf = (rows: { category: string; why: string }[]): Record<string, string> => Object.fromEntries(rows.map((r) => [r.category, r.why]));

describe('the categories a slipping account call carries, on the Customer screen', () => {
  it('calls slipping only the categories gone more than two of their own cycles without an order', () => {
    const { rows } = accountParts(call('slipping', parts), cycles, asOf, fmt);
    expect(whyOf(rows)).toEqual({
      Door: 'slipping: 17.3 of its cycles without an order',
      Cabinet: "on time; part of the account's slide",
      Holder: "on time; part of the account's slide",
      Mug: 'slipping: 4 of its cycles without an order',
      Heart: 'slipping: 3 of its cycles without an order',
      Candle: "past due, under 2 of its cycles; part of the account's slide",
      Bowl: "no rhythm yet; part of the account's slide",
    });
  });

  it('splits the money at risk between the late categories and the rest in figures that add up', () => {
    const { note } = accountParts(call('slipping', parts), cycles, asOf, fmt);
    // 15,031.03 + 5,478.59 + 3,650.36 on the late ones; 43,811.31 in all, so 19,651 on the others.
    expect(note).toBe(
      "£43,811 at risk: £24,160 on the 3 categories that slip (gone more than 2 of their own cycles without an order), the other £19,651 over its 4 other categories, none gone that long, as the account's wider slide. No category holds more than the customer kept in it while another has room.",
    );
  });

  it('changes no part of the money', () => {
    const { rows } = accountParts(call('slipping', parts), cycles, asOf, fmt);
    expect(rows.map((r) => [r.category, r.atRisk, r.spend12m])).toEqual(parts.map((p) => [p.category, p.atRisk, p.spend12m]));
  });

  it('keeps the categories the run named where the slipping ones could not hold the money', () => {
    const named = [
      { category: 'Door', atRisk: 9000, spend12m: 9000 },
      { category: 'Cabinet', atRisk: 3000, spend12m: 46604.38, spread: true },
    ];
    const { rows, note } = accountParts(call('slipping', named), cycles, asOf, fmt);
    expect(whyOf(rows)).toEqual({ Door: 'slipping', Cabinet: "the account's wider slide" });
    expect(note).toContain("£3,000 of it lies on the account's other categories");
  });

  it('says a win-back carries every category as gone quiet with the account', () => {
    const { rows, note } = accountParts(call('lapsed-all', parts), cycles, asOf, fmt);
    expect(new Set(rows.map((r) => r.why))).toEqual(new Set(['gone quiet with the account']));
    expect(note).toBe('£43,811 at risk, split over the categories it bought, none above what the customer kept in it while another has room.');
  });
});

describe('how long a category has been silent, in its own cycles', () => {
  it('counts from its last purchase to the as-of date, and has no count without a rhythm', () => {
    expect(cyclesSilent({ cycleDays: 29.3, lastPurchase: '2010-12-09' }, asOf)).toBe(0);
    expect(cyclesSilent({ cycleDays: 7.5, lastPurchase: '2010-08-01' }, asOf)).toBeCloseTo(130 / 7.5, 6);
    expect(cyclesSilent({ cycleDays: null, lastPurchase: '2010-07-15' }, asOf)).toBeNull();
  });

  it('shows a silence just past two cycles with the digits that set it apart from two', () => {
    const { rows } = accountParts(call('slipping', [{ category: 'Tin', atRisk: 100, spend12m: 400 }]), [{ ...cycles[0], category: 'Tin', cycleDays: 25, lastPurchase: '2010-10-18' }], asOf, fmt);
    // 52 days over a 25-day cycle: 2.08 cycles, which one decimal would write "2.1" and none "2".
    expect(rows[0].why).toBe('slipping: 2.1 of its cycles without an order');
  });
});
