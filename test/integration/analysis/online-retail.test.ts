import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { familyOf, ONLINE_RETAIL, onlineRetail } from './online-retail-data';
import { writeRunFiles } from '../../../main/backend/analysis/export-files';
import { summaryOf } from '../../../main/backend/analysis/store';

describe.runIf(fs.existsSync(ONLINE_RETAIL))('UCI Online Retail (real data, 2010-12-01..2011-12-09)', () => {
  const { ds, rows, revenue } = onlineRetail();
  const cache = new StageCache();
  const out = runAnalysis(ds, analysisSettingsSchema.parse({}), { cache });

  it('cleans to the reference figures: 397,884 rows, 4,338 customers, revenue 8,911,407.90', () => {
    expect(rows).toBe(397884);
    expect(revenue).toBeCloseTo(8911407.9, 1);
    expect(ds.customers.length).toBeLessThanOrEqual(4338);
    expect(ds.customers.length).toBeGreaterThan(4300);
  });

  it('groups products into families by description keyword, with few left over', () => {
    expect(familyOf('WHITE HANGING HEART T-LIGHT HOLDER')).toBe('Lighting & candles');
    expect(familyOf('JUMBO BAG RED RETROSPOT')).toBe('Bags');
    expect(familyOf('PAPER CHAIN KIT 50\'S CHRISTMAS')).toBe('Christmas');
    const other = ds.categories.indexOf('Other giftware');
    let otherRevenue = 0;
    let total = 0;
    ds.tx.revenue.forEach((v, r) => {
      total += v;
      if (ds.tx.category[r] === other) otherRevenue += v;
    });
    expect(otherRevenue / total).toBeLessThan(0.35);
  });

  it('completes with sensible results: a long tail, named profiles, recovery and growth actions, leakage', () => {
    console.log(
      `Online Retail: as of ${out.asOf}, k ${out.k}, ${out.customerCounts.strategic} strategic of ${out.customerCounts.active12m} active (${(out.strategicRevenueShare * 100).toFixed(1)}% of revenue), ` +
        `${out.counts.recoveryActions} recovery / ${out.counts.growthActions} growth actions, leakage ${(out.leakage.share * 100).toFixed(1)}% (recovery ${out.leakage.recovery.toFixed(0)}, growth ${out.leakage.growth.toFixed(0)} of ${out.revenue12m.toFixed(0)}); categories ${out.leakage.by.category.map((r) => `${r.key}: ${r.revenue12m.toFixed(0)}`).join(", ")}; profiles: ${out.profiles.map((p) => `${p.label} (${p.members})`).join(', ')}`,
    );
    expect(out.asOf).toBe('2011-12-09');
    expect(out.customerCounts.strategic / out.customerCounts.active12m).toBeLessThan(0.4);
    expect(out.k).toBeGreaterThanOrEqual(2);
    expect(new Set(out.profiles.map((p) => p.label)).size).toBe(out.k);
    expect(out.counts.recoveryActions).toBeGreaterThan(0);
    expect(out.counts.growthActions).toBeGreaterThan(0);
    const growthShare = out.leakage.growth / out.revenue12m;
    expect(growthShare).toBeGreaterThan(0.02);
    expect(growthShare).toBeLessThan(0.5);
    expect(out.customers.filter((c) => c.pAlive !== null).length).toBeGreaterThan(4000);
    for (const a of out.actions.slice(0, 50)) expect(a.reason).toMatch(/\d/);
  });
  // Recovery's money must be believable: never above what a customer ran at over the horizon, and
  // in total no more than the data's own past says such customers really lost. (The old bug valued
  // two orders a day apart as a daily rhythm and one customer at £420k a year.)
  it('puts no more at risk than the share of usual spend this data really lost at its training cut', () => {
    const share = out.leakage.recovery / out.revenue12m;
    const learned = out.recovery?.model.customer;
    console.log(`Online Retail recovery at risk: ${(share * 100).toFixed(1)}% of 12-month revenue; at its training cut customers lost ${((learned?.lossShare ?? 0) * 100).toFixed(1)}% of their usual spend`);
    expect(learned?.usable).toBe(true);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThanOrEqual((learned?.lossShare ?? 0) * 1.05);
  });

  it('never states more at risk than the customer or relationship spends over the horizon at its prior rate', () => {
    const recovery = out.actions.filter((a) => a.kind === 'recovery');
    for (const a of recovery) expect(a.expectedRevenue, a.id).toBeLessThanOrEqual(Number(a.facts.expected) + 0.01);
    // A whole-account action's categories share out its money exactly.
    for (const a of recovery.filter((r) => r.breakdown)) expect((a.breakdown ?? []).reduce((s, b) => s + b.atRisk, 0)).toBeCloseTo(a.expectedRevenue, 2);
    expect(out.actions.filter((a) => a.customerCode === '17850')).toEqual([]);
  });

  it('gives a customer one win-back only with a rhythm of its own and a silence past it, or one order and a longer silence than repeat buyers take', () => {
    const byCode = new Map(out.customers.map((c) => [c.code, c]));
    const winBacks = out.actions.filter((a) => a.facts.signal === 'lapsed-all');
    expect(winBacks.length).toBeGreaterThan(0);
    expect(new Set(winBacks.map((a) => a.customerCode)).size).toBe(winBacks.length);
    let once = 0;
    for (const a of winBacks) {
      const purchases = byCode.get(a.customerCode)?.purchases ?? 0;
      if (a.facts.cycleDays === null) {
        // One order day in the window (credits on other days count as purchase days in the customer's row).
        once++;
        const usual = Number(/longer than repeat buyers here usually take between orders \((\d+) days\)/.exec(a.reason)?.[1]);
        expect(a.reason, a.id).toMatch(/^Bought once \(/);
        expect(Number(a.facts.daysSinceLast), a.id).toBeGreaterThan(usual);
        continue;
      }
      expect(purchases, a.id).toBeGreaterThanOrEqual(2);
      expect(Number(a.facts.daysSinceLast), a.id).toBeGreaterThan(Number(a.facts.cycleDays));
    }
    expect(once).toBeGreaterThan(0);
  });

  it("names the categories a sliding account has let lapse, counted from the customer's own rows", () => {
    const asOf = ds.lastDay;
    const lapsing = out.actions.filter((a) => a.kind === 'recovery' && / categor(y|ies) (has|have) gone more than 2 of their own cycles/.test(a.reason));
    expect(lapsing.length).toBeGreaterThan(20);
    for (const a of lapsing.slice(0, 25)) {
      const c = ds.customers.findIndex((x) => x.code === a.customerCode);
      // Net spend per category and day, up to the as-of day: an order day is one with positive net spend.
      const days = new Map<number, Map<number, number>>();
      ds.tx.customer.forEach((cust, r) => {
        if (cust !== c || ds.tx.day[r] > asOf) return;
        const byDay = days.get(ds.tx.category[r]) ?? new Map<number, number>();
        byDay.set(ds.tx.day[r], (byDay.get(ds.tx.day[r]) ?? 0) + ds.tx.revenue[r]);
        days.set(ds.tx.category[r], byDay);
      });
      let bought = 0;
      let overdue = 0;
      for (const byDay of days.values()) {
        const orders = [...byDay].filter(([, v]) => v > 0).map(([d]) => d).sort((x, y) => x - y);
        const priorSpend = [...byDay].filter(([d]) => d > asOf - 365).reduce((s, [, v]) => s + v, 0);
        if (!(priorSpend > 0) || !orders.some((d) => d > asOf - 365)) continue;
        bought++;
        const last = orders[orders.length - 1];
        const cycle = orders.length >= 2 ? (last - orders[0]) / (orders.length - 1) : Math.max(90, asOf - orders[0] + 90);
        if (asOf - last > 2 * cycle) overdue++;
      }
      expect(a.reason, a.id).toContain(`; ${overdue} of its ${bought} categories`);
    }
  });

  it('leaves P(alive) out of customers.csv where the fit is degenerate: reported, not used', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-or-files-'));
    try {
      const files = writeRunFiles(dir, summaryOf(out, 1, '2026-12-07T00:00:00Z', 'hash', {}), out.customers, out.actions);
      const [header, ...rows] = Papa.parse<string[]>(fs.readFileSync(files.customers, 'utf8').replace(/^\uFEFF/, '').trim()).data;
      const column = header.indexOf('p_alive');
      expect(column).toBeGreaterThan(0);
      expect(rows).toHaveLength(out.customers.length);
      expect(rows.filter((r) => r[column] !== '')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges the BG/NBD fit degenerate, says so, and gates nothing on P(alive)', () => {
    const f = out.bgnbd;
    expect(f).not.toBeNull();
    console.log(`Online Retail BG/NBD: ${JSON.stringify(f?.params)}, LL ${f?.logLikelihood.toFixed(1)}, ${f?.reasons.join('; ')}`);
    expect(f?.verdict).toBe('degenerate');
    // Under 1% of customers leaving in a year, at the mean purchase rate, from the parameters.
    const perYear = 1 - Math.pow(1 - f!.params.a / (f!.params.a + f!.params.b), (365.25 / 7) * (f!.params.r / f!.params.alpha));
    expect(f?.degeneracy.annualDropout).toBeCloseTo(perYear, 6);
    expect(perYear).toBeLessThan(0.01);
    expect(f?.degeneracy.silentMedianPAlive).toBeGreaterThan(0.9);
    expect(f?.gateApplied).toBe(false);
    expect(out.notes.some((n) => /degenerate/.test(n) && /minPAlive is not applied/.test(n))).toBe(true);
    // Long-silent customers counted straight from the transactions: purchase days per customer.
    const days = new Map<number, Set<number>>();
    ds.tx.customer.forEach((c, r) => {
      const set = days.get(c) ?? new Set<number>();
      set.add(ds.tx.day[r]);
      days.set(c, set);
    });
    let silent = 0;
    for (const set of days.values()) {
      const sorted = [...set].sort((p, q) => p - q);
      const x = sorted.length - 1;
      const quiet = out.asOfDay - sorted[x];
      if (x >= 1 && quiet > (3 * (sorted[x] - sorted[0])) / x && quiet >= 180) silent++;
    }
    expect(f?.degeneracy.silentCustomers).toBe(silent);
  });

  it('gives growth actions to customers below growth.minPAlive when the fit is degenerate: the gate is off', () => {
    const strict = runAnalysis(ds, analysisSettingsSchema.parse({ growth: { minPAlive: 0.999 } }), { cache });
    const pAliveOf = new Map(strict.customers.map((c) => [c.code, c.pAlive]));
    const gatedOut = strict.actions.filter((a) => a.kind === 'growth' && (pAliveOf.get(a.customerCode) ?? 1) < 0.999);
    expect(gatedOut.length).toBeGreaterThan(0);
    expect(strict.counts.growthActions).toBe(out.counts.growthActions);
  });
});
