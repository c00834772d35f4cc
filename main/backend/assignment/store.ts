import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type {
  AccountAssignment,
  AssignmentOverride,
  AssignmentPlan,
  AssignmentPlanSummary,
  AssignmentSettings,
  RosterRep,
} from '../../../shared/contract/assignment';
import type { HandlerArgs } from '../../../shared/contract';
import { planAssignments } from '../../../shared/analytics/assignment';
import { assignmentTotals, NO_TERRITORY, repLoads, territoryLoads } from '../../../shared/analytics/assignment-loads';
import type { Action } from '../../../shared/model/results';
import type { Db } from '../db/open';
import { listRoster } from '../roster/store';

/** One planned action, as exports list it. */
export type PlanAction = {
  customerCode: string;
  actionId: string;
  kind: Action['kind'];
  category: string;
  expectedRevenue: number;
  priority: number;
  reason: string;
  /** A growth action's likely range (its expected revenue at the peers' quartiles), from the run it came from; null otherwise. */
  expectedLow: number | null;
  expectedHigh: number | null;
  /**
   * A whole-account recovery's categories with their money, slipping ones first, largest first
   * (spread: the account's wider slide, not a slipping category); null for any other action.
   */
  parts: { category: string; atRisk: number; spread: boolean }[] | null;
};

export type PlanSource = {
  runId: number;
  asOf: string;
  currency: string;
  actions: readonly Action[];
  revenue12mByTerritory: ReadonlyMap<string, number>;
  /** The run's recovery horizon, which recovery actions' money is stated over. */
  recoveryHorizonDays: number;
  /** The days the territories' revenue covers (a year, unless the data is younger). */
  revenueWindowDays: number;
};

export function listOverrides(db: Db): AssignmentOverride[] {
  return (
    db
      .prepare('SELECT customer_code, rep_name, note, created_at FROM assignment_overrides ORDER BY customer_code')
      .all() as { customer_code: string; rep_name: string; note: string | null; created_at: string }[]
  ).map((r) => ({ customerCode: r.customer_code, rep: r.rep_name, note: r.note, createdAt: r.created_at }));
}

export function setOverride(db: Db, customerCode: string, rep: string, note: string | null, now: Date): void {
  db.prepare(
    `INSERT INTO assignment_overrides (customer_code, rep_name, note, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (customer_code) DO UPDATE SET rep_name = excluded.rep_name, note = excluded.note, created_at = excluded.created_at`,
  ).run(customerCode, rep, note, now.toISOString());
}

export const clearOverride = (db: Db, customerCode: string): boolean =>
  db.prepare('DELETE FROM assignment_overrides WHERE customer_code = ?').run(customerCode).changes > 0;

/** What a plan reads of each rep (not the data's count of its accounts, which an import moves). */
const rosterKey = (roster: readonly RosterRep[]): string =>
  createHash('sha256')
    .update(JSON.stringify(roster.map((r) => [r.name, r.kind, r.territory, r.capacity, r.active])))
    .digest('hex');

