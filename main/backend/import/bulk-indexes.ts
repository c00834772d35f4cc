import type { Db } from '../db/open';

/**
 * Building an index once over a million sorted rows is several times faster than growing it row
 * by row, so when an import is bigger than what the workspace already holds, the transaction
 * table's indexes are dropped and rebuilt from their own stored SQL inside the import's
 * transaction (a crash or cancel rolls the drop back with everything else).
 */
export function suspendIndexesForBulkLoad(db: Db, expectedRows: number): () => void {
  const existing = (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  if (expectedRows < 50_000 || expectedRows < existing) return () => {};
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
