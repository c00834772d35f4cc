import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { runBacktest } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso, dayFromParts, isoFromDay } from '../../../shared/format/dates';
import { seededRandom } from '../../../shared/analytics/rng';
import { makeDataset, type Row } from '../../unit/analytics/make-dataset';

/** 120 shops buying lights, trees and wrap two to four times in the first three weeks of each December, 2018-2021. */
function decemberShops(): Row[] {
  const random = seededRandom(21);
  const rows: Row[] = [];
  for (let c = 0; c < 120; c++) {
    const size = 500 * Math.exp(random() * 2);
    for (let y = 2018; y <= 2021; y++) {
      const orders = 2 + Math.floor(random() * 3);
      for (let o = 0; o < orders; o++) {
        const date = isoFromDay(dayFromParts(y, 12, 1 + Math.floor(random() * 20)));
        for (const category of ['Lights', 'Trees', 'Wrap']) rows.push({ customer: `X${c}`, date, category, revenue: Math.round((size * (0.7 + 0.6 * random())) / orders) });
      }
    }
  }
  return rows;
}

describe('a business whose customers buy only in December, analysed in October', () => {
  const out = runAnalysis(makeDataset(decemberShops()), { ...analysisSettingsSchema.parse({}), asOf: '2022-10-31' });

  it('calls no one late or slipping: last December was bought, and the next has not come', () => {
    expect(out.actions.filter((a) => a.kind === 'recovery')).toEqual([]);
    expect(out.leakage.recovery).toBe(0);
  });
});

/** 100 shops ordering every week from 2018 until 2020-03-31, 20 of them stopped since December; then nobody buys until one order on 2020-12-31. */
function tradeStops(): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < 100; c++) {
    const last = dayFromIso(c < 20 ? '2019-12-01' : '2020-03-31');
    for (let d = dayFromIso('2018-01-03') + (c % 7); d <= last; d += 7) rows.push({ customer: `S${c}`, date: isoFromDay(d), category: c % 2 ? 'Dairy' : 'Meat', revenue: 100 + c });
  }
  rows.push({ customer: 'S50', date: '2020-12-31', category: 'Meat', revenue: 150 });
  return rows;
}

describe('a backtest over months when the whole business buys nothing', () => {
  const report = runBacktest(makeDataset(tradeStops()), analysisSettingsSchema.parse({}), dayFromIso('2020-03-31'), 180);
  const [customers] = report.levels;

  it('judges nothing, rather than count every customer as lost and the list as right', () => {
    expect(customers.flagged).toBeGreaterThan(0);
    expect(customers.population.declined).toBe(customers.population.units);
    expect(customers.verdict).toMatchObject({ tooFewDeclines: true, beatsCapture: null, precisionOk: null, calibrationOk: null });
    expect(customers.verdict.text).toMatch(/^Nothing to judge: not one of the 100 customers with spend before the date bought anything over the horizon/);
    expect(report.definitions.text.join(' ')).toContain('the customers with spend before the date bought nothing over it: there is nothing to deflate by');
  });
});
