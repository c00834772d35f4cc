import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { dayFromIso } from '../../../shared/format/dates';
import { freshWorkspaces, tempDir } from '../../helpers/workspace';

const workspace = freshWorkspaces();
let cleanup = () => {};
afterEach(() => cleanup());

const write = (dir: string, name: string, lines: string[]): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

/** Customers whose last_day is not the last day of their stored sales (NULL for none): none, ever. */
const stale = (db: Database.Database): unknown[] =>
  db.prepare('SELECT c.code, c.last_day, (SELECT max(day) FROM transactions t WHERE t.customer_id = c.id) AS stored FROM customers c WHERE c.last_day IS NOT stored').all();

const repOf = (db: Database.Database, code: string): string | null =>
  (db.prepare('SELECT r.name AS rep FROM customers c LEFT JOIN reps r ON r.id = c.rep_id WHERE c.code = ?').get(code) as { rep: string | null }).rep;

describe("a customer's last day of sales", () => {
  it('follows every import, with or without rep columns, so an older file never overwrites a newer rep', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    const withReps = 'Customer,Date,Category,Revenue,Rep';
    await w.backend.call('import-run', { path: write(w.dir, 'feb.csv', [withReps, 'K1,2025-02-10,A,10,Newer Rep', 'K2,2025-02-11,A,20,Bea']) });
    expect(stale(db)).toEqual([]);
    await w.backend.call('import-run', { path: write(w.dir, 'jan.csv', [withReps, 'K1,2025-01-10,A,10,Older Rep', 'K3,2025-01-12,B,5,Cy']) });
    expect(repOf(db, 'K1')).toBe('Newer Rep');
    expect(stale(db)).toEqual([]);
    // A file without rep columns still moves K1's last day on, past the next file's rep.
    await w.backend.call('import-run', { path: write(w.dir, 'mar.csv', ['Customer,Date,Category,Revenue', 'K1,2025-03-20,A,10', 'K1,2025-03-01,B,7']) });
    expect((db.prepare("SELECT last_day FROM customers WHERE code = 'K1'").get() as { last_day: number }).last_day).toBe(dayFromIso('2025-03-20'));
    await w.backend.call('import-run', { path: write(w.dir, 'mid-mar.csv', [withReps, 'K1,2025-03-10,A,10,Stale Rep', 'K2,2025-03-10,A,10,Dan']) });
    expect(repOf(db, 'K1')).toBe('Newer Rep');
    expect(repOf(db, 'K2')).toBe('Dan');
    expect(stale(db)).toEqual([]);
  });

  it('is right for every one of a thousand customers, some moved on by a later file and some kept by it', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    const header = 'Customer,Date,Category,Revenue';
    // Far more customers than one statement stores, and not a multiple of it.
    const first = Array.from({ length: 1000 }, (_, i) => `C${i},2025-0${1 + (i % 6)}-1${i % 10},A,${i + 1}`);
    await w.backend.call('import-run', { path: write(w.dir, 'first.csv', [header, ...first]) });
    expect(stale(db)).toEqual([]);
    // Even customers buy again later, odd ones only earlier: only the even ones' last day moves.
    const second = Array.from({ length: 1000 }, (_, i) => `C${i},${i % 2 === 0 ? '2025-09-01' : '2024-12-01'},B,${i + 2}`);
    await w.backend.call('import-run', { path: write(w.dir, 'second.csv', [header, ...second]) });
    expect(stale(db)).toEqual([]);
    const last = db.prepare('SELECT code, last_day FROM customers WHERE code IN (?, ?)').all('C2', 'C3');
    expect(last).toEqual([
      { code: 'C2', last_day: dayFromIso('2025-09-01') },
      { code: 'C3', last_day: dayFromIso('2025-04-13') },
    ]);
  });

  it('gives each of a thousand customers the name, rep, territory and segment of its latest sale, across two files', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    const header = 'Customer,Name,Date,Category,Revenue,Rep,Territory,Segment';
    // Far more customers than one statement updates, and not a multiple of it.
    const first = Array.from({ length: 1000 }, (_, i) => `C${i},Old ${i},2025-0${1 + (i % 6)}-1${i % 10},A,${i + 1},Rep ${i % 7},North,Cafe`);
    await w.backend.call('import-run', { path: write(w.dir, 'first.csv', [header, ...first]) });
    // Even customers buy again later under new details; odd ones' rows are older, so their details stay.
    const second = Array.from({ length: 1000 }, (_, i) => `C${i},New ${i},${i % 2 === 0 ? '2025-09-01' : '2024-12-01'},B,${i + 2},Rep ${i % 5 + 10},South,Hotel`);
    await w.backend.call('import-run', { path: write(w.dir, 'second.csv', [header, ...second]) });
    const rows = db
      .prepare('SELECT c.code, c.name, r.name AS rep, t.name AS territory, c.segment FROM customers c JOIN reps r ON r.id = c.rep_id JOIN territories t ON t.id = c.territory_id')
      .all() as { code: string; name: string; rep: string; territory: string; segment: string }[];
    expect(rows).toHaveLength(1000);
    const wrong = rows.filter((r) => {
      const i = Number(r.code.slice(1));
      const expected = i % 2 === 0 ? { name: `New ${i}`, rep: `Rep ${i % 5 + 10}`, territory: 'South', segment: 'Hotel' } : { name: `Old ${i}`, rep: `Rep ${i % 7}`, territory: 'North', segment: 'Cafe' };
      return r.name !== expected.name || r.rep !== expected.rep || r.territory !== expected.territory || r.segment !== expected.segment;
    });
    expect(wrong).toEqual([]);
  });

  it('is not taken from a row rejected for a date far from the rest, nor changed by a failed import', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    const months = ['2010-12-01', '2011-01-04', '2011-02-01', '2011-03-01', '2011-04-01', '2011-05-03', '2925-06-01', '2011-07-01', '2011-08-01', '2011-09-01', '2011-10-03', '2011-11-01'];
    const s = await w.backend.call('import-run', { path: write(w.dir, 'typo.csv', ['Customer,Date,Category,Net Sales', ...months.map((d, i) => `C${(i % 3) + 1},${d},A,${i + 1}`)]) });
    expect(s.rowsRejected).toBe(1);
    expect(stale(db)).toEqual([]);
    expect((db.prepare("SELECT last_day FROM customers WHERE code = 'C1'").get() as { last_day: number }).last_day).toBe(dayFromIso('2011-09-01'));
    const before = db.prepare('SELECT code, last_day FROM customers ORDER BY code').all();
    await expect(w.backend.call('import-run', { path: write(w.dir, 'bad.csv', ['Customer,Date,Category,Net Sales', 'C1,2012-05-01,A,x', 'C9,2012-05-02,A,y']) })).rejects.toMatchObject({
      code: 'IMPORT_NOT_A_TABLE',
    });
    expect(db.prepare('SELECT code, last_day FROM customers ORDER BY code').all()).toEqual(before);
  });

  it('is the as-of day for the customers of a spend table', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    await w.backend.call('import-run', { path: write(w.dir, 'spend.csv', ['Customer,Dairy,Bakery', 'S1,100,0', 'S2,0,50']), shape: 'spend-table', asOf: '2026-01-10' });
    expect(db.prepare('SELECT code, last_day FROM customers ORDER BY code').all()).toEqual([
      { code: 'S1', last_day: dayFromIso('2026-01-10') },
      { code: 'S2', last_day: dayFromIso('2026-01-10') },
    ]);
    expect(stale(db)).toEqual([]);
  });
});

