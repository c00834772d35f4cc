import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

const plan = (db: Database.Database, sql: string, ...args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');

const runIndexes = (db: Database.Database): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('run_customers', 'run_actions') AND sql IS NOT NULL ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);

describe('migration 5: lean run indexes', () => {
  it('drops the six secondary run indexes, keeps every stored run row, and moves user_version to 5', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = new Database(path.join(t.dir, 'w.longtail'));
    migrate(db, 'test', 4);
    expect(runIndexes(db)).toHaveLength(6);
    db.exec(`
      INSERT INTO analysis_runs (id, created_at, as_of, status, settings_json, data_hash) VALUES (1, '2026-01-01T00:00:00Z', '2025-12-31', 'done', '{}', 'h');
      INSERT INTO run_customers (run_id, code, name, tier, is_best, revenue12m, breadth, purchases, at_risk_revenue, growth_revenue, mix_json)
        VALUES (1, 'A', 'A', 'strategic', 1, 100, 2, 5, 0, 0, '[]'), (1, 'B', 'B', 'long-tail', 0, 10, 1, 2, 0, 0, '[]');
    `);
    migrate(db, 'test', 5);
    expect(schemaVersion(db)).toBe(5);
    expect(runIndexes(db)).toEqual([]);
    expect(db.prepare('SELECT code FROM run_customers WHERE run_id = 1 ORDER BY revenue12m DESC').all()).toEqual([{ code: 'A' }, { code: 'B' }]);
    db.close();
  });

  it('still finds one run’s rows through the primary keys rather than scanning every run', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = new Database(path.join(t.dir, 'w.longtail'));
    migrate(db, 'test', 5);
    expect(plan(db, 'SELECT * FROM run_actions WHERE run_id = ? ORDER BY position LIMIT 50', 1)).toMatch(/SEARCH run_actions USING PRIMARY KEY \(run_id=\?\)/);
    expect(plan(db, 'SELECT * FROM run_customers WHERE run_id = ? AND tier = ? ORDER BY revenue12m DESC', 1, 'long-tail')).toMatch(
      /SEARCH run_customers USING PRIMARY KEY \(run_id=\?\)/,
    );
    db.close();
  });
});
