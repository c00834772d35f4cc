import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
// A name as compared for sameness, as the analysis compares category spellings.
import { spellingKey as foldName } from '../../../shared/analytics/products/level';
import { ownString } from './source';

type Table = 'territories' | 'reps' | 'categories' | 'customers' | 'products';

/**
 * Name -> id for one dimension table, loaded once and extended as new names appear, so the row
 * loop never queries for an id. Table names come from the fixed union above, never from input.
 */
export class Dimension {
  private readonly ids = new Map<string, number>();
  private readonly insert: Database.Statement;
  private readonly maxExistingId: number;
  private readonly table: Table;
  private lastKey: string | null = null;
  private lastId = 0;
  /** New names whose rows are not written yet (see deferInserts): their ids, names and labels, and the ids since taken back. */
  private deferred: { ids: number[]; keys: string[]; labels: (string | null)[]; forgotten: Set<number> } | null = null;
  private nextId = 0;
  /** Ids by folded name (see idFolding), built on first use; and the spellings read as another. */
  private folded: Map<string, { id: number; name: string }> | null = null;
  private readonly variants: { spelling: string; as: string }[] = [];
  private variantCount = 0;

  constructor(db: Db, table: Table) {
    const key = table === 'customers' || table === 'products' ? 'code' : 'name';
    for (const row of db.prepare(`SELECT id, ${key} AS k FROM ${table}`).iterate() as Iterable<{ id: number; k: string }>) {
      this.ids.set(row.k, row.id);
    }
    this.maxExistingId = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
    this.insert =
      table === 'customers'
        ? db.prepare('INSERT INTO customers (code, name) VALUES (?, ?)')
        : table === 'products'
          ? db.prepare('INSERT INTO products (code, name) VALUES (?, ?)')
          : db.prepare(`INSERT INTO ${table} (name) VALUES (?)`);
    this.table = table;
  }

  /** True for an id this import inserted (ids only grow). */
  isNew(id: number): boolean {
    return id > this.maxExistingId;
  }

  /**
   * From now on a new name gets its id at once and its row is written later, by whoever takes
   * `takeDeferred`: for customers, with the details only the end of the import knows, many to a
   * statement (one INSERT per new customer and two UPDATEs of each afterwards were 0.8 s of a
   * 5M-row import's storing thread). Only while foreign keys are off: rows name an id before its
   * row exists. The ids are the ones SQLite would give (one past the largest, in order of first
   * sight), as nothing else adds rows to the table meanwhile.
   */
  deferInserts(): void {
    this.deferred = { ids: [], keys: [], labels: [], forgotten: new Set() };
    this.nextId = this.maxExistingId + 1;
  }

  /** Whether `id` was handed out by a deferred insert (see deferInserts). */
  isDeferred(id: number): boolean {
    return this.deferred !== null && id > this.maxExistingId;
  }

  /** Takes back a deferred id whose name turned out to have no rows: its row is never written. */
  forget(id: number): void {
    this.deferred?.forgotten.add(id);
  }

  /** The deferred names still to write, in id order, with the label first seen for each. */
  *takeDeferred(): Generator<{ id: number; key: string; label: string | null }> {
    const d = this.deferred;
    if (!d) return;
    for (let i = 0; i < d.ids.length; i++) if (!d.forgotten.has(d.ids[i])) yield { id: d.ids[i], key: d.keys[i], label: d.labels[i] };
  }

  /** Every name seen let go, once no more rows come: a big import's last step needs the memory (the customers' names were about 0.1 GB of heap at 555k). */
  release(): void {
    this.ids.clear();
    this.deferred = null;
    this.lastKey = null;
  }

  /** The id for a name, inserting it on first sight; `label` is the display name for customers/products. */
  id(key: string, label?: string | null): number {
    // Exports are usually grouped by customer or date, so the same key often comes again at once.
    if (key === this.lastKey) return this.lastId;
    const found = this.ids.get(key);
    if (found !== undefined) {
      this.lastKey = key;
      this.lastId = found;
      return found;
    }
    if (this.deferred) {
      const id = this.nextId++;
      const own = ownString(key);
      this.ids.set(own, id);
      this.deferred.ids.push(id);
      this.deferred.keys.push(own);
      this.deferred.labels.push(label ? ownString(label) : null);
      if (this.folded && !this.folded.has(foldName(own))) this.folded.set(foldName(own), { id, name: own });
      return id;
    }
    const info =
      this.table === 'customers' ? this.insert.run(key, label || key) : this.table === 'products' ? this.insert.run(key, label || null) : this.insert.run(key);
    const id = Number(info.lastInsertRowid);
    const own = ownString(key);
    this.ids.set(own, id);
    const f = foldName(own);
    if (this.folded && !this.folded.has(f)) this.folded.set(f, { id, name: own });
    return id;
  }

  /**
   * The id for a name, where names that differ only in case, spacing or punctuation ("Ben Carter",
   * "BEN CARTER", "Ben  Carter") are one: typed by hand into an ERP they are one rep or territory.
   * The spelling first seen (or already stored) is kept. Not for codes, where case can tell two
   * things apart.
   */
  idFolding(key: string, label?: string | null): number {
    if (key === this.lastKey) return this.lastId;
    if (this.ids.has(key)) return this.id(key, label);
    if (!this.folded) {
      this.folded = new Map();
      // Map order is insertion order: the first stored spelling of a name is the one kept.
      for (const [name, id] of this.ids) if (!this.folded.has(foldName(name))) this.folded.set(foldName(name), { id, name });
    }
    const same = this.folded.get(foldName(key));
    if (same === undefined) return this.id(key, label);
    const own = ownString(key);
    this.ids.set(own, same.id);
    this.variantCount++;
    if (this.variants.length < 3) this.variants.push({ spelling: own, as: same.name });
    this.lastKey = own;
    this.lastId = same.id;
    return same.id;
  }

  /** The spellings idFolding read as a name already seen: how many, and the first few. */
  foldedVariants(): { count: number; examples: { spelling: string; as: string }[] } {
    return { count: this.variantCount, examples: this.variants };
  }
}
