import type { CustomerPoint, HandlerArgs } from '../../../shared/contract';
import type { Action, CustomerResult } from '../../../shared/model/results';
import type { Db } from '../db/open';
import { NONE_KEY, type Slice, type SliceDimension, type SliceGroup } from '../../../shared/model/slice';
import { WHOLE_ACCOUNT } from '../../../shared/analytics/actions';
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
  // A recovery call's facts keep its place in the list (callValue); runs stored before it, and growth
  // gaps, are money times the chance the facts keep (a flag's probability of the slide, a gap's peer share).
  weighted:
    "coalesce(json_extract(facts_json, '$.callValue'), expected_revenue * coalesce(json_extract(facts_json, '$.probability'), json_extract(facts_json, '$.penetration'), 1))",
  customerName: 'customer_name',
  category: 'category',
} as const;

/** Group keys per dimension: whitelisted expressions, a missing territory or rep read as NONE_KEY. */
const GROUP_KEY: Record<SliceDimension, string> = {
  territory: `coalesce(territory, '${NONE_KEY}')`,
  rep: `coalesce(rep, '${NONE_KEY}')`,
  category: 'category',
  tier: 'tier',
  profile: `coalesce(CAST(profile AS TEXT), '${NONE_KEY}')`,
  // A customer's bucket, looked up by the customer table's primary key for each action.
  repeats: `coalesce((SELECT CAST(c.holdout_group AS TEXT) FROM run_customers c WHERE c.run_id = run_actions.run_id AND c.code = run_actions.customer_code), '${NONE_KEY}')`,
};

type Where = { where: string[]; params: unknown[] };

/**
 * An action is in a category when it is on that category or is a whole-account recovery carrying
 * it (its part is in run_action_parts): a category slice lists every call about the category.
 */
const IN_CATEGORY = (table: string) =>
  `(${table}.category = ? OR EXISTS (SELECT 1 FROM run_action_parts p WHERE p.run_id = ${table}.run_id AND p.action_id = ${table}.id AND p.category = ?))`;

/**
 * An action's money within a category slice: a whole-account recovery counts with that category's
 * part only, so a category's total is what its leakage bar shows, never the whole account's.
 */
const MONEY_IN_CATEGORY =
  'CASE WHEN run_actions.category = ? THEN run_actions.expected_revenue ELSE (SELECT p.at_risk FROM run_action_parts p WHERE p.run_id = run_actions.run_id AND p.action_id = run_actions.id AND p.category = ?) END';

/**
 * Adds a slice's conditions; NONE_KEY for a territory or rep means "not set". `table` is the one the
 * conditions apply to: the holdout bucket is a customer's, so actions find it through their customer.
 */
function sliceWhere(w: Where, runId: number, slice: Slice, table: 'run_customers' | 'run_actions'): void {
  const columns = { kind: table === 'run_actions', category: table === 'run_actions' };
  const eq = (column: string, value: string | number | undefined, nullable = false) => {
    if (value === undefined) return;
    if (nullable && value === NONE_KEY) {
      w.where.push(`${column} IS NULL`);
      return;
    }
    w.where.push(`${column} = ?`);
    w.params.push(value);
  };
  if (columns.kind) eq('kind', slice.kind);
  eq('profile', slice.profile);
  eq('territory', slice.territory, true);
  eq('rep', slice.rep, true);
  if (columns.category && slice.category !== undefined) {
    // The old pseudo-category still selects exactly the whole-account actions (links made before).
    if (slice.category === WHOLE_ACCOUNT) eq('category', slice.category);
    else {
      w.where.push(IN_CATEGORY('run_actions'));
      w.params.push(slice.category, slice.category);
    }
  }
  eq('tier', slice.tier);
  if (slice.repeats !== undefined) {
    if (table === 'run_customers') eq('holdout_group', slice.repeats);
    else {
      // Picked once, not looked up per action (a correlated lookup per row took minutes at 30k).
      w.where.push('customer_code IN (SELECT c.code FROM run_customers c WHERE c.run_id = ? AND c.holdout_group = ?)');
      w.params.push(runId, slice.repeats);
    }
  }
}

