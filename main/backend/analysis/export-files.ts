import fs from 'node:fs';
import path from 'node:path';
import { toCsv, UTF8_BOM, type CsvValue } from '../../../shared/format/csv';
import type { Action, AnalysisSummary, CustomerResult } from '../../../shared/model/results';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import { roundMoney } from '../../../shared/format/numbers';
import { amountsIn } from '../../../shared/format/currency';

const share = (v: number): number => Math.round(v * 10000) / 10000;
/** A growth action's range end (its expected revenue at a peer quartile); empty for recovery actions, which have none. */
const rangeEnd = (v: unknown): number | null => (typeof v === 'number' ? roundMoney(v) : null);

/** A recovery action's chance of the slide, a growth gap's share of peers that buy the category. */
const chanceOf = (a: Action): number | null => {
  const p = a.kind === 'recovery' ? a.facts.probability : a.facts.penetration;
  return typeof p === 'number' ? share(p) : null;
};

export type ExportedFiles = { actions: string; customers: string; profiles: string; summary: string };

/** The files `longtail run` writes, with the columns issue 3 lists (UTF-8, header, formulas neutralised). */
/**
 * `assigned`: who calls each customer under the run's assignment plan, by customer id (null where the
 * plan leaves it unassigned); without a plan the column is empty. `current_rep` is the rep the data
 * names, which the plan may change: one column called "rep" had named another rep than the
 * assignments workbook for 236 of the sample's 778 actions.
 */
