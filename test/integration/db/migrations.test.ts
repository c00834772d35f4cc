import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../main/backend/db/open';
import { latestSchemaVersion, migrations } from '../../../main/backend/db/migrations';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

const fresh = (): string => {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, 'w.longtail');
};

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('workspace migrations', () => {
  it('are numbered 1, 2, 3... with no gaps, so user_version always names the last one applied', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('migration 1 creates the core store as STRICT tables and moves user_version to 1', () => {
    const db = new Database(fresh());
    migrate(db, 'test', 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['meta', 'imports', 'customers', 'categories', 'products', 'reps', 'territories', 'transactions', 'rejects', 'mappings', 'settings']),
    );
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'transactions'").get() as { sql: string }).sql;
    expect(sql).toMatch(/STRICT$/);
    expect(() => db.prepare("INSERT INTO categories (id, name) VALUES ('x', 'y')").run()).toThrow(/datatype mismatch/);
    db.close();
  });

  it('migration 6 keeps the categories a whole-account action carries, removed with their run', () => {
    const db = openDatabase(fresh(), { create: true });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(6);
    db.prepare("INSERT INTO analysis_runs (id, created_at, as_of, status, settings_json, data_hash) VALUES (1, 'now', '2026-01-01', 'done', '{}', 'h')").run();
    db.prepare("INSERT INTO run_action_parts (run_id, category, action_id, at_risk) VALUES (1, 'Dairy', 'recovery:C1:All categories', 120.5)").run();
    expect(() => db.prepare("INSERT INTO run_action_parts (run_id, category, action_id, at_risk) VALUES (1, 'Meat', 'x', 'lots')").run()).toThrow(/cannot store TEXT value in REAL/);
    db.prepare('DELETE FROM analysis_runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM run_action_parts').get()).toEqual({ n: 0 });
    db.close();
  });

  it("migration 8 adds each run customer's holdout-check bucket: runs stored before keep none, and only 0 to 7 is accepted", () => {
    const file = fresh();
    const old = new Database(file);
    migrate(old, 'test', 7);
    old.prepare("INSERT INTO analysis_runs (id, created_at, as_of, status, settings_json, data_hash) VALUES (1, 'then', '2025-01-01', 'done', '{}', 'h')").run();
    const customer = (code: string, extra = '') =>
      `INSERT INTO run_customers (run_id, code, name, tier, is_best, revenue12m, breadth, purchases, at_risk_revenue, growth_revenue, mix_json${extra ? ', holdout_group' : ''})
       VALUES (1, '${code}', 'Old Co', 'long-tail', 0, 10, 1, 2, 0, 0, '[]'${extra ? `, ${extra}` : ''})`;
    old.prepare(customer('C1')).run();
    old.close();
    const db = openDatabase(file, { create: false });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    expect(db.prepare("SELECT holdout_group FROM run_customers WHERE code = 'C1'").get()).toEqual({ holdout_group: null });
    db.prepare(customer('C2', '7')).run();
    expect(db.prepare("SELECT holdout_group FROM run_customers WHERE code = 'C2'").get()).toEqual({ holdout_group: 7 });
    expect(() => db.prepare(customer('C3', '8')).run()).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('opens with WAL journaling and foreign keys on', () => {
    const db = openDatabase(fresh(), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a workspace written by a newer Longtail and says to update', () => {
    const file = fresh();
    const db = new Database(file);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    expect(() => openDatabase(file, { create: false })).toThrow(/newer Longtail.*Update Longtail/);
  });

  it('refuses a file that is not a workspace with WORKSPACE_CORRUPT', () => {
    const file = fresh();
    fs.writeFileSync(file, 'this is not sqlite at all, just text'.repeat(100));
    expect(() => openDatabase(file, { create: false })).toThrow(expect.objectContaining({ code: 'WORKSPACE_CORRUPT' }));
  });

  it('says a CSV chosen as a workspace is no workspace, not that it is damaged, and names a folder as one', () => {
    const csv = fresh();
    fs.writeFileSync(csv, 'Customer,Date,Category,Net Sales\nA,2025-01-05,Dairy,100\n');
    expect(() => openDatabase(csv, { create: false })).toThrow(
      expect.objectContaining({ code: 'WORKSPACE_CORRUPT', message: `${csv} is not a Longtail workspace: it holds no workspace data (it reads as text: a CSV or a report, say). To read its sales, import it into a workspace; to open a workspace, choose its .longtail file.` }),
    );
    const folder = path.dirname(csv);
    expect(() => openDatabase(folder, { create: false })).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringContaining('is a folder, not a workspace') }));
  });

  it("keeps each customer's last day of sales on the customer and no index over the transactions", () => {
    const db = openDatabase(fresh(), { create: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL").all()).toEqual([]);
    expect((db.pragma('table_info(customers)') as { name: string }[]).map((c) => c.name)).toContain('last_day');
    db.close();
  });
});
