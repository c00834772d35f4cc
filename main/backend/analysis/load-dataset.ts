import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { isCredit } from '../../../shared/analytics/risk/series';
import { basketsFromRows, type Baskets } from '../../../shared/analytics/products/co-purchase';
import { decideLevel, MAX_POOLED_CELLS, MAX_UNGROUPED_CATEGORIES, productPlacement } from '../../../shared/analytics/products/level';
import { PROPOSAL_METHOD } from '../../../shared/analytics/products/proposal';
import { CREDIT_LINE, goodsCreditCodes, joinSameDayCredits, REBILL_LINE } from '../../../shared/analytics/products/same-day-credits';
import type { CustomerRecord, Dataset, TransactionColumns } from '../../../shared/model/dataset';
import type { ProductLevelInfo, SavedProductGroups } from '../../../shared/model/products';
import { getMeta } from '../db/meta';
import type { Db } from '../db/open';
import { writeStamp, type FreshChunk, type FreshRows } from '../import/fresh-rows';
import { collectGarbage, collectIfHeapAbove } from './collect-garbage';
import { prefaulted } from './prefault';

/**
 * Identifies the data an analysis saw, cheaply enough to check before every cached answer: the
 * imports (file sha256, rows, status) plus the lowest and highest transaction row ids. Any import,
 * deletion or re-import changes it.
 */
export function dataHash(db: Db): string {
  const imports = db.prepare('SELECT id, sha256, shape, status, rows_imported FROM imports ORDER BY id').raw().all();
  // Stages kept from before categories were ordered by name hold their columns in id order.
  const categoryOrder = 'by-name';
  // Likewise customers and products, once in id order, now by code, and a day's rows by amount;
  // a day fully sent back was an order or not by the sign of its rounding residue.
  const customerOrder = 'customers and products by code; a day of rows by amount; fully returned days net to nothing';
  // Each bound in its own subquery: SQLite answers a lone max() or min() with one rowid lookup,
  // but both in one SELECT scan the whole table (60 ms at a million rows, on every cached answer).
  const tx = db
    .prepare('SELECT coalesce((SELECT max(id) FROM transactions), 0), coalesce((SELECT min(id) FROM transactions), 0)')
    .raw()
    .get();
  const groups = db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(PRODUCT_GROUPS_KEY) ?? null;
  // Proposed groups are the categories: a new way of proposing them is new data for every stage.
  const proposal = PROPOSAL_METHOD;
  // Same-day credits of adjustment lines net that day's goods: kept stages saw them left out.
  const credits = "same-day adjustment credits net goods, with that day's re-bills";
  // A level too fine that nothing groups is pooled past a number of categories: kept stages read every one.
  const pooling = `ungrouped level pooled past ${MAX_UNGROUPED_CATEGORIES}, or ${MAX_POOLED_CELLS} customer x category cells`;
  return createHash('sha256').update(JSON.stringify({ imports, tx, categoryOrder, customerOrder, groups, proposal, credits, pooling })).digest('hex');
}

/** Settings key of the analyst's product groups (JSON of SavedProductGroups). */
export const PRODUCT_GROUPS_KEY = 'product-groups';

const noData = (): AppError => new AppError('NO_DATA', 'This workspace has no transactions yet. Import a sales file first, then run the analysis.');

/**
 * Transactions but no sale among them (only returns or credit notes, or an amount column mapped the
 * wrong way round): every figure would be empty or negative, and the analysis read "0 best customers"
 * and "0 leakage" as findings. Refused, as a workspace with no transactions is.
 */
export function refuseNoSales(revenue: Float64Array): void {
  for (let i = 0; i < revenue.length; i++) if (revenue[i] > 0) return;
  const count = revenue.length.toLocaleString('en-US');
  throw new AppError(
    'NO_SALES',
    `This workspace has no sales: none of its ${count} transactions has an amount above zero, so there are no customers' purchases to analyse (a file of returns or credit notes only, or the wrong amount column mapped). Import the sales themselves, or remove that import and import the file again with the column that holds the sales amounts, then run the analysis.`,
    { transactions: revenue.length },
  );
}

