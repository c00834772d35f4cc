// Compiles the CLI (and the backend worker it starts for `serve`) to plain JavaScript in out/cli,
// so `longtail` starts like a compiled tool instead of compiling TypeScript on every run.
// Packages stay external and each command's heavy modules sit in chunks loaded only when it runs.
// bin/longtail.mjs uses the build only while no source it was built from is newer (see inputs.json).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliOutDir = fileURLToPath(new URL('../out/cli/', import.meta.url));

/** The worker threads the backend starts: every build that runs the backend carries them beside its chunks. */
const WORKER_ENTRIES = { worker: 'main/backend/worker/entry.ts', 'risk-worker': 'main/backend/analysis/risk-worker.ts', 'import-parser': 'main/backend/import/parser/entry.ts' };

/** Builds into out/cli, or into `outDir` (tests build a private copy at the same depth, e.g. out/cli-test-1). */
export const buildCli = (outDir = cliOutDir) => buildBackendBundle({ longtail: 'main/cli/index.ts' }, outDir);

/**
 * Bundles `entries` (name -> source) with the backend's worker threads into `outDir`, one folder
 * deep under out/ (the benchmarks time the backend as compiled, as the CLI and the app run it).
 */
export async function buildBackendBundle(entries, outDir) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const builtAt = Date.now();
  // Built beside the final folder and swapped in whole, so a CLI starting meanwhile never sees half a build.
  const staging = path.join(root, 'out', `cli-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { ...entries, ...WORKER_ENTRIES },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entries: modules that find files relative to themselves
    // (package.json, resources/) resolve the same from every chunk.
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/')), 'package.json', 'bin/build-cli.mjs'];
  fs.writeFileSync(path.join(staging, 'inputs.json'), JSON.stringify({ builtAt, inputs }));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await buildCli();
