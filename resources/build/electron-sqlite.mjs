#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into resources/native/better_sqlite3.node, leaving the
// Node build in node_modules untouched (tests and the CLI keep using it). Needs network access
// (Electron's headers are downloaded). Run on each target platform before `npm run dist`:
//   node resources/build/electron-sqlite.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-sqlite-'));

try {
  // A private copy, so the rebuild cannot replace the Node build the tests rely on.
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(work, 'node_modules', 'better-sqlite3'), { recursive: true });
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'sqlite-for-electron', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const rebuild = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const r = spawnSync(process.execPath, [rebuild, '--version', electronVersion, '--module-dir', work, '--only', 'better-sqlite3', '--force'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('@electron/rebuild failed (see above). It needs network access to download Electron headers.');
  const built = path.join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const target = path.join(root, 'resources', 'native', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  console.log(`Electron ${electronVersion} build of better-sqlite3 written to ${path.relative(root, target)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
