import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { warmData } from '../../../main/backend/analysis/warm';
import { Backend } from '../../../main/backend/dispatch';
import { tempDir } from '../../helpers/workspace';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A workspace as Longtail wrote it at schema version 9: one import of four sales. */
function seedVersion9(): { dir: string; file: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'w.longtail');
  const db = new Database(file);
  migrate(db, 'test', 9);
  db.exec(`
    INSERT INTO imports (id, file_name, file_path, file_size, sha256, shape, mapping_json, started_at, status) VALUES
      (1, 'a.csv', '/a.csv', 10, 'x', 'transactions', '{"customer":"Customer","date":"Date","category":"Category","revenue":"Revenue"}', '2026-01-01', 'done');
    INSERT INTO customers (id, code, name) VALUES (1, 'K1', 'Kestrel Deli'), (2, 'K2', 'Harbour Cafe');
    INSERT INTO categories (id, name) VALUES (1, 'Dairy'), (2, 'Bakery');
    INSERT INTO transactions (import_id, source_row, customer_id, day, category_id, revenue) VALUES
      (1, 2, 1, 20000, 1, 10), (1, 3, 2, 20001, 2, 20), (1, 4, 1, 20002, 2, 30), (1, 5, 1, 20003, 1, 40);
  `);
  db.close();
  return { dir: t.dir, file };
}

describe('migration 10 (the dataset kept as column blobs)', () => {
  it('adds an empty table for the kept columns, keeps every row, and moves user_version to 10', () => {
    const { file } = seedVersion9();
    const db = new Database(file);
    migrate(db, 'test', 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT count(*) AS n FROM loaded_columns').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n, sum(revenue) AS r FROM transactions').get()).toEqual({ n: 4, r: 100 });
    db.close();
  });

  it('lets a workspace from before it load from its rows once, then from the columns it kept', async () => {
    const { dir, file } = seedVersion9();
    const open = async (): Promise<Backend> => {
      const backend = new Backend({ appDataDir: path.join(dir, 'app-data') });
      cleanups.unshift(() => backend.close());
      await backend.call('workspace-open', { path: file });
      return backend;
    };
    const first = await open();
    const fromRows = warmData(first.session);
    expect(fromRows.source).toBe('table');
    // By customer, then category by name (Bakery before Dairy), then day.
    expect([...fromRows.ds.tx.revenue]).toEqual([30, 10, 40, 20]);
    first.close();
    const second = await open();
    const fromKept = warmData(second.session);
    expect(fromKept.source).toBe('kept');
    expect(fromKept.ds).toEqual(fromRows.ds);
  });
});