const hasDatedImports = (db: Db): boolean =>
  (db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'done' AND shape = 'transactions'").get() as { n: number }).n > 0;

/** Stable counting sort of row indices by a small integer key (key - offset in 0..range-1), into `out`. */
function countingSort(order: Int32Array, key: Int32Array, offset: number, range: number, out: Int32Array): Int32Array {
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < order.length; i++) counts[key[order[i]] - offset + 1]++;
  for (let v = 1; v <= range; v++) counts[v] += counts[v - 1];
  for (let i = 0; i < order.length; i++) out[counts[key[order[i]] - offset]++] = order[i];
  return out;
}

/**
 * Stable counting sort by `major`, then `minor` (0..majorRange-1, 0..minorRange-1) into `out`: what
 * sorting by minor and then by major gives, in one pass over the rows instead of two, when a count
 * per pair costs no more memory than the rows themselves; otherwise the two sorts.
 */
function countingSortPairs(order: Int32Array, major: Int32Array, majorRange: number, minor: Int32Array, minorRange: number, out: Int32Array): Int32Array {
  if (majorRange * minorRange > order.length) return countingSort(countingSort(order, minor, 0, minorRange, out).slice(), major, 0, majorRange, out);
  const counts = new Int32Array(majorRange * minorRange + 1);
  for (let i = 0; i < order.length; i++) counts[major[order[i]] * minorRange + minor[order[i]] + 1]++;
  for (let v = 1; v < counts.length; v++) counts[v] += counts[v - 1];
  for (let i = 0; i < order.length; i++) out[counts[major[order[i]] * minorRange + minor[order[i]]]++] = order[i];
  return out;
}

/**
 * One relationship's rows of one day in the order of their amounts (then of the file), not of the
 * file alone: three or more amounts summed in another order differ in their last bits, and CDNOW
 * with its lines reversed had given 645 recovery actions instead of 643. `order` runs by customer,
 * category and day; each run of equal keys is sorted in place (runs are a few rows).
 */
export function sameDayByAmount(order: Int32Array, customer: Int32Array, category: Int32Array, day: Int32Array, revenue: Float64Array): void {
  let start = 0;
  for (let i = 1; i <= order.length; i++) {
    const a = order[start];
    if (i < order.length) {
      const b = order[i];
      if (customer[b] === customer[a] && category[b] === category[a] && day[b] === day[a]) continue;
    }
    for (let j = start + 1; j < i; j++) {
      const row = order[j];
      let k = j - 1;
      while (k >= start && (revenue[order[k]] > revenue[row] || (revenue[order[k]] === revenue[row] && order[k] > row))) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = row;
    }
    start = i;
  }
}

/** How the first `rows` rows already run: by customer and then day, by day, or neither. */
export function readOrder(customer: Int32Array, day: Int32Array, rows: number): 'customer-day' | 'day' | 'none' {
  let byDay = true;
  let byCustomerDay = true;
  for (let i = 1; i < rows && (byDay || byCustomerDay); i++) {
    if (day[i] < day[i - 1]) byDay = false;
    if (customer[i] < customer[i - 1] || (customer[i] === customer[i - 1] && day[i] < day[i - 1])) byCustomerDay = false;
  }
  return byCustomerDay ? 'customer-day' : byDay ? 'day' : 'none';
}

const COLLECT_EVERY = 256 * 2 ** 20;
/** A heap this big before a big load's columns fill is worth a collection (5M rows stay below it). */
const HEAP_WORTH_EMPTYING = 256 * 2 ** 20;

const chunkBytes = (c: FreshChunk): number => [c.customer, c.category, c.day, c.revenue, c.product].reduce((sum, column) => sum + (column?.byteLength ?? 0), 0);

/** What a raw column is set to once read for the last time, so its rows can be collected. */
const released = new Int32Array(0);

// The dataset's columns live in shared memory: the risk stage's thread reads them without a copy
// (20 bytes a row, 0.4 GB at 20M rows).
const gather = (column: Int32Array, order: Int32Array, out: Int32Array): Int32Array => {
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]];
  return out;
};

/**
 * The read rows' day and revenue columns, written once and no longer needed, set aside for the risk
 * stage's relationship series when it will copy the days (some relationship bought twice on a day):
 * 12 bytes a row it then need not fault in again, on the thread the analysis waits for. Taken by the
 * first risk job on the data, else let go as soon as the code that loaded it yields.
 */
