import { describe, expect, it } from 'vitest';
import { repeatsTopLevel, runBacktest, type BacktestReport } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import { elogDataset } from '../../helpers/elog';
import { firstCustomers } from '../../helpers/first-customers';
import { ONLINE_RETAIL_II, onlineRetail } from '../analysis/online-retail-data';
import { assessRisk } from '../../../shared/analytics/risk';
import { datasetUpTo } from '../../../shared/analytics/holdout/replay';
import { buildRecoveryModel, decideRecovery, evaluateRecovery, ruleVerdicts, type RecoveryDecision } from '../../../shared/analytics/recovery';

/*
 * The exam: recovery replayed as of a past date on real public data, scored on what really
 * happened next. The comparison's arithmetic is checked against outcomes and naive rules computed
 * here from the raw rows, with plain maps and sorts, not with the product's code.
 */

type Truth = { scored: number[]; expected: Map<number, number>; loss: Map<number, number>; declined: Set<number>; totalLoss: number; gap: Map<number, number>; drop: Map<number, number>; p90: Map<number, number>; prior: Map<number, number> };

/** Outcomes per customer, or per unit of `keyOf` (a transaction's customer x category, say). */
function customerTruth(ds: Dataset, cut: number, horizon: number, keyOf: (row: number) => number = (row) => ds.tx.customer[row]): Truth {
  const priorDays = Math.min(365, cut - ds.firstDay + 1);
  const daily = new Map<number, Map<number, number>>();
  let before = 0;
  let after = 0;
  for (let i = 0; i < ds.tx.day.length; i++) {
    const [c, d, v] = [keyOf(i), ds.tx.day[i], ds.tx.revenue[i]];
    if (d > cut - priorDays && d <= cut) before += v;
    if (d > cut && d <= cut + horizon) after += v;
    const days = daily.get(c) ?? new Map<number, number>();
    days.set(d, (days.get(d) ?? 0) + v);
    daily.set(c, days);
  }
  const index = after / ((before * horizon) / priorDays);
  const t: Truth = { scored: [], expected: new Map(), loss: new Map(), declined: new Set(), totalLoss: 0, gap: new Map(), drop: new Map(), p90: new Map(), prior: new Map() };
  for (const [c, days] of daily) {
    const sum = (from: number, to: number) => [...days].filter(([d]) => d > from && d <= to).reduce((s, [, v]) => s + v, 0);
    const prior = Math.max(0, sum(cut - priorDays, cut));
    if (!(prior > 0)) continue;
    const expected = (prior * horizon) / priorDays;
    const deflated = Math.max(0, sum(cut, cut + horizon)) / index;
    const loss = Math.max(0, expected - deflated);
    t.scored.push(c);
    t.expected.set(c, expected);
    t.prior.set(c, prior);
    t.loss.set(c, loss);
    t.totalLoss += loss;
    if (deflated < 0.5 * expected) t.declined.add(c);
    const orders = [...days].filter(([d, v]) => d <= cut && v > 0).map(([d]) => d).sort((a, b) => a - b);
    t.gap.set(c, cut - orders[orders.length - 1]);
    t.drop.set(c, sum(cut - 180, cut - 90) - sum(cut - 90, cut));
    const gaps = orders.slice(1).map((d, i) => d - orders[i]).sort((a, b) => a - b);
    if (gaps.length >= 2) {
      const pos = 0.9 * (gaps.length - 1);
      const lo = Math.floor(pos);
      t.p90.set(c, gaps[lo] + (gaps[Math.min(gaps.length - 1, lo + 1)] - gaps[lo]) * (pos - lo));
    }
  }
  t.scored.sort((a, b) => a - b);
  return t;
}

/** A naive rule's flags, scored by hand: top `n` by `score` (ties by customer index), among `eligible`. */
function scoreRule(t: Truth, n: number, score: (c: number) => number, eligible: (c: number) => boolean = () => true) {
  const flags = t.scored.filter(eligible).sort((a, b) => score(b) - score(a) || a - b).slice(0, n);
  const declined = flags.filter((c) => t.declined.has(c)).length;
  const loss = flags.reduce((s, c) => s + (t.loss.get(c) ?? 0), 0);
  return { flags, flagged: flags.length, precision: declined / flags.length, capturedShare: loss / t.totalLoss };
}

