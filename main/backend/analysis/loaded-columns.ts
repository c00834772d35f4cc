import type { CustomerRecord, Dataset, TransactionColumns } from '../../../shared/model/dataset';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import { PREFAULT_MIN_ROWS, type CatalogueEntry, type LoadedData } from './load-dataset';
import { prefaulted } from './prefault';
import { appVersion } from '../version';

/**
 * The dataset a load built, kept in the workspace beside the rows it came from: reopened, the
 * workspace reads its columns back as a few large blobs instead of walking every transaction row
 * (SQLite hands a row to JavaScript in about 1.2 microseconds: 6 s at 5M rows, against a few tenths
 * of a second for the same columns as blobs). The transaction table stays the one record of the
 * data; this is a copy of what the analysis reads, valid only for the data hash it was made from
 * (any import, deletion or product regrouping changes the hash, and the copy is then rebuilt).
 */

/** Meta key of the kept columns' description (JSON: see Kept). */
const META_KEY = 'loaded-columns';
/**
 * A new layout of the kept copy is a new format, and so is a new version of Longtail, which may
 * decide a load differently (the product level, the lines left out): older copies are rebuilt.
 */
const FORMAT = `loaded columns 3: runs of customer x category (int32 triples), day int32, revenue float64, customers (by code) as JSON tuples in chunks; Longtail ${appVersion}`;
/** Values per blob: 16 MB of int32, 32 MB of float64, well under SQLite's blob limit. */
const CHUNK = 1 << 22;

/**
 * Customers per blob. As one JSON text with the rest of the header, 555k customers (20M rows) made
 * a 68 MB string, copied to a buffer and again by SQLite: 0.3 GB more at the import's last step.
 */
const CUSTOMERS_CHUNK = 1 << 15;

/** Everything of a load but its transaction columns and customers, as JSON with non-finite numbers spelled out. */
type Header = Omit<LoadedData, 'ds'> & { ds: Omit<Dataset, 'tx' | 'customers'> };
/** A customer as kept: its fields in CustomerRecord's order. */
type CustomerTuple = [string, string, string | null, string | null, string | null];

const tupleOf = (c: CustomerRecord): CustomerTuple => [c.code, c.name, c.rep, c.territory, c.segment];
const isText = (x: unknown): x is string => typeof x === 'string';
const isTextOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
/** The customers of one kept blob, or null when it is not what keepLoadedColumns writes. */
function customersOfChunk(data: Buffer): CustomerRecord[] | null {
  const parsed: unknown = JSON.parse(data.toString('utf8'));
  if (!Array.isArray(parsed)) return null;
  const out: CustomerRecord[] = [];
  for (const t of parsed as unknown[]) {
    if (!Array.isArray(t) || t.length !== 5 || !isText(t[0]) || !isText(t[1]) || !isTextOrNull(t[2]) || !isTextOrNull(t[3]) || !isTextOrNull(t[4])) return null;
    out.push({ code: t[0], name: t[1], rep: t[2], territory: t[3], segment: t[4] });
  }
  return out;
}
type Kept = { format: string; hash: string; rows: number; runs: number; littleEndian: boolean };

// JSON would turn NaN (no estimate) and the infinities into null.
const NON_FINITE = '$number';
const replacer = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value;
const reviver = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && NON_FINITE in value && Object.keys(value).length === 1 ? Number((value as Record<string, string>)[NON_FINITE]) : value;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Rows run customer by customer, category by category: the two columns are kept as one triple per
 * run (customer, category, rows), a tenth of their size at 5M rows. SQLite reads a large blob page
 * by page (about 200 MB a second here), so every byte left out is time saved on each reopen.
 */
function runsOf(tx: TransactionColumns): Int32Array {
  const { customer, category } = tx;
  const starts = (i: number): boolean => i === 0 || customer[i] !== customer[i - 1] || category[i] !== category[i - 1];
  let count = 0;
  for (let i = 0; i < customer.length; i++) if (starts(i)) count++;
  const runs = new Int32Array(3 * count);
  let r = -1;
  for (let i = 0; i < customer.length; i++) {
    if (starts(i)) {
      r++;
      runs[3 * r] = customer[i];
      runs[3 * r + 1] = category[i];
    }
    runs[3 * r + 2]++;
  }
  return runs;
}

/** A kept blob's values, in the order written, copied into `into` from `at` (bytes); false when they overflow it. */
function copyInto(into: SharedArrayBuffer, at: number, data: Buffer): boolean {
  if (at + data.byteLength > into.byteLength) return false;
  new Uint8Array(into, at, data.byteLength).set(data);
  return true;
}

/**
 * The load kept for `hash`, or null when there is none, it was made from other data or by another
 * format, or it does not read back whole. The columns come back in shared memory, as a load
 * leaves them (the risk stage's thread reads them without a copy).
 */
