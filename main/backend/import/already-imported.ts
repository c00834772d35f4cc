import type { Db } from '../db/open';
import type { Tally } from './tally';

/** Ids a statement may list at once: well under SQLite's limit on variables. */
const DELETE_BATCH = 500;
/**
 * Lines of the overlap looked up first. With none of them already there, at most about one line in
 * 700 could be (95% sure), and comparing every line, two sorts of every row in those dates (25 s for
 * two 5M-line files of the same two years), is left out.
 */
const SAMPLE_LINES = 2000;

/** An earlier import of dated sales whose dates meet this one's; `cube` when its rows are sums. */
export type Earlier = { id: number; file: string; from: number; to: number; cube: boolean };

/** Earlier imports of dated sales whose dates meet `from..to`, oldest first. */
export function earlierOverlapping(db: Db, importId: number, from: number, to: number): Earlier[] {
  const rows = db
    .prepare(
      `SELECT id, file_name AS file, date_from AS "from", date_to AS "to", json_extract(mapping_json, '$.orders') IS NOT NULL AS cube FROM imports
        WHERE status = 'done' AND shape = 'transactions' AND id <> ? AND date_to >= ? AND date_from <= ? ORDER BY id`,
    )
    .all(importId, from, to) as (Omit<Earlier, 'cube'> & { cube: number })[];
  return rows.map((r) => ({ ...r, cube: r.cube === 1 }));
}

/** What the comparison found: lines each earlier file already held, or that a sample found none. */
export type AlreadyImported = { dropped: Map<string, number>; sampledNone: number | null };

/** What a line sells: its product, or its category when it has none. */
const ITEM = 'coalesce(product_id, -category_id)';
/** The key two copies of one line share. */
const KEY = `customer_id, day, ${ITEM}, quantity, revenue, invoice`;
/** Whether line `a` (its item as `a.item`) is a copy of transaction `b`. */
const sameLine = (a: string, b: string): string =>
  `${a}.customer_id = ${b}.customer_id AND ${a}.day = ${b}.day AND ${a}.item = coalesce(${b}.product_id, -${b}.category_id) AND ${a}.quantity IS ${b}.quantity AND ${a}.revenue = ${b}.revenue AND ${a}.invoice IS ${b}.invoice`;

/**
 * Lines this import stored (ids from `firstId` on) that an earlier import already holds: the same
 * customer, day, product (or category, without products), quantity, amount and invoice. Exports of
 * one system that overlap in time repeat those lines (the two UCI Online Retail files share
 * 2010-12-01..09), and stored twice they would count as twice the sales. Compared as multisets: a
 * line the new file holds three times and an earlier import once is stored twice. Each line dropped
 * is rejected with the file that has it, so rows read = imported + rejected + blank still holds.
 * Earlier cubes are not compared (a row of sums is no line); an earlier import summed by DuckDB is
 * compared as stored, and its sum equals a line only when it is the sum of that line alone.
 */
export function dropLinesAlreadyImported(db: Db, importId: number, firstId: number, tally: Tally): AlreadyImported {
  const none: AlreadyImported = { dropped: new Map(), sampledNone: null };
  if (tally.dayMin === null || tally.dayMax === null) return none;
  const earlier = earlierOverlapping(db, importId, tally.dayMin, tally.dayMax).filter((e) => !e.cube);
  if (earlier.length === 0) return none;
  const from = Math.max(tally.dayMin, Math.min(...earlier.map((e) => e.from)));
  const to = Math.min(tally.dayMax, Math.max(...earlier.map((e) => e.to)));
  // Ids are integers from the table itself: safe to write into the statements.
  const ids = earlier.map((e) => Math.trunc(e.id)).join(', ');
  const window = { firstId, from, to };
  const inWindow = db.prepare('SELECT count(*) FROM transactions WHERE id >= @firstId AND day BETWEEN @from AND @to').pluck().get(window) as number;
  const sampled = sampleAlreadyThere(db, ids, window, Math.max(1, Math.ceil(inWindow / SAMPLE_LINES)));
  if (sampled.found === 0) return { dropped: new Map(), sampledNone: sampled.looked };
  const fileOf = new Map(earlier.map((e) => [e.id, e.file]));
  const matches = db
    .prepare(
      `WITH fresh AS (
         SELECT id, source_row, day, revenue, invoice, customer_id, ${ITEM} AS item, quantity, row_number() OVER (PARTITION BY ${KEY} ORDER BY id) AS k
           FROM transactions WHERE id >= @firstId AND day BETWEEN @from AND @to),
       kept AS (
         SELECT import_id, customer_id, day, product_id, category_id, quantity, revenue, invoice, row_number() OVER (PARTITION BY ${KEY} ORDER BY id) AS k
           FROM transactions WHERE id < @firstId AND import_id IN (${ids}) AND day BETWEEN @from AND @to)
       SELECT f.id, f.source_row AS row, f.day, f.revenue, f.invoice, kept.import_id AS earlier
         FROM fresh f JOIN kept ON ${sameLine('f', 'kept')} AND kept.k = f.k
        ORDER BY f.source_row`,
    )
    .all(window) as { id: number; row: number; day: number; revenue: number; invoice: string | null; earlier: number }[];
  const dropped = new Map<string, number>();
  for (const m of matches) {
    const file = fileOf.get(m.earlier) ?? 'an earlier import';
    tally.rejectStored(m.row, null, m.invoice, `already in the workspace from ${file}: the same customer, day, product, quantity and amount${m.invoice === null ? '' : ' on the same invoice'}, not stored twice`, m.revenue);
    dropped.set(file, (dropped.get(file) ?? 0) + 1);
  }
  for (let i = 0; i < matches.length; i += DELETE_BATCH) {
    const batch = matches.slice(i, i + DELETE_BATCH);
    db.prepare(`DELETE FROM transactions WHERE id IN (${batch.map(() => '?').join(', ')})`).run(...batch.map((m) => m.id));
  }
  tally.unstoreRows(matches.map((m) => m.day));
  return { dropped, sampledNone: null };
}

/**
 * Every `stride`-th new line in the overlap, up to SAMPLE_LINES, looked up among the earlier
 * imports' lines in one pass over them: how many were looked up, and how many an earlier one holds.
 */
function sampleAlreadyThere(db: Db, ids: string, window: { firstId: number; from: number; to: number }, stride: number): { looked: number; found: number } {
  db.exec(`CREATE TEMP TABLE line_sample (customer_id INTEGER, day INTEGER, item INTEGER, quantity REAL, revenue REAL, invoice TEXT)`);
  try {
    const looked = db
      .prepare(
        `INSERT INTO line_sample SELECT customer_id, day, ${ITEM}, quantity, revenue, invoice
           FROM transactions WHERE id >= @firstId AND day BETWEEN @from AND @to AND (id - @firstId) % @stride = 0 LIMIT ${SAMPLE_LINES}`,
      )
      .run({ ...window, stride }).changes;
    db.exec('CREATE INDEX temp.line_sample_key ON line_sample (customer_id, day)');
    const found = db
      .prepare(
        `SELECT count(DISTINCT s.rowid) FROM transactions e JOIN line_sample s ON ${sameLine('s', 'e')}
          WHERE e.id < @firstId AND e.import_id IN (${ids}) AND e.day BETWEEN @from AND @to`,
      )
      .pluck()
      .get(window) as number;
    return { looked, found };
  } finally {
    db.exec('DROP TABLE temp.line_sample');
  }
}