export function writeRunFiles(
  outDir: string,
  summary: AnalysisSummary,
  customers: readonly CustomerResult[],
  actions: readonly Action[],
  assigned: ReadonlyMap<string, string | null> = new Map(),
): ExportedFiles {
  fs.mkdirSync(outDir, { recursive: true });
  const files: ExportedFiles = {
    actions: path.join(outDir, 'actions.csv'),
    customers: path.join(outDir, 'customers.csv'),
    profiles: path.join(outDir, 'profiles.csv'),
    summary: path.join(outDir, 'summary.json'),
  };
  const labelOf = new Map(summary.profiles.map((p) => [p.id, p.label]));
  // A degenerate BG/NBD fit is reported, not used (analytics.md): a column of P(alive) near 1 for
  // customers silent half a year read as a measurement. summary.json's bgnbd says why it is empty.
  const usablePAlive = summary.bgnbd?.verdict !== 'degenerate';
  // Each row says what its amounts count in: a consultant merging three clients' files could not
  // tell pounds from dollars, nor a purchase log's units from money under "expected_revenue".
  const currency = amountsIn(summary.currency);
  fs.writeFileSync(
    files.actions,
    UTF8_BOM +
    toCsv(
      // Later columns come last, so scripts reading the earlier ones by position still work. `chance`
      // is a recovery action's chance of the slide or a growth gap's peer share; `call_value` is the
      // Recovery list's order (chance x (money at risk + the run's weight on sureness)), recovery only.
      ['customer_id', 'customer_name', 'action', 'category', 'expected_revenue', 'priority', 'reason', 'current_rep', 'territory', 'tier', 'profile', 'action_id', 'expected_low', 'expected_high', 'chance', 'call_value', 'assigned_rep', 'currency'],
      actions.map((a): CsvValue[] => [
        a.customerCode, a.customerName, a.kind, a.category, roundMoney(a.expectedRevenue), a.priority, a.reason, a.rep, a.territory, a.tier,
        a.profile === null ? null : (labelOf.get(a.profile) ?? a.profile), a.id, rangeEnd(a.facts.expectedLow), rangeEnd(a.facts.expectedHigh),
        chanceOf(a), a.kind === 'recovery' ? rangeEnd(a.facts.callValue) : null, assigned.get(a.customerCode) ?? null, currency,
      ]),
    ),
  );
  fs.writeFileSync(
    files.customers,
    UTF8_BOM +
    toCsv(
      // revenue_12m is the revenue the headline and the tiers count, so the column adds up to
      // summary.json's: a customer whose returns outran its sales counts nothing there (27 of Online
      // Retail's did, and the column fell 4,388 short). net_12m keeps the signed figure; currency
      // stays last, as in every file the run writes.
      ['customer_id', 'customer_name', 'tier', 'profile', 'revenue_12m', 'categories_bought', 'p_alive', 'at_risk_revenue', 'growth_revenue', 'current_rep', 'territory', 'profile_label', 'assigned_rep', 'net_12m', 'currency'],
      customers.map((c): CsvValue[] => [
        c.code, c.name, c.tier, c.profile, roundMoney(Math.max(0, c.revenue12m)), c.breadth, usablePAlive && c.pAlive !== null ? share(c.pAlive) : null, roundMoney(c.atRiskRevenue),
        roundMoney(c.growthRevenue), c.rep, c.territory, c.profile === null ? null : (labelOf.get(c.profile) ?? null), assigned.get(c.code) ?? null, roundMoney(c.revenue12m),
        currency,
      ]),
    ),
  );
  fs.writeFileSync(
    files.profiles,
    UTF8_BOM +
    toCsv(
      [
        'profile', 'label', 'customers', 'best_customers', 'revenue',
        ...summary.categories.map((c) => `share_${c}`),
        ...summary.categories.map((c) => `penetration_${c}`),
        'currency',
      ],
      summary.profiles.map((p): CsvValue[] => [
        p.id, p.label, p.members, p.bestMembers, roundMoney(p.revenue12m), ...p.mix.map(share), ...p.penetration.map(share), currency,
      ]),
    ),
  );
  const l = summary.leakage;
  fs.writeFileSync(
    files.summary,
    `${JSON.stringify(
      {
        run_id: summary.runId,
        settings: summary.settings,
        // Null for the default method; else each setting that differs, in words.
        custom_settings: settingsChanges(summary.settings).length > 0 ? describeChanges(settingsChanges(summary.settings), 'default', 'keys') : null,
        as_of: summary.asOf,
        currency: summary.currency,
        has_dates: summary.hasDates,
        revenue_12m: roundMoney(summary.revenue12m),
        leakage: {
          recovery: roundMoney(l.recovery),
          growth: roundMoney(l.growth),
          total: roundMoney(l.total),
          pct: share(l.share),
          band: l.band,
          // The same split the Leakage screen and the report show, so a consultant's script need not re-derive it from actions.csv.
          by: Object.fromEntries(
            Object.entries(l.by).map(([dimension, rows]) => [
              dimension,
              rows.map((r) => ({ key: r.key, recovery: roundMoney(r.recovery), growth: roundMoney(r.growth), total: roundMoney(r.total), revenue_12m: roundMoney(r.revenue12m), pct: share(r.share) })),
            ]),
          ),
        },
        k: summary.k,
        suggested_k: summary.suggestedK,
        elbow_k: summary.elbowK ?? null,
        // 'none' = no clear buying patterns: one peer group, said plainly rather than a confident k.
        structure: summary.structure ?? null,
        product_level: summary.productLevel
          ? {
              level: summary.productLevel.level,
              source: summary.productLevel.source,
              column: summary.productLevel.column,
              values: summary.productLevel.values,
              raw_values: summary.productLevel.rawValues,
              reason: summary.productLevel.reason,
              non_product_revenue: roundMoney(summary.productLevel.nonProductRevenue),
              non_product_rows: summary.productLevel.nonProductRows,
              // Credits of those lines that net goods bought the same day instead of being left out.
              same_day_credit_rows: summary.productLevel.sameDayCredits?.rows ?? 0,
              same_day_credit_revenue: roundMoney(summary.productLevel.sameDayCredits?.revenue ?? 0),
              same_day_rebill_rows: summary.productLevel.sameDayCredits?.rebills?.rows ?? 0,
              same_day_rebill_revenue: roundMoney(summary.productLevel.sameDayCredits?.rebills?.revenue ?? 0),
              non_product_lines: summary.productLevel.nonProduct.map((l) => ({
                code: l.code,
                name: l.name,
                kind: l.kind,
                revenue: roundMoney(l.revenue),
                rows: l.rows,
                excluded: l.excluded,
                reason: l.reason,
              })),
              co_purchase: summary.productLevel.coPurchase
                ? {
                    products: summary.productLevel.coPurchase.products,
                    leftover: summary.productLevel.coPurchase.leftover,
                    revenue_share: summary.productLevel.coPurchase.revenueShare,
                    held_out_precision: summary.productLevel.coPurchase.heldOutPrecision,
                    held_out_judged: summary.productLevel.coPurchase.heldOutJudged,
                  }
                : null,
            }
          : null,
        quality: summary.quality,
        counts: { ...summary.counts, customers: summary.customers },
        profiles: summary.profiles.map((p) => ({ id: p.id, label: p.label, members: p.members })),
        bgnbd: summary.bgnbd ?? null,
        notes: summary.notes,
        timings: summary.timings,
        data_hash: summary.dataHash,
      },
      null,
      2,
    )}\n`,
  );
  return files;
}
