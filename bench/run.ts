/**
 * `npm run bench`: runs every bench/*.bench.ts one after another (each in its own process, so one
 * bench's memory never weighs on the next and peak RSS figures stay honest), then gathers the
 * markdown each wrote to bench/results/ into bench/RESULTS.md.
 *
 *   node --import tsx bench/run.ts [name ...]   (names filter the benches, e.g. `import`)
 *   node --import tsx bench/run.ts --gather     (only rebuild RESULTS.md from bench/results/)
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, arch, release } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(benchDir, 'results');
const root = dirname(benchDir);

export type Outcome = { file: string; code: number | null; seconds: number };

function runOne(file: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve({ file, code: null, seconds: (performance.now() - started) / 1000 }));
    child.on('exit', (code) => resolve({ file, code, seconds: (performance.now() - started) / 1000 }));
  });
}

export function machineHeader(now: Date): string {
  const cpu = cpus();
  return [
    '# Longtail benchmark results',
    '',
    `Gathered ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC by \`npm run bench\` (bench/run.ts) on the machine below. Each section below is one bench's own run; its figures are ratios against a reference timed in that same run, and a section re-run on another machine since says so in its notes.`,
    '',
    `- Node ${process.version} on ${platform()} ${release()} (${arch()})`,
    `- ${cpu.length} cores${cpu[0] ? ` (${cpu[0].model.trim()})` : ''}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    '',
  ].join('\n');
}

export type ResultsPlace = { resultsDir: string; outFile: string; now?: Date };

/** Concatenates results/*.md in name order under the header; benches that failed are listed. */
export async function writeResults(outcomes: Outcome[], place: ResultsPlace = { resultsDir, outFile: join(benchDir, 'RESULTS.md') }): Promise<string> {
  await mkdir(place.resultsDir, { recursive: true });
  const files = (await readdir(place.resultsDir)).filter((f) => f.endsWith('.md')).sort();
  const sections = await Promise.all(files.map(async (f) => (await readFile(join(place.resultsDir, f), 'utf8')).trim()));
  const failed = outcomes.filter((o) => o.code !== 0);
  const status = outcomes.length === 0 ? [] : ['| Bench | Seconds | Status |', '|---|---:|---|', ...outcomes.map((o) => `| ${basename(o.file)} | ${o.seconds.toFixed(1)} | ${o.code === 0 ? 'ok' : `failed (exit ${o.code ?? 'signal'})`} |`), ''];
  const warning = failed.length > 0 ? [`**${failed.length} bench(es) failed; their sections below may be stale.**`, ''] : [];
  const text = [machineHeader(place.now ?? new Date()), ...status, ...warning, ...sections.map((s) => `${s}\n`)].join('\n');
  await writeFile(place.outFile, text);
  return text;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--gather')) {
    // Rebuild RESULTS.md from the sections already in results/, without running anything.
    await writeResults([]);
    console.log(`Wrote ${relative(root, join(benchDir, 'RESULTS.md'))} from bench/results/`);
    return;
  }
  const filters = args;
  const benches = (await readdir(benchDir))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (benches.length === 0) console.log(filters.length > 0 ? `No bench matches ${filters.join(', ')}.` : 'No bench/*.bench.ts files yet.');
  const outcomes: Outcome[] = [];
  for (const bench of benches) {
    console.log(`\n== ${bench} ==`);
    const outcome = await runOne(join(benchDir, bench));
    console.log(`== ${bench}: ${outcome.code === 0 ? 'ok' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s`);
    outcomes.push(outcome);
  }
  await writeResults(outcomes);
  console.log(`\nWrote ${relative(root, join(benchDir, 'RESULTS.md'))}`);
  if (outcomes.some((o) => o.code !== 0)) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
