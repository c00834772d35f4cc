import type { Db } from '../db/open';
import { sessionSlot } from '../session';

/**
 * The analysis columns of rows an import stored, in the order it stored them (table order), kept
 * in chunks. Nullable ids are 0 when absent (ids start at 1), an absent quantity is NaN (a parsed
 * quantity is always finite). A column of a chunk that never held a value is null.
 */
export type FreshChunk = {
  length: number;
  customer: Int32Array;
  category: Int32Array;
  day: Int32Array;
  revenue: Float64Array;
  product: Int32Array | null;
  quantity: Float64Array | null;
  rep: Int32Array | null;
  territory: Int32Array | null;
};

/**
 * Every row of the transaction table right after an import into an empty table, and the data hash
 * they belong to. Handing 5M rows from SQLite to JS costs about 9 s; the import already held them,
 * so the analysis that usually follows it reads these instead (once: the slot is emptied by taking).
 */
export type FreshRows = { hash: string; rows: number; chunks: FreshChunk[]; writes: string };

/** The stamp of rows handed over before the import has put the connection back as it was; never a writeStamp. */
export const UNSTAMPED = 'unstamped';

/**
 * What has written to the workspace: rows this connection changed (total_changes()) and commits
 * by any other connection (data_version). Unchanged since the import, no row can differ from the
 * rows it handed over.
 */
export const writeStamp = (db: Db): string =>
  `${String(db.prepare('SELECT total_changes()').pluck().get())}/${String(db.pragma('data_version', { simple: true }))}`;

export const FRESH_ROWS = sessionSlot<FreshRows>('rows the last import stored');

const CHUNK = 1 << 16;

const chunk = (): FreshChunk => ({
  length: 0,
  customer: new Int32Array(CHUNK),
  category: new Int32Array(CHUNK),
  day: new Int32Array(CHUNK),
  revenue: new Float64Array(CHUNK),
  product: null,
  quantity: null,
  rep: null,
  territory: null,
});

export type FreshCollector = {
  add: (customer: number, day: number, category: number, product: number | null, quantity: number | null, revenue: number, rep: number | null, territory: number | null) => void;
  /** The rows on these days were deleted again (dates found far from the rest). */
  dropDays: (days: ReadonlySet<number>) => void;
  rows: () => number;
  chunks: () => FreshChunk[];
};

export function freshCollector(): FreshCollector {
  const chunks: FreshChunk[] = [];
  let current = chunk();
  chunks.push(current);
  let total = 0;
  // The current chunk's arrays held in locals: a property load and a `??=` per column and row
  // were a tenth of the storing thread's time on 5M rows.
  let length = 0;
  let customers = current.customer;
  let categories = current.category;
  let days = current.day;
  let revenues = current.revenue;
  let products: Int32Array | null = null;
  let quantities: Float64Array | null = null;
  let reps: Int32Array | null = null;
  let territories: Int32Array | null = null;
  return {
    add(customer, day, category, product, quantity, revenue, rep, territory) {
      if (length === CHUNK) {
        current = chunk();
        chunks.push(current);
        length = 0;
        customers = current.customer;
        categories = current.category;
        days = current.day;
        revenues = current.revenue;
        products = quantities = reps = territories = null;
      }
      const i = length++;
      current.length = length;
      customers[i] = customer;
      categories[i] = category;
      days[i] = day;
      revenues[i] = revenue;
      // A nullable column is made on its chunk's first value; a slot left by dropDays is overwritten.
      if (product !== null) (products ??= current.product = new Int32Array(CHUNK))[i] = product;
      else if (products) products[i] = 0;
      if (quantity !== null) (quantities ??= current.quantity = new Float64Array(CHUNK).fill(Number.NaN))[i] = quantity;
      else if (quantities) quantities[i] = Number.NaN;
      if (rep !== null) (reps ??= current.rep = new Int32Array(CHUNK))[i] = rep;
      else if (reps) reps[i] = 0;
      if (territory !== null) (territories ??= current.territory = new Int32Array(CHUNK))[i] = territory;
      else if (territories) territories[i] = 0;
      total++;
    },
    dropDays(days) {
      if (days.size === 0) return;
      // Compacts each chunk in place, keeping the order of the rows left.
      total = 0;
      for (const c of chunks) {
        let w = 0;
        for (let i = 0; i < c.length; i++) {
          if (days.has(c.day[i])) continue;
          c.customer[w] = c.customer[i];
          c.category[w] = c.category[i];
          c.day[w] = c.day[i];
          c.revenue[w] = c.revenue[i];
          if (c.product) c.product[w] = c.product[i];
          if (c.quantity) c.quantity[w] = c.quantity[i];
          if (c.rep) c.rep[w] = c.rep[i];
          if (c.territory) c.territory[w] = c.territory[i];
          w++;
        }
        c.length = w;
        total += w;
      }
      length = current.length;
    },
    rows: () => total,
    chunks: () => chunks,
  };
}
