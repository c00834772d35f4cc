import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hindsightSentence, otherOrdersSentence, otherOrdersTable, runBacktest } from '../../../shared/analytics/holdout';
import { describeBacktest } from '../../../main/cli/commands/backtest';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { DATA_DIR, elogDataset } from '../../helpers/elog';
import { ONLINE_RETAIL_II, onlineRetail } from '../analysis/online-retail-data';

const GROCERY = `${DATA_DIR}/grocery_elog.csv`;

describe.runIf(fs.existsSync(GROCERY))('the recovery list ordered surest first, replayed on the grocery panel a year ahead', () => {
  const ds = elogDataset('grocery_elog.csv', { customer: 'cust', date: 'date' });
  const at = (listOrder: 'balanced' | 'money' | 'sure') => runBacktest(ds, analysisSettingsSchema.parse({ recovery: { listOrder } }), dayFromIso('2006-12-31'), 364);
  const balanced = at('balanced').levels[0];
  const sure = at('sure');
  const customers = sure.levels[0];
  const row = (method: string) => customers.rows.find((r) => r.method === method)!;

  it("puts slides at least as sure as the money-minded rules' at the top, where the balanced order's fall short", () => {
    const bar = Math.max(row('drop-90').precision, row('own-gap').precision);
    expect(balanced.verdict.precisionOk).toBe(false);
    expect(customers.verdict.precisionOk).toBe(true);
    expect(row('model').precision).toBeGreaterThanOrEqual(bar);
    expect(row('model').precision).toBeGreaterThan(balanced.rows[0].precision);
  });

  it('holds less of the loss for it, and the run notes say the settings asked for that order', () => {
    expect(row('model').capturedShare).toBeLessThan(balanced.rows[0].capturedShare);
    expect(sure.warnings.some((w) => w.startsWith('Recovery list order: Customers sliding as a whole are ordered surest first, as the settings ask'))).toBe(true);
  });

  it("states beside a balanced run's verdict what surest first would have flagged on the same replay, exactly as a run ordered so scores it", () => {
    const sureInBalanced = balanced.otherOrders?.find((o) => o.mode === 'sure');
    expect(sureInBalanced).toEqual({ mode: 'sure', precision: row('model').precision, capturedShare: row('model').capturedShare, calibration: row('model').calibration });
    // Balanced kept money first on this data, so money first is the same list and is not repeated.
    expect(balanced.otherOrders?.map((o) => o.mode)).toEqual(['sure']);
    expect(balanced.verdict.text).toContain(otherOrdersSentence(balanced.otherOrders ?? [], balanced.rows, balanced.compared));
    expect(balanced.verdict.text).toContain(' In the other list order (the List order setting), the top 300 would have been: surest first, ');
    // Seen from the surest-first run, balanced and money first are that one list, said once.
    expect(customers.otherOrders).toEqual([{ mode: 'balanced', sameAs: 'money', precision: balanced.rows[0].precision, capturedShare: balanced.rows[0].capturedShare, calibration: balanced.rows[0].calibration }]);
    expect(customers.verdict.text).toContain('would have been: balanced (here the same list as money first), ');
  });

  it('scores every weight the list could take: none meets both bars here, as the runs ordered money first and surest first each found', () => {
    expect(balanced.hindsight).toEqual({ weights: 10, meetBoth: 0, chosenMeets: false, lighter: 0, heavier: 0 });
    // The two ends of the weighing, each replayed as a run of its own and judged by its own verdict.
    const money = at('money').levels[0].verdict;
    expect(money.beatsCapture && money.precisionOk).toBe(false);
    expect(customers.verdict.beatsCapture && customers.verdict.precisionOk).toBe(false);
    expect(balanced.verdict.text).toContain(hindsightSentence(balanced.hindsight!, balanced.compared));
    expect(balanced.verdict.text).toContain("on this data the forecasts, not the list's order, set the limit.");
  });

  it('lays the orders out as one table on every surface, this run first, each against the best rule', () => {
    const table = otherOrdersTable(balanced);
    expect(table?.rows.map((r) => r.label)).toEqual(["This run's order", 'Surest first']);
    const best = Math.max(...['recency', 'drop-90', 'own-gap'].map((m) => balanced.rows.find((r) => r.method === m)!.capturedShare));
    expect(table?.rows[0]).toMatchObject({ precision: balanced.rows[0].precision, capturedShare: balanced.rows[0].capturedShare, calibration: balanced.rows[0].calibration });
    expect(table?.rows[1]).toMatchObject({ precision: row('model').precision, capturedShare: row('model').capturedShare });
    expect(table?.rows[1].vsBest).toBeCloseTo(row('model').capturedShare / best, 12);
    expect(table?.caption).toBe(`The same replay in the other list orders, the top 300 each (precision bar ${Math.round(100 * balanced.verdict.precisionBar!)}%)`);
    const printed = describeBacktest(sure, 'USD');
    expect(printed).toContain('  The same replay in the other list orders, the top 300 each');
    expect(printed).toMatch(/Balanced \(here the same list as money first\)\s+\d+\.\d%/);
  });
});

describe.runIf(fs.existsSync(ONLINE_RETAIL_II))('the recovery list in hindsight on Online Retail II as of 2010-08-31, 100 days (customer x category calls)', () => {
  const report = runBacktest(onlineRetail(ONLINE_RETAIL_II).ds, analysisSettingsSchema.parse({}), dayFromIso('2010-08-31'), 100);
  const top = report.levels.find((l) => l.id === 'relationship')!;
  const customers = report.levels[0];

  it('finds that a heavier weight on sureness than the run chose from its forecasts would have met both bars, and says so', () => {
    expect(top.hindsight).toEqual({ weights: 10, meetBoth: 1, chosenMeets: false, lighter: 0, heavier: 1 });
    // The run's own order is one of the weights scored: its verdict agrees that it missed a bar.
    expect(top.verdict.beatsCapture && top.verdict.precisionOk).toBe(false);
    expect(top.verdict.text).toContain(' In hindsight 1 of the 10 orders the list could take (money first, 8 weights on sureness between, surest first) would have met both the capture and the precision bars, with a heavier weight on sureness than this run\'s;');
  });

  it('leaves a level whose own order met both bars without a hindsight sentence', () => {
    expect(customers.hindsight?.chosenMeets).toBe(true);
    expect(customers.verdict.beatsCapture && customers.verdict.precisionOk).toBe(true);
    expect(customers.verdict.text).not.toContain('In hindsight');
    expect(customers.verdict.text).not.toContain('would have met both');
  });

  it('scores no hindsight on the list of every flagged relationship, which has no top to reorder', () => {
    expect(report.levels.find((l) => l.id === 'relationship-all')?.hindsight).toBeUndefined();
  });
});
