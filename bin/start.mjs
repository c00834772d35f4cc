// `npm start`: builds the app with electron-vite and opens it in Electron. Where Electron's binary
// was never downloaded (offline, locked down), the same workbench opens in the default browser
// through `longtail serve`, with a note on how to get the desktop window.
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

/** Opens a URL in the default browser; says so (and where to go) when nothing can. */
function openInBrowser(url) {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  const opener = spawn(command, args, { stdio: 'ignore', detached: true });
  opener.on('error', () => process.stderr.write(`Longtail: could not start a browser (${command}); open the address above yourself.\n`));
  opener.unref();
}

/** The browser workbench: `longtail serve` in this process's terminal, its address opened once it prints it. */
function serveInBrowser(pkgDir) {
  process.stderr.write(
    [
      'Longtail: the Electron binary is not installed here, so the workbench opens in your browser instead.',
      'For the desktop window, fetch Electron (needs access to its releases) and run `npm start` again:',
      `  node ${path.relative(root, path.join(pkgDir, 'install.js'))}`,
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [path.join(root, 'bin', 'longtail.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let pending = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    pending += chunk.toString();
    const url = pending.split('\n').find((line) => /^https?:\/\//.test(line.trim()))?.trim();
    if (url) {
      opened = true;
      process.stderr.write(`Opening ${url.replace(/token=[^&]+/, 'token=…')} in your browser. Press Ctrl+C here to stop Longtail.\n`);
      if (process.env.LONGTAIL_NO_BROWSER !== '1') openInBrowser(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const { pkg, binary } = electronBinary();
if (!binary) {
  serveInBrowser(pkg);
} else {
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
}
