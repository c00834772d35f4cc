import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromParts, isoFromDay } from '../../../shared/format/dates';
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
