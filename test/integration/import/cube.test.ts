import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cubeQuery, type CubePeriod } from '../../../shared/cube/sql';
import type { AnalysisSummary } from '../../../shared/model/results';
import { openDuckDb, sqlText } from '../../../main/backend/import/duckdb/engine';
import { newWorkspace } from '../../helpers/workspace';

const SAMPLE = path.resolve(__dirname, '../../../resources/sample/distributor.csv');
const ROSTER = path.resolve(__dirname, '../../../resources/sample/roster.csv');
const SETTINGS = { kMax: 6 };

type Workspace = Awaited<ReturnType<typeof newWorkspace>>;

/** The bundled sample summed by DuckDB with the query `longtail sql --dialect duckdb` prints. */
async function writeCube(out: string, period: CubePeriod): Promise<number> {
  const duck = await openDuckDb();
  try {
    const query = cubeQuery({
      dialect: 'duckdb',
      table: `read_csv(${sqlText(SAMPLE)})`,
      period,
      columns: { customer: 'Customer ID', customerName: 'Customer Name', date: 'Date', category: 'Category', revenue: 'Net Sales', quantity: 'Quantity', invoice: 'Invoice', rep: 'Sales Rep', territory: 'Territory', segment: 'Segment' },
    });
    const format = out.endsWith('.parquet') ? '(FORMAT parquet)' : '(HEADER, DELIMITER \',\')';
    await duck.connection.run(`COPY (${query.trim().replace(/;$/, '')}) TO ${sqlText(out)} ${format}`);
    const rows = await duck.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${out.endsWith('.parquet') ? 'read_parquet' : 'read_csv'}(${sqlText(out)})`);
    return rows.getRowObjects()[0].n as number;
  } finally {
    duck.close();
  }
}

/** Figures compared to a cent's hundredth: sums of the same amounts in another order differ in the last bits. */
const rounded = (value: unknown): unknown =>
  typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : Array.isArray(value) ? value.map(rounded) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)])) : value;

// The category level's note quotes the source column, which the cube names in lower case.
const levelNote = (n: string): boolean => n.startsWith('The imported category level');
const figures = (s: AnalysisSummary): unknown =>
  rounded({ ...s, createdAt: null, timings: null, dataHash: null, productLevel: s.productLevel ? { ...s.productLevel, column: null, reason: null } : s.productLevel, notes: s.notes.filter((n) => !levelNote(n)) });

async function analysed(w: Workspace): Promise<AnalysisSummary> {
  await w.backend.call('roster-import', { path: ROSTER });
  return w.backend.call('analysis-run', { settings: SETTINGS });
}

let lines: Workspace;
let cube: Workspace;
let summed: Workspace;
let summedSummary: AnalysisSummary;
let linesSummary: AnalysisSummary;
let cubeSummary: AnalysisSummary;
let cubeRows: number;

beforeAll(async () => {
  lines = await newWorkspace({ clientName: 'Sample lines' });
  cube = await newWorkspace({ clientName: 'Sample cube' });
  await lines.backend.call('import-run', { path: SAMPLE, engine: 'lines' });
  const cubeFile = path.join(cube.dir, 'cube.csv');
  cubeRows = await writeCube(cubeFile, 'day');
  await cube.backend.call('import-run', { path: cubeFile });
  summed = await newWorkspace({ clientName: 'Sample summed by DuckDB' });
  await summed.backend.call('import-run', { path: SAMPLE, engine: 'duckdb' });
  [linesSummary, cubeSummary, summedSummary] = [await analysed(lines), await analysed(cube), await analysed(summed)];
}, 300_000);
afterAll(() => {
  lines.cleanup();
  cube.cleanup();
  summed.cleanup();
});

describe('a customer x category x day cube summed by DuckDB from the bundled sample', () => {
  it('imports as a cube with every row accounted for and the same customers, revenue and dates', async () => {
    const [l] = await lines.backend.call('import-list', {});
    const [c] = await cube.backend.call('import-list', {});
    expect(c.shape).toBe('cube');
    expect(c.rowsRead).toBe(cubeRows);
    expect(c.rowsRead).toBe(c.rowsImported + c.rowsRejected + c.rowsSkipped);
    expect(c.rowsRejected).toBe(0);
    expect(c.rowsImported).toBeLessThanOrEqual(l.rowsImported);
    expect({ customers: c.customers, categories: c.categories, dateFrom: c.dateFrom, dateTo: c.dateTo }).toEqual({ customers: l.customers, categories: l.categories, dateFrom: l.dateFrom, dateTo: l.dateTo });
    expect(c.revenue).toBeCloseTo(l.revenue, 2);
  });

  it('gives the same analysis: tiers, profiles, leakage, action counts and notes', () => {
    expect(cubeSummary.counts.recoveryActions).toBeGreaterThan(0);
    expect(figures(cubeSummary)).toEqual(figures(linesSummary));
    // Both name the column the categories came from (the cube's own name for it).
    expect(linesSummary.notes.filter(levelNote)).toEqual(["The imported category level: 'Category' (12 values)."]);
    expect(cubeSummary.notes.filter(levelNote)).toEqual(["The imported category level: 'category' (12 values)."]);
  });

  it('gives the same customers and the same actions, priced the same', async () => {
    for (const name of ['analysis-customers', 'analysis-actions'] as const) {
      const a = await lines.backend.call(name, { limit: 100000 });
      const b = await cube.backend.call(name, { limit: 100000 });
      expect(b.total).toBe(a.total);
      expect(rounded(b.rows)).toEqual(rounded(a.rows));
    }
  });

  it('scores the same backtest', async () => {
    const a = await lines.backend.call('analysis-backtest', { horizonDays: 180 });
    const b = await cube.backend.call('analysis-backtest', { horizonDays: 180 });
    expect(rounded(b)).toEqual(rounded(a));
  });

  it('plans and exports the same assignments and writes a report', async () => {
    const files: string[] = [];
    for (const w of [lines, cube]) {
      await w.backend.call('assignment-plan', {});
      const out = path.join(w.dir, 'assignments.csv');
      await w.backend.call('export-assignments', { out, format: 'csv' });
      files.push(fs.readFileSync(out, 'utf8'));
      const report = await w.backend.call('report-build', { out: path.join(w.dir, 'report.html') });
      expect(report.bytes).toBeGreaterThan(10_000);
    }
    expect(files[1]).toBe(files[0]);
  });
});

describe('the bundled sample read and summed by DuckDB on import', () => {
  it('accounts for every line and gives the same analysis and actions as the line-by-line import', async () => {
    const [l] = await lines.backend.call('import-list', {});
    const [d] = await summed.backend.call('import-list', {});
    expect({ read: d.rowsRead, imported: d.rowsImported, rejected: d.rowsRejected, skipped: d.rowsSkipped }).toEqual({ read: l.rowsRead, imported: l.rowsImported, rejected: l.rowsRejected, skipped: l.rowsSkipped });
    expect(figures(summedSummary)).toEqual(figures(linesSummary));
    const a = await lines.backend.call('analysis-actions', { limit: 100000 });
    const b = await summed.backend.call('analysis-actions', { limit: 100000 });
    expect(rounded(b.rows)).toEqual(rounded(a.rows));
  });
});

describe('cancelling an import DuckDB is summing', () => {
  it('reports progress, stops on cancel and leaves the workspace as it was', async () => {
    const w = await newWorkspace({ clientName: 'Cancelled' });
    try {
      const controller = new AbortController();
      const phases: string[] = [];
      const run = w.backend.call('import-run', { path: SAMPLE, engine: 'duckdb' }, {
        signal: controller.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(phases.length).toBeGreaterThan(0);
      expect(await w.backend.call('import-list', {})).toEqual([]);
      expect((await w.backend.call('workspace-info', {})).customers).toBe(0);
    } finally {
      w.cleanup();
    }
  });
});

describe('a weekly cube, exported as Parquet', () => {
  it('imports with the same customers and revenue; only what depends on purchase days moves', async () => {
    const w = await newWorkspace({ clientName: 'Sample weekly' });
    try {
      const file = path.join(w.dir, 'cube-weekly.parquet');
      const rows = await writeCube(file, 'week');
      const s = await w.backend.call('import-run', { path: file });
      expect(s).toMatchObject({ shape: 'cube', rowsRead: rows, rowsImported: rows, rowsRejected: 0 });
      expect(s.warnings.join(' ')).toMatch(/weekly periods/);
      const weekly = await analysed(w);
      // The customers and the category mix over the whole data do not depend on the day inside a week...
      expect(weekly.customers.total).toBe(linesSummary.customers.total);
      expect(weekly.categories).toEqual(linesSummary.categories);
      // ...but the as-of date is the last week's Monday and every 12-month window moves with it, so
      // 12-month revenue, tiers, recovery and leakage move, and recovery counts purchase weeks
      // instead of purchase days (docs/big-data.md, "Weekly cubes").
      expect(weekly.revenue12m).toBeGreaterThan(linesSummary.revenue12m * 0.97);
      expect(weekly.revenue12m).toBeLessThan(linesSummary.revenue12m * 1.03);
      expect(weekly.counts.recoveryActions).toBeGreaterThan(0);
    } finally {
      w.cleanup();
    }
  });
});
