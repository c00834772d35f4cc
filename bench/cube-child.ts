/**
 * One case of the cube bench in a process of its own (bench/cube.bench.ts starts it): DuckDB's own
 * read-and-group of the file (the reference), or an import by `kind` followed by the full analysis,
 * through the backend as the CLI and the app run it; or, for a reopened workspace, the import alone
 * ('import-only', which keeps the workspace in SCRATCH_DIR) and then the analysis of that workspace
 * in a later process ('reopened'). Prints one JSON line: the case's measure.
 *
 *   node out/bench-cube/cube-child.mjs KIND FILE SCRATCH_DIR   (compiled by cube.bench.ts)
 *   CUBE_TRACE=1 (or smaps) ... also prints memory by phase: see memory-trace.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../main/backend/dispatch';
import { openDuckDb, sqlText } from '../main/backend/import/duckdb/engine';
import { memoryTrace } from './memory-trace';

/** `cpuMs`: CPU time of every thread of the process (user + system), from the case's start. */
export type Measure = {
  importMs: number;
  analysisMs: number;
  cpuMs: number;
  timings?: Record<string, number>;
  maxRssMb: number;
  rows: number;
  stored: number;
  customers: number;
  engine: string;
};

const rounded = (timings: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]));

const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

async function child(kind: string, file: string, scratch: string): Promise<void> {
  const trace = memoryTrace();
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (kind === 'reference') {
    const duck = await openDuckDb();
    const narrow = file.includes('narrow');
    const r = await duck.connection.runAndReadAll(
      `SELECT count(*)::INTEGER FROM (SELECT "Customer ID", "Category", sum(${narrow ? '"Revenue"' : '"Net Sales"'}) FROM read_csv(${sqlText(file)}) GROUP BY ALL)`,
    );
    const groups = r.getRows()[0][0] as number;
    duck.close();
    const out: Measure = { importMs: performance.now() - started, analysisMs: 0, cpuMs: cpuSince(cpu), maxRssMb: process.resourceUsage().maxRSS / 1024, rows: groups, stored: 0, customers: 0, engine: 'duckdb' };
    console.log(JSON.stringify(out));
    return;
  }
  const workspace = path.join(scratch, 'bench.longtail');
  if (kind === 'reopened') {
    // A later session on the workspace an 'import-only' case left: the CLI's `analyze`, or the app
    // opening a client's file again. FILE is not read.
    const backend = new Backend({ appDataDir: path.join(scratch, 'app') });
    await backend.call('workspace-open', { path: workspace });
    const a0 = performance.now();
    const run = await backend.call('analysis-run', { settings: {} }, trace);
    const analysisMs = performance.now() - a0;
    const customers = (backend.session.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    const stored = (backend.session.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
    backend.close();
    const out: Measure = { importMs: 0, analysisMs, cpuMs: cpuSince(cpu), timings: rounded(run.timings), maxRssMb: process.resourceUsage().maxRSS / 1024, rows: stored, stored, customers, engine: 'lines' };
    console.log(JSON.stringify(out));
    return;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  const backend = new Backend({ appDataDir: path.join(scratch, 'app') });
  await backend.call('workspace-create', { path: workspace, clientName: 'Bench' });

  // auto: the product's default (DuckDB above 200 MB, and only when a sample says the file shrinks).
  const s = await backend.call('import-run', { path: file, engine: kind === 'duckdb' ? 'duckdb' : kind === 'auto' ? 'auto' : 'lines' }, trace);
  const importMs = performance.now() - started;
  if (kind === 'import-only') {
    // Kept for the 'reopened' cases that follow (the bench removes it after them).
    backend.close();
    const out: Measure = { importMs, analysisMs: 0, cpuMs: cpuSince(cpu), maxRssMb: process.resourceUsage().maxRSS / 1024, rows: s.rowsRead, stored: s.rowsImported, customers: s.customers, engine: 'lines' };
    console.log(JSON.stringify(out));
    return;
  }
  const stored = Number(s.warnings.join(' ').match(/became ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? s.rowsImported);
  if (s.engine === 'duckdb' && kind === 'auto') console.error(s.warnings.find((w) => w.startsWith('Summed with DuckDB')) ?? '');
  const a0 = performance.now();
  const run = await backend.call('analysis-run', { settings: {} }, trace);
  const analysisMs = performance.now() - a0;
  backend.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  const timings = rounded(run.timings);
  const out: Measure = { importMs, analysisMs, cpuMs: cpuSince(cpu), timings, maxRssMb: process.resourceUsage().maxRSS / 1024, rows: s.rowsRead, stored, customers: s.customers, engine: s.engine ?? 'lines' };
  console.log(JSON.stringify(out));
}

const [kind, file, scratch] = process.argv.slice(2);
if (!kind || !file || !scratch) throw new Error('usage: cube-child KIND FILE SCRATCH_DIR');
await child(kind, file, scratch);
