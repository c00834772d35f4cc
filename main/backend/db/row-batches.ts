import type { Db } from './open';

const ROWS_PER_STATEMENT = 64;

export type RowValue = number | string | null;

/**
 * Inserts rows into `table` 64 per statement: one call into SQLite per 64 rows instead of per row.
 * `fixed`, when given, is a column with one integer on every row (an import's or a run's id, read
 * from our own tables), written into the statement instead of bound on each row. A caller `put`s a row's values
 * in `columns` order and then calls `rowAdded`, or hands them to `add`.
 */
export function rowBatches(
  db: Db,
  table: string,
  fixed: { column: string; value: number } | null,
  columns: readonly string[],
): { put: (value: RowValue) => void; rowAdded: () => void; add: (...values: RowValue[]) => void; flush: () => void } {
  const width = columns.length;
  const tuple = `(${fixed ? `${Math.trunc(fixed.value)}, ` : ''}${columns.map(() => '?').join(', ')})`;
  const names = fixed ? [fixed.column, ...columns] : columns;
  const sql = (rows: number): string => `INSERT INTO ${table} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  // Made when first needed: a small run never fills one.
  let many: ReturnType<Db['prepare']> | null = null;
  const one = db.prepare(sql(1));
  const full = ROWS_PER_STATEMENT * width;
  // One statement's values, written over in place. Emptied after each statement (length 0), the
  // array gave up its storage and grew it again six times for the next: 1.2 GB of garbage for 5M
  // imported rows, most of the storing thread's collections.
  const pending: RowValue[] = Array.from({ length: full }, () => null);
  let filled = 0;
  const put = (value: RowValue): void => {
    pending[filled++] = value;
  };
  const rowAdded = (): void => {
    if (filled < full) return;
    // Spread, not the array: better-sqlite3 reads arguments directly but fetches an array's
    // elements one call at a time, which was a third of the binding cost.
    (many ??= db.prepare(sql(ROWS_PER_STATEMENT))).run(...pending);
    filled = 0;
  };
  return {
    put,
    rowAdded,
    add: (...values) => {
      if (values.length !== width) throw new Error(`rowBatches: ${values.length} values for the ${width} columns of ${table}`);
      for (const v of values) put(v);
      rowAdded();
    },
    flush: () => {
      for (let i = 0; i < filled; i += width) one.run(pending.slice(i, i + width));
      filled = 0;
    },
  };
}
