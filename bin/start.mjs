#!/usr/bin/env node
// `npm start`: builds the app with electron-vite, then opens it in Electron. Where Electron's
// binary was never downloaded it says how to get it, and that the browser workbench works anyway.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable, found the way require('electron') finds it, but without its download attempt. */
function electronBinary() {
  const pkg = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const binary = relative ? path.join(dist, relative) : null;
  return { pkg, binary: binary && existsSync(binary) ? binary : null };
}

const { pkg, binary } = electronBinary();
if (!binary) {
  process.stderr.write(
    [
      'Longtail: the Electron binary is not installed, so the desktop window cannot open.',
      '',
      'To get it (needs network access to the Electron releases):',
      `  node ${path.relative(root, path.join(pkg, 'install.js'))}`,
      'then run `npm start` again.',
      '',
      'Meanwhile the same workbench runs in your browser:',
      '  npx longtail serve',
      'and open the address it prints.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.stderr.write('Longtail: building the app failed (see above). Fix the error, then run `npm start` again.\n');
  process.exit(build.status ?? 1);
}

const env = { ...process.env };
// Set in some shells and CI images; it would make Electron run as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
