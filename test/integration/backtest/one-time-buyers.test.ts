import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main';
import { toCsv } from '../../../shared/format/csv';
import { generateDistributor } from '../../../shared/sample/index';
import type { BacktestReport } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';

/*
 * A file where every customer bought on one day only (Online Retail cut so had read "No customers
 * were flagged at that date, so there is nothing to compare" beside 3,058 of 3,058 "declined", and
 * "Customers are priced by their run-rate shortfall" where none was). One purchase has no rhythm to
 * fall behind, so recovery flags none; the backtest counts each that did not buy again as declined.
 */

const AS_OF = '2025-06-30';
const HORIZON = '120';

/** Repeat buyers who stopped over a year before the as-of date: a rhythm to judge one-time buyers by, and none of them judged. */
const OLD = '2024-05-01';

/**
 * A generated distributor's sales cut to one purchase day per customer: half keep only their last
 * day up to the as-of date, the other half only their first day after it (new customers, so the
 * business still trades over the horizon). `everyNthKeepsAll`: those customers keep their whole
 * history; `oldRepeatBuyers`: every fourth keeps its history before OLD only.
 */
function oneDayEach(file: string, everyNthKeepsAll = 0, oldRepeatBuyers = false): { customer: string; date: string }[] {
  const g = generateDistributor({ seed: 11, customers: 400, endDate: '2025-12-31', months: 24, categories: 8 });
  const rows = [...g.rows()];
  const ids = [...new Set(rows.map((r) => r.customerId))];
  const keep = new Map<string, string | null>();
  ids.forEach((id, i) => {
    if (everyNthKeepsAll > 0 && i % everyNthKeepsAll === 1) return keep.set(id, null);
    if (oldRepeatBuyers && i % 4 === 3) return keep.set(id, OLD);
    const days = rows.filter((r) => r.customerId === id).map((r) => r.date).sort();
    const day = i % 2 === 0 ? days.filter((d) => d <= AS_OF).at(-1) : days.find((d) => d > AS_OF);
    if (day) keep.set(id, day);
  });
  const header = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Revenue'];
  const kept = rows.filter((r) => keep.has(r.customerId) && (keep.get(r.customerId) === OLD ? r.date < OLD : (keep.get(r.customerId) ?? r.date) === r.date) && r.revenue > 0);
  fs.writeFileSync(file, toCsv(header, kept.map((r) => [r.invoice, r.date, r.customerId, r.customerName, r.category, r.product, r.quantity, r.unitPrice, r.revenue])));
  return kept.map((r) => ({ customer: r.customerId, date: r.date }));
}

let w: Awaited<ReturnType<typeof newWorkspace>>;
let report: BacktestReport;
let text: string;

const cli = async (args: string[]): Promise<string> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { backend: w.backend, out: (x) => out.push(x), err: (x) => err.push(x), interactive: false, cwd: w.dir });
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
  return out.join('\n');
};

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Once Only Traders' });
  const csv = path.join(w.dir, 'sales.csv');
  oneDayEach(csv);
  await w.backend.call('import-run', { path: csv });
  report = JSON.parse(await cli(['backtest', '--workspace', w.file, '--as-of', AS_OF, '--horizon', HORIZON, '--json'])) as BacktestReport;
  text = await cli(['backtest', '--workspace', w.file, '--as-of', AS_OF, '--horizon', HORIZON]);
});
afterAll(() => w.cleanup());

describe('a backtest on a file where every customer bought on one day only', () => {
  it('flags no one and counts every customer with spend before the date as declined', () => {
    for (const level of report.levels) {
      expect(level.flagged).toBe(0);
      expect(level.population.units).toBeGreaterThan(0);
      expect(level.population.declined).toBe(level.population.units);
    }
  });

  it('says why there is nothing to compare: every one of them bought once, which recovery leaves out by design', () => {
    const [customers, relationships] = report.levels;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(customers.verdict.text).toBe(
      `Nothing to judge: every one of the ${n(customers.population.units)} customers with spend before the date bought on one day only. One purchase has no rhythm to fall behind, so recovery leaves one-time buyers out by design and flagged none; and by the backtest's definition each that did not buy again over the horizon declined (${n(customers.population.units)} of ${n(customers.population.units)}), so no list can be judged on this data.`,
    );
    expect(relationships.verdict.text).toContain(`every one of the ${n(relationships.population.units)} customer x category relationships with spend before the date was bought on one day only`);
    for (const level of report.levels) expect([level.verdict.beatsCapture, level.verdict.precisionOk, level.verdict.calibrationOk]).toEqual([null, null, null]);
  });

  it('prints the same verdicts on the CLI, and one line for the repeated level', () => {
    for (const level of report.levels.slice(0, 2)) {
      expect(text).toContain(`  ${level.verdict.text}`);
      expect(text).toContain(`${level.title}: 0 flagged, `);
    }
    expect(text).toContain('Every flagged customer x category relationship: none, as in the table above, so it is not shown twice.');
    expect(text).not.toContain('were flagged at that date, so there is nothing to compare.');
  });

  it('does not say customers were priced by a forecast no call used', () => {
    expect(report.warnings.join(' ')).not.toMatch(/are priced by their run-rate shortfall/);
    const caveat = report.warnings.find((x) => x.startsWith('The learned model was not used at customer level'));
    // At the training dates every customer had bought once and none again: no steady buyer to learn from.
    expect(report.model.customer?.usable).toBe(false);
    expect(caveat).toContain('Customers would be priced by their run-rate shortfall instead');
    expect(caveat).toContain('but none was flagged, so nothing on the list was priced that way.');
  });

  it('says the business still traded over the horizon, from customers new after the date, rather than that there was nothing to deflate by', () => {
    expect(report.definitions.businessIndex).toBeGreaterThan(0);
    expect(report.definitions.text.join(' ')).toContain(`(${report.definitions.businessIndex.toFixed(2)}x its prior rate, all of it from customers with no spend in the ${report.definitions.priorDays} days before the date)`);
  });
});

