import type { Db } from '../db/open';

const ROWS_PER_STATEMENT = 64;

type Value = number | string | null;

/**
 * Writes one run's rows of a table 64 per statement: one call into SQLite per 64 rows instead of
 * per row, which was about a third of the save at 5M rows. The run id, the same on every row, is
 * written into the statement instead of bound on each.
 */
export function runRowsWriter(db: Db, table: string, runId: number, columns: readonly string[]): { add: (...values: Value[]) => void; flush: () => void } {
  const width = columns.length;
  // An integer from our own analysis_runs table: safe to write into the statement.
  const tuple = `(${Math.trunc(runId)}, ${columns.map(() => '?').join(', ')})`;
  const sql = (rows: number): string => `INSERT INTO ${table} (run_id, ${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  let many: ReturnType<Db['prepare']> | null = null;
  const one = db.prepare(sql(1));
  const pending: Value[] = [];
  const full = ROWS_PER_STATEMENT * width;
  return {
    add: (...values) => {
      if (values.length !== width) throw new Error(`runRowsWriter: ${values.length} values for the ${width} columns of ${table}`);
      for (const v of values) pending.push(v);
      if (pending.length === full) {
        // Spread, not the array: better-sqlite3 reads arguments directly but fetches an array's
        // elements one call at a time.
        (many ??= db.prepare(sql(ROWS_PER_STATEMENT))).run(...pending);
        pending.length = 0;
      }
    },
    flush: () => {
      for (let i = 0; i < pending.length; i += width) one.run(pending.slice(i, i + width));
      pending.length = 0;
    },
  };
}
