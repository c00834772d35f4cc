import { AppError } from '../../../shared/contract/errors';
import { storedSettings, type AnalysisSettings } from '../../../shared/contract/settings';
import type { RunListItem } from '../../../shared/contract/analysis';
import type { AnalysisOutput } from '../../../shared/analytics/pipeline';
import type { Action, AnalysisSummary, CustomerResult, CustomerRows, Tier } from '../../../shared/model/results';
import { settingsChanges } from '../../../shared/model/settings-changes';
import type { Db } from '../db/open';
import { enterBulkMode } from '../import/bulk-load';
import { rowBatches } from '../db/row-batches';
import { flatString } from '../../../shared/format/flat-string';

export function startRun(db: Db, createdAt: string, asOf: string, settings: AnalysisSettings, hash: string): number {
  const info = db
    .prepare("INSERT INTO analysis_runs (created_at, as_of, status, settings_json, data_hash) VALUES (?, ?, 'running', ?, ?)")
    .run(createdAt, asOf, JSON.stringify(settings), hash);
  return Number(info.lastInsertRowid);
}

/**
 * Runs a killed process left 'running' would otherwise stay so forever. A run still going in
 * another process marks itself done when it finishes, so this only ever hides it for a moment.
 */
export function failInterruptedRuns(db: Db): number {
  return db
    .prepare("UPDATE analysis_runs SET status = 'failed', error = 'Longtail stopped before this analysis finished. Run it again.' WHERE status = 'running'")
    .run().changes;
}

export function failRun(db: Db, runId: number, message: string): void {
  db.prepare("UPDATE analysis_runs SET status = 'failed', error = ? WHERE id = ?").run(message, runId);
}

export function summaryOf(out: AnalysisOutput, runId: number, createdAt: string, dataHash: string, timings: Record<string, number>): AnalysisSummary {
  return {
    runId,
    createdAt,
    asOf: out.asOf,
    settings: out.settings,
    currency: out.currency,
    hasDates: out.hasDates,
    categories: out.categories,
    revenue12m: out.revenue12m,
    customers: out.customerCounts,
    strategicRevenueShare: out.strategicRevenueShare,
    pareto: out.pareto,
    k: out.k,
    suggestedK: out.suggestedK,
    structure: out.structure,
    elbowK: out.elbowK,
    quality: out.quality,
    profiles: out.profiles,
    leakage: out.leakage,
    counts: out.counts,
    recovery: out.recovery,
    bgnbd: out.bgnbd,
    growthFloor: out.growthFloor,
    ...(out.growthNone ? { growthNone: out.growthNone } : {}),
    notes: out.notes,
    caveats: out.caveats,
    timings,
    dataHash,
  };
}

/**
 * Shares to five decimals: full doubles tripled the text written per customer for no visible gain.
 * Takes a view into the features' customers x categories table as well as an array, so a run need
 * not copy every customer's mix (about 0.1 GB at 20M rows) only to write it here. Joined, not
 * appended to: appending made a chain of small strings per customer that SQLite then had to flatten,
 * over twice the time.
 */
export function mixJson(mix: ArrayLike<number>, scratch: string[] = []): string {
  scratch.length = mix.length;
  for (let k = 0; k < mix.length; k++) scratch[k] = `${Math.round(mix[k] * 1e5) / 1e5}`;
  return flatString(`[${scratch.join(',')}]`);
}

/**
 * From this many rows a save writes its pages once, through a rollback journal, instead of into
 * the WAL and again into the file at the checkpoint after the commit, and skips the run id's
 * parent lookup on every row (the run was inserted before): about a tenth of the save at 5M rows.
 */
const BULK_ROWS = 50_000;
export const savesInBulk = (customers: number, actions: number): boolean => customers + actions >= BULK_ROWS;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const rowsOf = (customers: readonly CustomerResult[]): CustomerRows => ({ count: customers.length, code: (i) => customers[i].code, row: (i) => customers[i] });

/**
 * Rows go in primary-key order: each lands at the end of its table's B-tree instead of splitting
 * pages all over it, a fifth less time for the save. The order is not observable: both tables are
 * stored by key and every listing says how it is sorted.
 */
