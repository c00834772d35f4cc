import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
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
    const info =
      this.table === 'customers' ? this.insert.run(key, label || key) : this.table === 'products' ? this.insert.run(key, label || null) : this.insert.run(key);
    const id = Number(info.lastInsertRowid);
    this.ids.set(ownString(key), id);
    return id;
  }
}
