import type { Db } from '../db/open';

/** Below this many rows the ordinary path is fast enough and keeps every safety net on. */
const BULK_ROWS = 50_000;

/**
 * A bulk load brings at least 50,000 rows and more than the workspace already holds: then
 * dropping and rebuilding the indexes, and the connection settings of `enterBulkMode`, pay off.
 */
export function isBulkLoad(db: Db, expectedRows: number): boolean {
  if (expectedRows < BULK_ROWS) return false;
  const existing = (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  return expectedRows >= existing;
}

/**
 * Connection settings for one bulk load, applied before its transaction opens (SQLite ignores
 * both pragmas inside one); the returned function restores them after COMMIT or ROLLBACK.
 *
 * A rollback journal instead of WAL: WAL writes every new page twice (into the log, then into
 * the file at the checkpoint that follows the commit), a rollback journal writes new pages once
 * and journals only the few pages that existed. The import stays one transaction: a killed
 * process leaves a hot journal that the next open rolls back. If another connection holds the
 * file, SQLite refuses the switch and the load goes through WAL, merely slower.
 *
 * Foreign keys off: every id the import writes comes from the dimension tables it reads and
 * extends in the same transaction, so the six parent lookups per inserted row cannot fail and
 * only cost time.
 */
export function enterBulkMode(db: Db): () => void {
  const journal = String(db.pragma('journal_mode', { simple: true }));
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  let switched = false;
  if (journal === 'wal') {
    try {
      switched = String(db.pragma('journal_mode = DELETE', { simple: true })) === 'delete';
    } catch {
      // SQLITE_BUSY: another connection has the file open; the load goes through WAL instead.
    }
  }
  return () => {
    try {
      if (switched) db.pragma('journal_mode = WAL');
    } finally {
      db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  };
}

/**
 * Building an index once over a million sorted rows is several times faster than growing it row
 * by row, so a bulk load drops the transaction table's indexes and rebuilds them from their own
 * stored SQL inside the import's transaction (a crash or cancel rolls the drop back with
 * everything else).
 */
export function suspendIndexes(db: Db): () => void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  // Names come from sqlite_master itself, quoted as identifiers.
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  return () => {
    // A bigger cache lets the index sorts run in memory; bounded so peak RSS stays well under 400 MB.
    const cache = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -32768');
    try {
      for (const i of indexes) db.exec(i.sql);
    } finally {
      db.pragma(`cache_size = ${Number(cache)}`);
    }
  };
}
