// Runs after `npm install` in a clone: compiles the CLI to out/cli (so `longtail` starts fast) and
// builds the renderer so `longtail serve` has pages to serve.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCli } from './build-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await buildCli();
if (existsSync(new URL('../renderer/vite.config.ts', import.meta.url))) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