function checkArithmetic(report: BacktestReport, ds: Dataset) {
  const level = report.levels[0];
  const t = customerTruth(ds, dayFromIso(report.asOf), report.horizonDays);
  expect(level.population.units).toBe(t.scored.length);
  expect(level.population.declined).toBe(t.declined.size);
  expect(level.population.realisedLoss).toBeCloseTo(t.totalLoss, 2);
  const rows = Object.fromEntries(level.rows.map((r) => [r.method, r]));
  const n = level.compared;
  const rules = {
    recency: scoreRule(t, n, (c) => t.gap.get(c) ?? 0),
    'drop-90': scoreRule(t, n, (c) => t.drop.get(c) ?? 0),
    'own-gap': scoreRule(t, n, (c) => t.prior.get(c) ?? 0, (c) => t.p90.has(c) && (t.gap.get(c) ?? 0) > (t.p90.get(c) ?? Infinity)),
    foresight: scoreRule(t, n, (c) => t.loss.get(c) ?? 0),
  };
  for (const [method, expected] of Object.entries(rules)) {
    expect(rows[method].flagged, method).toBe(expected.flagged);
    expect(rows[method].precision, method).toBeCloseTo(expected.precision, 9);
    expect(rows[method].capturedShare, method).toBeCloseTo(expected.capturedShare, 9);
  }
  // Ours: calibration is what was stated over what was lost on the same flags.
  const ours = rows.model;
  expect(ours.flagged).toBe(Math.min(level.flagged, 300));
  expect(ours.calibration).toBeCloseTo((ours.stated as number) / ours.capturedLoss, 9);
  expect(ours.capturedShare).toBeCloseTo(ours.capturedLoss / t.totalLoss, 9);
  return level;
}

const settings = analysisSettingsSchema.parse({});

describe('recovery on CDNOW, calibration to 1997-09-30 and holdout to 1998-06-30 (customer level)', () => {
  const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
  const report = runBacktest(ds, settings, dayFromIso('1997-09-30'), 273);

  it('scores the same outcomes and naive rules as an independent count from the raw rows', () => {
    checkArithmetic(report, ds);
  });

  it('captures at least 1.2x the best naive rule, at least their precision, with money within 0.8-1.25x of the loss', () => {
    const { verdict, rows } = report.levels[0];
    expect(verdict.capturedRatio).toBeGreaterThanOrEqual(1.2);
    expect(rows[0].precision).toBeGreaterThanOrEqual(Math.max(rows[2].precision, rows[3].precision));
    expect(rows[0].calibration).toBeGreaterThanOrEqual(0.8);
    expect(rows[0].calibration).toBeLessThanOrEqual(1.25);
    expect(verdict.text).toMatch(/^Beats the naive rules/);
  });

  it('says the model learned from shorter outcomes than the horizon, and that one category means one level', () => {
    // 272 days of history leave one 182-day cut with a quarter of history before it: the model learns
    // from two cuts 121 days before the end, and checks its money on the earlier one's 182 days.
    expect(report.model.customer?.cuts).toEqual(['1997-06-01', '1997-04-01']);
    expect(report.warnings.join(' ')).toMatch(/learned from 121-day outcomes, checked its money against 182-day outcomes and applies them to 9 months/);
    expect(report.warnings.join(' ')).toMatch(/The data starts less than 15 months before the as-of date, so the earlier dates the model learned from had no year before them/);
    expect(report.levels.map((l) => l.level)).toEqual(['customer']);
  });
});

