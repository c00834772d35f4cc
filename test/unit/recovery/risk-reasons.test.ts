import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../shared/analytics/risk';
import { customerReason, modelOnlyReason, moneySentence, priorWindow, rulesChanceOf, slipWords } from '../../../shared/analytics/recovery/risk-reasons';
import { reasonFormat, type ReasonFormat } from '../../../shared/analytics/recovery/reasons';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { dayFromIso } from '../../../shared/format/dates';
import { datasetOf, rhythm } from './build';

const f: ReasonFormat = { cash: (x) => `$${Math.round(x).toLocaleString('en-US')}`, share: (x) => `${Math.round(x * 100)}%`, iso: String };
const AS_OF = dayFromIso('2025-12-31');

/** A's Dairy every 10 days at $100 from `from` up to 60 days before the as-of date; B keeps buying to the end. */
const dataFrom = (from: number) =>
  datasetOf([...rhythm('A', 'Dairy', from, AS_OF - 60, 10, 100), ...rhythm('B', 'Dairy', from, AS_OF, 10, 100)]);

describe('a whole-account reason', () => {
  it('names the categories a customer stopped buying, and leaves them out where the data has one', () => {
    const sales = [...rhythm('A', 'Dairy', AS_OF - 600, AS_OF - 60, 10, 100), ...rhythm('A', 'Meat', AS_OF - 600, AS_OF - 60, 20, 100), ...rhythm('B', 'Dairy', AS_OF - 600, AS_OF, 10, 100)];
    const two = datasetOf(sales);
    const breakdown = [
      { category: 0, atRisk: 1800, spend12m: 3100 },
      { category: 1, atRisk: 1200, spend12m: 1600 },
    ];
    expect(customerReason(assessRisk(two, AS_OF, 365).customer, 0, 'lapsed-all', breakdown, two.categories, 3000, 4000, 0.8, '12 months', f)).toMatch(
      /^No order in any category for 60 days; .*; categories: Dairy, Meat; \$3,000 at risk/,
    );
    const one = datasetOf(sales.filter((s) => s.category === 'Dairy'));
    const reason = customerReason(assessRisk(one, AS_OF, 365).customer, 0, 'lapsed-all', breakdown.slice(0, 1), one.categories, 2000, 3100, 0.8, '12 months', f);
    expect(reason).toMatch(/^No order for 60 days; it ordered about every 10 days \(\$3,100 in the 12 months before\); \$2,000 at risk/);
  });
});

