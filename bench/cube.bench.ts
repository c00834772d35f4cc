/**
 * Big files end to end: import plus the full analysis of a generated 5M-row sales CSV, wide (the
 * sample's 12 columns) and narrow (customer, date, category, revenue), through DuckDB (read and summed
 * per customer x category x day before the workspace) and line by line, against DuckDB's own
 * read-and-group of the same file by customer and category in the same run. `--size 20m` (not in the
 * default `npm run bench`: ten minutes or more and a 2.7 GB file) runs a 20M-row file instead,
 * the 5M one four times over, each copy with its own customers, by the default path (auto) and
 * through DuckDB; on the two 5M files of one line per sale, a workspace reopened after its import
 * (the CLI's `import`, then `analyze`) and once more. Every case runs in its own child process so
 * its peak RSS is its own.
 *
 *   node --import tsx bench/cube.bench.ts [--size 5m|20m|all] [--repeat N] [--no-lines] [--no-auto] [--no-duckdb] [--no-reopen] [--only '5M wide,5M narrow'] [--tsx]
 * generates bench/data/5m.csv when missing (as bench/generate.ts --rows 5000000 --categories 15 does)
 * and derives the narrow and 20M files next to it. Writes bench/results/cube.md; a run of some files
 * keeps the other files' rows from the last run. The cases the 10x target judges (the plain 5M files,
 * line by line and auto) run `--repeat` times (3 unless told), each after a reference run of its own.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { buildBackendBundle } from '../bin/build-cli.mjs';
import { openDuckDb, sqlText } from '../main/backend/import/duckdb/engine';
import { generateDistributor } from '../shared/sample';
import type { Measure } from './cube-child';
import { customersForRows, splitSales, writeSampleCsv } from './generate';

const self = fileURLToPath(import.meta.url);
const benchDir = path.dirname(self);
const dataDir = path.join(benchDir, 'data');
const childDir = path.join(benchDir, '..', 'out', 'bench-cube');

/**
 * The cases run the backend compiled (out/bench-cube, built at the start of the run), as the CLI and
 * the app run it: under tsx every worker thread the backend starts (the CSV parser, two for the risk
 * stage) spends about half a second compiling its TypeScript before it works. `--tsx` runs the sources.
 */
