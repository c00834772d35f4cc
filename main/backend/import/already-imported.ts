import type { Db } from '../db/open';
import type { Tally } from './tally';

/** Ids a statement may list at once: well under SQLite's limit on variables. */
const DELETE_BATCH = 500;

/** Earlier imports whose lines this one is compared with: line-level sales whose dates meet its own. */
type Earlier = { id: number; file: string; from: number; to: number };

/**
 * Lines this import stored that an earlier import already holds: the same customer, day, product
 * (or category, without products), quantity, amount and invoice. Exports of one system that
 * overlap in time repeat those lines (the two UCI Online Retail files share 2010-12-01..09), and
 * stored twice they would count as twice the sales. Compared as multisets: a line the new file holds
 * three times and an earlier import once is stored twice. Each line dropped is rejected with the
 * file that has it, so rows read = imported + rejected + blank still holds. Earlier cubes are not
 * compared (a row of sums is no line); an earlier import summed by DuckDB is compared as stored, and
 * its sum equals a line only when it is the sum of that line alone. Returns how many lines each
 * earlier file already held.
 */
export function dropLinesAlreadyImported(db: Db, importId: number, tally: Tally): Map<string, number> {
  const dropped = new Map<string, number>();
  if (tally.dayMin === null || tally.dayMax === null) return dropped;
  const earlier = db
    .prepare(
      `SELECT id, file_name AS file, date_from AS "from", date_to AS "to" FROM imports
        WHERE status = 'done' AND shape = 'transactions' AND id <> ? AND json_extract(mapping_json, '$.orders') IS NULL AND date_to >= ? AND date_from <= ?`,
    )
    .all(importId, tally.dayMin, tally.dayMax) as Earlier[];
  if (earlier.length === 0) return dropped;
  const from = Math.max(tally.dayMin, Math.min(...earlier.map((e) => e.from)));
  const to = Math.min(tally.dayMax, Math.max(...earlier.map((e) => e.to)));
  const fileOf = new Map(earlier.map((e) => [e.id, e.file]));
  // Ids are integers from the table itself: safe to write into the statement.
  const ids = earlier.map((e) => Math.trunc(e.id)).join(', ');
  const key = 'customer_id, day, coalesce(product_id, -category_id), quantity, revenue, invoice';
  const matches = db
    .prepare(
      `WITH fresh AS (
         SELECT id, source_row, day, revenue, invoice, customer_id, coalesce(product_id, -category_id) AS item, quantity,
                row_number() OVER (PARTITION BY ${key} ORDER BY id) AS k
           FROM transactions WHERE import_id = @importId AND day BETWEEN @from AND @to),
       kept AS (
         SELECT import_id, customer_id, day, coalesce(product_id, -category_id) AS item, quantity, revenue, invoice,
                row_number() OVER (PARTITION BY ${key} ORDER BY id) AS k
           FROM transactions WHERE import_id IN (${ids}) AND day BETWEEN @from AND @to)
       SELECT f.id, f.source_row AS row, f.day, f.revenue, f.invoice, kept.import_id AS earlier
         FROM fresh f JOIN kept
           ON kept.customer_id = f.customer_id AND kept.day = f.day AND kept.item = f.item AND kept.quantity IS f.quantity
          AND kept.revenue = f.revenue AND kept.invoice IS f.invoice AND kept.k = f.k
        ORDER BY f.source_row`,
    )
    .all({ importId, from, to }) as { id: number; row: number; day: number; revenue: number; invoice: string | null; earlier: number }[];
  if (matches.length === 0) return dropped;
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
  return dropped;
}