export function readLoadedColumns(db: Db, hash: string): LoadedData | null {
  const meta = getMeta(db, META_KEY);
  if (!meta) return null;
  let kept: Kept;
  try {
    kept = JSON.parse(meta) as Kept;
  } catch {
    return null;
  }
  if (kept.format !== FORMAT || kept.hash !== hash || kept.littleEndian !== littleEndian) return null;
  const count = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;
  if (!count(kept.rows) || !count(kept.runs) || kept.runs > kept.rows) return null;
  // Fresh memory costs a page fault per 4 KB: taken on another thread while SQLite reads, in the
  // order the buffers are written.
  const sizes = [kept.runs * 12, kept.rows * 4, kept.rows * 8, kept.rows * 4, kept.rows * 4];
  const { claim } = kept.rows >= PREFAULT_MIN_ROWS ? prefaulted(sizes) : { claim: (i: number) => new SharedArrayBuffer(sizes[i]) };
  const slot: Record<string, number> = { runs: 0, day: 1, revenue: 2 };
  // Each claimed when its first blob arrives, so the thread can fault in the next meanwhile.
  const buffers: Record<string, SharedArrayBuffer> = {};
  const filled: Record<string, number> = { runs: 0, day: 0, revenue: 0 };
  let header: Header | null = null;
  const customers: CustomerRecord[] = [];
  // In the order written (by id): ordering by name would have SQLite sort every blob first.
  const parts = db.prepare('SELECT name, data FROM loaded_columns ORDER BY id').raw().iterate() as IterableIterator<[string, Buffer]>;
  for (const [name, data] of parts) {
    if (name === 'header') {
      header = JSON.parse(data.toString('utf8'), reviver) as Header;
      continue;
    }
    if (name === 'customers') {
      const some = customersOfChunk(data);
      if (!some) return null;
      for (const c of some) customers.push(c);
      continue;
    }
    if (!(name in slot)) return null;
    buffers[name] ??= claim(slot[name]);
    if (!copyInto(buffers[name], filled[name], data)) return null;
    filled[name] += data.byteLength;
  }
  if (!header || Object.keys(slot).some((name) => filled[name] !== sizes[slot[name]])) return null;
  const runs = new Int32Array(buffers.runs);
  const customer = new Int32Array(claim(3));
  const category = new Int32Array(claim(4));
  let row = 0;
  for (let r = 0; r < kept.runs; r++) {
    const end = row + runs[3 * r + 2];
    if (end > kept.rows) return null;
    customer.fill(runs[3 * r], row, end);
    category.fill(runs[3 * r + 1], row, end);
    row = end;
  }
  if (row !== kept.rows) return null;
  const tx: TransactionColumns = { customer, category, day: new Int32Array(buffers.day), revenue: new Float64Array(buffers.revenue) };
  return { ds: { ...header.ds, customers, tx }, level: header.level, catalogue: header.catalogue as CatalogueEntry[] };
}

/**
 * Keeps `data`, loaded from the data `hash` names, in place of any copy kept before, in one
 * transaction. A read-only workspace keeps nothing: it loads from its rows each time.
 */
export function keepLoadedColumns(db: Db, hash: string, data: LoadedData): void {
  if (db.readonly) return;
  const { tx, customers, ...rest } = data.ds;
  const header: Header = { ...data, ds: rest };
  const rows = tx.customer.length;
  const runs = runsOf(tx);
  const insert = db.prepare('INSERT INTO loaded_columns (name, chunk, data) VALUES (?, ?, ?)');
  const put = (name: string, values: Int32Array | Float64Array): void => {
    const width = values.BYTES_PER_ELEMENT;
    for (let from = 0, chunk = 0; from < values.length; from += CHUNK, chunk++) {
      const to = Math.min(values.length, from + CHUNK);
      insert.run(name, chunk, Buffer.from(values.buffer, values.byteOffset + from * width, (to - from) * width));
    }
  };
  db.transaction(() => {
    db.prepare('DELETE FROM loaded_columns').run();
    insert.run('header', 0, Buffer.from(JSON.stringify(header, replacer), 'utf8'));
    for (let from = 0, chunk = 0; from < customers.length; from += CUSTOMERS_CHUNK, chunk++) {
      insert.run('customers', chunk, Buffer.from(JSON.stringify(customers.slice(from, from + CUSTOMERS_CHUNK).map(tupleOf)), 'utf8'));
    }
    put('runs', runs);
    put('day', tx.day);
    put('revenue', tx.revenue);
    setMeta(db, META_KEY, JSON.stringify({ format: FORMAT, hash, rows, runs: runs.length / 3, littleEndian } satisfies Kept));
  })();
}
