import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

function openAt(version: number): Database.Database {
  const t = tempDir();
  cleanup = t.cleanup;
  const db = new Database(path.join(t.dir, 'w.longtail'));
  db.pragma('foreign_keys = ON');
  migrate(db, 'test', version);
  return db;
}

describe('migration 3 (roster and assignment)', () => {
  it('keeps reps imported before it and marks them active', () => {
    const db = openAt(2);
    db.prepare("INSERT INTO reps (name) VALUES ('Rita Field')").run();
    migrate(db, 'test', 3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT name, kind, active, updated_at FROM reps').all()).toEqual([
      { name: 'Rita Field', kind: 'unknown', active: 1, updated_at: null },
    ]);
    expect(() => db.prepare("UPDATE reps SET active = 2 WHERE name = 'Rita Field'").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('creates the override and plan tables as STRICT tables', () => {
    const db = openAt(3);
    for (const table of ['assignment_overrides', 'assignment_plans', 'assignment_plan_accounts', 'assignment_plan_actions']) {
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }).sql;
      expect(sql).toMatch(/STRICT$/);
    }
    expect(() =>
      db.prepare("INSERT INTO assignment_plans (run_id, created_at, as_of, currency, settings_json, summary_json) VALUES ('x', '', '', '', '', '')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column|datatype mismatch/);
    db.close();
  });

  it('drops a plan\'s accounts and actions with the plan', () => {
    const db = openAt(3);
    db.prepare("INSERT INTO assignment_plans (id, run_id, created_at, as_of, currency, settings_json, summary_json) VALUES (1, 1, 'now', '2025-01-01', 'USD', '{}', '{}')").run();
    db.prepare(
      `INSERT INTO assignment_plan_accounts VALUES (1, 0, 'C1', 'Acme', 'long-tail', 'West', NULL, 'Rita', 'outside', 'assigned', 'r', 1, 0, 10, 10, 50)`,
    ).run();
    db.prepare("INSERT INTO assignment_plan_actions VALUES (1, 'C1', 'growth:C1:Dairy', 'growth', 'Dairy', 10, 50, 'r')").run();
    db.prepare('DELETE FROM assignment_plans WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM assignment_plan_accounts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM assignment_plan_actions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('finds a rep\'s accounts in a plan through its index', () => {
    const db = openAt(3);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM assignment_plan_accounts WHERE plan_id = ? AND rep = ? ORDER BY position')
      .all(1, 'Rita') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX assignment_plan_accounts_rep/);
    db.close();
  });
});
