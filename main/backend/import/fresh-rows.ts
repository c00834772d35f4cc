import type { Db } from '../db/open';
import { prefaultStream } from '../analysis/prefault';
import { sessionSlot } from '../session';

/**
 * The analysis columns of rows an import stored, in the order it stored them (table order), kept
 * in chunks. A product id is 0 when absent (ids start at 1); the column of a chunk that never held
 * one is null. Quantities are not kept a row each (8 bytes a row, 0.16 GB at 20M): the load reads
 * them only to know how much each product's unit price moves, which FreshPrices sums as they come.
 */
export type FreshChunk = {
  length: number;
  customer: Int32Array;
  category: Int32Array;
  day: Int32Array;
  revenue: Float64Array;
  product: Int32Array | null;
};

/**
 * Each product's unit prices (|revenue / quantity| of its rows with a quantity other than 0), by
 * product id, summed in row order as the load's scan sums them: how many, their sum and their sum
 * of squares; and every row's quantity summed (the load's check that the rows are still the table's).
 */
export type FreshPrices = { count: Int32Array; sum: Float64Array; sumSq: Float64Array; quantitySum: number };

/**
 * The reps and territories of an import's rows, by customer id instead of by row: the load reads a
 * customer's latest rep and territory from its rows only where the customer has none, so each
 * customer's is kept as the rows come, as the load's scan would find it (the last row, in table
 * order, of the latest day that names either; 0 = none), with every row's ids summed (the load's
 * check that the rows are still the table's). At 20M rows the two columns were 0.16 GB of the
 * import's peak.
 */
export type FreshReps = { day: Int32Array; rep: Int32Array; territory: Int32Array; repSum: number; territorySum: number };

const NO_DAY = -(2 ** 31);
/** Customer and product ids past this are not kept in dense arrays (they never come from a workspace's own rowids); the load then reads the table. */
const DENSE_IDS = 1 << 24;

/**
 * Every row of the transaction table right after an import into an empty table, and the data hash
 * they belong to. Handing 5M rows from SQLite to JS costs about 9 s; the import already held them,
 * so the analysis that usually follows it reads these instead (once: the slot is emptied by taking).
 */
export type FreshRows = {
  hash: string;
  rows: number;
  chunks: FreshChunk[];
  writes: string;
  /** null when rows were taken back after they came (dropDays): then only the table knows. */
  reps: FreshReps | null;
  /** null, as reps, once rows were taken back, or for a product id too big to keep densely. */
  prices: FreshPrices | null;
};

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

/**
 * Rows per chunk of a very big import (FreshColumns.blocks): 2M rows, one buffer of 40-80 MB each.
 * glibc's malloc serves anything under 32 MB from its heap once a freed block has raised its mmap
 * threshold, and keeps what is freed there: at 20M rows the 64k-row chunks the load let go (0.8 GB)
 * stayed resident beside the columns built from them. A buffer of 32 MB or more is always its own
 * mapping, given back to the system when it is collected.
 */
const BLOCK_CHUNK = 1 << 21;

/** Chunks faulted in per request, and how far ahead of the one being filled they are asked for. */
const PREFAULT_BATCH = 4;

/**
 * Whether a chunk may need a product column, as the import's mapping says; `blocks`: a very big
 * import (see BLOCK_CHUNK); `prefault: false`: its memory is faulted in where it is written (rows
 * DuckDB summed come as fast as they are stored, with no reader thread to leave a core idle).
 */
export type FreshColumns = { product: boolean; blocks?: boolean; prefault?: boolean };

type ChunkSupply = { capacity: number; next: () => FreshChunk; product: () => Int32Array; close: () => void };

/**
 * New chunks' memory: plain, or faulted in ahead on another thread. Writing fresh memory costs a
 * page fault per 4 KB (about 3 ms per MB here): 0.3-0.6 s of the storing thread's time at 5M rows,
 * which is the import's busier thread; the parser's thread often waits on it. In blocks, a chunk's
 * columns are views of one buffer, faulted in a chunk ahead.
 */
function chunkSupply(columns: FreshColumns | null, blockRows: number): ChunkSupply {
  // Per chunk: customer, category, day, revenue, then the product when the file has one.
  const widths = [4, 4, 4, 8];
  const productSlot = columns?.product ? widths.push(4) - 1 : -1;
  const blocks = columns?.blocks === true;
  const capacity = blocks ? blockRows : CHUNK;
  const sizes = widths.map((w) => w * capacity);
  // Column i of a block starts after the columns before it; every size is a multiple of 8 bytes.
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((sum, size) => sum + size, 0));
  const blockBytes = sizes.reduce((sum, size) => sum + size, 0);
  const perBatch = blocks ? 1 : PREFAULT_BATCH;
  const stream = columns && columns.prefault !== false ? prefaultStream() : null;
  const batches: { claim: (i: number) => SharedArrayBuffer }[] = [];
  const ask = (): void => {
    if (stream) batches.push(stream.batch(blocks ? [blockBytes] : Array.from({ length: PREFAULT_BATCH }, () => sizes).flat()));
  };
  ask();
  ask();
  let made = 0;
  let current = -1;
  let block: SharedArrayBuffer | null = null;
  const memory = (slot: number, bytes: number): { buffer: ArrayBuffer | SharedArrayBuffer; offset: number } => {
    if (block && slot >= 0) return { buffer: block, offset: offsets[slot] };
    if (stream && slot >= 0) return { buffer: batches[Math.floor(current / perBatch)].claim((current % perBatch) * sizes.length + slot), offset: 0 };
    return { buffer: new ArrayBuffer(bytes), offset: 0 };
  };
  const int32 = (slot: number): Int32Array => {
    const { buffer, offset } = memory(slot, 4 * capacity);
    return new Int32Array(buffer, offset, capacity);
  };
  const float64 = (slot: number): Float64Array => {
    const { buffer, offset } = memory(slot, 8 * capacity);
    return new Float64Array(buffer, offset, capacity);
  };
  return {
    capacity,
    next: () => {
      current = made++;
      // One batch ahead of the one being filled.
      if (current % perBatch === 0 && current > 0) ask();
      if (blocks) block = stream ? batches[current].claim(0) : new SharedArrayBuffer(blockBytes);
      return { length: 0, customer: int32(0), category: int32(1), day: int32(2), revenue: float64(3), product: null };
    },
    // A product column the mapping did not announce (slot -1) gets memory of its own.
    product: () => int32(productSlot),
    close: () => {
      // The batches hold every chunk's memory: let go of it here, or a load that frees chunks as
      // it reads them could not.
      batches.length = 0;
      block = null;
      stream?.close();
    },
  };
}

