import type { ActionChange, RunComparison } from '../../../shared/contract/analysis';
import { settingsChanges } from '../../../shared/model/settings-changes';
import type { Db } from '../db/open';
import { readSummary, resolveRunId } from './store';

const LISTED = 25;

type ActionKeyRow = { kind: 'growth' | 'recovery'; customer_code: string; customer_name: string; category: string; expected_revenue: number };

const keyOf = (r: ActionKeyRow): string => `${r.kind}\u0000${r.customer_code}\u0000${r.category}`;

function actionKeys(db: Db, runId: number): Map<string, ActionKeyRow> {
  const rows = db.prepare('SELECT kind, customer_code, customer_name, category, expected_revenue FROM run_actions WHERE run_id = ?').all(runId) as ActionKeyRow[];
  return new Map(rows.map((r) => [keyOf(r), r]));
}

/** Actions of `from` that `other` lacks: counted, summed, and the largest listed. */
function missingFrom(from: Map<string, ActionKeyRow>, other: Map<string, ActionKeyRow>): ActionChange {
  const rows = [...from].filter(([k]) => !other.has(k)).map(([, r]) => r);
  rows.sort((x, y) => y.expected_revenue - x.expected_revenue);
  return {
    count: rows.length,
    expectedRevenue: rows.reduce((s, r) => s + r.expected_revenue, 0),
    largest: rows.slice(0, LISTED).map((r) => ({ kind: r.kind, customerCode: r.customer_code, customerName: r.customer_name, category: r.category, expectedRevenue: r.expected_revenue })),
  };
}

/**
 * What changed from run `before` to run `after`: the settings, leakage, counts, and which actions
 * (customer x category x kind) appear or disappear. Both sets are read whole (about 1 MB at 30k
 * customers), a hash join in memory rather than a correlated query over an unindexed triple.
 */
export function compareRuns(db: Db, before: number, after: number): RunComparison {
  const a = readSummary(db, resolveRunId(db, before));
  const b = readSummary(db, resolveRunId(db, after));
  const keysA = actionKeys(db, a.runId);
  const keysB = actionKeys(db, b.runId);
  const side = (s: typeof a) => ({
    runId: s.runId,
    createdAt: s.createdAt,
    asOf: s.asOf,
    k: s.k,
    leakageTotal: s.leakage.total,
    leakageShare: s.leakage.share,
    recoveryActions: s.counts.recoveryActions,
    growthActions: s.counts.growthActions,
    dataHash: s.dataHash,
  });
  return {
    before: side(a),
    after: side(b),
    sameData: a.dataHash === b.dataHash,
    settings: settingsChanges(b.settings, a.settings),
    appeared: missingFrom(keysB, keysA),
    disappeared: missingFrom(keysA, keysB),
  };
}
