/**
 * How fast `longtail` starts next to Node itself. Each figure is the median wall time of several
 * alternating runs of a child process, against `node -e 0` timed in the same loop (the reference).
 * Target: `longtail --help` within 5x of `node -e 0` (the compiled CLI in out/cli; built first).
 *
 *   node --import tsx bench/cli-start.bench.ts
 * writes bench/results/cli-start.md
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 15;

type Case = { label: string; args: string[]; env?: Record<string, string> };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function timeOnce(c: Case): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { cwd: root, env: { ...process.env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && !c.args.includes('analyze')) throw new Error(`${c.label} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

function main(): void {
  const build = spawnSync(process.execPath, ['bin/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the CLI failed');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-cli-bench-'));
  const cli = path.join(root, 'bin', 'longtail.mjs');
  const cases: Case[] = [
    { label: '`node -e 0` (reference)', args: ['-e', '0'] },
    { label: '`longtail --help` (compiled)', args: [cli, '--help'] },
    { label: '`longtail import --help` (compiled)', args: [cli, 'import', '--help'] },
    { label: '`longtail analyze` of a missing workspace: opens the backend, fails (compiled)', args: [cli, 'analyze', '-w', path.join(home, 'missing.longtail')], env: { LONGTAIL_HOME: home } },
    { label: '`longtail --help` from the TypeScript sources (tsx, the fallback after an edit)', args: [cli, '--help'], env: { LONGTAIL_FROM_SOURCE: '1' } },
  ];
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) cases.forEach((c, j) => times[j].push(timeOnce(c)));
  const reference = median(times[0]);
  const rows = cases.map((c, j) => {
    const ms = median(times[j]);
    return `| ${c.label} | ${ms.toFixed(0)} ms | ${(ms / reference).toFixed(2)} |${j === 1 ? ' <= 5 |' : ' |'}`;
  });
  const text = [
    '## CLI start-up (bench/cli-start.bench.ts)',
    '',
    `Median of ${RUNS} alternating runs of each child process; reference \`node -e 0\` in the same loop.`,
    '',
    '| command | median wall time | ratio to `node -e 0` | target |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'cli-start.md'), text);
  process.stdout.write(text);
  fs.rmSync(home, { recursive: true, force: true });
}

main();
