import type { CustomerPoint, HandlerArgs } from '../../../shared/contract';
import type { Action, CustomerResult } from '../../../shared/model/results';
import type { Db } from '../db/open';
import { actionFromRow, customerFromRow, type ActionRow, type CustomerRow } from './store';

// Sort keys map to whitelisted column expressions: the user's choice never reaches SQL as text.
const CUSTOMER_SORT = {
  revenue12m: 'revenue12m',
  breadth: 'breadth',
  atRiskRevenue: 'at_risk_revenue',
  growthRevenue: 'growth_revenue',
  pAlive: 'p_alive',
  name: 'name',
  recencyDays: 'recency_days',
} as const;

const ACTION_SORT = {
  priority: 'position',
  expectedRevenue: 'expected_revenue',
  customerName: 'customer_name',
  category: 'category',
} as const;

const like = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function queryCustomers(db: Db, runId: number, a: HandlerArgs<'analysis-customers'>): { total: number; rows: CustomerResult[] } {
  const where = ['run_id = ?'];
  const params: unknown[] = [runId];
  if (a.tier) {
    where.push('tier = ?');
    params.push(a.tier);
  }
  if (a.profile !== undefined) {
    where.push('profile = ?');
    params.push(a.profile);
  }
  if (a.search) {
    where.push("(code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
    params.push(like(a.search), like(a.search));
  }
  const clause = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM run_customers WHERE ${clause}`).get(...params) as { n: number }).n;
  const dir = a.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT * FROM run_customers WHERE ${clause} ORDER BY ${CUSTOMER_SORT[a.sort]} ${dir}, code ASC LIMIT ? OFFSET ?`)
    .all(...params, a.limit, a.offset) as CustomerRow[];
  return { total, rows: rows.map(customerFromRow) };
}

export function queryActions(
  db: Db,
  runId: number,
  a: HandlerArgs<'analysis-actions'>,
): { total: number; totalExpected: number; rows: Action[] } {
  const where = ['run_id = ?'];
  const params: unknown[] = [runId];
  const eq = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  eq('kind', a.kind);
  eq('profile', a.profile);
  eq('territory', a.territory);
  eq('rep', a.rep);
  eq('category', a.category);
  eq('tier', a.tier);
  if (a.search) {
    where.push("(customer_code LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\' OR category LIKE ? ESCAPE '\\')");
    params.push(like(a.search), like(a.search), like(a.search));
  }
  const clause = where.join(' AND ');
  const agg = db.prepare(`SELECT count(*) AS n, total(expected_revenue) AS s FROM run_actions WHERE ${clause}`).get(...params) as {
    n: number;
    s: number;
  };
  // position is the priority rank (0 = highest), so "priority desc" is "position asc".
  const column = ACTION_SORT[a.sort];
  const dir = column === 'position' ? (a.dir === 'desc' ? 'ASC' : 'DESC') : a.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT * FROM run_actions WHERE ${clause} ORDER BY ${column} ${dir}, position ASC LIMIT ? OFFSET ?`)
    .all(...params, a.limit, a.offset) as ActionRow[];
  return { total: agg.n, totalExpected: agg.s, rows: rows.map(actionFromRow) };
}

export function customerActions(db: Db, runId: number, code: string): Action[] {
  return (db.prepare('SELECT * FROM run_actions WHERE run_id = ? AND customer_code = ? ORDER BY position').all(runId, code) as ActionRow[]).map(
    actionFromRow,
  );
}

export function customerRow(db: Db, runId: number, code: string): CustomerResult | null {
  const row = db.prepare('SELECT * FROM run_customers WHERE run_id = ? AND code = ?').get(runId, code) as CustomerRow | undefined;
  return row ? customerFromRow(row) : null;
}

/** The scatter's points for one run, revenue first so the biggest customers draw on top last. */
export function queryPoints(db: Db, runId: number): { total: number; rows: CustomerPoint[] } {
  const rows = db
    .prepare('SELECT code, name, revenue12m, breadth, profile FROM run_customers WHERE run_id = ? ORDER BY revenue12m DESC, code')
    .all(runId) as CustomerPoint[];
  return { total: rows.length, rows };
}
