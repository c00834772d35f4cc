import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { CustomerRecord, Dataset } from '../../../shared/model/dataset';
import { getMeta } from '../db/meta';
import type { Db } from '../db/open';

/**
 * Identifies the data an analysis saw, cheaply enough to check before every cached answer: the
 * imports (file sha256, rows, status) plus the transaction count and highest row id. Any import,
 * deletion or re-import changes it.
 */
export function dataHash(db: Db): string {
  const imports = db.prepare('SELECT id, sha256, shape, status, rows_imported FROM imports ORDER BY id').raw().all();
  const tx = db.prepare('SELECT count(*), coalesce(max(id), 0) FROM transactions').raw().get();
  return createHash('sha256').update(JSON.stringify({ imports, tx })).digest('hex');
}

const hasDatedImports = (db: Db): boolean =>
  (db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'done' AND shape = 'transactions'").get() as { n: number }).n > 0;

/**
 * The whole transaction table as the analytics' typed arrays, in one ordered pass over the
 * (customer, category, day) index. Rep and territory per customer: the customer record's, else the
 * ones on its most recent transaction.
 */
export function loadDataset(db: Db): Dataset {
  const customerRows = db
    .prepare(
      `SELECT c.id, c.code, c.name, c.segment, r.name AS rep, t.name AS territory
         FROM customers c LEFT JOIN reps r ON r.id = c.rep_id LEFT JOIN territories t ON t.id = c.territory_id
        ORDER BY c.id`,
    )
    .all() as { id: number; code: string; name: string; segment: string | null; rep: string | null; territory: string | null }[];
  const categoryRows = db.prepare('SELECT id, name FROM categories ORDER BY id').all() as { id: number; name: string }[];
  const count = (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  if (count === 0 || customerRows.length === 0) {
    throw new AppError('NO_DATA', 'This workspace has no transactions yet. Import a sales file first, then run the analysis.');
  }
  const customerIndex = new Int32Array((customerRows.at(-1)?.id ?? 0) + 1).fill(-1);
  customerRows.forEach((c, i) => (customerIndex[c.id] = i));
  const categoryIndex = new Int32Array((categoryRows.at(-1)?.id ?? 0) + 1).fill(-1);
  categoryRows.forEach((c, i) => (categoryIndex[c.id] = i));

  const customer = new Int32Array(count);
  const category = new Int32Array(count);
  const day = new Int32Array(count);
  const revenue = new Float64Array(count);
  const n = customerRows.length;
  const latestDay = new Int32Array(n).fill(-(2 ** 31));
  const latestRep = new Int32Array(n).fill(0);
  const latestTerritory = new Int32Array(n).fill(0);
  let firstDay = 2 ** 31 - 1;
  let lastDay = -(2 ** 31);
  let r = 0;
  const rows = db
    .prepare(
      'SELECT customer_id, category_id, day, revenue, rep_id, territory_id FROM transactions ORDER BY customer_id, category_id, day',
    )
    .raw()
    .iterate() as IterableIterator<[number, number, number, number, number | null, number | null]>;
  for (const [cid, kid, d, v, rep, territory] of rows) {
    if (r >= count) break;
    const c = customerIndex[cid];
    customer[r] = c;
    category[r] = categoryIndex[kid];
    day[r] = d;
    revenue[r] = v;
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
    if ((rep !== null || territory !== null) && d >= latestDay[c]) {
      latestDay[c] = d;
      if (rep !== null) latestRep[c] = rep;
      if (territory !== null) latestTerritory[c] = territory;
    }
    r++;
  }
  const repNames = new Map((db.prepare('SELECT id, name FROM reps').all() as { id: number; name: string }[]).map((x) => [x.id, x.name]));
  const territoryNames = new Map(
    (db.prepare('SELECT id, name FROM territories').all() as { id: number; name: string }[]).map((x) => [x.id, x.name]),
  );
  const customers: CustomerRecord[] = customerRows.map((c, i) => ({
    code: c.code,
    name: c.name,
    rep: c.rep ?? repNames.get(latestRep[i]) ?? null,
    territory: c.territory ?? territoryNames.get(latestTerritory[i]) ?? null,
    segment: c.segment,
  }));
  return {
    customers,
    categories: categoryRows.map((c) => c.name),
    tx: { customer: customer.subarray(0, r), category: category.subarray(0, r), day: day.subarray(0, r), revenue: revenue.subarray(0, r) },
    hasDates: hasDatedImports(db),
    firstDay,
    lastDay,
    currency: getMeta(db, 'currency') ?? 'USD',
  };
}