const inCodeOrder = (count: number, code: (i: number) => string): number[] => Array.from({ length: count }, (_, i) => i).sort((a, b) => byText(code(a), code(b)));

/**
 * The part of the customers' rows known before the risk stage ends (their order and their mix as
 * written), made while a risk thread still runs: on 5M rows the analysis would otherwise wait idle.
 */
export type CustomersAhead = { count: number; order: number[]; mixJson: string[] };

export function customersAhead(count: number, code: (i: number) => string, mix: (i: number) => ArrayLike<number>): CustomersAhead {
  const scratch: string[] = [];
  return { count, order: inCodeOrder(count, code), mixJson: Array.from({ length: count }, (_, i) => mixJson(mix(i), scratch)) };
}

/** How long a finished run's save waits for another process's write lock. */
const SAVE_BUSY_TIMEOUT_MS = 60_000;

/**
 * Writes a finished run's customers and actions in one transaction and marks the run done. The
 * customers may come one at a time (CustomerRows), each made as it is written and let go; `ahead`,
 * when given for the same customers, is their order and mix already written.
 */
export function finishRun(db: Db, summary: AnalysisSummary, customers: readonly CustomerResult[] | CustomerRows, actions: readonly Action[], ahead?: CustomersAhead): void {
  const rows = Array.isArray(customers) ? rowsOf(customers) : (customers as CustomerRows);
  const prepared = ahead && ahead.count === rows.count ? ahead : null;
  const byCode = prepared?.order ?? inCodeOrder(rows.count, rows.code);
  const byId = actions.map((_, i) => i).sort((a, b) => byText(actions[a].id, actions[b].id));
  // Before the statements are made: SQLite builds the foreign-key checks into each one.
  const leaveBulkMode = savesInBulk(rows.count, actions.length) ? enterBulkMode(db) : () => {};
  // An import in another process can hold the write lock for longer than a page read waits: the
  // computed run waits for it (up to a minute) rather than be thrown away as WORKSPACE_BUSY.
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${SAVE_BUSY_TIMEOUT_MS}`);
  try {
    const runId = summary.runId;
    const customerRows = rowBatches(db, 'run_customers', { column: 'run_id', value: runId }, [
      'code', 'name', 'tier', 'profile', 'affinity', 'is_best', 'revenue12m', 'breadth', 'purchases', 'recency_days',
      'tenure_days', 'p_alive', 'at_risk_revenue', 'growth_revenue', 'rep', 'territory', 'segment', 'mix_json', 'holdout_group',
    ]);
    const actionRows = rowBatches(db, 'run_actions', { column: 'run_id', value: runId }, [
      'position', 'id', 'kind', 'customer_code', 'customer_name', 'category', 'expected_revenue', 'priority', 'reason',
      'facts_json', 'tier', 'profile', 'rep', 'territory',
    ]);
    const partRows = rowBatches(db, 'run_action_parts', { column: 'run_id', value: runId }, ['category', 'action_id', 'at_risk', 'kept', 'spread']);
    const scratch: string[] = [];
    db.transaction(() => {
      for (const i of byCode) {
        const c = rows.row(i);
        customerRows.add(
          c.code, c.name, c.tier, c.profile, c.affinity, c.isBest ? 1 : 0, c.revenue12m, c.breadth, c.purchases,
          c.recencyDays, c.tenureDays, c.pAlive, c.atRiskRevenue, c.growthRevenue, c.rep, c.territory, c.segment, prepared ? prepared.mixJson[i] : mixJson(c.mix, scratch), c.holdoutGroup,
        );
      }
      customerRows.flush();
      for (const position of byId) {
        const a = actions[position];
        actionRows.add(
          position, a.id, a.kind, a.customerCode, a.customerName, a.category, a.expectedRevenue, a.priority,
          a.reason, JSON.stringify(a.facts), a.tier, a.profile, a.rep, a.territory,
        );
        for (const part of a.breakdown ?? []) partRows.add(part.category, a.id, part.atRisk, part.spend12m, part.spread ? 1 : 0);
      }
      actionRows.flush();
      partRows.flush();
      // A run another process marked failed while it was still computing keeps no stale error once done.
      db.prepare("UPDATE analysis_runs SET status = 'done', error = NULL, summary_json = ?, timings_json = ? WHERE id = ?").run(
        JSON.stringify(summary),
        JSON.stringify(summary.timings),
        runId,
      );
    })();
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
    leaveBulkMode();
  }
}

/** The run asked for, or the latest finished one. */
export function resolveRunId(db: Db, runId: number | undefined): number {
  if (runId === undefined) {
    const row = db.prepare("SELECT id FROM analysis_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
    if (!row) throw new AppError('NO_ANALYSIS', 'There is no analysis yet. Run the analysis first (Analyse, or `longtail analyze`).');
    return row.id;
  }
  const row = db.prepare('SELECT status FROM analysis_runs WHERE id = ?').get(runId) as { status: string } | undefined;
  if (!row || row.status !== 'done') {
    throw new AppError('NOT_FOUND', `There is no finished analysis run ${runId}. Pick a run from the list or run the analysis again.`, { runId });
  }
  return runId;
}

export function readSummary(db: Db, runId: number): AnalysisSummary {
  const row = db.prepare('SELECT summary_json FROM analysis_runs WHERE id = ?').get(runId) as { summary_json: string };
  const summary = JSON.parse(row.summary_json) as AnalysisSummary;
  return { ...summary, settings: storedSettings(summary.settings) };
}

export function listRuns(db: Db): RunListItem[] {
  const rows = db
    .prepare("SELECT id, created_at, as_of, summary_json FROM analysis_runs WHERE status = 'done' ORDER BY id DESC")
    .all() as { id: number; created_at: string; as_of: string; summary_json: string }[];
  return rows.map((r) => {
    const s = JSON.parse(r.summary_json) as AnalysisSummary;
    return {
      runId: r.id,
      createdAt: r.created_at,
      asOf: r.as_of,
      k: s.k,
      leakageTotal: s.leakage.total,
      leakageShare: s.leakage.share,
      recoveryActions: s.counts.recoveryActions,
      growthActions: s.counts.growthActions,
      changes: settingsChanges(storedSettings(s.settings)),
    };
  });
}

type CustomerRow = {
  code: string; name: string; tier: Tier; profile: number | null; affinity: number | null; is_best: number;
  revenue12m: number; breadth: number; purchases: number; recency_days: number | null; tenure_days: number | null;
  p_alive: number | null; at_risk_revenue: number; growth_revenue: number; rep: string | null; territory: string | null;
  segment: string | null; mix_json: string; holdout_group: number | null;
};

export const customerFromRow = (r: CustomerRow): CustomerResult => ({
  code: r.code,
  name: r.name,
  tier: r.tier,
  profile: r.profile,
  affinity: r.affinity,
  isBest: r.is_best === 1,
  revenue12m: r.revenue12m,
  mix: JSON.parse(r.mix_json) as number[],
  breadth: r.breadth,
  purchases: r.purchases,
  recencyDays: r.recency_days,
  tenureDays: r.tenure_days,
  pAlive: r.p_alive,
  holdoutGroup: r.holdout_group,
  atRiskRevenue: r.at_risk_revenue,
  growthRevenue: r.growth_revenue,
  rep: r.rep,
  territory: r.territory,
  segment: r.segment,
});

type ActionRow = {
  id: string; kind: 'growth' | 'recovery'; customer_code: string; customer_name: string; category: string;
  expected_revenue: number; priority: number; reason: string; facts_json: string; tier: Tier; profile: number | null;
  rep: string | null; territory: string | null;
};

export const actionFromRow = (r: ActionRow): Action => ({
  id: r.id,
  kind: r.kind,
  customerCode: r.customer_code,
  customerName: r.customer_name,
  category: r.category,
  expectedRevenue: r.expected_revenue,
  priority: r.priority,
  reason: r.reason,
  facts: JSON.parse(r.facts_json) as Action['facts'],
  tier: r.tier,
  profile: r.profile,
  rep: r.rep,
  territory: r.territory,
});

export type { ActionRow, CustomerRow };