describe('recovery on UCI Online Retail as of 2011-08-31, 100 days (product families)', () => {
  const { ds } = onlineRetail();
  const report = runBacktest(ds, settings, dayFromIso('2011-08-31'), 100);
  /** The decision the backtest scored, replayed here from the data up to the date (once). */
  let replay: { cut: number; past: Dataset; decision: RecoveryDecision } | undefined;
  const replayed = () => {
    if (replay) return replay;
    const cut = dayFromIso('2011-08-31');
    const past = datasetUpTo(ds, cut);
    const recovery = { ...settings.recovery, horizonDays: 100 };
    const rules = buildRecoveryModel(past, cut);
    const flags = evaluateRecovery(rules, recovery);
    return (replay = { cut, past, decision: decideRecovery(past, ruleVerdicts(rules, flags, recovery), flags, assessRisk(past, cut, 100), recovery) });
  };

  it('scores the same outcomes and naive rules as an independent count from the raw rows', () => {
    checkArithmetic(report, ds);
  });

  it('takes a business that gains customers for one, not a fixed panel', () => {
    expect(report.warnings.some((w) => w.includes('fixed panel'))).toBe(false);
  });

  it('beats the naive rules on captured loss by at least 1.2x, and says plainly where it falls short', () => {
    const { verdict } = report.levels[0];
    expect(verdict.capturedRatio).toBeGreaterThanOrEqual(1.2);
    const missed = [!verdict.precisionOk && 'precision', !verdict.calibrationOk && 'money calibration'].filter(Boolean);
    if (missed.length === 0) expect(verdict.text).toMatch(/^Beats the naive rules/);
    else expect(verdict.text).toContain(`Does not beat the naive rules on this data (${missed.join(', ')})`);
  });

  it('says how sure the comparison is: resampled ranges around the measured ratio, gap and money, the gap no wider than two independent lists give', () => {
    for (const level of report.levels.slice(0, 2)) {
      const { verdict, rows } = level;
      const s = verdict.sureness;
      expect(s?.resamples).toBe(400);
      const [lo, hi] = s?.captureRatio as [number, number];
      expect(lo).toBeLessThan(verdict.capturedRatio as number);
      expect(hi).toBeGreaterThan(verdict.capturedRatio as number);
      const [ours, drop, gap] = [rows[0], rows[2], rows[3]];
      const bar = drop.precision >= gap.precision ? drop : gap;
      const [gapLo, gapHi] = s?.precisionGap as [number, number];
      expect(gapLo).toBeLessThanOrEqual(ours.precision - bar.precision);
      expect(gapHi).toBeGreaterThanOrEqual(ours.precision - bar.precision);
      // Two independent lists of these sizes and precisions: a 90% range of 1.645 standard errors either
      // side. Ours and the rule's share units (and the bar is the better of two rules in each resample),
      // so the range is narrower, never much wider.
      const independent = 1.645 * Math.sqrt((ours.precision * (1 - ours.precision)) / ours.flagged + (bar.precision * (1 - bar.precision)) / bar.flagged);
      expect((gapHi - gapLo) / 2).toBeLessThan(1.15 * independent);
      expect((gapHi - gapLo) / 2).toBeGreaterThan(0.4 * independent);
      const [moneyLo, moneyHi] = s?.calibration as [number, number];
      expect(moneyLo).toBeLessThan(rows[0].calibration as number);
      expect(moneyHi).toBeGreaterThan(rows[0].calibration as number);
      expect(verdict.tooFewDeclines).toBe(false);
      expect(verdict.text).toMatch(/How sure: in 90% of 400 resamples of these (customers|relationships), our flags held \d\.\d\d-\d\.\d\dx the best rule's loss, at a precision /);
    }
  });

  it('states money at risk never above what the flagged customers ran at over the horizon', () => {
    const ours = report.levels[0].rows[0];
    const t = customerTruth(ds, dayFromIso('2011-08-31'), 100);
    const ceiling = [...t.expected.values()].sort((a, b) => b - a).slice(0, ours.flagged).reduce((s, v) => s + v, 0);
    expect(ours.stated).toBeLessThanOrEqual(ceiling);
  });

  it('scores relationships too, the top 300 and every flagged one, beside the same rules', () => {
    const [top, every] = [report.levels[1], report.levels[2]];
    expect(report.levels.map((l) => l.id)).toEqual(['customer', 'relationship', 'relationship-all']);
    expect(top.compared).toBe(Math.min(300, top.flagged));
    expect(every.compared).toBe(every.flagged);
    // More flags than the top table compares: scoring every one is a table of its own, shown on every surface.
    expect(every.flagged).toBeGreaterThan(300);
    expect(repeatsTopLevel(every, report.levels)).toBe(false);
    for (const level of [top, every]) expect(level.rows.map((r) => r.method)).toEqual(['model', 'recency', 'drop-90', 'own-gap', 'random', 'foresight']);
    // When the flags are most relationships, the table of every flag cannot tell methods apart, and says so.
    const cover = every.compared / every.population.units;
    expect(report.warnings.some((w) => w.startsWith('Every flagged relationship together'))).toBe(cover > 0.5);
  });

  it('says how much more relationships lost than customers, counted from the raw rows: spend moved between categories', () => {
    const cut = dayFromIso('2011-08-31');
    const customers = customerTruth(ds, cut, 100).totalLoss;
    const relationships = customerTruth(ds, cut, 100, (row) => ds.tx.customer[row] * ds.categories.length + ds.tx.category[row]).totalLoss;
    expect(relationships).toBeGreaterThan(1.15 * customers);
    expect(report.warnings).toContain(
      `Relationships lost ${Math.round((relationships / customers - 1) * 100)}% more than customers did over the horizon: spend that moved from one category to another is a loss in one relationship but none for its customer. Money stated per relationship is its share of its customer's, so at relationship level it reads low.`,
    );
  });

  it("scores the relationships the actions name: stated and realised money counted from the raw rows by customer and category", () => {
    const { cut, decision } = replayed();
    const key = (customer: number, category: number) => customer * ds.categories.length + category;
    const flagged = new Map<number, { money: number; weight: number; chance: number }>();
    const add = (k: number, money: number, p: number) => flagged.has(k) || flagged.set(k, { money, weight: money * p, chance: p });
    // A slipping account flags the categories that slip; money spread onto its others flags none.
    // Each carried category at the likelier of its own forecast's slide and its account's.
    for (const a of decision.customers) for (const b of a.breakdown) if (!b.spread) add(key(a.customer, b.category), b.atRisk, Math.max(b.chance ?? 0, a.probability));
    for (const f of decision.flaggedRelationships) add(key(f.customer, f.category), f.atRiskRevenue, f.confidence);
    const top = [...flagged].sort(([ka, a], [kb, b]) => b.weight - a.weight || ka - kb).slice(0, 300);
    const t = customerTruth(ds, cut, 100, (row) => key(ds.tx.customer[row], ds.tx.category[row]));
    const ours = report.levels[1].rows[0];
    expect(ours.stated).toBeCloseTo(top.reduce((s, [, f]) => s + f.money, 0), 2);
    expect(ours.capturedLoss).toBeCloseTo(top.reduce((s, [k]) => s + (t.loss.get(k) ?? 0), 0), 2);
    expect(ours.precision).toBeCloseTo(top.filter(([k]) => t.declined.has(k)).length / 300, 9);
    expect(ours.statedChance).toBeCloseTo(top.reduce((s, [, f]) => s + f.chance, 0) / 300, 9);
  });

  it('words a customer that bought once as one purchase with no rhythm, never as late or sliding', () => {
    const { past, decision } = replayed();
    // Purchase days up to the cut per customer, from the raw rows (a day's net spend above zero).
    const days = new Map<number, Map<number, number>>();
    past.tx.day.forEach((d, r) => {
      const c = past.tx.customer[r];
      const byDay = days.get(c) ?? new Map<number, number>();
      byDay.set(d, (byDay.get(d) ?? 0) + past.tx.revenue[r]);
      days.set(c, byDay);
    });
    const once = decision.customers.filter((a) => a.signal !== 'several-categories' && [...(days.get(a.customer)?.values() ?? [])].filter((v) => v > 0).length === 1);
    expect(once.length).toBeGreaterThan(0);
    // Repeat buyers' usual gap: the median of their own mean intervals between purchase days.
    const cycles = [...days.values()]
      .map((byDay) => [...byDay].filter(([, v]) => v > 0).map(([d]) => d))
      .filter((d) => d.length >= 2)
      .map((d) => (Math.max(...d) - Math.min(...d)) / (d.length - 1))
      .sort((a, b) => a - b);
    const usual = cycles[cycles.length >> 1];
    for (const a of once) {
      const m = a.reason.match(/^Bought once \(.+, (\d+) days ago\) and not since, longer than repeat buyers here usually take between orders \((\d+) days\): with no rhythm of its own/);
      expect(m, a.reason).not.toBeNull();
      expect(Number(m?.[2])).toBe(Math.round(usual));
      expect(Number(m?.[1])).toBeGreaterThan(usual);
      expect(a.reason).not.toMatch(/sliding|cycles|every \d+ days/);
    }
  });

  it('sets our list beside the precision bar\'s rule, counted from the raw rows: the customers both hold, ours alone and the rule\'s alone', () => {
    const { decision } = replayed();
    // The list's order: chance x (money at risk + the weight the run set on sureness).
    const w = decision.order?.customer?.weight ?? 0;
    const ours = decision.customers
      .filter((a) => a.signal !== 'several-categories')
      .sort((a, b) => b.probability * (b.atRisk + w) - a.probability * (a.atRisk + w) || a.customer - b.customer)
      .slice(0, 300)
      .map((a) => a.customer);
    const t = customerTruth(ds, dayFromIso('2011-08-31'), 100);
    const drop = scoreRule(t, ours.length, (c) => t.drop.get(c) ?? 0);
    const gap = scoreRule(t, ours.length, (c) => t.prior.get(c) ?? 0, (c) => t.p90.has(c) && (t.gap.get(c) ?? 0) > (t.p90.get(c) ?? Infinity));
    const bar = gap.precision > drop.precision ? { rule: 'own-gap', flags: gap.flags } : { rule: 'drop-90', flags: drop.flags };
    const part = (units: number[]) => ({
      flagged: units.length,
      declined: units.filter((c) => t.declined.has(c)).length,
      capturedLoss: units.reduce((s, c) => s + (t.loss.get(c) ?? 0), 0),
      expected: units.reduce((s, c) => s + (t.expected.get(c) ?? 0), 0),
    });
    const difference = report.levels[0].difference;
    expect(difference?.rule).toBe(bar.rule);
    const expected = {
      shared: part(ours.filter((c) => bar.flags.includes(c))),
      oursOnly: part(ours.filter((c) => !bar.flags.includes(c))),
      ruleOnly: part(bar.flags.filter((c) => !ours.includes(c))),
    };
    for (const key of ['shared', 'oursOnly', 'ruleOnly'] as const) {
      const got = difference?.[key];
      expect(got?.flagged, key).toBe(expected[key].flagged);
      expect(got?.declined, key).toBe(expected[key].declined);
      expect(got?.capturedLoss, key).toBeCloseTo(expected[key].capturedLoss, 6);
      expect(got?.expected, key).toBeCloseTo(expected[key].expected, 6);
    }
    // The two lists differ here, and each side's own customers are scored.
    expect(expected.oursOnly.flagged).toBeGreaterThan(0);
    expect(expected.ruleOnly.flagged).toBeGreaterThan(0);
  });

  it('sets the chance of a slide the top customers were given beside the share that slid, in the verdict', () => {
    const { decision } = replayed();
    const w = decision.order?.customer?.weight ?? 0;
    expect(w).toBeGreaterThan(0);
    const top = decision.customers
      .filter((a) => a.signal !== 'several-categories')
      .sort((a, b) => b.probability * (b.atRisk + w) - a.probability * (a.atRisk + w) || a.customer - b.customer)
      .slice(0, 300);
    const ours = report.levels[0].rows[0];
    const chance = top.reduce((s, a) => s + a.probability, 0) / top.length;
    expect(ours.statedChance).toBeCloseTo(chance, 9);
    expect(report.levels[0].rows.slice(1).every((r) => r.statedChance === null)).toBe(true);
    expect(report.levels[0].verdict.text).toMatch(new RegExp(`of them really declined, against an? ${Math.round(chance * 100)}% chance of a slide they were given on average`));
  });
});

describe('recovery on the grocery panel as of 2006-12-31, one year (purchases as units)', () => {
  const ds = elogDataset('grocery_elog.csv', { customer: 'cust', date: 'date' });
  const report = runBacktest(ds, settings, dayFromIso('2006-12-31'), 364);

  it('scores the same outcomes and naive rules as an independent count from the raw rows', () => {
    checkArithmetic(report, ds);
  });

  it('reports honestly against the rules: any target it misses is named in the verdict', () => {
    const { verdict } = report.levels[0];
    const missed = [!verdict.beatsCapture && 'capture', !verdict.precisionOk && 'precision', !verdict.calibrationOk && 'money calibration'].filter(Boolean);
    if (missed.length > 0) expect(verdict.text).toContain(`(${missed.join(', ')})`);
    expect(verdict.capturedRatio).toBeGreaterThan(0.9);
  });

  it('says the chances on the actions read high when the chance they were given ran ten points or more above the share that slid', () => {
    const { verdict, rows } = report.levels[0];
    const chance = rows[0].statedChance as number;
    expect(chance).toBeGreaterThan(0);
    expect(verdict.text.includes('the chances on the actions read high')).toBe(chance - rows[0].precision >= 0.1);
  });

  it('says the panel takes in no new customers, so the business fall it deflates by is its own attrition, and how deep a slide must go to count', () => {
    const cut = dayFromIso('2006-12-31');
    // Counted from the raw rows: each customer's first day, and the horizon's purchases by customers first seen after the cut.
    const first = new Map<number, number>();
    for (let i = 0; i < ds.tx.day.length; i++) first.set(ds.tx.customer[i], Math.min(first.get(ds.tx.customer[i]) ?? Infinity, ds.tx.day[i]));
    let newcomers = 0;
    for (let i = 0; i < ds.tx.day.length; i++) if (ds.tx.day[i] > cut && ds.tx.day[i] <= cut + 364 && (first.get(ds.tx.customer[i]) as number) > cut) newcomers++;
    expect(newcomers).toBe(0);
    const index = report.definitions.businessIndex;
    expect(index).toBeLessThan(0.77);
    const panel = report.warnings.find((w) => w.includes('fixed panel'));
    expect(panel).toContain('No customer bought for the first time after the as-of date');
    expect(panel).toContain(`fall to ${index.toFixed(2)}x`);
    expect(panel).toContain(`declined only when it fell below ${Math.round(50 * index)}% of its prior rate`);
  });
});

/** Of the 1,200 customers, those with spend in the prior window and a slower last quarter: several hundred. */
const PRICED_AT_LEAST = 300;

describe('recovery on a smaller business (the first 1,200 customers of Online Retail II) as of 2010-06-30, 120 days, where the learned model cannot beat chance', () => {
  const ds = firstCustomers(onlineRetail(ONLINE_RETAIL_II).ds, 1_200);
  const cut = dayFromIso('2010-06-30');
  const report = runBacktest(ds, settings, cut, 120);

  it('says the model was not used and that customers are priced by their run-rate shortfall', () => {
    expect(report.model.customer?.usable).toBe(false);
    expect(report.warnings.some((w) => w.includes('run-rate shortfall') && w.includes('read the money as rough'))).toBe(true);
  });

  it('prices every customer at what it loses if its last 90 days pace holds, as counted from the raw rows', () => {
    // The earlier training cut has 91 days of history, so nothing calibrates the shortfall: it stands as computed.
    const past = datasetUpTo(ds, cut);
    const risk = assessRisk(past, cut, 120);
    expect(risk.customer.basis).toBe('run-rate');
    expect(risk.customer.calibrated).toBe(false);
    const priorDays = Math.min(365, cut - ds.firstDay + 1);
    const prior = new Float64Array(ds.customers.length);
    const last90 = new Float64Array(ds.customers.length);
    for (let i = 0; i < past.tx.day.length; i++) {
      const d = past.tx.day[i];
      if (d > cut - priorDays) prior[past.tx.customer[i]] += past.tx.revenue[i];
      if (d > cut - 90) last90[past.tx.customer[i]] += past.tx.revenue[i];
    }
    let priced = 0;
    for (let c = 0; c < ds.customers.length; c++) {
      if (!(prior[c] > 0)) continue;
      const shortfall = Math.max(0, prior[c] / priorDays - Math.max(0, last90[c]) / 90) * 120;
      expect(risk.customer.atRisk[c]).toBeCloseTo(shortfall, 6);
      if (shortfall > 0) priced++;
    }
    expect(priced).toBeGreaterThan(PRICED_AT_LEAST);
  });

  it('still flags a full list and holds about as much of the loss as the best naive rule', () => {
    checkArithmetic(report, ds);
    const level = report.levels[0];
    // The rhythm rules alone flag a few dozen: the shortfall fills the list.
    expect(level.compared).toBe(300);
    expect(level.verdict.capturedRatio).toBeGreaterThan(0.9);
  });
});
