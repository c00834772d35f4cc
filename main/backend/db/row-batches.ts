import type { Db } from './open';

const ROWS_PER_STATEMENT = 64;

export type RowValue = number | string | null;

/**
 * Inserts rows into `table` 64 per statement: one call into SQLite per 64 rows instead of per row.
 * `fixed` is a column with one integer on every row (an import's or a run's id, read from our own
 * tables), written into the statement instead of bound on each row. A caller pushes a row's values
 * onto `pending` in `columns` order and then calls `rowAdded`, or hands them to `add`.
 */
export function rowBatches(
  db: Db,
  table: string,
  fixed: { column: string; value: number },
  columns: readonly string[],
): { pending: RowValue[]; rowAdded: () => void; add: (...values: RowValue[]) => void; flush: () => void } {
  const width = columns.length;
  const tuple = `(${Math.trunc(fixed.value)}, ${columns.map(() => '?').join(', ')})`;
  const sql = (rows: number): string => `INSERT INTO ${table} (${fixed.column}, ${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  // Made when first needed: a small run never fills one.
  let many: ReturnType<Db['prepare']> | null = null;
  const one = db.prepare(sql(1));
  const pending: RowValue[] = [];
  const full = ROWS_PER_STATEMENT * width;
  const rowAdded = (): void => {
    if (pending.length < full) return;
    // Spread, not the array: better-sqlite3 reads arguments directly but fetches an array's
    // elements one call at a time, which was a third of the binding cost.
    (many ??= db.prepare(sql(ROWS_PER_STATEMENT))).run(...pending);
    pending.length = 0;
  };
  return {
    pending,
    rowAdded,
    add: (...values) => {
      if (values.length !== width) throw new Error(`rowBatches: ${values.length} values for the ${width} columns of ${table}`);
      for (const v of values) pending.push(v);
      rowAdded();
    },
    flush: () => {
      for (let i = 0; i < pending.length; i += width) one.run(pending.slice(i, i + width));
      pending.length = 0;
    },
  };
}
