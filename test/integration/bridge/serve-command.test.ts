import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE } from '../../../shared/contract';
import { Backend } from '../../../main/backend/dispatch';
import { tempDir } from '../../helpers/workspace';
import { request } from './http';

const root = path.resolve(import.meta.dirname, '../../..');

function serve(args: string[], env: Record<string, string>): { child: ChildProcess; firstLine: Promise<string>; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(root, 'bin/longtail.mjs'), 'serve', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before printing its address: ${err}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, stderr: () => err, exit };
}

describe('longtail serve', () => {
  const running: ChildProcess[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const c of cleanups.splice(0)) c();
  });

  it('prints one URL line, serves the given workspace over the bridge, and stops cleanly on SIGTERM', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'acme.longtail');
    const setup = new Backend({ appDataDir: path.join(dir, 'app-data') });
    await setup.call('workspace-create', { path: file, clientName: 'Acme Supply' });
    setup.close();
    const site = path.join(dir, 'site');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Longtail</title>');

    const run = serve(['--workspace', file, '--port', '0'], { LONGTAIL_HOME: path.join(dir, 'app-data'), LONGTAIL_RENDERER_DIR: site });
    running.push(run.child);
    const line = await run.firstLine;
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const url = new URL(line);
    const token = url.searchParams.get('token') ?? '';
    const port = Number(url.port);

    const info = JSON.parse(
      (await request(port, { method: 'POST', path: '/rpc/workspace-info', headers: { 'content-type': 'application/json', [BRIDGE.tokenHeader]: token }, body: '{}' })).body,
    );
    expect(info).toMatchObject({ ok: true, value: { clientName: 'Acme Supply', path: file } });
    expect((await request(port, { path: `/?token=${token}` })).body).toContain('<title>Longtail</title>');

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  it('says what to do when the workspace does not exist, on stderr with a non-zero exit', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const site = path.join(dir, 'site');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html>');
    const run = serve(['--workspace', path.join(dir, 'missing.longtail')], { LONGTAIL_HOME: dir, LONGTAIL_RENDERER_DIR: site });
    running.push(run.child);
    run.firstLine.catch(() => undefined);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(/No workspace file at .*missing\.longtail/);
  });

  it('refuses a port that is not a number', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const run = serve(['--port', 'eighty'], { LONGTAIL_HOME: dir });
    running.push(run.child);
    run.firstLine.catch(() => undefined);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(/--port eighty is not a port number/);
  });
});