const setAside = new WeakMap<TransactionColumns, { int32: SharedArrayBuffer; float64: SharedArrayBuffer }>();

/** The memory set aside for the relationship series of these transactions, once. */
export function takeSetAside(tx: TransactionColumns): { int32: SharedArrayBuffer; float64: SharedArrayBuffer } | undefined {
  const room = setAside.get(tx);
  setAside.delete(tx);
  return room;
}

/** Whether the relationship series copies the days: a customer, category and day on two rows, a credit line (the series leave them out) or a -0 revenue. */
function seriesCopies(tx: TransactionColumns): boolean {
  const { customer, category, day, revenue } = tx;
  for (let i = 0; i < customer.length; i++) {
    if (i > 0 && day[i] === day[i - 1] && customer[i] === customer[i - 1] && category[i] === category[i - 1]) return true;
    if (isCredit(revenue[i]) || (revenue[i] === 0 && 1 / revenue[i] < 0)) return true;
  }
  return false;
}

/** Below this many rows a thread to fault memory in costs about what it saves. */
export const PREFAULT_MIN_ROWS = 1_000_000;
/**
 * From this many rows the load's room is not faulted in ahead: faulted in, all of it is in memory
 * at once beside the rows it is filled from, while written as the load goes only the arrays in use
 * are, and the import's chunks are let go as they are read. At 20M rows the import's peak fell from
 * 2.73 to 2.11 GB, and the import and analysis took 49 s instead of 54 s (one run each).
 */
export const PREFAULT_MAX_ROWS = 8_000_000;

/**
 * The load's arrays, a row each, in the order they are first written: the rows as read, the two
 * sort buffers, the sorted columns. The product column only when there are products.
 */
const ROOM = ['rawCustomer', 'rawCategory', 'rawDay', 'rawRevenue', 'rawProduct', 'order', 'spare', 'customer', 'day', 'revenue', 'category'] as const;
type RoomName = (typeof ROOM)[number];
const DOUBLES: readonly RoomName[] = ['rawRevenue', 'revenue'];

export type LoadRoom = { count: number; products: boolean; int32: (name: RoomName) => Int32Array; float64: (name: RoomName) => Float64Array };

/**
 * Room for the load of `count` rows' arrays (48 bytes a row), in shared memory faulted in on another
 * thread while the load reads and sorts when it is big enough and not too big (PREFAULT_MAX_ROWS); each is sized for every row and cut
 * to the rows kept where fewer are. An import asks for it as soon as it knows its rows, so the
 * faulting runs on the core its reader has left idle while it finishes and commits them.
 */
export function loadRoom(count: number, products: boolean): LoadRoom {
  const names = ROOM.filter((name) => products || name !== 'rawProduct');
  const sizes = names.map((name) => (DOUBLES.includes(name) ? 8 : 4) * count);
  const ahead = count >= PREFAULT_MIN_ROWS && count < PREFAULT_MAX_ROWS;
  const { claim } = ahead ? prefaulted(sizes) : { claim: (i: number) => new SharedArrayBuffer(sizes[i]) };
  return { count, products, int32: (name) => new Int32Array(claim(names.indexOf(name))), float64: (name) => new Float64Array(claim(names.indexOf(name))) };
}

/**
 * Whether rows an import handed over are still what the table holds, when something was written
 * since the import (see loadData). The data hash already says no import came since; sums over every
 * id column and the revenue catch a row written another way (SQLite sums them in about 0.25 s per
 * million rows).
 */
