import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { seededRandom } from '../../../shared/analytics/rng';
import { makeDataset, type Row } from '../../unit/analytics/make-dataset';

/** 150 shops ordering dairy and bakery every week for two and a half years; 12 have gone quiet for three or four weeks. */
function weeklyShops(): Row[] {
  const random = seededRandom(5);
  const rows: Row[] = [];
  const end = dayFromIso('2022-06-30');
  for (let c = 0; c < 150; c++) {
    const quiet = c < 12 ? 14 + Math.floor(random() * 14) : 0;
    for (let d = dayFromIso('2020-01-01') + (c % 7); d <= end - quiet; d += 7) {
      for (const category of ['Dairy', 'Bakery']) rows.push({ customer: `W${c}`, date: isoFromDay(d), category, revenue: Math.round(80 + 40 * random()) });
    }
  }
  return rows;
}

const MEASURED = /; how such customers fared in this data puts it at 0%/;
const UNMEASURED = /, not measured on this data: no customer at the earlier dates it learned from had fallen this far short of its usual pace \(of the 450 customers counted there\), so all they give is the decline rate over all of them \(0%\)/;

describe('weekly buyers gone quiet, in a history where no customer ever declined', () => {
  const out = runAnalysis(makeDataset(weeklyShops()), { ...analysisSettingsSchema.parse({}), asOf: '2022-06-30' });
  const recovery = out.actions.filter((a) => a.kind === 'recovery');

  it('still calls the quiet ones, but states their chance as the rhythm rules\' confidence beside what the data measured', () => {
    expect(out.recovery?.model.customer).toMatchObject({ usable: false, declineRate: 0 });
    expect(recovery.length).toBeGreaterThan(0);
    for (const a of recovery) {
      expect(a.customerName).toMatch(/^Customer W([0-9]|1[01])$/);
      expect(a.reason).toMatch(new RegExp(`\\(\\d+% chance it falls below half by the rhythm rules' confidence(${MEASURED.source}|${UNMEASURED.source})\\)$`));
    }
    // A shop a quarter or more short is past anything the training held (no customer had fallen
    // that far), so its chance is not called measured; one less short had 119 such customers.
    expect(recovery.filter((a) => UNMEASURED.test(a.reason)).length).toBeGreaterThan(0);
    expect(recovery.filter((a) => MEASURED.test(a.reason)).length).toBeGreaterThan(0);
  });

  it('keeps the caveat that the learned model was not used', () => {
    expect(out.caveats.join(' ')).toContain('The learned model was not used at customer level: the history shows too few declines to learn from (0 of 450 declined)');
  });
});
