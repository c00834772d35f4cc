import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/backend/db/open';
import { runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';

let cleanup = () => {};
afterEach(() => cleanup());

/** Another program's database: a table of its own, written in the ordinary rollback journal. */
function otherProgramsDatabase(table: string): { dir: string; file: string } {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = path.join(t.dir, 'other.db');
  const db = new Database(file);
  db.exec(`CREATE TABLE ${table}(a, b); INSERT INTO ${table} VALUES (1, 'x');`);
  db.close();
  return { dir: t.dir, file };
}

const sidecars = (file: string): string[] => ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(file + s));

describe("another program's SQLite file", () => {
  it.each(['orders', 'customers'])('is refused as no Longtail workspace before anything is written (a table named %s)', (table) => {
    const { file } = otherProgramsDatabase(table);
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file, { create: false })).toThrow(
      expect.objectContaining({ code: 'WORKSPACE_CORRUPT', message: expect.stringContaining(`${file} is not a Longtail workspace`) }),
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('is left byte for byte as it was when `longtail import` is pointed at it', async () => {
    const { dir, file } = otherProgramsDatabase('orders');
    fs.writeFileSync(path.join(dir, 'plain.csv'), 'Customer,Date,Category,Net Sales\nA,2025-01-05,Dairy,100\n');
    const before = fs.readFileSync(file);
    const result = await runInNewBackend(['import', 'plain.csv', '-w', 'other.db', '--json'], dir, new Date('2026-01-15T09:00:00Z'));
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.err).error).toMatchObject({ code: 'WORKSPACE_CORRUPT', message: expect.stringContaining('is not a Longtail workspace') });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('may still become a workspace when it holds no tables at all', () => {
    const { file } = otherProgramsDatabase('orders');
    fs.rmSync(file);
    new Database(file).close();
    const db = openDatabase(file, { create: false });
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get()).toBeDefined();
    db.close();
  });
});
