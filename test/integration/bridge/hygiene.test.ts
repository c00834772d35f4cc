import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '../../../shared/contract';
import { startBridge, type Bridge } from '../../../main/backend/bridge/server';
import { Backend } from '../../../main/backend/dispatch';
import { WorkerBackend } from '../../../main/backend/worker/client';
import { tempDir } from '../../helpers/workspace';
import { request } from './http';

const fixture = (name: string): string => path.join(import.meta.dirname, '..', '..', 'fixtures', 'import', name);

/** Resolves with how long the server took to close a raw socket that sent `text` and then stalled. */
function stallAndTimeClose(port: number, text: string): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
  });
}

describe('bridge hygiene', () => {
  let dir: string;
  let cleanup: () => void;
  let backend: WorkerBackend;
  let bridge: Bridge;
  let stale: string;
  let live: string;
  const auth = (): Record<string, string> => ({ [BRIDGE.tokenHeader]: bridge.token });
  const json = (): Record<string, string> => ({ ...auth(), 'content-type': 'application/json' });

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const site = path.join(dir, 'site');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Longtail</title>');
    // A run killed earlier left its scratch folder behind; another live run still uses its own.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    stale = path.join(dir, 'longtail-serve-killed');
    live = path.join(dir, 'longtail-serve-live');
    for (const [folder, pid] of [
      [stale, dead.stdout],
      [live, String(process.pid)],
    ]) {
      fs.mkdirSync(path.join(folder, '1'), { recursive: true });
      fs.writeFileSync(path.join(folder, '1', 'sales.csv'), 'x'.repeat(1000));
      fs.writeFileSync(path.join(folder, 'owner.pid'), pid);
    }
    backend = new WorkerBackend({ appDataDir: path.join(dir, 'app-data') });
    bridge = await startBridge({
      backend,
      staticDir: site,
      scratchRoot: dir,
      access: { roots: [dir] },
      timeouts: { headersMs: 400, idleMs: 400, checkMs: 100 },
    });
  });

  afterAll(async () => {
    await bridge.close();
    await backend.close();
    cleanup();
  });

  it('removes scratch folders of runs that were killed at start, and leaves those of live runs', () => {
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('closes a socket that sends its headers too slowly', async () => {
    const ms = await stallAndTimeClose(bridge.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nX-Slow: `);
    expect(ms).toBeLessThan(5_000);
  });

  it('closes a socket whose request body stalls', async () => {
    const head = `POST /rpc/workspace-info HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\n${BRIDGE.tokenHeader}: ${bridge.token}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":`;
    const ms = await stallAndTimeClose(bridge.port, head);
    expect(ms).toBeLessThan(5_000);
  });

  it('keeps the event stream open well past those timeouts', async () => {
    let closed = false;
    let received = '';
    const socket = net.connect(bridge.port, '127.0.0.1', () =>
      socket.write(`GET /events?token=${bridge.token} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\n\r\n`),
    );
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('close', () => (closed = true));
    await new Promise((r) => setTimeout(r, 2_000));
    socket.destroy();
    expect(received).toContain('text/event-stream');
    expect(closed).toBe(false);
  });

  it('answers a broken %-escape in a call name, a job id or a cookie with 400 or 401, never 500', async () => {
    expect((await request(bridge.port, { method: 'POST', path: '/rpc/workspace-%E0%A4%A', headers: json(), body: '{}' })).status).toBe(400);
    expect((await request(bridge.port, { method: 'POST', path: '/cancel/%ZZ', headers: auth() })).status).toBe(400);
    expect((await request(bridge.port, { path: '/%E0%A4%A', headers: { cookie: `longtail-token-${bridge.port}=${bridge.token}` } })).status).toBe(400);
    expect((await request(bridge.port, { path: '/', headers: { cookie: `longtail-token-${bridge.port}=%E0%A4%A` } })).status).toBe(401);
  });

  it('answers JSON nested deeper than a call input ever is with 400', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const reply = await request(bridge.port, { method: 'POST', path: '/rpc/workspace-info', headers: json(), body: deep });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toMatch(/nests deeper/);
    const nested = `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
    expect((await request(bridge.port, { method: 'POST', path: '/rpc/workspace-info', headers: json(), body: nested })).status).toBe(400);
    const fine = JSON.stringify({ note: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' });
    expect((await request(bridge.port, { method: 'POST', path: '/rpc/workspace-recent', headers: json(), body: fine })).status).toBe(200);
  });

  it('deletes an uploaded file once it is imported, but keeps it through a dry run', async () => {
    const created = await request(bridge.port, { method: 'POST', path: '/rpc/workspace-create', headers: json(), body: JSON.stringify({ path: path.join(dir, 'acme.longtail'), clientName: 'Acme' }) });
    expect(JSON.parse(created.body).ok).toBe(true);
    const up = await request(bridge.port, { method: 'POST', path: '/upload?name=basic.csv', headers: auth(), body: fs.readFileSync(fixture('basic.csv')) });
    const uploaded = JSON.parse(up.body).value.path as string;
    const run = async (dryRun: boolean) =>
      JSON.parse((await request(bridge.port, { method: 'POST', path: '/rpc/import-run', headers: json(), body: JSON.stringify({ path: uploaded, dryRun }) })).body);
    expect(await run(true)).toMatchObject({ ok: true });
    expect(fs.existsSync(uploaded)).toBe(true);
    expect(await run(false)).toMatchObject({ ok: true, value: { rowsImported: expect.any(Number) } });
    expect(fs.existsSync(path.dirname(uploaded))).toBe(false);
  });
});

describe('analysis runs a killed process left behind', () => {
  it('are marked failed, with a reason, when the workspace is next opened', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'killed.longtail');
      const backend = new Backend({ appDataDir: path.join(dir, 'app-data') });
      await backend.call('workspace-create', { path: file, clientName: 'Killed' });
      backend.close();
      // What a kill -9 in the middle of an analysis leaves: a committed 'running' row.
      const raw = new Database(file);
      raw.prepare("INSERT INTO analysis_runs (created_at, as_of, status, settings_json, data_hash) VALUES ('2026-01-01', '2025-12-31', 'running', '{}', 'h')").run();
      raw.close();
      const again = new Backend({ appDataDir: path.join(dir, 'app-data') });
      await again.call('workspace-open', { path: file });
      const row = again.session.db.prepare('SELECT status, error FROM analysis_runs').get() as { status: string; error: string };
      again.close();
      expect(row).toEqual({ status: 'failed', error: expect.stringContaining('stopped before this analysis finished') });
    } finally {
      cleanup();
    }
  });
});
