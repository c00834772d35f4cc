/**
 * How the rep assignment export scales: 30,000 customers with actions (about 3 each), planned,
 * stored, and written as assignments.xlsx and as CSV. Each case runs in its own child process so
 * its peak memory (maxRSS) is its own. Figures are ratios against references measured in the same
 * run: time against SheetJS writing the same cells with no formats, memory against the process
 * holding just the data.
 *
 *   node --import tsx bench/export.bench.ts [--customers 30000]
 * writes bench/results/export.md
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from 'xlsx';
import { assignmentSettingsSchema } from '../shared/contract/assignment';
import type { Action } from '../shared/model/results';
import { openDatabase } from '../main/backend/db/open';
import { createPlan, planAccounts, planActionsByCustomer, planSummary } from '../main/backend/assignment/store';
import { saveRoster } from '../main/backend/roster/store';
import { writeAssignments } from '../main/backend/export/assignments';

const TERRITORIES = ['Metro', 'North Valley', 'Coastal', 'Lakes', 'High Plains', 'Riverside'];
const CATEGORIES = ['Dairy', 'Meat', 'Seafood', 'Produce', 'Bakery', 'Frozen', 'Dry Goods', 'Beverages', 'Paper', 'Chemicals'];

/** Seeded: every case sees the same actions. */
function syntheticActions(customers: number): Action[] {
  let s = 20261128;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out: Action[] = [];
  for (let c = 0; c < customers; c++) {
    const code = `C${String(c).padStart(6, '0')}`;
    const name = c % 97 === 0 ? `=HYPERLINK("http://x/${c}")` : c % 89 === 0 ? `شركة الأمل ${c}` : `Customer ${c} Foods`;
    const territory = TERRITORIES[c % TERRITORIES.length];
    const tier = rand() < 0.1 ? 'strategic' : 'long-tail';
    const n = 1 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const kind = rand() < 0.5 ? 'growth' : 'recovery';
      const category = CATEGORIES[(c + i * 3) % CATEGORIES.length];
      const expectedRevenue = Math.round(200 + rand() * 8000);
      out.push({
        id: `${kind}:${code}:${category}`,
        kind,
        customerCode: code,
        customerName: name,
        category,
        expectedRevenue,
        priority: Math.round(rand() * 1000) / 10,
        reason: `Orders ${category} about every 14 days; last order 63 days ago (4.5 cycles); $${expectedRevenue} in the prior 12 months`,
        facts: {},
        tier,
        profile: 1,
        rep: `Rep ${c % 24}`,
        territory,
      });
    }
  }
  return out;
}

const roster = Array.from({ length: 24 }, (_, i) => ({
  name: `Rep ${i}`,
  kind: i % 3 === 0 ? ('inside' as const) : ('outside' as const),
  territory: TERRITORIES[i % TERRITORIES.length],
  capacity: i % 3 === 0 ? 2000 : 400,
  active: true,
}));

type Figures = { ms: number; exportMs: number; maxRssMb: number; rows: number; bytes: number };

/** One case in this process; prints its figures as JSON. */
function runCase(kind: string, customers: number, dir: string): Figures {
  const actions = syntheticActions(customers);
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let exportStarted = started;
  if (kind === 'reference') {
    // SheetJS at its plainest: the same cells as strings and numbers, no formats, no freeze.
    const aoa: (string | number)[][] = [['Rep', 'Customer code', 'Customer', 'Category', 'Expected revenue', 'Priority', 'Why']];
    for (const a of actions) aoa.push([a.rep ?? '', a.customerCode, a.customerName, a.category, a.expectedRevenue, a.priority, a.reason]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), 'All');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
    fs.writeFileSync(path.join(dir, 'reference.xlsx'), buf);
    rows = actions.length;
    bytes = buf.length;
  } else if (kind !== 'data') {
    const db = openDatabase(path.join(dir, `${kind}.longtail`), { create: true });
    saveRoster(db, roster, new Date('2026-11-28T00:00:00Z'));
    const planId = createPlan(
      db,
      { runId: 1, asOf: '2026-10-31', currency: 'USD', actions, revenue12mByTerritory: new Map(), recoveryHorizonDays: 365, revenueWindowDays: 365 },
      assignmentSettingsSchema.parse({}),
      new Date('2026-11-28T00:00:00Z'),
    );
    if (kind !== 'plan') {
      exportStarted = performance.now();
      const data = { clientName: 'Bench', summary: planSummary(db, planId), accounts: planAccounts(db, planId), actionsByCustomer: planActionsByCustomer(db, planId) };
      const file = path.join(dir, kind === 'xlsx' ? 'assignments.xlsx' : 'assignments.csv');
      rows = writeAssignments({ format: kind === 'xlsx' ? 'xlsx' : 'csv', file }, data).rows;
      bytes = fs.statSync(file).size;
    }
    db.close();
  }
  const now = performance.now();
  return { ms: now - started, exportMs: kind === 'plan' ? 0 : now - exportStarted, maxRssMb: process.resourceUsage().maxRSS / 1024, rows, bytes };
}

const { values } = parseArgs({ options: { customers: { type: 'string' }, case: { type: 'string' }, dir: { type: 'string' } } });
const customers = Number(values.customers ?? 30_000);

if (values.case) {
  process.stdout.write(JSON.stringify(runCase(values.case, customers, values.dir as string)));
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-export-bench-'));
  const self = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'export.bench.ts');
  const run = (c: string): Figures =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', self, '--case', c, '--customers', String(customers), '--dir', dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as Figures;
  try {
    const data = run('data');
    const reference = run('reference');
    const plan = run('plan');
    const xlsx = run('xlsx');
    const csv = run('csv');
    const mb = (n: number) => `${n.toFixed(0)} MB`;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    const line = (name: string, f: Figures) =>
      `| ${name} | ${s(f.ms)} | ${f.exportMs ? `${s(f.exportMs)} (${ratio(f.exportMs, reference.ms)})` : '-'} | ${mb(f.maxRssMb)} | ${mb(f.maxRssMb - data.maxRssMb)} | ${ratio(f.maxRssMb - data.maxRssMb, reference.maxRssMb - data.maxRssMb)} | ${f.rows.toLocaleString('en')} | ${(f.bytes / 1e6).toFixed(1)} MB |`;
    const md = [
      '# Export benchmark',
      '',
      `${customers.toLocaleString('en')} customers with actions (${xlsx.rows.toLocaleString('en')} action rows), 24 reps in 6 territories; ${os.cpus().length} cores, Node ${process.version}.`,
      'Each case runs in its own process. Reference: SheetJS writing the same cells in one sheet, no formats or freeze.',
      'Export step = reading the stored plan back and writing the file(s), after planning and storing it.',
      'Memory above data = peak RSS minus the peak of a process that only builds the actions.',
      '',
      '| case | total time | export step (vs reference) | peak RSS | above data | vs reference | rows | file |',
      '|---|---|---|---|---|---|---|---|',
      line('reference (plain SheetJS)', reference),
      line('plan + store (engine, SQLite)', plan),
      line('plan + store + assignments.xlsx', xlsx),
      line('plan + store + combined CSV', csv),
      '',
      `Data alone: ${mb(data.maxRssMb)} peak RSS, ${s(data.ms)}.`,
      '',
    ].join('\n');
    fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
    fs.writeFileSync(path.resolve('bench/results/export.md'), md);
    process.stdout.write(md);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
