import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { makeDataset, type Row } from '../../unit/analytics/make-dataset';

/*
 * 200 customers buy $100 of Bolts every week from 2024-01-01 to 2025-06-30. Twelve go quiet from
 * mid-January to 10 April 2025 and then buy as before; one stops for good at the end of March. As of
 * 2025-03-31 the twelve are overdue by ten weeks and more, so they are flagged, yet over the next 90
 * days only one customer in 200 declines: a list of twelve would hold one decline in seventeen by
 * chance, and no method can be judged on that.
 */
function steadyBuyersWithAPause(): Row[] {
  const rows: Row[] = [];
  const from = dayFromIso('2024-01-01');
  const to = dayFromIso('2025-06-30');
  const pause = [dayFromIso('2025-01-15'), dayFromIso('2025-04-10')];
  const stop = dayFromIso('2025-03-31');
  for (let c = 0; c < 200; c++) {
    const customer = `C${String(c).padStart(3, '0')}`;
    for (let d = from + (c % 7); d <= to; d += 7) {
      if (c < 12 && d >= pause[0] && d < pause[1]) continue;
      if (c === 199 && d > stop) continue;
      rows.push({ customer, date: isoFromDay(d), category: 'Bolts', revenue: 100 });
    }
  }
  return rows;
}

describe('a backtest whose horizon holds too few slides to judge', () => {
  const report = runBacktest(makeDataset(steadyBuyersWithAPause()), analysisSettingsSchema.parse({}), dayFromIso('2025-03-31'), 90);
  const customers = report.levels[0];

  it('flags the paused customers, who come back, and finds one decline in all', () => {
    expect(customers.flagged).toBeGreaterThanOrEqual(12);
    expect(customers.population).toMatchObject({ units: 200, declined: 1 });
  });

  it('says there is no verdict to read instead of calling the list better or worse', () => {
    const byChance = (customers.flagged * 1) / 200;
    expect(byChance).toBeLessThan(1);
    expect(customers.verdict.tooFewDeclines).toBe(true);
    expect(customers.verdict.text).toMatch(
      new RegExp(`^Too few slides to judge on this data: 1 of 200 customers declined over the horizon, so ${customers.flagged} flags would hold about one or none by chance`),
    );
    expect(customers.verdict.text).not.toContain('How sure');
    // Measured figures stay for the record; no target reads as met or missed.
    expect(customers.verdict).toMatchObject({ beatsCapture: null, precisionOk: null, calibrationOk: null });
  });
});
