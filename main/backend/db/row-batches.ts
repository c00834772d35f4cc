import type { Db } from './open';

const ROWS_PER_STATEMENT = 64;

export type RowValue = number | string | null;

type Batches = { put: (value: RowValue) => void; rowAdded: () => void; add: (...values: RowValue[]) => void; flush: () => void };

/**
 * Runs `statement` once per `rowsPerStatement` rows of `width` values (the last time for the rows
 * left): one call into SQLite per many rows instead of per row, each costing more than the work
 * it asks for. `statement(tuples, rows)` is the SQL for that many `(?, ...)` tuples. A caller
 * `put`s a row's values and then calls `rowAdded`, or hands them to `add`; then `flush` once.
 */
function statementBatches(db: Db, width: number, rowsPerStatement: number, statement: (rows: number) => string, wrongWidth: (count: number) => string): Batches {
  // Made when first needed: a small run never fills one.
  let many: ReturnType<Db['prepare']> | null = null;
  const full = rowsPerStatement * width;
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
    (many ??= db.prepare(statement(rowsPerStatement))).run(...pending);
    filled = 0;
  };
  return {
    put,
    rowAdded,
    add: (...values) => {
      if (values.length !== width) throw new Error(wrongWidth(values.length));
      for (const v of values) put(v);
      rowAdded();
    },
    flush: () => {
      if (filled > 0) db.prepare(statement(filled / width)).run(pending.slice(0, filled));
      filled = 0;
    },
  };
}

const tuples = (rows: number, tuple: string): string => Array.from({ length: rows }, () => tuple).join(', ');

/**
 * Inserts rows into `table` 64 per statement. `fixed`, when given, is a column with one integer on
 * every row (an import's or a run's id, read from our own tables), written into the statement
 * instead of bound on each row. Values go in `columns` order.
 */
export function rowBatches(db: Db, table: string, fixed: { column: string; value: number } | null, columns: readonly string[]): Batches {
  const tuple = `(${fixed ? `${Math.trunc(fixed.value)}, ` : ''}${columns.map(() => '?').join(', ')})`;
  const names = fixed ? [fixed.column, ...columns] : columns;
  return statementBatches(db, columns.length, ROWS_PER_STATEMENT, (rows) => `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples(rows, tuple)}`, (n) => `rowBatches: ${n} values for the ${columns.length} columns of ${table}`);
}

/** Bound values per UPDATE stay far below SQLite's limit (32,766) whatever the width. */
const UPDATE_VALUES = 1280;

/**
 * Updates rows many to a statement: `statement(values)` is an UPDATE that joins its target to a
 * VALUES list (`values` is that list's text, one `(?, ...)` tuple per row, `width` wide). Used when
 * a step updates one row per customer: one statement a row was a fifth of a second at 138,677
 * customers.
 */
export function updateBatches(db: Db, width: number, statement: (values: string) => string): Batches {
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return statementBatches(db, width, Math.max(1, Math.floor(UPDATE_VALUES / width)), (rows) => statement(tuples(rows, tuple)), (n) => `updateBatches: ${n} values for a width of ${width}`);
}
