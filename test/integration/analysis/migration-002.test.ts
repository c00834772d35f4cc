import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

const plan = (db: Database.Database, sql: string, ...args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 2: analysis runs', () => {
  it('adds STRICT run tables that workspace-info can read and indexes for the listing queries', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = new Database(path.join(t.dir, 'w.longtail'));
    migrate(db, 'test', 2);
    expect(schemaVersion(db)).toBe(2);
    db.prepare(
      "INSERT INTO analysis_runs (id, created_at, as_of, status, settings_json, data_hash) VALUES (1, '2026-01-01T00:00:00Z', '2025-12-31', 'done', '{}', 'h')",
    ).run();
    expect(db.prepare("SELECT id, created_at, as_of FROM analysis_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1").get()).toEqual({
      id: 1,
      created_at: '2026-01-01T00:00:00Z',
      as_of: '2025-12-31',
    });
    expect(() =>
      db.prepare("INSERT INTO analysis_runs (created_at, as_of, status, settings_json, data_hash) VALUES ('x', 'y', 'maybe', '{}', 'h')").run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO run_customers (run_id, code, name, tier, is_best, revenue12m, breadth, purchases, at_risk_revenue, growth_revenue, mix_json) VALUES (1, 'A', 'A', 'strategic', 0, 'lots', 1, 1, 0, 0, '[]')",
        )
        .run(),
    ).toThrow(/datatype mismatch|cannot store TEXT/);
    expect(plan(db, 'SELECT * FROM run_actions WHERE run_id = ? ORDER BY position LIMIT 50', 1)).toMatch(/run_actions_position/);
    expect(plan(db, 'SELECT * FROM run_actions WHERE run_id = ? AND kind = ? ORDER BY position', 1, 'growth')).toMatch(/run_actions_kind/);
    expect(plan(db, 'SELECT * FROM run_actions WHERE run_id = ? AND customer_code = ?', 1, 'A')).toMatch(/run_actions_customer|PRIMARY KEY|INDEX/);
    expect(plan(db, 'SELECT * FROM run_customers WHERE run_id = ? ORDER BY revenue12m DESC LIMIT 50', 1)).toMatch(/run_customers_revenue/);
    expect(plan(db, 'SELECT * FROM run_customers WHERE run_id = ? AND tier = ? ORDER BY revenue12m DESC', 1, 'long-tail')).toMatch(
      /run_customers_tier/,
    );
    db.close();
  });
});