/** Runs the engine over an analysis and stores the plan with its settings and its actions. */
export function createPlan(db: Db, source: PlanSource, settings: AssignmentSettings, now: Date): number {
  const roster: RosterRep[] = listRoster(db);
  const overrides = listOverrides(db);
  const accounts = planAssignments({
    actions: source.actions,
    roster,
    overrides: new Map(overrides.map((o) => [o.customerCode, o.rep])),
    settings,
    currency: source.currency,
  });
  const reps = repLoads(accounts, roster, settings);
  const territories = territoryLoads(accounts, reps, source.revenue12mByTerritory, settings, source.recoveryHorizonDays, source.revenueWindowDays);
  const summary = { totals: assignmentTotals(accounts), reps, territories, rosterKey: rosterKey(roster) };

  return db.transaction(() => {
    const planId = Number(
      db
        .prepare(
          'INSERT INTO assignment_plans (run_id, created_at, as_of, currency, settings_json, summary_json) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(source.runId, now.toISOString(), source.asOf, source.currency, JSON.stringify(settings), JSON.stringify(summary))
        .lastInsertRowid,
    );
    const insertAccount = db.prepare(
      `INSERT INTO assignment_plan_accounts (plan_id, position, customer_code, customer_name, tier, territory, current_rep, rep,
         rep_kind, status, reason, actions, recovery, growth, expected_revenue, priority)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    accounts.forEach((a, i) =>
      insertAccount.run(planId, i, a.customerCode, a.customerName, a.tier, a.territory, a.currentRep, a.rep, a.repKind,
        a.status, a.reason, a.actions, a.recovery, a.growth, a.expectedRevenue, a.priority),
    );
    const insertAction = db.prepare(
      `INSERT INTO assignment_plan_actions (plan_id, customer_code, action_id, kind, category, expected_revenue, priority, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of source.actions) {
      insertAction.run(planId, a.customerCode, a.id, a.kind, a.category, a.expectedRevenue, a.priority, a.reason);
    }
    return planId;
  })();
}

export function latestPlanId(db: Db): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM assignment_plans').get() as { id: number | null };
  return row.id;
}

export function resolvePlanId(db: Db, planId: number | undefined): number {
  const id = planId ?? latestPlanId(db);
  if (id === null) {
    throw new AppError('NOT_FOUND', 'There is no assignment plan yet. Plan the assignments first (Assignment screen or `longtail export`).');
  }
  if (!db.prepare('SELECT 1 FROM assignment_plans WHERE id = ?').get(id)) {
    throw new AppError('NOT_FOUND', `There is no assignment plan ${id}. Pick one of the plans listed on the Assignment screen.`, { planId: id });
  }
  return id;
}

export function planSummary(db: Db, planId: number): AssignmentPlanSummary {
  const row = db
    .prepare('SELECT id, run_id, created_at, as_of, currency, settings_json, summary_json FROM assignment_plans WHERE id = ?')
    .get(planId) as
    | { id: number; run_id: number; created_at: string; as_of: string; currency: string; settings_json: string; summary_json: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no assignment plan ${planId}.`, { planId });
  const { rosterKey: plannedWith, ...summary } = JSON.parse(row.summary_json) as Pick<AssignmentPlanSummary, 'totals' | 'reps' | 'territories'> & { rosterKey?: string };
  // What the plan read of the roster against the roster now, so a save in the same millisecond, a
  // rep removed or a file that changes nothing all read right; a plan stored before the key was
  // kept falls back on the reps' save times (only a roster save or import stamps them).
  const rosterChanged =
    plannedWith !== undefined ? plannedWith !== rosterKey(listRoster(db)) : db.prepare('SELECT 1 FROM reps WHERE updated_at > ? LIMIT 1').get(row.created_at) !== undefined;
  return {
    planId: row.id,
    runId: row.run_id,
    createdAt: row.created_at,
    asOf: row.as_of,
    currency: row.currency,
    settings: JSON.parse(row.settings_json) as AssignmentSettings,
    ...summary,
    overrides: listOverrides(db),
    rosterChanged,
  };
}

type AccountRow = {
  customer_code: string;
  customer_name: string;
  tier: AccountAssignment['tier'];
  territory: string | null;
  current_rep: string | null;
  rep: string | null;
  rep_kind: AccountAssignment['repKind'];
  status: AccountAssignment['status'];
  reason: string;
  actions: number;
  recovery: number;
  growth: number;
  expected_revenue: number;
  priority: number;
};

const toAccount = (r: AccountRow): AccountAssignment => ({
  customerCode: r.customer_code,
  customerName: r.customer_name,
  tier: r.tier,
  territory: r.territory,
  currentRep: r.current_rep,
  rep: r.rep,
  repKind: r.rep_kind,
  status: r.status,
  reason: r.reason,
  actions: r.actions,
  recovery: r.recovery,
  growth: r.growth,
  expectedRevenue: r.expected_revenue,
  priority: r.priority,
});

const ACCOUNT_COLUMNS = `customer_code, customer_name, tier, territory, current_rep, rep, rep_kind, status, reason, actions,
  recovery, growth, expected_revenue, priority`;

type PlanQuery = Pick<HandlerArgs<'assignment-get'>, 'rep' | 'territory' | 'status' | 'search' | 'offset' | 'limit'>;

export function readPlan(db: Db, planId: number, q: PlanQuery): AssignmentPlan {
  const where = ['plan_id = ?'];
  const params: (string | number)[] = [planId];
  if (q.rep !== undefined) {
    where.push('rep = ?');
    params.push(q.rep);
  }
  if (q.territory !== undefined) {
    if (q.territory === NO_TERRITORY) where.push('territory IS NULL');
    else {
      where.push('territory = ?');
      params.push(q.territory);
    }
  }
  if (q.status !== undefined) {
    where.push('status = ?');
    params.push(q.status);
  }
  if (q.search) {
    where.push("(customer_code LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\')");
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const clause = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM assignment_plan_accounts WHERE ${clause}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${ACCOUNT_COLUMNS} FROM assignment_plan_accounts WHERE ${clause} ORDER BY position LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as AccountRow[];
  return { ...planSummary(db, planId), total, accounts: rows.map(toAccount) };
}

/** Every account of a plan in plan order (highest value first). */
export const planAccounts = (db: Db, planId: number): AccountAssignment[] =>
  (db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM assignment_plan_accounts WHERE plan_id = ? ORDER BY position`).all(planId) as AccountRow[]).map(
    toAccount,
  );

/** Actions of a plan grouped by customer code, each customer's best first. */
export function planActionsByCustomer(db: Db, planId: number): Map<string, PlanAction[]> {
  const rows = db
    .prepare(
      `SELECT a.customer_code, a.action_id, a.kind, a.category, a.expected_revenue, a.priority, a.reason,
              json_extract(ra.facts_json, '$.expectedLow') AS expected_low, json_extract(ra.facts_json, '$.expectedHigh') AS expected_high,
              (SELECT json_group_array(json_array(p.category, p.at_risk, p.spread) ORDER BY p.spread, p.at_risk DESC, p.category)
                 FROM run_action_parts p INDEXED BY run_action_parts_action WHERE p.run_id = ra.run_id AND p.action_id = a.action_id) AS parts_json
         FROM assignment_plan_actions a
         LEFT JOIN run_actions ra ON ra.run_id = (SELECT run_id FROM assignment_plans WHERE id = a.plan_id) AND ra.id = a.action_id
        WHERE a.plan_id = ? ORDER BY a.customer_code, a.priority DESC, a.expected_revenue DESC, a.action_id`,
    )
    .all(planId) as {
    parts_json: string | null;
    expected_low: number | null;
    expected_high: number | null;
    customer_code: string;
    action_id: string;
    kind: Action['kind'];
    category: string;
    expected_revenue: number;
    priority: number;
    reason: string;
  }[];
  const out = new Map<string, PlanAction[]>();
  for (const r of rows) {
    let list = out.get(r.customer_code);
    if (!list) out.set(r.customer_code, (list = []));
    list.push({
      customerCode: r.customer_code,
      actionId: r.action_id,
      kind: r.kind,
      category: r.category,
      expectedRevenue: r.expected_revenue,
      priority: r.priority,
      reason: r.reason,
      expectedLow: typeof r.expected_low === 'number' ? r.expected_low : null,
      expectedHigh: typeof r.expected_high === 'number' ? r.expected_high : null,
      parts: partsOf(r.parts_json),
    });
  }
  return out;
}

function partsOf(json: string | null): PlanAction['parts'] {
  const rows = json ? (JSON.parse(json) as [string, number, number][]) : [];
  return rows.length === 0 ? null : rows.map(([category, atRisk, spread]) => ({ category, atRisk, spread: spread === 1 }));
}
