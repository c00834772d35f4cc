import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../main/backend/db/open';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

const fresh = (): string => {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, 'w.longtail');
};

const transactionIndexes = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);

function seedVersion3(file: string): void {
  const db = new Database(file);
  migrate(db, 'test', 3);
  db.exec(`
    INSERT INTO imports (id, file_name, file_path, file_size, sha256, shape, mapping_json, started_at, status) VALUES
      (1, 'a.csv', '/a.csv', 10, 'x', 'transactions', '{}', '2026-01-01', 'done'),
      (2, 'b.csv', '/b.csv', 10, 'y', 'transactions', '{}', '2026-01-02', 'done');
    INSERT INTO customers (id, code, name) VALUES (1, 'K1', 'K1');
    INSERT INTO categories (id, name) VALUES (1, 'Dairy');
    INSERT INTO transactions (import_id, source_row, customer_id, day, category_id, revenue) VALUES
      (1, 2, 1, 20000, 1, 10), (1, 3, 1, 20001, 1, 20), (2, 2, 1, 20002, 1, 30);
  `);
  db.close();
}

describe('migration 4 (lean transaction indexes)', () => {
  it('drops the by-import index, keeps the by-day one and every row, and moves user_version to 4', () => {
    const file = fresh();
    seedVersion3(file);
    const db = new Database(file);
    expect(transactionIndexes(db)).toEqual(['transactions_customer_category_day', 'transactions_day', 'transactions_import']);
    migrate(db, 'test', 4);
    expect(schemaVersion(db)).toBe(4);
    expect(transactionIndexes(db)).toEqual(['transactions_customer_category_day', 'transactions_day']);
    expect(db.prepare('SELECT count(*) AS n, sum(revenue) AS r FROM transactions').get()).toEqual({ n: 3, r: 60 });
    db.close();
  });

  it('still deletes an import together with its transactions, without the by-import index', () => {
    const file = fresh();
    seedVersion3(file);
    const db = openDatabase(file, { create: false });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(4);
    db.prepare('DELETE FROM imports WHERE id = ?').run(1);
    expect(db.prepare('SELECT import_id, revenue FROM transactions').all()).toEqual([{ import_id: 2, revenue: 30 }]);
    db.close();
  });
});