function matchesTable(db: Db, fresh: FreshRows, count: number): boolean {
  if (fresh.rows !== count) return false;
  // Without its reps or prices (rows taken back after they came) the import cannot vouch for those columns.
  if (!fresh.reps || !fresh.prices) return false;
  const stored = db
    .prepare('SELECT sum(customer_id), sum(category_id), sum(day), coalesce(sum(product_id), 0), coalesce(sum(rep_id), 0), coalesce(sum(territory_id), 0), total(revenue), total(quantity) FROM transactions')
    .raw()
    .get() as number[];
  const sums = new Float64Array(8);
  sums[4] = fresh.reps.repSum;
  sums[5] = fresh.reps.territorySum;
  sums[7] = fresh.prices.quantitySum;
  for (const c of fresh.chunks) {
    for (let i = 0; i < c.length; i++) {
      sums[0] += c.customer[i];
      sums[1] += c.category[i];
      sums[2] += c.day[i];
      if (c.product) sums[3] += c.product[i];
      sums[6] += c.revenue[i];
    }
  }
  // Ids sum exactly on both sides; amounts within rounding (SQLite compensates its sums, JS does not).
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return stored.every((v, i) => (i < 6 ? v === sums[i] : near(v, sums[i])));
}

/** The analyst's saved product groups and line overrides, if any. */
export function readSavedGroups(db: Db): SavedProductGroups | null {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(PRODUCT_GROUPS_KEY) as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as SavedProductGroups) : null;
}

type ImportColumns = { categoryColumn: string | null; categorySource: string | null; productColumn: string | null; categoriesAreProducts: boolean };

