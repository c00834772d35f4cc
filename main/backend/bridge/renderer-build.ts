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

/** What the pages are built from: a change to any of them since the last build makes that build stale. */
const rendererInputs = (root: string): string[] => [
  path.join(root, 'renderer', 'src'),
  path.join(root, 'renderer', 'index.html'),
  path.join(root, 'renderer', 'vite.config.ts'),
  path.join(root, 'shared'),
];

/** The latest modification time of a file, or of any file under a folder (0 when it does not exist). */
function latestChange(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) latest = Math.max(latest, latestChange(path.join(target, entry.name)));
  return latest;
}

/**
 * Why the pages in `dist` cannot be served as they are: not built yet, or built before a source
 * changed (a pull or an edit since the install built them). Null when they are current.
 */
export function rendererBuildNeeded(dist: string, inputs: string[]): string | null {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return 'Building the workbench pages once (npm run build:renderer)...';
  const built = fs.statSync(index).mtimeMs;
  const changed = inputs.find((input) => latestChange(input) > built);
  return changed ? `Rebuilding the workbench pages: ${path.relative(projectRoot, changed) || changed} changed since they were built...` : null;
}

/**
 * Makes sure the built renderer exists and is current, building it with Vite when a fresh clone has
 * none yet or a source changed since it was built (the CLI's compiled copy does the same check).
 * Vite's own output goes to `log` (stderr for the CLI) so stdout stays the one URL line.
 */
export async function ensureRendererBuilt(log: (line: string) => void, dist = rendererDist): Promise<string> {
  const config = path.join(projectRoot, 'renderer', 'vite.config.ts');
  const inputs = fs.existsSync(config) ? rendererInputs(projectRoot) : [];
  const why = rendererBuildNeeded(dist, inputs);
  if (!why) return dist;
  if (!fs.existsSync(config)) {
    throw new AppError('FILE_NOT_FOUND', `There is no built renderer in ${dist} and no renderer/vite.config.ts to build it from.`);
  }
  log(why);
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
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
