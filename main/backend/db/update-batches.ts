import type { Db } from './open';
import type { RowValue } from './row-batches';

/** Bound values per statement stay far below SQLite's limit (32,766) whatever the width. */
const VALUES_PER_STATEMENT = 1280;

/**
 * Updates rows many to a statement: `statement(values)` is an UPDATE that joins its target to a
 * VALUES list (`values` is that list's text, one `(?, ...)` tuple per row, `width` wide). Used when
 * a step updates one row per customer: one statement a row was a fifth of a second at 138,677
 * customers, each call into SQLite costing more than its update. A caller `add`s each row's
 * values, then calls `flush` once.
 */
export function updateBatches(db: Db, width: number, statement: (values: string) => string): { add: (...values: RowValue[]) => void; flush: () => void } {
  const rowsPerStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / width));
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const prepared = (rows: number) => db.prepare(statement(Array.from({ length: rows }, () => tuple).join(', ')));
  let full: ReturnType<Db['prepare']> | null = null;
  const pending: RowValue[] = [];
  return {
    add: (...values) => {
      if (values.length !== width) throw new Error(`updateBatches: ${values.length} values for a width of ${width}`);
      for (const v of values) pending.push(v);
      if (pending.length === rowsPerStatement * width) {
        (full ??= prepared(rowsPerStatement)).run(...pending);
        pending.length = 0;
      }
    },
    flush: () => {
      if (pending.length > 0) prepared(pending.length / width).run(...pending);
      pending.length = 0;
    },
  };
}