function measure(kind: string, file: string, compiled: boolean, scratch = path.join(dataDir, `scratch-${kind}-${path.basename(file)}`)): Measure {
  const entry = compiled ? [path.join(childDir, 'cube-child.mjs')] : ['--import', 'tsx', path.join(benchDir, 'cube-child.ts')];
  const r = spawnSync(process.execPath, [...entry, kind, file, scratch], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`${kind} on ${file} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(last) as Measure;
}

/** A 5M-line file whose sales are written as up to `lines` invoice lines each (it shrinks when summed). */
async function splitFile(lines: number): Promise<string> {
  const file = path.join(dataDir, `5m-split${lines}.csv`);
  if (!fs.existsSync(file)) {
    const base = { seed: 20261128, endDate: '2026-10-31', months: 24, categories: 15 };
    await writeSampleCsv(splitSales(generateDistributor({ ...base, customers: customersForRows(5_000_000, base, lines) }).rows(), lines), file, 5_000_000);
  }
  return file;
}

async function derive(wide: string, withBig: boolean): Promise<{ narrow: string; big: string }> {
  const narrow = path.join(dataDir, '5m-narrow.csv');
  const big = path.join(dataDir, '20m.csv');
  const duck = await openDuckDb({ spillDir: dataDir });
  try {
    if (!fs.existsSync(narrow)) {
      await duck.connection.run(
        `COPY (SELECT "Customer ID", "Date", "Category", "Net Sales" AS "Revenue" FROM read_csv(${sqlText(wide)}, all_varchar = true)) TO ${sqlText(narrow)} (HEADER)`,
      );
    }
    if (withBig && !fs.existsSync(big)) {
      await duck.connection.run(
        `COPY (SELECT w.* REPLACE ("Customer ID" || CASE WHEN k = 0 THEN '' ELSE '-' || k END AS "Customer ID")
               FROM range(4) t(k), read_csv(${sqlText(wide)}, all_varchar = true) w) TO ${sqlText(big)} (HEADER)`,
      );
    }
  } finally {
    duck.close();
  }
  return { narrow, big };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const n = (x: number): string => x.toLocaleString('en-US');

/** The two files the 10x target is set on (the others show how files that shrink fare). */
const targetFile = (label: string): boolean => label === '5M wide' || label === '5M narrow';

/**
 * On this shared host one case's CPU time swings by a quarter within minutes (import plus analysis
 * of the narrow file 10.9-15.4 s for the same work, in eight runs within five minutes), so one run
 * decides nothing about a 10x target: the cases it judges run this many times, each after a
 * reference run of its own, and the row is the run of median total (peak RSS is the highest run's).
 */
const JUDGED_REPEATS = 3;
const judged = (label: string, kind: string): boolean => targetFile(label) && kind !== 'duckdb';

/** The run whose total (import + analysis) is the median of `runs` (the lower middle of an even count). */
function medianRun(runs: Measure[]): Measure {
  const byTotal = [...runs].sort((a, b) => a.importMs + a.analysisMs - (b.importMs + b.analysisMs));
  return byTotal[Math.floor((byTotal.length - 1) / 2)];
}

type Reopened = { imported: Measure; first: Measure; next: Measure; load: string };

/**
 * A workspace analysed in a later process than its import, as the CLI's `import` then `analyze` do
 * or the app reopening a client's file, twice: the first analysis learns what the workspace then
 * keeps (profiles, P(alive), the risk models), the second reuses it. Each step in its own process.
 */
function reopenedSteps(file: string, compiled: boolean): Reopened {
  const scratch = path.join(dataDir, `scratch-reopened-${path.basename(file)}`);
  const load = os.loadavg()[0].toFixed(1);
  const imported = measure('import-only', file, compiled, scratch);
  const first = measure('reopened', file, compiled, scratch);
  const next = measure('reopened', file, compiled, scratch);
  fs.rmSync(scratch, { recursive: true, force: true });
  return { imported, first, next, load };
}

function reopenedRows(label: string, mb: string, { imported, first, next, load }: Reopened, refMs: number): string[] {
  const loadOf = (m: Measure): string => s(m.timings?.load ?? 0);
  console.error(`${label} reopened: import ${s(imported.importMs)}; analysis ${s(first.analysisMs)} (load ${loadOf(first)}), then ${s(next.analysisMs)} (load ${loadOf(next)})`);
  const total = imported.importMs + first.analysisMs;
  const ratio = (ms: number): string => `${(ms / refMs).toFixed(1)}x`;
  const rss = (m: Measure): string => `${n(Math.round(m.maxRssMb))} MB`;
  return [
    `| ${label} (${mb} MB) | line-by-line import, then analysis in a new process (its data read from the workspace in ${loadOf(first)}) | ${s(imported.importMs)} | ${s(first.analysisMs)} | ${s(total)} | ${ratio(total)} | ${rss(imported)} / ${rss(first)} | ${load} | ${n(imported.rows)} rows read, ${n(imported.stored)} stored, ${n(imported.customers)} customers |`,
    `| ${label} (${mb} MB) | the same workspace analysed again in a new process (its data read in ${loadOf(next)}, the learned stages kept by the first) | | ${s(next.analysisMs)} | ${s(next.analysisMs)} | ${ratio(next.analysisMs)} | ${rss(next)} | ${load} | ${n(next.stored)} rows, ${n(next.customers)} customers |`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tsx: { type: 'boolean' },
      size: { type: 'string' },
      'no-lines': { type: 'boolean' },
      'no-auto': { type: 'boolean' },
      'no-duckdb': { type: 'boolean' },
      'no-reopen': { type: 'boolean' },
      only: { type: 'string' },
      repeat: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const compiled = values.tsx !== true;
  if (compiled) await buildBackendBundle({ 'cube-child': 'bench/cube-child.ts' }, childDir);
  const wide = path.join(dataDir, '5m.csv');
  if (!fs.existsSync(wide)) {
    const base = { seed: 20261128, endDate: '2026-10-31', months: 24, categories: 15 };
    await writeSampleCsv(generateDistributor({ ...base, customers: customersForRows(5_000_000, base) }).rows(), wide, 5_000_000);
  }
  const size = typeof values.size === 'string' ? values.size : '5m';
  const repeat = typeof values.repeat === 'string' ? Number(values.repeat) : JUDGED_REPEATS;
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new Error(`--repeat must be a whole number from 1 to 9, got "${String(values.repeat)}"`);
  if (!['5m', '20m', 'all'].includes(size)) throw new Error(`--size must be 5m, 20m or all, got "${size}"`);
  const { narrow, big } = await derive(wide, size !== '5m');
  const rows: string[] = [];
  // The machine is shared: the load beside the run says how far wall times are from an idle machine's.
  const loadAt = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  const loadBefore = loadAt();
  const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const files: [string, string][] =
    size === '20m'
      ? []
      : [
          ['5M wide', wide],
          ['5M narrow', narrow],
          ['5M wide, 4 lines per sale', await splitFile(4)],
          ['5M wide, 2 lines per sale', await splitFile(2)],
        ];
  if (size !== '5m') files.push(['20M wide', big]);
  // Files not run this time keep their rows from the last run.
  const only = typeof values.only === 'string' ? values.only.split(',') : size === '20m' ? ['20M wide'] : null;
  const ran = new Set<string>();
  const load1 = (): string => os.loadavg()[0].toFixed(1);
  for (const [label, file] of files) {
    if (only && !only.some((o) => label === o)) continue;
    ran.add(label);
    const mb = (fs.statSync(file).size / 2 ** 20).toFixed(0);
    const big20 = label.startsWith('20M');
    // At 20M line by line is what auto chooses for this file (one line per key): run it once, as auto.
    const kinds = [...(values['no-duckdb'] ? [] : ['duckdb']), ...(values['no-lines'] || big20 ? [] : ['lines']), ...(values['no-auto'] ? [] : ['auto'])];
    // DuckDB's read of the file swings by half from one run to the next here (1.0-2.0 s on the
    // narrow file within minutes): it runs before every case and once after the last, and every
    // ratio is against the median of those runs.
    const refs: Measure[] = [];
    const refLoads: string[] = [];
    const reference = (): void => {
      refLoads.push(load1());
      refs.push(measure('reference', file, compiled));
      console.error(`${label}: reference ${s(refs.at(-1)!.importMs)}`);
    };
    const cases: { kind: string; m: Measure; load: string; runs: Measure[] }[] = [];
    for (const kind of kinds) {
      const runs: Measure[] = [];
      let load = '';
      for (let run = 0; run < (judged(label, kind) ? repeat : 1); run++) {
        reference();
        if (run === 0) load = load1();
        const m = measure(kind, file, compiled);
        console.error(`${label} ${kind}: import ${s(m.importMs)}, analysis ${s(m.analysisMs)}, ${Math.round(m.maxRssMb)} MB (${m.engine})`);
        runs.push(m);
      }
      cases.push({ kind, m: medianRun(runs), load, runs });
    }
    const reopen = !values['no-reopen'] && targetFile(label);
    if (reopen) reference();
    const reopened = reopen ? reopenedSteps(file, compiled) : null;
    reference();
    const refMs = median(refs.map((r) => r.importMs));
    const range = `${(Math.min(...refs.map((r) => r.importMs)) / 1000).toFixed(1)}-${s(Math.max(...refs.map((r) => r.importMs)))}`;
    rows.push(
      `| ${label} (${mb} MB) | DuckDB read + GROUP BY customer, category (reference: median of ${refs.length} runs, ${range}) | ${s(refMs)} | | ${s(refMs)} | 1.0x | ${n(Math.round(Math.max(...refs.map((r) => r.maxRssMb))))} MB | ${refLoads[0]} | ${n(refs[0].rows)} groups |`,
    );
    for (const { kind, m, load, runs } of cases) {
      const total = m.importMs + m.analysisMs;
      const engine = kind === 'duckdb' ? 'import through DuckDB' : kind === 'lines' ? 'line-by-line import' : `auto (chose ${m.engine === 'duckdb' ? 'DuckDB' : 'line by line'})`;
      const totals = runs.map((r) => r.importMs + r.analysisMs);
      const what = runs.length > 1 ? `${engine} + analysis (median of ${runs.length} runs, ${(Math.min(...totals) / 1000).toFixed(1)}-${s(Math.max(...totals))}, ${(Math.min(...totals) / refMs).toFixed(1)}-${(Math.max(...totals) / refMs).toFixed(1)}x)` : `${engine} + analysis`;
      rows.push(
        `| ${label} (${mb} MB) | ${what} | ${s(m.importMs)} | ${s(m.analysisMs)} | ${s(total)} | ${(total / refMs).toFixed(1)}x | ${n(Math.round(Math.max(...runs.map((r) => r.maxRssMb))))} MB | ${load} | ${n(m.rows)} rows read, ${n(m.stored)} stored, ${n(m.customers)} customers |`,
      );
    }
    if (reopened) rows.push(...reopenedRows(label, mb, reopened, refMs));
  }
  const out = path.join(benchDir, 'results', 'cube.md');
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const kept = previous
    .split('\n')
    // Nine cells (a reference row's analysis cell is empty, so count the pipes, not ' | ').
    .filter((line) => line.startsWith('| ') && !line.startsWith('| file') && line.split('|').length === 11 && !ran.has(line.slice(2, line.lastIndexOf(' (', line.indexOf(' | ')))));
  const text = [
    '# Big files: DuckDB aggregation',
    '',
    `Last run ${startedAt} UTC (${[...ran].join(', ')}); load average (1 / 5 / 15 min) ${loadBefore} at the start and ${loadAt()} at the end, on ${os.cpus().length} cores.${kept.length > 0 ? ' Rows of the other files are from an earlier run (their load column says how busy the machine was).' : ''}`,
    '',
    `Generated distributor (bench/generate.ts, seed 20261128, 15 categories, 24 months); narrow = customer, date, category, revenue of the same rows; "N lines per sale" = each sale written as up to N invoice lines of the same customer, category and day (\`--lines-per-sale N\`), so the file shrinks when summed; 20M = the 5M file four times with distinct customers. Each case in its own process on 2 shared cores; the reference runs before each case and after the last, and every ratio is against the median of those runs; the cases the target judges (the plain 5M files, line by line and auto) run ${repeat === 1 ? 'once' : `${repeat} times and show their run of median total, with the range of all`}; analysis = \`analysis-run\` with default settings; load = 1-minute load average as the case started. Target: import + analysis at most 10x the reference at 5M rows, peak RSS under 1.5 GB.`,
    '',
    '| file | case | import | analysis | total | vs reference | peak RSS | load | rows |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    // Files not re-run this time keep their rows from the last run.
    ...kept,
    '',
  ].join('\n');
  fs.mkdirSync(path.join(benchDir, 'results'), { recursive: true });
  const marker = '<!-- notes: kept by re-runs -->';
  const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
  fs.writeFileSync(out, `${text}\n${notes}`);
  console.log(text);
}

await main();
