import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/workspace';
import { asarFiles } from './asar';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Packs the app for Linux into an unpacked folder with a stub in place of Electron's binary:
 * nothing is downloaded, and what lands in the package is what a real build ships.
 */
describe('a packaging dry run with a stub Electron', () => {
  let dir: string;
  let cleanup: () => void;
  let unpacked: string;

  beforeAll(() => {
    ({ dir, cleanup } = tempDir('longtail-pack-'));
    const stub = path.join(dir, 'electron-stub');
    fs.mkdirSync(stub);
    fs.writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "stub electron"\n', { mode: 0o755 });
    const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' };
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
    const pack = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        `-c.electronDist=${stub}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${path.join(dir, 'release')}`,
        '--publish',
        'never',
      ],
      { cwd: root, env, encoding: 'utf8' },
    );
    if (pack.status !== 0) throw new Error(`electron-builder failed:\n${pack.stdout}\n${pack.stderr}`);
    unpacked = path.join(dir, 'release', 'linux-unpacked');
  });

  afterAll(() => cleanup());

  it('produces the unpacked app with its executable named after the product', () => {
    // The executable is our stub renamed: the real Electron was never fetched.
    expect(fs.readFileSync(path.join(unpacked, 'longtail'), 'utf8')).toContain('stub electron');
  });

  it('packs the shell, the backend worker and its parser and risk threads, the CommonJS preload and the built renderer into the asar', () => {
    const files = asarFiles(path.join(unpacked, 'resources', 'app.asar'));
    for (const f of ['/out/main/index.js', '/out/main/worker.js', '/out/main/import-parser.js', '/out/main/risk-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/main/') || f.startsWith('/renderer/src/') || f.startsWith('/test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/react/') || f.startsWith('/node_modules/tsx/'))).toBe(false);
    expect(files).toContain('/node_modules/zod/package.json');
  });

  it('keeps better-sqlite3 outside the asar so its native module can load', () => {
    const native = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(fs.existsSync(native)).toBe(true);
  });

  it('ships the sample data and the icons beside the app', () => {
    expect(fs.existsSync(path.join(unpacked, 'resources', 'sample', 'distributor.csv'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'icons', 'icon.png'))).toBe(true);
  });
});