describe('a slipping account still buying at its pace', () => {
  it('reads its last 90 days against its own pace and the whole business\'s: sliding below both, slower than the season above its own', () => {
    expect(slipWords(250, 1200, 365, Math.log(1.1), 'x')).toBe('Spending is sliding across the account: x (0.8x its usual pace, the whole business 1.1x)');
    // An account a tenth below its pace is not sliding.
    expect(slipWords(275, 1200, 365, Math.log(1.1), 'x')).toBe('Buying a little below its usual pace: x (0.9x its usual pace, the whole business 1.1x)');
    expect(slipWords(292, 1200, 365, Math.log(1.1), 'x')).toBe('Buying more slowly than the season: x (1.0x its usual pace, the whole business 1.1x)');
    expect(slipWords(400, 1200, 365, Math.log(1.6), 'x')).toBe('Buying more slowly than the season: x (1.4x its usual pace, the whole business 1.6x)');
    expect(slipWords(400, 1200, 365, Math.log(1.2), 'x')).toMatch(/^Still buying at its pace and the season's: x \(1\.4x its usual pace, the whole business 1\.2x\), but /);
  });

  it('is not said to be sliding: the reason says it buys at its pace and that accounts like it went on to spend less', () => {
    // B orders every 10 days to the as-of date, $100 each and $150 in the last quarter: $1,350 in the
    // last 90 days of $4,150 in 12 months, above its year's pace.
    const ds = datasetOf([...rhythm('A', 'Dairy', AS_OF - 600, AS_OF - 60, 10, 100), ...rhythm('B', 'Dairy', AS_OF - 600, AS_OF, 10, (d) => (d > AS_OF - 90 ? 150 : 100))]);
    const cf = assessRisk(ds, AS_OF, 365).customer;
    expect([cf.facts.last90[1], cf.facts.prior[1]]).toEqual([1350, 4150]);
    expect(customerReason(cf, 1, 'slipping', [], ds.categories, 500, 4150, 0.2, '12 months', f)).toMatch(
      /^Still buying at its pace and the season's: \$1,350 in the last 90 days against \$4,150 in 12 months \(1\.3x its usual pace, the whole business 0\.9x\), but accounts like it here went on to spend less; it ordered about every 10 days, last order 0 days ago;/,
    );
  });
});

describe('a burst of buying', () => {
  it('says how far above its own pace and the season\'s the last 90 days ran', () => {
    // B buys every 10 days, $100 each, then $600 each in the last quarter: $5,400 of $8,200 in 12 months.
    const ds = datasetOf([...rhythm('A', 'Dairy', AS_OF - 600, AS_OF - 60, 10, 100), ...rhythm('B', 'Dairy', AS_OF - 600, AS_OF, 10, (d) => (d > AS_OF - 90 ? 600 : 100))]);
    const cf = assessRisk(ds, AS_OF, 365).customer;
    const business = Math.exp(cf.pace.quarter).toFixed(1);
    expect(customerReason(cf, 1, 'slipping', [], ds.categories, 3000, 8200, 0.6, '12 months', f)).toMatch(
      new RegExp(`^Bought most of its year in the last 90 days \\(\\$5,400 of \\$8,200; 2\\.7x its usual pace, the whole business ${business.replace('.', '\\.')}x\\); in this data such bursts rarely repeat in full;`),
    );
  });
});

describe("a reason's usual spend, read over the window the data covers", () => {
  it('is the last 12 months once the data covers a year, with no yearly figure beside it', () => {
    expect(priorWindow(1200, 365, f)).toEqual({ span: '12 months', perYear: '' });
    const ds = dataFrom(AS_OF - 600);
    const { customer: cf, relationship: rf } = assessRisk(ds, AS_OF, 365);
    expect(modelOnlyReason(rf, 0, 'Dairy', f)).toMatch(/; \$3,100 in the last 12 months$/);
    // 60 days silent on a 10-day rhythm is late by the rules' 2 cycles; on a lateness of 8 it is not yet.
    expect(modelOnlyReason(rf, 0, 'Dairy', f, 2)).toMatch(/ago \(6\.\d cycles\); /);
    expect(modelOnlyReason(rf, 0, 'Dairy', f, 8)).toMatch(/ago \(6\.\d cycles, short of the 8 the rhythm rules call late: flagged on how relationships like it fared in this data\); /);
    expect(customerReason(cf, 0, 'lapsed-all', [], ds.categories, 2000, 3100, 0.8, '12 months', f)).toMatch(/^No order for 60 days; it ordered about every 10 days \(\$3,100 in the 12 months before\);/);
  });

  it('names the shorter span near the start of the data and says what it comes to a year, so the money beside it adds up', () => {
    // 273 days of data: A bought 22 times ($2,200), the last 62 days ago, about $2,941 a year.
    const ds = dataFrom(AS_OF - 272);
    const { customer: cf, relationship: rf } = assessRisk(ds, AS_OF, 365);
    expect(cf.facts.priorDays).toBe(273);
    expect(priorWindow(2200, 273, f)).toEqual({ span: '9 months of data', perYear: 'about $2,941 a year' });
    expect(modelOnlyReason(rf, 0, 'Dairy', f)).toMatch(/; \$2,200 in the last 9 months of data \(about \$2,941 a year\)$/);
    expect(customerReason(cf, 0, 'lapsed-all', [], ds.categories, 2000, 2941, 0.8, '12 months', f)).toMatch(
      /^No order for 62 days; it ordered about every 10 days \(\$2,200 in the 9 months of data before, about \$2,941 a year\);/,
    );
    expect(customerReason(cf, 0, 'slipping', [], ds.categories, 2000, 2941, 0.8, '12 months', f)).toMatch(
      /^Spending is sliding across the account: \$300 in the last 90 days against \$2,200 in 9 months of data, about \$2,941 a year \(0\.4x its usual pace, the whole business 0\.7x\);/,
    );
    // 40 days later A has bought nothing for 102 days: a slipping account with nothing in the last 90
    // days is said as the silence it is.
    const silentCf = assessRisk(dataFrom(AS_OF - 272), AS_OF + 40, 365).customer;
    expect(customerReason(silentCf, 0, 'slipping', [], ds.categories, 2000, 2941, 0.8, '12 months', f)).toMatch(/^No order for 102 days; it ordered about every 10 days/);
  });

  it('gives no rhythm for two orders, which make one interval', () => {
    // C bought on two days in a row at the start of the data, then nothing for 272 days.
    const ds = datasetOf([
      { customer: 'C', category: 'Dairy', date: AS_OF - 273, revenue: 2700 },
      { customer: 'C', category: 'Dairy', date: AS_OF - 272, revenue: 2700 },
      ...rhythm('D', 'Dairy', AS_OF - 273, AS_OF, 10, 100),
    ]);
    const { customer: cf } = assessRisk(ds, AS_OF, 365);
    expect(customerReason(cf, 0, 'lapsed-all', [], ds.categories, 5000, 7193, 0.8, '12 months', f)).toMatch(/^No order for 272 days; it ordered twice \(\$5,400 in the 9 months of data before, about \$7,193 a year\);/);
  });
});

describe('the money sentence', () => {
  it('says what a customer usually buys where amounts are counts of purchases, and spends where they are money', () => {
    expect(moneySentence(25, 28, 0.97, '12 months', reasonFormat(PURCHASE_UNITS))).toBe('25 units at risk over the next 12 months of the 28 units it usually buys in that time (97% chance it falls below half)');
    expect(moneySentence(2500, 2800, 0.97, '12 months', reasonFormat('USD'))).toBe('$2,500 at risk over the next 12 months of the $2,800 it usually spends in that time (97% chance it falls below half)');
  });

  it("names the rhythm rules' confidence as such where it is stated above what the data measured, or where nothing was measured", () => {
    const f = reasonFormat('USD');
    const above = rulesChanceOf(0.86, 0, 'customers', null, f);
    expect(moneySentence(8600, 9900, 0.86, '12 months', f, above)).toBe(
      "$8,600 at risk over the next 12 months of the $9,900 it usually spends in that time (86% chance it falls below half by the rhythm rules' confidence; how such customers fared in this data puts it at 0%)",
    );
    const unmeasured = rulesChanceOf(0.7, null, 'relationships', 'the history shows too few declines to learn from (0 of 900 declined)', f);
    expect(moneySentence(700, 1000, 0.7, '12 months', f, unmeasured)).toMatch(/\(70% chance it falls below half by the rhythm rules' confidence, not measured on this data: the history shows too few declines to learn from \(0 of 900 declined\)\)$/);
    expect(rulesChanceOf(0.7, null, 'customers', null, f)?.why).toBe('the history is too short to learn how such signs end');
  });

  it('says nothing of the rules where the data measured as much or more, to the whole percent', () => {
    const f = reasonFormat('USD');
    expect(rulesChanceOf(0.6, 0.8, 'customers', null, f)).toBeUndefined();
    expect(rulesChanceOf(0.601, 0.598, 'customers', null, f)).toBeUndefined();
  });
});
