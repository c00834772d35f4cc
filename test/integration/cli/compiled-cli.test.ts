import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../bin/build-cli.mjs';
import { tempDir } from '../../helpers/workspace';

const root = path.resolve(import.meta.dirname, '../../..');
// A private build at the same depth as out/cli, so the shared out/cli other tests may be running from is never swapped.
const outDir = path.join(root, 'out', `cli-test-${process.pid}`);
let home: { dir: string; cleanup: () => void };

const longtail = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(outDir, 'longtail.mjs'), ...args], {
    cwd: home.dir,
    env: { ...process.env, LONGTAIL_HOME: path.join(home.dir, 'app-data') },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const staticPackageImports = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from\s+"([^".][^"]*)"/gms)].map((m) => m[1]).filter((p) => !p.startsWith('node:'));

beforeAll(async () => {
  home = tempDir();
  await (buildCli as (dir: string) => Promise<void>)(outDir);
});
afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  home.cleanup();
});

describe('the compiled CLI', () => {
  it('lists every command under --help without loading any package: no zod, SQLite, SheetJS or analytics at start-up', () => {
    const r = longtail('--help');
    expect(r.code).toBe(0);
    for (const name of ['import', 'analyze', 'run', 'serve', 'report', 'benchmark', 'export']) expect(r.out).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    const entry = path.join(outDir, 'longtail.mjs');
    const chunks = [...fs.readFileSync(entry, 'utf8').matchAll(/^import\s[^;]*?from\s+"\.\/([^"]+)"/gms)].map((m) => path.join(outDir, m[1]));
    expect([entry, ...chunks].flatMap(staticPackageImports)).toEqual([]);
  });

  it("shows one command's options and runs a command against the backend, failing with its stable code", () => {
    const help = longtail('import', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--currency CODE');
    const missing = longtail('analyze', '--workspace', 'missing.longtail');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No workspace file at .*missing\.longtail.*\[WORKSPACE_NOT_FOUND\]/);
  });

  it('reads a CSV in its bundled parser worker while the rows are stored, as the in-thread import does', () => {
    expect(fs.existsSync(path.join(outDir, 'import-parser.mjs'))).toBe(true);
    const csv = path.join(home.dir, 'sales.csv');
    const rows = Array.from({ length: 40_000 }, (_, i) => (i % 5000 === 7 ? `,2025-01-0${(i % 9) + 1},${i % 50}.5,Cat ${i % 7}` : `C${i % 613},2025-01-0${(i % 9) + 1},${i % 50}.5,Cat ${i % 7}`));
    fs.writeFileSync(csv, `Customer,Date,Revenue,Category\n${rows.join('\n')}\n`);
    const summaries = ['0', '1000'].map((above) => {
      const r = longtail('import', csv, '--workspace', `w${above}.longtail`, '--client', 'Probe', '--parse-in-worker-above', above, '--json');
      expect(r.code).toBe(0);
      const { durationMs: _d, startedAt: _s, finishedAt: _f, importId: _i, ...rest } = JSON.parse(r.out) as Record<string, unknown>;
      return rest;
    });
    expect(summaries[0]).toMatchObject({ rowsRead: 40_000, rowsImported: 39_992, rowsRejected: 8 });
    expect(summaries[0]).toEqual(summaries[1]);
  });

  it('lists the sources it was built from, so bin/longtail.mjs can fall back to them after an edit', () => {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(path.join(outDir, 'inputs.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    expect(builtAt).toBeLessThanOrEqual(Date.now());
    expect(inputs).toEqual(expect.arrayContaining(['main/cli/main.ts', 'main/backend/dispatch.ts', 'main/backend/worker/entry.ts', 'package.json']));
    for (const file of inputs) expect(fs.existsSync(path.join(root, file))).toBe(true);
  });
});