const like = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A kind or category slice's money per customer: its actions there, a whole-account recovery with
 * the category's part only (the headline's and the action list's rule). Listed with the customer's
 * whole money, Bakery's customers had summed to $866,150 under a $657,184 headline.
 */
const SLICE_MONEY = (money: string) =>
  `SELECT customer_code AS slice_code,
          total(CASE WHEN kind = 'recovery' THEN ${money} ELSE 0 END) AS slice_at_risk,
          total(CASE WHEN kind = 'recovery' THEN 0 ELSE ${money} END) AS slice_growth
     FROM run_actions`;

const SLICE_SORT: Partial<Record<keyof typeof CUSTOMER_SORT, string>> = { atRiskRevenue: 'slice_at_risk', growthRevenue: 'slice_growth' };

export function queryCustomers(db: Db, runId: number, a: HandlerArgs<'analysis-customers'>): { total: number; rows: CustomerResult[] } {
  const where = ['run_id = ?'];
  const params: unknown[] = [runId];
  sliceWhere({ where, params }, runId, a, 'run_customers');
  // A customer belongs to a kind or category slice through its actions there, and its money in the
  // slice is theirs. The actions are gathered once (no index leads from a customer to its actions:
  // a correlated lookup per customer took minutes at 30,000 customers).
  const bySlice = a.kind !== undefined || a.category !== undefined;
  let from = 'run_customers';
  const fromParams: unknown[] = [];
  if (bySlice) {
    const inner: Where = { where: ['run_id = ?'], params: [runId] };
    if (a.kind !== undefined) {
      inner.where.push('kind = ?');
      inner.params.push(a.kind);
    }
    const partial = a.category !== undefined && a.category !== WHOLE_ACCOUNT;
    if (a.category !== undefined) {
      inner.where.push(partial ? IN_CATEGORY('run_actions') : 'category = ?');
      inner.params.push(...(partial ? [a.category, a.category] : [a.category]));
    }
    const money = partial ? MONEY_IN_CATEGORY : 'expected_revenue';
    from = `run_customers JOIN (${SLICE_MONEY(money)} WHERE ${inner.where.join(' AND ')} GROUP BY customer_code) ON slice_code = code`;
    fromParams.push(...(partial ? [a.category, a.category, a.category, a.category] : []), ...inner.params);
  }
  if (a.search) {
    where.push("(code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
    params.push(like(a.search), like(a.search));
  }
  const clause = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${clause}`).get(...fromParams, ...params) as { n: number }).n;
  const dir = a.dir === 'asc' ? 'ASC' : 'DESC';
  const order = (bySlice ? SLICE_SORT[a.sort] : undefined) ?? CUSTOMER_SORT[a.sort];
  const rows = db
    .prepare(`SELECT * FROM ${from} WHERE ${clause} ORDER BY ${order} ${dir}, code ASC LIMIT ? OFFSET ?`)
    .all(...fromParams, ...params, a.limit, a.offset) as (CustomerRow & { slice_at_risk?: number; slice_growth?: number })[];
  return {
    total,
    rows: rows.map((r) => {
      const c = customerFromRow(r);
      return bySlice ? { ...c, atRiskRevenue: r.slice_at_risk ?? 0, growthRevenue: r.slice_growth ?? 0 } : c;
    }),
  };
}

/** What a search matches in an action: the texts its tables show. */
const ACTION_SEARCHED = ['customer_code', 'customer_name', 'category', 'kind', 'rep', 'territory', 'reason'];

export function queryActions(
  db: Db,
  runId: number,
  a: HandlerArgs<'analysis-actions'>,
): { total: number; totalExpected: number; customers: number; rows: Action[]; groups?: SliceGroup[] } {
  const where = ['run_id = ?'];
  const params: unknown[] = [runId];
  sliceWhere({ where, params }, runId, a, 'run_actions');
  // Each word somewhere in the row, as the tables filter what they hold: a capped list's filter
  // asks here for the rows it does not hold (a customer past the first 2,000 calls had read "No row
  // matches").
  for (const word of (a.search ?? '').split(/\s+/).filter(Boolean)) {
    where.push(`(${ACTION_SEARCHED.map((column) => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...ACTION_SEARCHED.map(() => like(word)));
  }
  const clause = where.join(' AND ');
  const partial = a.category !== undefined && a.category !== WHOLE_ACCOUNT;
  const money = partial ? MONEY_IN_CATEGORY : 'expected_revenue';
  const moneyParams = partial ? [a.category, a.category] : [];
  const agg = db.prepare(`SELECT count(*) AS n, total(${money}) AS s, count(DISTINCT customer_code) AS c FROM run_actions WHERE ${clause}`).get(...moneyParams, ...params) as {
    n: number;
    s: number;
    c: number;
  };
  // position is the priority rank (0 = highest), so "priority desc" is "position asc".
  const column = ACTION_SORT[a.sort];
  const dir = column === 'position' ? (a.dir === 'desc' ? 'ASC' : 'DESC') : a.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT * FROM run_actions WHERE ${clause} ORDER BY ${column} ${dir}, position ASC LIMIT ? OFFSET ?`)
    .all(...params, a.limit, a.offset) as ActionRow[];
  const result = { total: agg.n, totalExpected: agg.s, customers: agg.c, rows: rows.map(actionFromRow) };
  if (!a.groupBy) return result;
  if (a.groupBy === 'category') return { ...result, groups: categoryGroups(db, clause, params, a.category) };
  const key = GROUP_KEY[a.groupBy];
  const groups = db
    .prepare(
      `SELECT ${key} AS key, count(*) AS actions, count(DISTINCT customer_code) AS customers, total(${money}) AS expected
       FROM run_actions WHERE ${clause} GROUP BY ${key} ORDER BY expected DESC, key`,
    )
    .all(...moneyParams, ...params) as SliceGroup[];
  return { ...result, groups };
}

/**
 * Actions by category with each whole-account recovery split into the categories it carries, each
 * with its part of the money: the groups' money adds up to the slice's, and an account-wide call
 * counts once in every category it carries. Runs stored before the parts were kept list such
 * actions under 'All categories', as they were.
 */
function categoryGroups(db: Db, clause: string, params: unknown[], only: string | undefined): SliceGroup[] {
  const onlyPart = only !== undefined && only !== WHOLE_ACCOUNT ? ' AND p.category = ?' : '';
  return db
    .prepare(
      `SELECT key, count(*) AS actions, count(DISTINCT customer_code) AS customers, total(expected) AS expected FROM (
         SELECT category AS key, customer_code, expected_revenue AS expected FROM run_actions
         WHERE ${clause} AND NOT EXISTS (SELECT 1 FROM run_action_parts p WHERE p.run_id = run_actions.run_id AND p.action_id = run_actions.id)
         UNION ALL
         SELECT p.category AS key, a.customer_code, p.at_risk AS expected
         FROM (SELECT run_id, id, customer_code FROM run_actions WHERE ${clause}) a
         JOIN run_action_parts p ON p.run_id = a.run_id AND p.action_id = a.id${onlyPart}
       ) GROUP BY key ORDER BY expected DESC, key`,
    )
    .all(...params, ...params, ...(onlyPart ? [only] : [])) as SliceGroup[];
}

export function customerActions(db: Db, runId: number, code: string): Action[] {
  const actions = (db.prepare('SELECT * FROM run_actions WHERE run_id = ? AND customer_code = ? ORDER BY position').all(runId, code) as ActionRow[]).map(actionFromRow);
  // A whole-account call's categories, slipping ones first: the screen shows what each carries.
  const parts = db
    .prepare(
      `SELECT p.action_id AS actionId, p.category, p.at_risk AS atRisk, p.kept AS spend12m, p.spread FROM run_action_parts p
         JOIN run_actions a ON a.run_id = p.run_id AND a.id = p.action_id
        WHERE p.run_id = ? AND a.customer_code = ? ORDER BY p.spread, p.at_risk DESC, p.category`,
    )
    .all(runId, code) as { actionId: string; category: string; atRisk: number; spend12m: number | null; spread: number }[];
  for (const a of actions) {
    const own = parts.filter((p) => p.actionId === a.id);
    if (own.length > 0) a.breakdown = own.map((r) => ({ category: r.category, atRisk: r.atRisk, spend12m: r.spend12m, ...(r.spread === 1 ? { spread: true } : {}) }));
  }
  return actions;
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