const hasProductMaster = (db: Db): boolean =>
  (db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'done' AND shape = 'product-master'").get() as { n: number }).n > 0;

function importColumns(db: Db): ImportColumns {
  const mappings = (db.prepare("SELECT mapping_json FROM imports WHERE status = 'done' AND shape IN ('transactions', 'cube') ORDER BY id").all() as { mapping_json: string }[]).map(
    (r) => JSON.parse(r.mapping_json) as Record<string, string | undefined>,
  );
  // A product master regroups code-level imports into its categories (sink-product-master).
  const master = hasProductMaster(db);
  // A spend table's categories are its amount columns: it has no column naming them.
  const spendTable = (db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'done' AND shape = 'spend-table'").get() as { n: number }).n > 0;
  return {
    categoryColumn: mappings.find((m) => m.category)?.category ?? null,
    categorySource: master ? 'the product master' : spendTable ? "the spend table's columns" : null,
    productColumn: mappings.find((m) => m.product)?.product ?? null,
    categoriesAreProducts: !master && mappings.some((m) => !m.category && m.product),
  };
}

/** One product as the analysis saw it: where it landed (null: a non-product line left out), and whether co-purchase put it there. */
export type CatalogueEntry = { code: string; name: string; group: string | null; revenue: number; rows: number; byCoPurchase: boolean };

export type LoadedData = { ds: Dataset; level: ProductLevelInfo | null; catalogue: CatalogueEntry[] };

/**
 * The whole transaction table as the analytics' typed arrays, in one pass, on the category level
 * decided by decideLevel (imported categories, or product groups when those are too fine) and
 * without non-product lines. Rep and territory per customer: the customer record's, else the
 * ones on its most recent transaction.
 */
export function loadDataset(db: Db): Dataset {
  return loadData(db).ds;
}

/**
 * SQL ordering codes as people read them, whatever the file wrote: codes of digits by their number
 * (CDNOW's '00004' and its CSV copy's '4' in the same place; '10' after '4'), before other codes,
 * which go by their text; the code itself breaks a tie ('004' beside '4').
 */
const byCode = (column: string): string => {
  const digits = `(${column} <> '' AND ${column} NOT GLOB '*[^0-9]*')`;
  return `CASE WHEN ${digits} THEN 0 ELSE 1 END, CASE WHEN ${digits} THEN length(ltrim(${column}, '0')) ELSE 0 END, CASE WHEN ${digits} THEN ltrim(${column}, '0') ELSE ${column} END, ${column}`;
};

/**
 * `fresh`: the rows an import just stored into an empty table, read (and used up) instead of the
 * table when they still match it; `room`, the memory asked for them ahead (loadRoom), when it fits.
 */
export function loadData(db: Db, fresh: FreshRows | null = null, room: LoadRoom | null = null): LoadedData {
  // By name, not by id: ids follow the order rows happened to arrive in, and the same sales imported
  // as lines or as a cube (or in another file order) must give the same profiles, in the same order.
  const categoryRows = db.prepare('SELECT id, name FROM categories ORDER BY name, id').all() as { id: number; name: string }[];
  // Products and customers by code, for the same reason: read in id order, the same Online Retail
  // sales as lines and as a warehouse's cube (sorted by customer) gave 2,728 and 2,689 recovery
  // actions, and the same file sorted by customer another list again.
  const productRows = db.prepare(`SELECT id, code, name FROM products ORDER BY ${byCode('code')}`).all() as { id: number; code: string; name: string | null }[];
  // Nothing at all written since the import (no row changed on this connection, no commit by
  // another): its rows, unless a load used them up (rows -1), are the table's, and the table need
  // not be counted (a walk over every row, 0.1-0.2 s at 5M rows).
  const untouched = fresh !== null && fresh.rows >= 0 && fresh.writes === writeStamp(db);
  const count = fresh && untouched ? fresh.rows : (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  if (fresh && !untouched && !matchesTable(db, fresh, count)) fresh = null;
  if (count === 0) throw noData();
  // Asked for before the customers are read, so the thread faulting it in starts meanwhile.
  if (!room || room.count !== count || room.products !== productRows.length > 0) room = loadRoom(count, productRows.length > 0);
  // Read as arrays, a row at a time, and made the dataset's records here: SQLite's driver names
  // each row's fields one call at a time, a third slower (0.1-0.15 s of the load at 140k customers);
  // all the rows at once as arrays, then records beside them, held 0.24 GB of heap at 555k
  // customers, the import's peak at 20M rows. A record's missing rep or territory is filled in
  // from its rows below.
  const customers: CustomerRecord[] = [];
  const customerIds: number[] = [];
  let incomplete = false;
  const customerCursor = db
    .prepare(
      `SELECT c.id, c.code, c.name, c.segment, r.name AS rep, t.name AS territory
         FROM customers c LEFT JOIN reps r ON r.id = c.rep_id LEFT JOIN territories t ON t.id = c.territory_id
        ORDER BY ${byCode('c.code')}`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string, string, string | null, string | null, string | null]>;
  for (const [id, code, name, segment, rep, territory] of customerCursor) {
    customerIds.push(id);
    customers.push({ code, name, rep, territory, segment });
    // The import keeps each customer's latest rep and territory on the customer; only when some are
    // missing does the scan carry the two extra columns (about a third slower at a million rows).
    if (rep === null || territory === null) incomplete = true;
  }
  if (customers.length === 0) throw noData();
  // A customer without a rep or territory takes its rows' latest: the import kept them by customer,
  // unless it took rows back after they came (dates far from the rest), when only the table knows.
  if (fresh && incomplete && !fresh.reps) fresh = null;
  // Products' unit prices, likewise, the import summed as they came.
  if (fresh && productRows.length > 0 && !fresh.prices) fresh = null;
  const customerIndex = new Int32Array(customerIds.reduce((max, id) => Math.max(max, id), 0) + 1).fill(-1);
  customerIds.forEach((id, i) => (customerIndex[id] = i));
  const categoryIndex = new Int32Array(categoryRows.reduce((max, c) => Math.max(max, c.id), 0) + 1).fill(-1);
  categoryRows.forEach((c, i) => (categoryIndex[c.id] = i));
  const productIndex = new Int32Array(productRows.reduce((max, p) => Math.max(max, p.id), 0) + 1).fill(-1);
  productRows.forEach((p, i) => (productIndex[p.id] = i));

  // Read in table order (a sequential scan: walking the index would fetch every row at random),
  // then order by customer, category, day with stable counting sorts: O(rows), ~10x faster.
  // Each raw column is let go (set to an empty one) once read for the last time, so the raw rows
  // and the dataset built from them are never both whole in memory (24 + 20 bytes a row).
  const n = customers.length;
  const np = productRows.length;
  const nc = categoryRows.length;
  let rawCustomer = room.int32('rawCustomer');
  let rawCategory = room.int32('rawCategory');
  let rawDay = room.int32('rawDay');
  let rawRevenue = room.float64('rawRevenue');
  // Without products the column would hold only -1s: 4 bytes a row of fresh memory written for nothing.
  let rawProduct = np > 0 ? room.int32('rawProduct') : released;
  // What tells a product from a charge: rows, credits, revenue and how much its unit price moves.
  const pRows = new Int32Array(np);
  const pNegative = new Int32Array(np);
  const pRevenue = new Float64Array(np);
  const pPriceN = new Int32Array(np);
  const pPriceSum = new Float64Array(np);
  const pPriceSq = new Float64Array(np);
  const pCategory = new Int32Array(np).fill(-1);
  const cRows = new Int32Array(nc);
  const cNegative = new Int32Array(nc);
  const cRevenue = new Float64Array(nc);
  const cNoProduct = new Int32Array(nc);
  const latestDay = new Int32Array(n).fill(-(2 ** 31));
  const latestRep = new Int32Array(n).fill(0);
  const latestTerritory = new Int32Array(n).fill(0);
  let firstDay = 2 ** 31 - 1;
  let lastDay = -(2 ** 31);
  let r = 0;
  const take = (cid: number, kid: number, d: number, v: number, pid: number | null, qty: number | null, rep: number | null, territory: number | null): void => {
    const c = customerIndex[cid];
    const k = categoryIndex[kid];
    rawCustomer[r] = c;
    rawCategory[r] = k;
    rawDay[r] = d;
    rawRevenue[r] = v;
    cRows[k]++;
    cRevenue[k] += v;
    if (v < 0) cNegative[k]++;
    const p = pid === null ? -1 : productIndex[pid];
    if (np > 0) rawProduct[r] = p;
    if (p < 0) cNoProduct[k]++;
    else {
      pRows[p]++;
      pRevenue[p] += v;
      pCategory[p] = k;
      if (v < 0) pNegative[p]++;
      if (qty !== null && qty !== 0) {
        const price = Math.abs(v / qty);
        pPriceN[p]++;
        pPriceSum[p] += price;
        pPriceSq[p] += price * price;
      }
    }
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
    if ((rep !== null || territory !== null) && d >= latestDay[c]) {
      latestDay[c] = d;
      if (rep !== null) latestRep[c] = rep;
      if (territory !== null) latestTerritory[c] = territory;
    }
    r++;
  };
  if (fresh) {
    // The same rows in the same order as the table scan below, from the import that just stored them.
    // Taken once: each chunk is let go as soon as it is read, so the import's copy of the rows (about
    // 40 bytes a row) and the dataset built here never both sit whole in memory; what is left of
    // `fresh` can no longer pass for the table.
    const chunks = fresh.chunks.splice(0);
    fresh.rows = -1;
    // The import leaves its scratch on the heap (about 0.1 GB at 20M rows), collected only when V8
    // next wants room: by then the columns filled below sat beside it and the chunks not yet let
    // go, the import's peak.
    if (count >= PREFAULT_MAX_ROWS) collectIfHeapAbove(HEAP_WORTH_EMPTYING);
    let letGo = 0;
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const { customer: cs, category: ks, day: ds, revenue: vs, product: ps } = chunk;
      for (let i = 0; i < chunk.length && r < count; i++) take(cs[i], ks[i], ds[i], vs[i], ps && ps[i] !== 0 ? ps[i] : null, null, null, null);
      // Collected every quarter gigabyte: left to V8, the chunks read (0.8 GB at 20M rows) stayed
      // in memory beside the columns they were copied into. Where memory is the limit, every
      // eighth: the import's peak at 20M rows was then 0.15 GB lower.
      letGo += chunkBytes(chunk);
      if (letGo >= (count >= PREFAULT_MAX_ROWS ? COLLECT_EVERY / 2 : COLLECT_EVERY)) {
        collectGarbage(letGo);
        letGo = 0;
      }
    }
    collectGarbage(letGo);
    const prices = fresh.prices;
    if (prices) {
      for (let id = 0; id < prices.count.length && id < productIndex.length; id++) {
        const p = productIndex[id];
        if (p < 0 || prices.count[id] === 0) continue;
        pPriceN[p] = prices.count[id];
        pPriceSum[p] = prices.sum[id];
        pPriceSq[p] = prices.sumSq[id];
      }
    }
    const reps = fresh.reps;
    if (incomplete && reps) {
      customerIds.forEach((id, i) => {
        if (id >= reps.day.length) return;
        latestRep[i] = reps.rep[id];
        latestTerritory[i] = reps.territory[id];
      });
    }
  } else {
    const rows = db
      .prepare(
        incomplete
          ? 'SELECT customer_id, category_id, day, revenue, product_id, quantity, rep_id, territory_id FROM transactions'
          : 'SELECT customer_id, category_id, day, revenue, product_id, quantity, NULL, NULL FROM transactions',
      )
      .raw()
      .iterate() as IterableIterator<[number, number, number, number, number | null, number | null, number | null, number | null]>;
    for (const [cid, kid, d, v, pid, qty, rep, territory] of rows) {
      if (r >= count) break;
      take(cid, kid, d, v, pid, qty, rep, territory);
    }
  }
  // Two buffers of row indices, each sort writing into the one not read: fresh memory costs more
  // than sorting into it (about 3 ms per MB first touched, on the machines measured).
  let order: Int32Array = room.int32('order').subarray(0, r);
  let spare: Int32Array = room.int32('spare').subarray(0, r);
  for (let i = 0; i < r; i++) order[i] = i;
  // Files mostly come ordered by date, or grouped by customer and dated within: a sort the rows
  // already meet is skipped (sorted stably, sorted rows stay as they are).
  const sorted = readOrder(rawCustomer, rawDay, r);
  if (sorted === 'none') [order, spare] = [countingSort(order, rawDay, firstDay, lastDay - firstDay + 1, spare), order];
  if (sorted !== 'customer-day') [order, spare] = [countingSort(order, rawCustomer, 0, n, spare), order];
  // Rows now run customer by customer: count each imported category's buyers in one walk.
  const buyers = new Int32Array(nc);
  const lastBuyer = new Int32Array(nc).fill(-1);
  const seenCustomer = new Uint8Array(n);
  for (let i = 0; i < r; i++) {
    const j = order[i];
    const k = rawCategory[j];
    if (rawRevenue[j] <= 0) continue;
    seenCustomer[rawCustomer[j]] = 1;
    if (lastBuyer[k] !== rawCustomer[j]) {
      lastBuyer[k] = rawCustomer[j];
      buyers[k]++;
    }
  }
  let activeCustomers = 0;
  for (let i = 0; i < n; i++) activeCustomers += seenCustomer[i];
  const columns = importColumns(db);
  // Rows run customer by customer, day by day: each customer's day is one basket.
  const baskets = (): Baskets | null => (np > 0 ? basketsFromRows(order, rawCustomer, rawDay, rawProduct, rawRevenue, np) : null);
  const decision = decideLevel({
    categories: categoryRows.map((c, i) => ({ name: c.name, buyers: buyers[i], revenue: cRevenue[i], rows: cRows[i], negativeRows: cNegative[i], rowsWithoutProduct: cNoProduct[i] })),
    products: productRows.map((p, i) => {
      const mean = pPriceN[i] ? pPriceSum[i] / pPriceN[i] : NaN;
      const variance = pPriceN[i] ? Math.max(0, pPriceSq[i] / pPriceN[i] - mean * mean) : NaN;
      return { code: p.code, name: p.name, rows: pRows[i], negativeRows: pNegative[i], revenue: pRevenue[i], priceCv: mean > 0 ? Math.sqrt(variance) / mean : NaN };
    }),
    customers: activeCustomers,
    ...columns,
    saved: readSavedGroups(db),
    baskets,
  });
  // Credits of adjustment and discount lines that may net a day's goods (see joinSameDayCredits).
  const creditCodes = goodsCreditCodes(decision.info.nonProduct);
  const creditProduct = Uint8Array.from(productRows, (p) => (creditCodes.has(p.code) ? 1 : 0));
  const creditCategory = Uint8Array.from(categoryRows, (c) => (creditCodes.has(c.name) ? 1 : 0));
  const credit = creditCodes.size > 0 ? new Uint8Array(r) : null;
  // Written over the imported categories, each read just before: they are not needed after.
  const finalCategory = rawCategory;
  let kept = 0;
  for (let i = 0; i < r; i++) {
    const p = np > 0 ? rawProduct[i] : -1;
    const k = p >= 0 && decision.dropProduct[p] ? -1 : decision.byProduct && p >= 0 ? decision.ofProduct[p] : decision.ofCategory[rawCategory[i]];
    if (credit && k < 0 && ((p >= 0 && creditProduct[p] === 1) || creditCategory[rawCategory[i]] === 1)) credit[i] = isCredit(rawRevenue[i]) ? CREDIT_LINE : REBILL_LINE;
    finalCategory[i] = k;
    if (k >= 0) kept++;
  }
  rawProduct = released;
  rawCategory = released;
  if (credit) {
    const joined = joinSameDayCredits(order, rawCustomer, rawDay, rawRevenue, finalCategory, credit);
    // Every row that joined is kept: counted short, the last customer's last rows fell off the end.
    kept += joined.rows + (joined.rebills?.rows ?? 0);
    if (joined.rows > 0) decision.info.sameDayCredits = joined;
  }
  if (kept < r) {
    const filtered = spare.subarray(0, kept);
    let w = 0;
    for (let i = 0; i < r; i++) if (finalCategory[order[i]] >= 0) filtered[w++] = order[i];
    // A typed array drops writes past its end without a word: rows miscounted would vanish unseen.
    if (w !== kept) throw new Error(`loadData: ${w} rows kept, ${kept} counted`);
    [order, spare] = [filtered, order];
  }
  order = countingSortPairs(order, rawCustomer, n, finalCategory, decision.categories.length, spare.subarray(0, kept));
  sameDayByAmount(order, rawCustomer, finalCategory, rawDay, rawRevenue);
  // Dropped so a collection below can free it: the sort is done with it.
  // eslint-disable-next-line no-useless-assignment
  spare = released;
  // From PREFAULT_MAX_ROWS memory, not time, is the limit: each raw column is collected as soon as
  // its sorted copy is written (V8 frees a let-go buffer only at a major collection, so the raw and
  // sorted columns and the sort buffers, 56 bytes a row, were all in memory at once: 1.1 GB at 20M
  // rows), and the raw days and revenue are not set aside for the risk stage.
  const tight = r >= PREFAULT_MAX_ROWS;
  const leftovers = tight ? null : { int32: rawDay.buffer as SharedArrayBuffer, float64: rawRevenue.buffer as SharedArrayBuffer };
  const letGo = (bytes: number): void => {
    if (tight) collectGarbage(bytes);
  };
  const customer = gather(rawCustomer, order, room.int32('customer').subarray(0, kept));
  rawCustomer = released;
  letGo(4 * r);
  const day = gather(rawDay, order, room.int32('day').subarray(0, kept));
  rawDay = released;
  const revenue = room.float64('revenue').subarray(0, kept);
  for (let i = 0; i < kept; i++) revenue[i] = rawRevenue[order[i]];
  rawRevenue = new Float64Array(0);
  letGo(12 * r);
  const category = gather(finalCategory, order, room.int32('category').subarray(0, kept));
  order = released;
  letGo(8 * r);
  const repNames = new Map((db.prepare('SELECT id, name FROM reps').all() as { id: number; name: string }[]).map((x) => [x.id, x.name]));
  const territoryNames = new Map(
    (db.prepare('SELECT id, name FROM territories').all() as { id: number; name: string }[]).map((x) => [x.id, x.name]),
  );
  if (incomplete) {
    customers.forEach((c, i) => {
      c.rep ??= repNames.get(latestRep[i]) ?? null;
      c.territory ??= territoryNames.get(latestTerritory[i]) ?? null;
    });
  }
  const ds: Dataset = {
    customers,
    categories: decision.categories,
    tx: { customer, category, day, revenue },
    hasDates: hasDatedImports(db),
    firstDay,
    lastDay,
    currency: getMeta(db, 'currency') ?? 'USD',
  };
  if (leftovers && seriesCopies(ds.tx)) {
    setAside.set(ds.tx, leftovers);
    setTimeout(() => setAside.delete(ds.tx), 0).unref();
  }
  const placed = productPlacement(decision, pCategory);
  const catalogue: CatalogueEntry[] = [];
  productRows.forEach((p, i) => {
    if (pRows[i] > 0) catalogue.push({ code: p.code, name: p.name ?? '', group: placed[i], revenue: pRevenue[i], rows: pRows[i], byCoPurchase: decision.byCoPurchase.has(p.code) });
  });
  return { ds, level: decision.info, catalogue };
}