describe('migration 9 (last day on the customer, no customer x category x day index)', () => {
  it("records each customer's last stored day, drops the index and keeps every row", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'w.longtail');
    const db = new Database(file);
    migrate(db, 'test', 8);
    db.exec(`
      INSERT INTO imports (id, file_name, file_path, file_size, sha256, shape, mapping_json, started_at, status) VALUES (1, 'a.csv', '/a.csv', 10, 'x', 'transactions', '{}', '2026-01-01', 'done');
      INSERT INTO customers (id, code, name) VALUES (1, 'K1', 'K1'), (2, 'K2', 'K2'), (3, 'K3', 'K3');
      INSERT INTO categories (id, name) VALUES (1, 'Dairy'), (2, 'Bakery');
      INSERT INTO transactions (import_id, source_row, customer_id, day, category_id, revenue) VALUES
        (1, 2, 1, 20010, 1, 10), (1, 3, 1, 20030, 2, 20), (1, 4, 1, 20020, 1, 30), (1, 5, 2, 20001, 1, 5);
    `);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'").pluck().all()).toEqual(['transactions_customer_category_day']);
    migrate(db, 'test', 9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'").all()).toEqual([]);
    expect(db.prepare('SELECT code, last_day FROM customers ORDER BY id').all()).toEqual([
      { code: 'K1', last_day: 20030 },
      { code: 'K2', last_day: 20001 },
      { code: 'K3', last_day: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n, sum(revenue) AS r FROM transactions').get()).toEqual({ n: 4, r: 65 });
    db.close();
  });
});
