import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/backend/db/open';
import { Backend } from '../../../main/backend/dispatch';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

const fresh = (): { dir: string; file: string } => {
  const t = tempDir();
  cleanup = t.cleanup;
  return { dir: t.dir, file: path.join(t.dir, 'w.longtail') };
};

const transactionIndexes = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** A version-6 workspace whose imports never recorded their date range (as the seeds of older tests). */
function seedVersion6(file: string): void {
  const db = new Database(file);
  migrate(db, 'test', 6);
  db.exec(`
    INSERT INTO imports (id, file_name, file_path, file_size, sha256, shape, mapping_json, started_at, status) VALUES
      (1, 'a.csv', '/a.csv', 10, 'x', 'transactions', '{}', '2026-01-01', 'done'),
      (2, 'b.csv', '/b.csv', 10, 'y', 'transactions', '{}', '2026-01-02', 'done'),
      (3, 'master.csv', '/master.csv', 10, 'z', 'product-master', '{}', '2026-01-03', 'done');
    INSERT INTO customers (id, code, name) VALUES (1, 'K1', 'K1');
    INSERT INTO categories (id, name) VALUES (1, 'Dairy');
    INSERT INTO transactions (import_id, source_row, customer_id, day, category_id, revenue) VALUES
      (1, 2, 1, 20010, 1, 10), (1, 3, 1, 20001, 1, 20), (2, 2, 1, 20030, 1, 30), (2, 3, 1, 20020, 1, 5);
  `);
  db.close();
}

describe('migration 7 (no by-day transaction index)', () => {
  it('drops the by-day index, records each import\'s first and last stored day, and keeps every row', () => {
    const { file } = fresh();
    seedVersion6(file);
    const db = new Database(file);
    expect(transactionIndexes(db)).toEqual(['transactions_customer_category_day', 'transactions_day']);
    migrate(db, 'test', 7);
    expect(schemaVersion(db)).toBe(7);
    expect(transactionIndexes(db)).toEqual(['transactions_customer_category_day']);
    expect(db.prepare('SELECT id, date_from, date_to FROM imports ORDER BY id').all()).toEqual([
      { id: 1, date_from: 20001, date_to: 20010 },
      { id: 2, date_from: 20020, date_to: 20030 },
      { id: 3, date_from: null, date_to: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n, sum(revenue) AS r FROM transactions').get()).toEqual({ n: 4, r: 65 });
    db.close();
  });

  it('leaves the recorded ranges alone when they already span the stored days', () => {
    const { file } = fresh();
    seedVersion6(file);
    const db = new Database(file);
    // A range recorded wider than one import's rows (as after rows were moved) is the import's own record.
    db.exec("UPDATE imports SET date_from = 20001, date_to = 20015 WHERE id = 1; UPDATE imports SET date_from = 20016, date_to = 20030 WHERE id = 2");
    migrate(db, 'test', 7);
    expect(db.prepare("SELECT id, date_from, date_to FROM imports WHERE shape = 'transactions' ORDER BY id").all()).toEqual([
      { id: 1, date_from: 20001, date_to: 20015 },
      { id: 2, date_from: 20016, date_to: 20030 },
    ]);
    db.close();
  });

  it('gives the workspace the date range of its stored rows, also after far-off dates were rejected', async () => {
    const { dir, file } = fresh();
    const backend = new Backend({ appDataDir: path.join(dir, 'app') });
    try {
      await backend.call('workspace-create', { path: file, clientName: 'Range' });
      expect((await backend.call('workspace-info', {})).dateFrom).toBeNull();
      const csv = path.join(dir, 'sales.csv');
      const lines = ['Customer,Date,Category,Revenue'];
      // Sixty days of sales from 1 January, then one line typed with the year 2925: rejected, and not in the range.
      for (let d = 0; d < 60; d++) for (let c = 0; c < 40; c++) lines.push(`C${c},${isoFromDay(dayFromIso('2026-01-01') + d)},Dairy,${10 + c}`);
      lines.push('C1,2925-02-03,Dairy,12');
      fs.writeFileSync(csv, `${lines.join('\n')}\n`);
      const s = await backend.call('import-run', { path: csv });
      expect(s.rejectsSample.map((r) => r.value)).toEqual(['2925-02-03']);
      const info = await backend.call('workspace-info', {});
      expect([info.dateFrom, info.dateTo]).toEqual(['2026-01-01', '2026-03-01']);
      const stored = backend.session.db.prepare('SELECT min(day) AS lo, max(day) AS hi FROM transactions').get() as { lo: number; hi: number };
      expect([isoFromDay(stored.lo), isoFromDay(stored.hi)]).toEqual([info.dateFrom, info.dateTo]);
    } finally {
      backend.close();
    }
  });
});
