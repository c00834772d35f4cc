import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '../../../shared/contract';
import { startBridge, type Bridge } from '../../../main/backend/bridge/server';
import { writtenFiles } from '../../../main/backend/bridge/files';
import { WorkerBackend } from '../../../main/backend/worker/client';
import { tempDir } from '../../helpers/workspace';
import { openEvents, request } from './http';


describe('the HTTP bridge of longtail serve', () => {
  let dir: string;
  let cleanup: () => void;
  let backend: WorkerBackend;
  let bridge: Bridge;
  let port: number;
  let auth: Record<string, string>;
  const json = (extra: Record<string, string> = {}) => ({ ...auth, 'content-type': 'application/json', ...extra });

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const site = path.join(dir, 'site');
    fs.mkdirSync(path.join(site, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Longtail</title><script src="/assets/app.js"></script>');
    fs.writeFileSync(path.join(site, 'assets', 'app.js'), 'console.log("app");');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
    backend = new WorkerBackend({ appDataDir: path.join(dir, 'app-data') });
    bridge = await startBridge({ backend, staticDir: site, scratchRoot: dir, access: { roots: [dir] }, limits: { rpcBytes: 64 * 1024, uploadBytes: 1024 * 1024 } });
    port = bridge.port;
    auth = { [BRIDGE.tokenHeader]: bridge.token };
  });

  afterAll(async () => {
    await bridge.close();
    await backend.close();
    cleanup();
  });

  it('listens on 127.0.0.1 only and prints its address with a long random token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${port}/?token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  const routes = [
    { method: 'POST', path: '/rpc/workspace-info', body: '{}' },
    { method: 'POST', path: '/rpc/workspace-create', body: '{"path":"/tmp/never.longtail","clientName":"X"}' },
    { method: 'GET', path: '/events' },
    { method: 'POST', path: '/cancel/job-1' },
    { method: 'POST', path: '/upload?name=a.csv', body: 'a,b\n1,2\n' },
    { method: 'POST', path: '/export-target?name=plan.xlsx' },
    { method: 'GET', path: '/download?path=/etc/hostname' },
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/assets/app.js' },
    { method: 'GET', path: '/no/such/thing' },
  ];

  it.each(routes)('answers $method $path without the token with 401 and nothing else', async (route) => {
    const reply = await request(port, { method: route.method, path: route.path, body: route.body, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it.each(routes)('answers $method $path with a wrong token of the right length with 401', async (route) => {
    const wrong = `${bridge.token.slice(0, -1)}${bridge.token.endsWith('A') ? 'B' : 'A'}`;
    const reply = await request(port, {
      method: route.method,
      path: `${route.path}${route.path.includes('?') ? '&' : '?'}token=${wrong}`,
      body: route.body,
      headers: { 'content-type': 'application/json', [BRIDGE.tokenHeader]: wrong, cookie: `longtail-token-${port}=${wrong}` },
    });
    expect(reply.status).toBe(401);
  });

  it('makes no call at all when the token is missing: the workspace is not created', async () => {
    const file = path.join(dir, 'unauthorised.longtail');
    await request(port, { method: 'POST', path: '/rpc/workspace-create', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: file, clientName: 'X' }) });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a call that carries the token only in the query string or a cookie', async () => {
    const viaQuery = await request(port, { method: 'POST', path: `/rpc/workspace-recent?token=${bridge.token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
    const viaCookie = await request(port, { method: 'POST', path: '/rpc/workspace-recent', headers: { 'content-type': 'application/json', cookie: `longtail-token-${port}=${bridge.token}` }, body: '{}' });
    expect([viaQuery.status, viaCookie.status]).toEqual([401, 401]);
  });

  it('refuses a request addressed to a foreign host name even with the token', async () => {
    const reply = await request(port, { method: 'POST', path: '/rpc/workspace-recent', headers: json({ host: `evil.example:${port}` }), body: '{}' });
    expect(reply.status).toBe(403);
  });

  it('creates a workspace and reads it back through POST /rpc/<name> as Outcome JSON', async () => {
    const file = path.join(dir, 'acme.longtail');
    const created = await request(port, { method: 'POST', path: '/rpc/workspace-create', headers: json(), body: JSON.stringify({ path: file, clientName: 'Acme', currency: 'EUR' }) });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { clientName: 'Acme', currency: 'EUR' } });
    const info = JSON.parse((await request(port, { method: 'POST', path: '/rpc/workspace-info', headers: json(), body: '' })).body);
    expect(info).toMatchObject({ ok: true, value: { path: file, transactions: 0 } });
  });

  it('passes the backend errors through as Outcome envelopes', async () => {
    const unknown = JSON.parse((await request(port, { method: 'POST', path: '/rpc/nothing-here', headers: json(), body: '{}' })).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    const invalid = JSON.parse((await request(port, { method: 'POST', path: '/rpc/workspace-open', headers: json(), body: '{"path":""}' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers a body that is not JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
    const bad = await request(port, { method: 'POST', path: '/rpc/workspace-info', headers: json(), body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const form = await request(port, { method: 'POST', path: '/rpc/workspace-info', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const huge = await request(port, { method: 'POST', path: '/rpc/workspace-info', headers: json(), body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) });
    expect(huge.status).toBe(413);
    const get = await request(port, { method: 'GET', path: '/rpc/workspace-info', headers: json() });
    expect(get.status).toBe(405);
  });

  it('serves the page with a strict CSP, signs its assets in with a cookie and never leaves its folder', async () => {
    const page = await request(port, { path: `/?token=${bridge.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Longtail</title>');
    const csp = String(page.headers['content-security-policy']);
    for (const rule of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self'"]) {
      expect(csp).toContain(rule);
    }
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await request(port, { path: '/assets/app.js', headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const screen = await request(port, { path: '/recovery', headers: { cookie } });
    expect(screen.body).toContain('<title>Longtail</title>');
    for (const sneaky of ['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const reply = await request(port, { path: sneaky, headers: { cookie } });
      expect(reply.body).not.toContain('not for the browser');
    }
  });

  it('stores an upload in the per-run scratch folder under its own name and lets the page download it back', async () => {
    const content = 'Customer,Date,Revenue\nC1,2025-01-02,10\n';
    const up = await request(port, { method: 'POST', path: '/upload?name=../../sales%20jan.csv', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: content });
    const uploaded = JSON.parse(up.body) as { ok: true; value: { path: string } };
    expect(uploaded.ok).toBe(true);
    expect(path.basename(uploaded.value.path)).toBe('sales jan.csv');
    expect(uploaded.value.path.startsWith(bridge.scratchDir + path.sep)).toBe(true);
    expect(fs.readFileSync(uploaded.value.path, 'utf8')).toBe(content);
    const down = await request(port, { path: `/download?path=${encodeURIComponent(uploaded.value.path)}&token=${bridge.token}` });
    expect(down.status).toBe(200);
    expect(down.body).toBe(content);
    expect(String(down.headers['content-disposition'])).toContain('attachment');
  });

  it('refuses an upload larger than the limit and leaves nothing behind', async () => {
    const before = fs.readdirSync(bridge.scratchDir).length;
    const reply = await request(port, { method: 'POST', path: '/upload?name=big.csv', headers: auth, body: Buffer.alloc(1024 * 1024 + 1) });
    expect(reply.status).toBe(413);
    expect(fs.readdirSync(bridge.scratchDir).length).toBe(before);
  });

  it('never downloads a file Longtail did not write in this session, even through a symlink', async () => {
    const secret = path.join(dir, 'secret.txt');
    const direct = await request(port, { path: `/download?path=${encodeURIComponent(secret)}`, headers: auth });
    expect(direct.status).toBe(403);
    const link = path.join(bridge.scratchDir, 'link.txt');
    fs.symlinkSync(secret, link);
    const viaLink = await request(port, { path: `/download?path=${encodeURIComponent(link)}`, headers: auth });
    expect(viaLink.status).toBe(403);
    const climbing = await request(port, { path: `/download?path=${encodeURIComponent(path.join(bridge.scratchDir, '..', 'secret.txt'))}`, headers: auth });
    expect(climbing.status).toBe(403);
    expect([direct.body, viaLink.body, climbing.body].join()).not.toContain('not for the browser');
  });

  it('hands out a fresh path in the run exports folder that an export handler writes and the page downloads', async () => {
    const ask = async (name: string) => JSON.parse((await request(port, { method: 'POST', path: `/export-target?name=${encodeURIComponent(name)}`, headers: auth })).body) as { ok: true; value: { path: string } };
    const first = await ask('../rejected rows.csv');
    const second = await ask('rejected rows.csv');
    expect(first.ok).toBe(true);
    expect(path.basename(first.value.path)).toBe('rejected rows.csv');
    expect(first.value.path.startsWith(path.join(bridge.scratchDir, 'exports') + path.sep)).toBe(true);
    expect(second.value.path).not.toBe(first.value.path);
    expect(fs.existsSync(first.value.path)).toBe(false);

    // What an export handler does with its `out`: write there. The page may then download it.
    fs.writeFileSync(first.value.path, 'Customer,Reason\nC1,bad date\n');
    const down = await request(port, { path: `/download?path=${encodeURIComponent(first.value.path)}&token=${bridge.token}` });
    expect(down).toMatchObject({ status: 200, body: 'Customer,Reason\nC1,bad date\n' });
    expect(String(down.headers['content-disposition'])).toContain('rejected%20rows.csv');
  });

  it('answers an export target request without a name or with GET with a clear refusal', async () => {
    const nameless = await request(port, { method: 'POST', path: '/export-target', headers: auth });
    expect(nameless.status).toBe(400);
    expect(JSON.parse(nameless.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('?name=') } });
    expect((await request(port, { path: '/export-target?name=a.csv', headers: auth })).status).toBe(405);
  });

  it('lets the page download only the files an export handler reports writing', () => {
    expect(writtenFiles('import-rejects-export', { path: '/x/rejects.csv', rows: 3 })).toEqual(['/x/rejects.csv']);
    expect(writtenFiles('export-assignments', { files: ['/x/a.xlsx', '/x/b.csv'], rows: 1 })).toEqual(['/x/a.xlsx', '/x/b.csv']);
    expect(writtenFiles('report-build', { path: '/x/report.html' })).toEqual(['/x/report.html']);
    expect(writtenFiles('workspace-open', { path: '/x/acme.longtail' })).toEqual([]);
  });

  it('cancels a job named by POST /cancel/<jobId> even when the cancel arrives before the call', async () => {
    const cancel = await request(port, { method: 'POST', path: '/cancel/job-early', headers: auth });
    expect(cancel.status).toBe(204);
    const reply = JSON.parse((await request(port, { method: 'POST', path: '/rpc/workspace-recent', headers: json({ [BRIDGE.jobHeader]: 'job-early' }), body: '{}' })).body);
    expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('opens the event stream with the token in the query', async () => {
    const events = await openEvents(port, `/events?token=${bridge.token}`);
    expect(events.status).toBe(200);
    expect(events.type).toMatch(/text\/event-stream/);
    events.close();
  });

  it('streams the progress of an import as server-sent events named by its job id', async () => {
    const csv = path.join(dir, 'sales.csv');
    const lines = ['Customer,Date,Category,Revenue'];
    for (let i = 0; i < 50_000; i++) lines.push(`C${i % 300},2025-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)},K${i % 5},${i % 70}.25`);
    fs.writeFileSync(csv, lines.join('\n'));
    const events = await openEvents(port, `/events?token=${bridge.token}`);
    const reply = JSON.parse((await request(port, { method: 'POST', path: '/rpc/import-run', headers: json({ [BRIDGE.jobHeader]: 'import-7' }), body: JSON.stringify({ path: csv }) })).body);
    await new Promise((r) => setTimeout(r, 100));
    events.close();
    expect(reply.ok).toBe(true);
    const progress = events.frames.filter((f) => f.startsWith('data: ')).map((f) => JSON.parse(f.slice(6)));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ jobId: 'import-7', progress: { phase: expect.any(String) } });
  });
});
