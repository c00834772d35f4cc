import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { tempDir } from '../../helpers/workspace';
import { writeSampleCsv } from '../analysis/sample-csv';
import { makeReadOnly } from '../../helpers/read-only';

const now = new Date('2026-01-15T09:00:00Z');
const fixture = (name: string): string => path.join(import.meta.dirname, '..', '..', 'fixtures', 'import', name);
const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'thrown',
  );


describe('honest SQLite errors', () => {
  let dir: string;
  let cleanup: () => void;
  let analysed: string;
  let csv: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    csv = path.join(dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 11, customers: 150 });
    analysed = path.join(dir, 'analysed.longtail');
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    await backend.call('workspace-create', { path: analysed, clientName: 'Analysed' });
    await backend.call('import-run', { path: csv });
    await backend.call('analysis-run', {});
    backend.close();
  }, 120_000);

  afterAll(() => cleanup());

  const copyOf = (name: string): string => {
    const file = path.join(dir, name);
    fs.copyFileSync(analysed, file);
    return file;
  };

  it('says a workspace another connection is writing is busy, not damaged, and the import changes nothing', async () => {
    const file = copyOf('busy.longtail');
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    await backend.call('workspace-open', { path: file });
    const before = backend.session.db.prepare('SELECT count(*) AS n FROM transactions').get();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await backend.call('import-run', { path: fixture('basic.csv') }).catch((e: { code: string; message: string }) => e);
      expect(error).toMatchObject({ code: 'WORKSPACE_BUSY', message: expect.stringContaining('Wait for it to finish') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(backend.session.db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual(before);
    backend.close();
  }, 60_000);

  it('says busy, not damaged, when another process holds the file exclusively while it opens', async () => {
    const file = copyOf('exclusive.longtail');
    const other = new Database(file);
    other.pragma('journal_mode = DELETE');
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
      expect(await codeOf(backend.call('workspace-open', { path: file }))).toBe('WORKSPACE_BUSY');
      backend.close();
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  }, 60_000);

  it('opens a read-only workspace for reading, reports and exports, and refuses changes with WORKSPACE_READ_ONLY', async (ctx) => {
    const file = copyOf('read-only.longtail');
    const undo = makeReadOnly(file);
    if (!undo) return ctx.skip();
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    try {
      const info = await backend.call('workspace-open', { path: file });
      expect(info).toMatchObject({ readOnly: true, clientName: 'Analysed' });
      expect((await backend.call('analysis-summary', {})).customers.total).toBeGreaterThan(0);
      const report = await backend.call('report-build', { out: path.join(dir, 'read-only-report.html') });
      expect(fs.statSync(report.path).size).toBeGreaterThan(1000);
      const rejects = await backend.call('import-rejects-export', { importId: 1, out: path.join(dir, 'rejects.csv') });
      expect(fs.existsSync(rejects.path)).toBe(true);
      const error = await backend.call('import-run', { path: fixture('basic.csv') }).catch((e: { code: string; message: string }) => e);
      expect(error).toMatchObject({ code: 'WORKSPACE_READ_ONLY', message: expect.stringContaining('copy it to a folder you can write to') });
      expect(await codeOf(backend.call('workspace-update', { clientName: 'Renamed' }))).toBe('WORKSPACE_READ_ONLY');
    } finally {
      backend.close();
      undo();
    }
  }, 120_000);

  it('says the disk is full, not that the input file is bad, and the import changes nothing', async () => {
    const file = copyOf('full.longtail');
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    await backend.call('workspace-open', { path: file });
    const db = backend.session.db;
    const before = db.prepare('SELECT count(*) AS n FROM transactions').get();
    // The real SQLITE_FULL a full disk raises, without filling the machine's disk: cap the file's size.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const error = await backend.call('import-run', { path: csv, force: true }).catch((e: { code: string; message: string }) => e);
    expect(error).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('Free some space') });
    expect(db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual(before);
    backend.close();
  }, 60_000);

  it('calls a workspace damaged only when integrity_check fails', async () => {
    const garbage = path.join(dir, 'garbage.longtail');
    fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    expect(await codeOf(backend.call('workspace-open', { path: garbage }))).toBe('WORKSPACE_CORRUPT');
    const broken = copyOf('broken.longtail');
    const bytes = fs.readFileSync(broken);
    // Scribble over the middle pages, as a failing disk would; the header stays intact.
    bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 12));
    fs.writeFileSync(broken, bytes);
    const opened = await codeOf(backend.call('workspace-open', { path: broken }).then(() => backend.call('analysis-summary', {})));
    expect(opened).toBe('WORKSPACE_CORRUPT');
    backend.close();
  }, 60_000);
});
