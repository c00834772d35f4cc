import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestLevel } from '../../../shared/analytics/holdout';
import { CALIBRATION_BAND, CAPTURE_MARGIN } from '../../../shared/analytics/holdout/targets';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { splitVerdict } from '../../../renderer/src/features/recovery/verdict-parts';
import { verdictTargets, verdictTargetsLine } from '../../../shared/analytics/holdout/verdict-targets';
import { elogDataset } from '../../helpers/elog';
import { oneCategoryDataset } from '../../helpers/one-category';

// CDNOW's 2,357-customer sample, as of 1997-09-30 with the 273 days after it watched: one of the
// issue's development cases, replayed on the file itself.
const cdnow = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
const report = runBacktest(cdnow, analysisSettingsSchema.parse({}), dayFromIso('1997-09-30'), 273);
const level = (id: BacktestLevel['id']): BacktestLevel => {
  const found = report.levels.find((l) => l.id === id);
  if (!found) throw new Error(`no ${id} level`);
  return found;
};

describe('a recovery verdict on the Recovery screen', () => {
  it('leads with its first sentence and folds the rest, losing no word of it', () => {
    for (const l of report.levels) {
      const { lead, rest } = splitVerdict(l.verdict.text);
      expect(lead).toMatch(/\.$/);
      expect(lead).not.toMatch(/How sure/);
      expect(`${lead} ${rest}`).toBe(l.verdict.text.replace(/\.\s+(?=[A-Z])/, '. '));
      expect(rest.length).toBeGreaterThan(0);
    }
  });

  it('never cuts a sentence inside a figure like 1.35x or 0.8', () => {
    const { lead, rest } = splitVerdict('Beats the naive rules: 1.35x the best rule, money 0.98x of the loss. How sure: wide.');
    expect(lead).toBe('Beats the naive rules: 1.35x the best rule, money 0.98x of the loss.');
    expect(rest).toBe('How sure: wide.');
    expect(splitVerdict('One sentence only, 1.2x.')).toEqual({ lead: 'One sentence only, 1.2x.', rest: '' });
  });

  it('shows the three targets with the figures and the met or missed the backtest itself decided', () => {
    const customers = level('customer');
    const ours = customers.rows.find((r) => r.method === 'model');
    const targets = verdictTargets(customers);
    expect(targets.map((t) => t.id)).toEqual(['capture', 'precision', 'money']);
    expect(targets.map((t) => t.met)).toEqual([customers.verdict.beatsCapture, customers.verdict.precisionOk, customers.verdict.calibrationOk]);
    // The capture ratio is our captured loss over the best naive rule's, computed here from the rows.
    const rules = customers.rows.filter((r) => r.method === 'recency' || r.method === 'drop-90' || r.method === 'own-gap');
    const best = Math.max(...rules.map((r) => r.capturedLoss));
    expect(targets[0].figure).toBe(`${((ours?.capturedLoss ?? 0) / best).toFixed(2)}x the best rule`);
    expect(targets[0].target).toBe(`at least ${CAPTURE_MARGIN}x`);
    expect(targets[1].figure).toBe(`${((ours?.precision ?? 0) * 100).toFixed(1)}%`);
    expect(targets[1].target).toContain(`${((customers.verdict.precisionBar ?? 0) * 100).toFixed(1)}%`);
    expect(targets[2].figure).toBe(`${ours?.calibration?.toFixed(2)}x`);
    expect(targets[2].target).toBe(`${CALIBRATION_BAND.low.toFixed(2)}-${CALIBRATION_BAND.high.toFixed(2)}x`);
    // On this case the flags beat the rules on all three (bench/results/backtest.md: 1.35x, 68.7% against 60.1%, 1.06).
    expect(targets.every((t) => t.met)).toBe(true);
  });

  it('never prints a missed figure as its bar: 1.199x is no "1.20x", 0.798x no "0.80x", 47.66% no "47.7%" beside "at least 47.7%"', () => {
    const customers = level('customer');
    const ours = customers.rows.find((r) => r.method === 'model');
    if (!ours) throw new Error('no model row');
    const nearly = {
      ...customers,
      rows: customers.rows.map((r) => (r === ours ? { ...ours, precision: 0.4766, calibration: 0.798 } : r)),
      verdict: { ...customers.verdict, capturedRatio: 1.1991, beatsCapture: false, precisionOk: false, precisionBar: 0.477, calibrationOk: false },
    };
    expect(verdictTargets(nearly).map((t) => `${t.figure} (${t.target})`)).toEqual([
      '1.199x the best rule (at least 1.2x)',
      "47.66% (at least 47.70%, the better money-minded rule's)",
      '0.798x (0.80-1.25x)',
    ]);
    // Met, or missed by more than the rounding: two decimals as ever.
    const clear = { ...nearly, verdict: { ...nearly.verdict, capturedRatio: 1.07 } };
    expect(verdictTargets(clear)[0].figure).toBe('1.07x the best rule');
  });

  it('never prints a met figure near its bar as the bar either: 1.2491x met reads 1.249x, beside 1.2541x missed as 1.254x', () => {
    const customers = level('customer');
    const ours = customers.rows.find((r) => r.method === 'model');
    if (!ours) throw new Error('no model row');
    const at = (calibration: number, calibrationOk: boolean) =>
      verdictTargets({ ...customers, rows: customers.rows.map((r) => (r === ours ? { ...ours, calibration } : r)), verdict: { ...customers.verdict, calibrationOk } })[2];
    expect(at(1.2491, true)).toMatchObject({ figure: '1.249x', met: true });
    expect(at(1.2541, false)).toMatchObject({ figure: '1.254x', met: false });
    expect(at(0.8012, true)).toMatchObject({ figure: '0.801x', met: true });
    // Far from both ends: two decimals as ever.
    expect(at(1.06, true).figure).toBe('1.06x');
  });

  it('shows no targets where too few slides leave nothing to judge', () => {
    const customers = level('customer');
    expect(verdictTargets({ ...customers, verdict: { ...customers.verdict, tooFewDeclines: true } })).toEqual([]);
    expect(verdictTargetsLine({ ...customers, verdict: { ...customers.verdict, tooFewDeclines: true } })).toBeNull();
  });

  it('shows no targets where nothing was flagged: steady buyers give no flags, not three misses', () => {
    const codes = Array.from({ length: 60 }, (_, c) => `S${c}`);
    const first = dayFromIso('2024-01-01');
    const rows = codes.flatMap((_, c) => Array.from({ length: 40 }, (_, o) => ({ customer: c, day: first + (c % 7) + o * 9, revenue: 100 + (c % 5) * 10 })));
    const steady = runBacktest(oneCategoryDataset(codes, rows), analysisSettingsSchema.parse({}), first + 250, 60);
    const customers = steady.levels.find((l) => l.id === 'customer');
    expect(customers?.flagged).toBe(0);
    expect(customers?.verdict.text).toMatch(/^No customers were flagged/);
    expect(verdictTargets(customers as BacktestLevel)).toEqual([]);
    expect(verdictTargetsLine(customers as BacktestLevel)).toBeNull();
  });

  it('prints the same targets on one line for the CLI, a missed one in capitals', () => {
    const customers = level('customer');
    const line = verdictTargetsLine(customers) ?? '';
    for (const t of verdictTargets(customers)) expect(line).toContain(`${t.met ? 'met' : 'MISSED'}: ${t.label.toLowerCase()} ${t.figure} (${t.target})`);
    const missed = { ...customers, verdict: { ...customers.verdict, calibrationOk: false } };
    expect(verdictTargetsLine(missed)).toMatch(/MISSED: stated \/ realised [\d.]+x \(0\.80-1\.25x\)$/);
  });
});