export type FreshCollector = {
  add: (customer: number, day: number, category: number, product: number | null, quantity: number | null, revenue: number, rep: number | null, territory: number | null) => void;
  /** The rows on these days were deleted again (dates found far from the rest). */
  dropDays: (days: ReadonlySet<number>) => void;
  rows: () => number;
  chunks: () => FreshChunk[];
  /** null once dropDays has taken rows back (which of them named a rep is not kept), or for a customer id too big to keep densely. */
  reps: () => FreshReps | null;
  /** null once dropDays has taken rows back, or for a product id too big to keep densely. */
  prices: () => FreshPrices | null;
  /** Every row is in: no more memory is faulted in ahead (call it on failure too). */
  close: () => void;
};

/**
 * `prefault`: the columns the rows have, for an import big enough that the chunks' memory is
 * worth faulting in ahead on another thread (see chunkSupply); null for plain memory.
 */
export function freshCollector(prefault: FreshColumns | null = null, blockRows = BLOCK_CHUNK): FreshCollector {
  const supply = chunkSupply(prefault, blockRows);
  const chunks: FreshChunk[] = [];
  let current = supply.next();
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
  // By customer id, grown as ids come (they start at 1 and rise with each new customer).
  let latest = { day: new Int32Array(1024).fill(NO_DAY), rep: new Int32Array(1024), territory: new Int32Array(1024) };
  let repSum = 0;
  let territorySum = 0;
  let repsKnown = true;
  const room = (customer: number): void => {
    let size = latest.day.length;
    while (size <= customer) size *= 2;
    const grown = { day: new Int32Array(size).fill(NO_DAY), rep: new Int32Array(size), territory: new Int32Array(size) };
    grown.day.set(latest.day);
    grown.rep.set(latest.rep);
    grown.territory.set(latest.territory);
    latest = grown;
  };
  let prices: FreshPrices | null = { count: new Int32Array(256), sum: new Float64Array(256), sumSq: new Float64Array(256), quantitySum: 0 };
  const price = (product: number | null, quantity: number, revenue: number): void => {
    if (!prices) return;
    prices.quantitySum += quantity;
    if (product === null || quantity === 0) return;
    if (product >= DENSE_IDS) {
      prices = null;
      return;
    }
    if (product >= prices.count.length) {
      let size = prices.count.length;
      while (size <= product) size *= 2;
      const grown = { count: new Int32Array(size), sum: new Float64Array(size), sumSq: new Float64Array(size), quantitySum: prices.quantitySum };
      grown.count.set(prices.count);
      grown.sum.set(prices.sum);
      grown.sumSq.set(prices.sumSq);
      prices = grown;
    }
    const unit = Math.abs(revenue / quantity);
    prices.count[product]++;
    prices.sum[product] += unit;
    prices.sumSq[product] += unit * unit;
  };
  return {
    add(customer, day, category, product, quantity, revenue, rep, territory) {
      if (length === supply.capacity) {
        current = supply.next();
        chunks.push(current);
        length = 0;
        customers = current.customer;
        categories = current.category;
        days = current.day;
        revenues = current.revenue;
        products = null;
      }
      const i = length++;
      current.length = length;
      customers[i] = customer;
      categories[i] = category;
      days[i] = day;
      revenues[i] = revenue;
      // A nullable column is made on its chunk's first value; a slot left by dropDays is overwritten.
      if (product !== null) (products ??= current.product = supply.product())[i] = product;
      else if (products) products[i] = 0;
      if (quantity !== null) price(product, quantity, revenue);
      if ((rep !== null || territory !== null) && repsKnown) {
        if (customer >= DENSE_IDS) repsKnown = false;
        else if (customer >= latest.day.length) room(customer);
        if (repsKnown && day >= latest.day[customer]) {
          latest.day[customer] = day;
          if (rep !== null) latest.rep[customer] = rep;
          if (territory !== null) latest.territory[customer] = territory;
        }
        if (rep !== null) repSum += rep;
        if (territory !== null) territorySum += territory;
      }
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
          w++;
        }
        if (w < c.length) {
          repsKnown = false;
          prices = null;
        }
        c.length = w;
        total += w;
      }
      length = current.length;
    },
    rows: () => total,
    chunks: () => chunks,
    reps: () => (repsKnown ? { ...latest, repSum, territorySum } : null),
    prices: () => prices,
    close: () => supply.close(),
  };
}
