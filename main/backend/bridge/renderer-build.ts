import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/contract/errors';

/** The folder holding Longtail's package.json, found upwards so the sources and the compiled CLI (out/cli) agree. */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const projectRoot = findProjectRoot();
export const rendererDist = path.join(projectRoot, 'renderer', 'dist');

/**
 * Makes sure the built renderer exists, building it with Vite when a fresh clone has none yet.
 * Vite's own output goes to `log` (stderr for the CLI) so stdout stays the one URL line.
 */
export async function ensureRendererBuilt(log: (line: string) => void, dist = rendererDist): Promise<string> {
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist;
  const config = path.join(projectRoot, 'renderer', 'vite.config.ts');
  if (!fs.existsSync(config)) {
    throw new AppError('FILE_NOT_FOUND', `There is no built renderer in ${dist} and no renderer/vite.config.ts to build it from.`);
  }
  log('Building the workbench pages once (npm run build:renderer)...');
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => log(d.toString().trimEnd()));
    child.stderr.on('data', (d: Buffer) => log(d.toString().trimEnd()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0 || !fs.existsSync(path.join(dist, 'index.html'))) {
    throw new AppError('INTERNAL', `Building the renderer failed (exit code ${code}). Run \`npm run build:renderer\` to see why.`);
  }
  return dist;
}
