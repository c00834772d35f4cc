import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../shared/analytics/holdout';
import { CAPTURE_MARGIN } from '../../../shared/analytics/holdout/targets';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { DATA_DIR, elogDataset } from '../../helpers/elog';
import { makeDataset, type Row } from '../../unit/analytics/make-dataset';

const FILE = `${DATA_DIR}/cdnowElog.csv`;

/** Every tenth customer of the CDNOW sample (masterid ending in 1): a cohort of about 240 that mostly fades. */
function everyTenthCustomer(): Row[] {
  const [header, ...lines] = fs.readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  const at = (name: string) => header.split(',').indexOf(name);
  const [id, date, sales] = [at('masterid'), at('date'), at('sales')];
  const rows: Row[] = [];
  for (const line of lines) {
    const cells = line.split(',');
    if (Number(cells[id]) % 10 !== 1) continue;
    const d = cells[date];
    rows.push({ customer: cells[id], date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, category: 'CDs', revenue: Number(cells[sales]) });
  }
  return rows;
}

describe.runIf(fs.existsSync(FILE))('a backtest whose data leaves no list room to beat the best rule by the margin', () => {
  const report = runBacktest(makeDataset(everyTenthCustomer()), analysisSettingsSchema.parse({}), dayFromIso('1997-09-28'), 273);
  const customers = report.levels[0];
  const row = (method: string) => customers.rows.find((r) => r.method === method)!;

  it("says no list of that length could have beaten it, with the future's own list as the measure", () => {
    const best = Math.max(...['recency', 'drop-90', 'own-gap'].map((m) => row(m).capturedShare));
    const room = row('foresight').capturedShare / best;
    // Most of the cohort is flagged: any list that long holds most of what is lost.
    expect(customers.flagged).toBeGreaterThan(customers.population.units / 2);
    expect(room).toBeLessThan(CAPTURE_MARGIN);
    expect(customers.verdict.beatsCapture).toBe(false);
    const share = Math.round((100 * customers.flagged) / customers.population.units);
    expect(customers.verdict.text).toContain(
      ` No list of ${customers.flagged} could have: that one holds ${room.toFixed(2)}x the best rule's loss, under the ${CAPTURE_MARGIN}x asked (${customers.flagged} flags are ${share}% of the ${customers.population.units} customers with spend before the date to judge, so any list that long holds most of the loss).`,
    );
  });
});

const GROCERY = `${DATA_DIR}/grocery_elog.csv`;

describe.runIf(fs.existsSync(GROCERY))('a backtest that misses the capture margin where the future leaves little room above the best rule', () => {
  // The grocery panel a year ahead: the own-gap rule already holds most of what any list of 300 could.
  const report = runBacktest(elogDataset('grocery_elog.csv', { customer: 'cust', date: 'date' }), analysisSettingsSchema.parse({}), dayFromIso('2006-12-31'), 364);
  const customers = report.levels[0];
  const row = (method: string) => customers.rows.find((r) => r.method === method)!;

  it('says what share of the reachable the margin asked for, and what our flags and the best rule held of it', () => {
    const best = Math.max(...['recency', 'drop-90', 'own-gap'].map((m) => row(m).capturedShare));
    const ceiling = row('foresight').capturedShare;
    expect(customers.verdict.beatsCapture).toBe(false);
    expect(ceiling / best).toBeGreaterThanOrEqual(CAPTURE_MARGIN);
    const pct = (x: number) => `${Math.round(100 * x)}%`;
    expect(customers.verdict.text).toContain(
      ` The ${CAPTURE_MARGIN}x asked is ${pct((CAPTURE_MARGIN * best) / ceiling)} of what perfect foresight held; these flags held ${pct(row('model').capturedShare / ceiling)} of it, the best rule ${pct(best / ceiling)}.`,
    );
    expect(customers.verdict.text).not.toContain('No list of');
  });
});
