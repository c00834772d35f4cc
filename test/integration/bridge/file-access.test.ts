import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '../../../shared/contract';
import { startBridge, type Bridge } from '../../../main/backend/bridge/server';
import { defaultWorkspaceFolder } from '../../../main/backend/workspace/list';
import { WorkerBackend } from '../../../main/backend/worker/client';
import { tempDir } from '../../helpers/workspace';
import { request } from './http';

const fixture = (name: string): string => path.join(import.meta.dirname, '..', '..', 'fixtures', 'import', name);

/** The probes an attacker with the token (or a script past the CSP) tried against `longtail serve`. */
describe('file access through the bridge of longtail serve', () => {
  let dir: string;
  let cleanup: () => void;
  let backend: WorkerBackend;
  let bridge: Bridge;
  let outside: string;
  let rootDir: string;
  let workspaces: string;
  let given: string;

  const call = async (name: string, input: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }> => {
    const reply = await request(bridge.port, {
      method: 'POST',
      path: `/rpc/${name}`,
      headers: { [BRIDGE.tokenHeader]: bridge.token, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body);
  };

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const site = path.join(dir, 'site');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Longtail</title>');
    outside = path.join(dir, 'outside');
    rootDir = path.join(dir, 'named-root');
    fs.mkdirSync(outside);
    fs.mkdirSync(rootDir);
    fs.writeFileSync(path.join(outside, 'secret.csv'), 'Customer,Date,Revenue\nSECRET,2025-01-02,10\n');
    const appData = path.join(dir, 'app-data');
    workspaces = defaultWorkspaceFolder(appData);
    fs.mkdirSync(workspaces, { recursive: true });
    backend = new WorkerBackend({ appDataDir: appData });
    given = path.join(outside, 'given.longtail');
    const created = await backend.invoke('workspace-create', { path: given, clientName: 'Given' }, {});
    expect(created.ok).toBe(true);
    bridge = await startBridge({
      backend,
      staticDir: site,
      scratchRoot: dir,
      access: { roots: [workspaces, rootDir], grants: [{ path: given, grant: 'write' }] },
    });
  });

  afterAll(async () => {
    await bridge.close();
    await backend.close();
    cleanup();
  });

  it('refuses to preview a file outside its roots, such as /etc/passwd, and says how to allow a folder', async () => {
    for (const file of ['/etc/passwd', path.join(outside, 'secret.csv')]) {
      const outcome = await call('import-preview', { path: file });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      expect(outcome.error?.message).toContain('--root');
      expect(JSON.stringify(outcome)).not.toMatch(/root:x:0|SECRET/);
    }
  });

  it('refuses to list a folder outside its roots and lists the default workspaces folder', async () => {
    expect(await call('workspace-list', { folder: '/etc' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('workspace-list', {})).toMatchObject({ ok: true, value: { isDefault: true } });
  });

  it('writes no report into a new folder outside its roots and creates no folder there', async () => {
    const out = path.join(outside, 'new-folder', 'report.html');
    expect(await call('report-build', { out })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });

  it('never overwrites a file it did not write, even inside a root', async () => {
    const mine = path.join(rootDir, 'notes.html');
    fs.writeFileSync(mine, 'my notes');
    expect(await call('report-build', { out: mine, overwrite: true })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('import-rejects-export', { importId: 1, out: mine })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('export-assignments', { out: '/etc/hostname' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(fs.readFileSync(mine, 'utf8')).toBe('my notes');
  });

  it('replaces nothing with a workspace: outside the roots it is refused, inside it only a workspace is replaced', async () => {
    const victim = path.join(outside, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    expect(await call('workspace-create', { path: victim, clientName: 'X', overwrite: true })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    const inRoot = path.join(rootDir, 'precious.longtail');
    fs.writeFileSync(inRoot, 'not a database');
    expect(await call('workspace-create', { path: inRoot, clientName: 'X', overwrite: true })).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.readFileSync(inRoot, 'utf8')).toBe('not a database');
    const workspace = path.join(workspaces, 'acme.longtail');
    expect(await call('workspace-create', { path: workspace, clientName: 'Acme' })).toMatchObject({ ok: true });
    expect(await call('workspace-create', { path: workspace, clientName: 'Acme again', overwrite: true })).toMatchObject({ ok: true, value: { clientName: 'Acme again' } });
  });

  it('judges a symlink inside a root by where it leads', async () => {
    const link = path.join(rootDir, 'looks-local.csv');
    fs.symlinkSync(path.join(outside, 'secret.csv'), link);
    expect(await call('import-preview', { path: link })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('import-preview', { path: path.join(rootDir, '..', 'outside', 'secret.csv') })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });

  it('reads uploads, files in a --root folder and the workspace it was started with', async () => {
    const up = await request(bridge.port, {
      method: 'POST',
      path: '/upload?name=basic.csv',
      headers: { [BRIDGE.tokenHeader]: bridge.token, 'content-type': 'application/octet-stream' },
      body: fs.readFileSync(fixture('basic.csv')),
    });
    const uploaded = JSON.parse(up.body).value.path as string;
    expect(await call('import-preview', { path: uploaded })).toMatchObject({ ok: true });
    fs.copyFileSync(fixture('basic.csv'), path.join(rootDir, 'sales.csv'));
    expect(await call('import-preview', { path: path.join(rootDir, 'sales.csv') })).toMatchObject({ ok: true });
    expect(await call('workspace-open', { path: given })).toMatchObject({ ok: true, value: { clientName: 'Given' } });
    expect(await call('report-build', { out: path.join(outside, 'report.html'), workspace: path.join(outside, 'other.longtail') })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_ALLOWED' },
    });
  });

  it('refuses portfolio reads of workspaces and folders outside its roots', async () => {
    expect(await call('portfolio-summarise', { folder: outside })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('portfolio-summarise', { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });
});
