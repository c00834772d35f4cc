import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/backend/db/open';
import { flushEarly } from '../../../main/backend/db/early-flush';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

describe('writing a bulk load to disk before its commit', () => {
  it('leaves the transaction as it was: rolled back, nothing of it stays; committed, all of it does', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'w.longtail');
    const db = openDatabase(file, { create: true });
    db.exec('CREATE TABLE t (v INTEGER)');
    db.pragma('journal_mode = DELETE');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const load = (rows: number) => {
      db.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < rows; i++) insert.run(i);
      flushEarly(db);
    };
    load(50_000);
    db.exec('ROLLBACK');
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    load(50_000);
    db.exec('COMMIT');
    // The sync queued on the I/O pool has run or is running; either way the file is whole.
    await new Promise((resolve) => setTimeout(resolve, 50));
    db.close();
    const again = openDatabase(file, { create: false });
    expect(again.prepare('SELECT count(*), sum(v) FROM t').raw().get()).toEqual([50_000, (49_999 * 50_000) / 2]);
    again.close();
  });

  it('does nothing, and throws nothing, when the file is not there', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const vanished = { name: path.join(t.dir, 'moved-away.longtail') } as Db;
    expect(() => flushEarly(vanished)).not.toThrow();
  });
});