describe('a backtest on a file where most customers bought on one day only', () => {
  let most: Awaited<ReturnType<typeof newWorkspace>>;
  let sales: { customer: string; date: string }[];
  let backtest: BacktestReport;

  beforeAll(async () => {
    most = await newWorkspace({ clientName: 'Mostly Once Traders' });
    const csv = path.join(most.dir, 'sales.csv');
    // Every tenth customer keeps its whole history.
    sales = oneDayEach(csv, 10);
    await most.backend.call('import-run', { path: csv });
    await most.backend.call('analysis-run', { settings: {} });
    backtest = await most.backend.call('analysis-backtest', { runId: 1, asOf: AS_OF, horizonDays: Number(HORIZON) });
  });
  afterAll(() => most.cleanup());

  it('says in the customer verdict how many of those judged bought once, and what that makes the verdict about', () => {
    // Counted from the rows written: customers with spend in the prior window, and their purchase days up to the date.
    const from = new Date(Date.parse(AS_OF) - backtest.definitions.priorDays * 86_400_000).toISOString().slice(0, 10);
    const days = new Map<string, Set<string>>();
    const scored = new Set<string>();
    for (const s of sales) {
      if (s.date > AS_OF) continue;
      days.set(s.customer, (days.get(s.customer) ?? new Set()).add(s.date));
      if (s.date > from) scored.add(s.customer);
    }
    const once = [...scored].filter((c) => days.get(c)?.size === 1).length;
    const customers = backtest.levels[0];
    expect(customers.population.units).toBe(scored.size);
    expect(once / scored.size).toBeGreaterThanOrEqual(0.8);
    expect(once).toBeLessThan(scored.size);
    expect(customers.verdict.text).toContain(
      `${once} of the ${scored.size} customers (${Math.round((100 * once) / scored.size)}%) with spend before the date bought on one day only`,
    );
    expect(customers.verdict.text).toContain(
      "one purchase has no rhythm to fall behind, and by the backtest's definition each that did not buy again over the horizon declined, so what is judged here is mostly whether one-time buyers came back.",
    );
  });
});

describe('a backtest where every customer judged bought once, but older repeat buyers let recovery call some back', () => {
  let old: Awaited<ReturnType<typeof newWorkspace>>;
  let backtest: BacktestReport;

  beforeAll(async () => {
    old = await newWorkspace({ clientName: 'Once Again Traders' });
    const csv = path.join(old.dir, 'sales.csv');
    oneDayEach(csv, 0, true);
    await old.backend.call('import-run', { path: csv });
    await old.backend.call('analysis-run', { settings: {} });
    backtest = await old.backend.call('analysis-backtest', { runId: 1, asOf: AS_OF, horizonDays: Number(HORIZON) });
  });
  afterAll(() => old.cleanup());

  it('says nothing can be judged because they bought once and not again, not that the whole business stopped', () => {
    const customers = backtest.levels[0];
    expect(customers.flagged).toBeGreaterThan(0);
    expect(customers.population.declined).toBe(customers.population.units);
    expect(customers.verdict.text).toMatch(
      new RegExp(`^Nothing to judge: every one of the ${customers.population.units} customers with spend before the date bought on one day only and not one bought again over the horizon, so by the backtest's definition every one of them declined and every list reads as all slides\\. `),
    );
    expect(customers.verdict.text).not.toContain('the whole business stopped');
    expect([customers.verdict.beatsCapture, customers.verdict.precisionOk, customers.verdict.calibrationOk]).toEqual([null, null, null]);
  });
});
