import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { newWorkspace } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function writeBigCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'Customer,Date,Revenue,Category,Sales Rep\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `K${(i * 7919) % 5003},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 97) + 0.25},Cat${i % 13},Rep${i % 11}\n`;
    if (chunk.length > 1 << 16) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

describe('an import killed half way', () => {
  it('leaves the workspace exactly as it was: integrity ok, every count unchanged', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const before = storeCounts(w.backend);
    w.backend.close();

    const big = path.join(w.dir, 'big.csv');
    writeBigCsv(big, 400_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'child-import.ts'), w.file, big, path.join(w.dir, 'child-app-data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const state = await new Promise<string>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        const text = d.toString();
        if (text.includes('importing')) {
          child.kill('SIGKILL');
          resolve('killed mid-import');
        } else if (text.includes('finished')) resolve('finished before the kill');
      });
      child.on('exit', () => resolve(`exited: ${stderr}`));
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)));
    expect(state).toBe('killed mid-import');
    // A bulk load runs on a rollback journal: the kill leaves it hot, and the next open rolls it back.
    expect(fs.existsSync(`${w.file}-journal`)).toBe(true);

    const again = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    cleanups.unshift(() => again.close());
    await again.call('workspace-open', { path: w.file });
    expect(again.session.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(storeCounts(again)).toEqual(before);
    expect(again.session.db.prepare("SELECT count(*) AS n FROM imports WHERE status <> 'done'").get()).toEqual({ n: 0 });
  });
});

describe('a bulk import into an empty workspace', () => {
  it('rebuilds every transaction index it set aside, so the queries still use them', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const db = w.backend.session.db;
    // The schema keeps none on transactions any more; one added later must survive a bulk import.
    db.exec('CREATE INDEX transactions_customer_category_day ON transactions (customer_id, category_id, day)');
    const indexes = (): string[] =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const before = indexes();
    const big = path.join(w.dir, 'bulk.csv');
    writeBigCsv(big, 200_000);
    const s = await w.backend.call('import-run', { path: big });
    expect(s.rowsImported).toBe(200_000);
    expect(indexes()).toEqual(before);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT day, revenue FROM transactions WHERE customer_id = ? AND category_id = ?').all(1, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/transactions_customer_category_day/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('still imports, through WAL, while another connection has the workspace open', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const other = new Database(w.file, { readonly: true });
    cleanups.unshift(() => other.close());
    other.prepare('SELECT count(*) FROM transactions').get();
    const big = path.join(w.dir, 'bulk.csv');
    writeBigCsv(big, 200_000);
    const s = await w.backend.call('import-run', { path: big });
    expect(s.rowsImported).toBe(200_000);
    expect(other.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({ n: 200_000 });
    expect(w.backend.session.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(w.backend.session.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('puts the connection back as it was when cancelled: WAL, foreign keys on, every index, nothing stored', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const db = w.backend.session.db;
    const schema = (): unknown[] => db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'transactions' ORDER BY name").all();
    const before = { schema: schema(), counts: storeCounts(w.backend) };
    const big = path.join(w.dir, 'bulk.csv');
    writeBigCsv(big, 200_000);
    const controller = new AbortController();
    const outcome = await w.backend.invoke('import-run', { path: big }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect({ schema: schema(), counts: storeCounts(w.backend) }).toEqual(before);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
