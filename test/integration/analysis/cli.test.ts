import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/backend/db/open';
import { runInNewBackend, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';
import { DATA_DIR } from '../../helpers/elog';
import type { GeneratedDistributor } from '../../../shared/sample/index';

let t: { dir: string; cleanup: () => void };
let csv: string;
let roster: GeneratedDistributor['roster'];

beforeAll(() => {
  t = tempDir();
  csv = path.join(t.dir, 'acme sales.csv');
  roster = writeSampleCsv(csv, { seed: 9, customers: 150, categories: 6 }).roster;
});
afterAll(() => t.cleanup());

const cli = (args: string[]): Promise<CliResult> => runInNewBackend(args, t.dir, new Date('2026-01-15T09:00:00Z'));

/** The workspace's finished analysis runs, read from the file itself. */
function storedRuns(): number[] {
  const db = openDatabase(path.join(t.dir, 'results', 'workspace.longtail'), { create: false });
  try {
    return (db.prepare("SELECT id FROM analysis_runs WHERE status = 'done' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

const parseCsv = (file: string): string[][] =>
  Papa.parse<string[]>(fs.readFileSync(file, 'utf8').trim(), { header: false }).data;

describe('longtail run and longtail analyze', () => {
  it('imports, analyses and writes actions, customers, profiles and summary with the listed columns', async () => {
    const r = await cli(['run', csv, '--out', 'results', '--k', '3', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { workspace: string; files: Record<string, string> };
    expect(result.workspace).toBe(path.join(t.dir, 'results', 'workspace.longtail'));
    const actions = parseCsv(path.join(t.dir, 'results', 'actions.csv'));
    expect(actions[0].slice(0, 9)).toEqual(['customer_id', 'customer_name', 'action', 'category', 'expected_revenue', 'priority', 'reason', 'current_rep', 'territory']);
    expect(actions.length).toBeGreaterThan(1);
    expect(new Set(actions.slice(1).map((a) => a[2]))).toEqual(new Set(['growth', 'recovery']));
    // Each action's chance, and for recovery its place in the Recovery list: chance x (money at risk + its level's weight).
    const column = (name: string) => actions[0].indexOf(name);
    expect(actions[0].slice(-4)).toEqual(['chance', 'call_value', 'assigned_rep', 'currency']);
    for (const a of actions.slice(1)) {
      const chance = Number(a[column('chance')]);
      expect(chance).toBeGreaterThan(0);
      expect(chance).toBeLessThanOrEqual(1);
      if (a[2] === 'growth') expect(a[column('call_value')]).toBe('');
      else expect(Number(a[column('call_value')])).toBeGreaterThanOrEqual(Math.round(chance * Number(a[column('expected_revenue')]) * 100) / 100 - 0.02);
    }
    const customers = parseCsv(path.join(t.dir, 'results', 'customers.csv'));
    expect(customers[0].slice(0, 11)).toEqual([
      'customer_id', 'customer_name', 'tier', 'profile', 'revenue_12m', 'categories_bought', 'p_alive', 'at_risk_revenue', 'growth_revenue', 'current_rep', 'territory',
    ]);
    // Excel reads names in any script only from a CSV that says it is UTF-8.
    for (const file of ['actions.csv', 'customers.csv', 'profiles.csv']) expect(fs.readFileSync(path.join(t.dir, 'results', file), 'utf8').charCodeAt(0)).toBe(0xfeff);
    expect(customers).toHaveLength(151);
    const profiles = parseCsv(path.join(t.dir, 'results', 'profiles.csv'));
    expect(profiles[0].slice(0, 5)).toEqual(['profile', 'label', 'customers', 'best_customers', 'revenue']);
    expect(profiles[0].filter((h) => h.startsWith('share_'))).toHaveLength(6);
    expect(profiles[0].filter((h) => h.startsWith('penetration_'))).toHaveLength(6);
    expect(profiles).toHaveLength(4);
    // Every row of every file says what its amounts count in, so files of several clients merge safely.
    for (const rows of [actions, customers, profiles]) {
      expect(rows[0].at(-1)).toBe('currency');
      expect(new Set(rows.slice(1).map((row) => row.at(-1)))).toEqual(new Set(['USD']));
    }
    const summary = JSON.parse(fs.readFileSync(path.join(t.dir, 'results', 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['settings', 'as_of', 'revenue_12m', 'leakage', 'k', 'quality', 'counts', 'timings']));
    expect(Object.keys(summary.leakage)).toEqual(expect.arrayContaining(['recovery', 'growth', 'total', 'pct']));
    // The split by category adds up to the whole and agrees with the actions listed in that category.
    type SplitRow = { key: string; recovery: number; growth: number; total: number; revenue_12m: number; pct: number };
    const byCategory = summary.leakage.by.category as SplitRow[];
    expect(Object.keys(summary.leakage.by).sort()).toEqual(['category', 'profile', 'rep', 'territory', 'tier']);
    expect(byCategory.reduce((s, r) => s + r.total, 0)).toBeCloseTo(summary.leakage.total, 0);
    const growthOf = (category: string) =>
      actions.slice(1).filter((a) => a[2] === 'growth' && a[3] === category).reduce((s, a) => s + Number(a[column('expected_revenue')]), 0);
    for (const r of byCategory) {
      expect(r.total).toBeCloseTo(r.recovery + r.growth, 1);
      expect(r.growth).toBeCloseTo(growthOf(r.key), 0);
    }
    expect(summary.k).toBe(3);
    expect(summary.settings.k).toBe(3);
    // Figures from other than the default method say so in the file itself.
    expect(summary.custom_settings).toMatch(/^k 3 \(default /);
    // The BG/NBD fit behind P(alive), in the open, with its holdout check and verdict.
    expect(Object.keys(summary.bgnbd.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(summary.bgnbd.logLikelihood).toBeLessThan(0);
    expect(['healthy', 'degenerate']).toContain(summary.bgnbd.verdict);
    expect(summary.bgnbd.holdout.actual).toBe(summary.bgnbd.holdout.buckets.reduce((n: number, b: { actual: number }) => n + b.actual, 0));
    expect(result.files.assignments).toBe(path.join(t.dir, 'results', 'assignments.xlsx'));
    expect(fs.existsSync(result.files.assignments)).toBe(true);
  });

  it('plans with a roster given to run, and names in each CSV row the rep who calls it in assignments.xlsx beside the rep the data names', async () => {
    const file = path.join(t.dir, 'roster.csv');
    fs.writeFileSync(file, ['Rep,Kind,Territory,Capacity', ...roster.map((r) => `${r.rep},${r.kind},${r.territory},${r.capacity}`)].join('\n'));
    const r = await cli(['run', csv, '--out', 'with-roster', '--roster', 'roster.csv', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { notes: string[]; workspace: string };
    expect(result.notes).toContain(`Roster: ${roster.length} reps read (0 new, ${roster.length} updated).`);
    const db = openDatabase(result.workspace, { create: false });
    const plan = new Map(
      (db.prepare('SELECT a.customer_code AS code, a.rep FROM assignment_plan_accounts a WHERE a.plan_id = (SELECT max(id) FROM assignment_plans)').all() as { code: string; rep: string | null }[]).map((a) => [a.code, a.rep ?? '']),
    );
    const kinds = new Map((db.prepare('SELECT name, kind FROM reps').all() as { name: string; kind: string }[]).map((x) => [x.name, x.kind]));
    db.close();
    for (const x of roster) expect(kinds.get(x.rep)).toBe(x.kind);
    const actions = parseCsv(path.join(t.dir, 'with-roster', 'actions.csv'));
    const col = (name: string) => actions[0].indexOf(name);
    let moved = 0;
    for (const a of actions.slice(1)) {
      expect(a[col('assigned_rep')]).toBe(plan.get(a[col('customer_id')]));
      if (a[col('assigned_rep')] !== a[col('current_rep')]) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('marks amounts of a purchase log (no money column) as purchase counts in every file, not as a currency', async () => {
    const r = await cli(['run', path.join(DATA_DIR, 'grocery_elog.csv'), '--out', 'grocery', '--json']);
    expect(r.code).toBe(0);
    for (const file of ['actions.csv', 'customers.csv', 'profiles.csv']) {
      const rows = parseCsv(path.join(t.dir, 'grocery', file));
      expect(rows[0].at(-1)).toBe('currency');
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.slice(1).map((row) => row.at(-1)))).toEqual(new Set(['units (purchase counts)']));
    }
  });

  it('refuses a setting out of range before it makes the output folder', async () => {
    const r = await cli(['run', csv, '--out', 'bad-setting', '--horizon', '5']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--horizon must be at least \d+ days \(got 5\)/);
    expect(fs.existsSync(path.join(t.dir, 'bad-setting'))).toBe(false);
  });

  it('refuses a roster that is not there before it imports anything', async () => {
    const r = await cli(['run', csv, '--out', 'no-roster', '--roster', 'missing.csv']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`No roster file at ${path.join(t.dir, 'missing.csv')}. Check the --roster path.`);
    expect(fs.existsSync(path.join(t.dir, 'no-roster'))).toBe(false);
  });

  it('analyses a workspace again with changed settings and prints a readable summary', async () => {
    const r = await cli(['analyze', '--workspace', 'results/workspace.longtail', '--lateness', '3', '--min-penetration', '0.6']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Analysis run 2 as of \d{4}-\d\d-\d\d/);
    expect(r.out).toMatch(/Leakage: \$[\d,]+ = [\d.]+% of 12-month revenue/);
    expect(r.out).toMatch(/industry band/);
    expect(r.out).toMatch(/Probability alive \(BG\/NBD\): r [\d.]+, alpha [\d.]+, a [\d.e+-]+, b [\d.e+-]+; log-likelihood -[\d.]+ on [\d,]+ customers/);
    expect(r.out).toMatch(/Holdout check: fitted to \d{4}-\d\d-\d\d, the model expected [\d,]+ repeat purchases/);
  });

  it('prints the backtest: recovery beside the naive rules, then growth beside the popularity rules', async () => {
    const runs = storedRuns();
    const r = await cli(['backtest', '--workspace', 'results/workspace.longtail', '--horizon', '60']);
    // Its own horizon is no reason to analyse again: the replay states money over what it watches.
    expect(r.err).toBe('');
    expect(storedRuns()).toEqual(runs);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Backtest as of \d{4}-\d\d-\d\d, 60 days watched/);
    expect(r.out).toMatch(/\nCustomers: [\d,]+ flagged/);
    // Ours again, by the chance of a slide each flag was given: a row per band that holds any.
    expect(r.out).toMatch(/\n {2}Ours, by the chance of a slide stated:\n {4}Chance stated +Flags +Declined +Mean chance +Stated +Lost +Stated\/lost\n {4}(under 30%|30-45%|45-60%|60-80%|80% and over) +[\d,]+ +([\d.]+%|too few to judge)/);
    // Ours beside the precision bar's rule: what both lists hold, then each alone.
    expect(r.out).toMatch(/\n {2}Ours beside the precision bar's rule \((largest drop, last 90 days vs the 90 before|gap above 90th percentile of own gaps)\), as many flags each:\n {4}Which flags +Flags +Declined +Loss captured +Usual spend each\n {4}In both lists +[\d,]+ .*\n {4}Ours alone +[\d,]+ .*\n {4}The rule's alone +[\d,]+ /);
    expect(r.out).toMatch(/\nGrowth actions: [\d,]+ suggested to [\d,]+ customers/);
    for (const label of ['Longtail growth actions', 'Same customers, their most widely bought missing categories', 'Random missing category (mean of 20 draws)', 'Perfect foresight (the ceiling)']) expect(r.out).toContain(label);
    expect(r.out).toMatch(/Growth: the same replay's growth actions/);
  });

  it("says so when a setting given to the backtest made it analyse and store a run first, the workspace's latest from then on", async () => {
    const r = await cli(['backtest', '--workspace', 'results/workspace.longtail', '--horizon', '60', '--min-probability', '0.6']);
    expect(r.code).toBe(0);
    const latest = Math.max(...storedRuns());
    expect(r.err).toBe(
      `Note: analysed again first with recovery.minProbability 0.6 (default 0.5), stored as run ${latest}, now the workspace's latest: the workbench, report and exports show it. \`longtail analyze -w results/workspace.longtail\` analyses again with the defaults.`,
    );
  });

  it('names a bad settings flag and its value, and a value out of range', async () => {
    const notNumber = await cli(['analyze', '--workspace', 'results/workspace.longtail', '--lateness', 'soon']);
    expect(notNumber.code).toBe(1);
    expect(notNumber.err).toMatch(/--lateness soon is not a number/);
    const outOfRange = await cli(['analyze', '--workspace', 'results/workspace.longtail', '--strategic-share', '2']);
    expect(outOfRange.code).toBe(1);
    // Named as typed, with the bound and the value, not as the request's field (strategicShare).
    expect(outOfRange.err).toMatch(/--strategic-share must be (at most|below) [\d.]+ \(got 2/);
    expect(outOfRange.err).not.toMatch(/strategicShare/);
  });

  it('neutralises a formula-looking customer name in the CSVs', async () => {
    const hostile = path.join(t.dir, 'hostile.csv');
    const [header, ...rows] = parseCsv(csv);
    const idColumn = header.indexOf('Customer ID');
    const code = rows[0][idColumn];
    for (const row of rows) if (row[idColumn] === code) row[header.indexOf('Customer Name')] = '=HYPERLINK("x")';
    fs.writeFileSync(hostile, Papa.unparse([header, ...rows]));
    const r = await cli(['run', hostile, '--out', 'hostile-out', '--k', '3']);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(t.dir, 'hostile-out', 'customers.csv'), 'utf8');
    expect(text).toContain(`'=HYPERLINK(""x"")`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it("takes --map as import does, so an import error's advice works on run too", async () => {
    // The customer column renamed to something no guess knows.
    const odd = path.join(t.dir, 'odd headers.csv');
    const [header, ...rows] = parseCsv(csv);
    const renamed = header.map((h) => (h === 'Customer ID' ? 'Wer' : h === 'Customer Name' ? 'Notiz' : h));
    fs.writeFileSync(odd, Papa.unparse([renamed, ...rows]));
    const refused = await cli(['run', odd, '--out', 'odd-out']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('No customer column found. Map one with --map customer=<column>.');
    // A failed run changes nothing: no workspace is left behind.
    expect(fs.existsSync(path.join(t.dir, 'odd-out', 'workspace.longtail'))).toBe(false);
    const mapped = await cli(['run', odd, '--out', 'odd-out', '--map', 'customer=Wer', '--k', '3', '--json']);
    expect(mapped.err).toBe('');
    expect(mapped.code).toBe(0);
    const customers = parseCsv(path.join(t.dir, 'odd-out', 'customers.csv'));
    expect(customers).toHaveLength(151);
    const badMap = await cli(['run', odd, '--out', 'odd-out', '--map', 'client=Wer']);
    expect(badMap.code).toBe(1);
    expect(badMap.err).toContain("--map client=Wer: 'client' is not a field.");
    // Nor does a run that fails on the file: the last good run's workspace is there as it was.
    const before = fs.readFileSync(path.join(t.dir, 'odd-out', 'workspace.longtail'));
    expect((await cli(['run', odd, '--out', 'odd-out'])).code).toBe(1);
    expect(fs.readFileSync(path.join(t.dir, 'odd-out', 'workspace.longtail')).equals(before)).toBe(true);
    expect(fs.readdirSync(path.join(t.dir, 'odd-out')).filter((f) => f.startsWith('workspace.longtail')).sort()).toEqual(['workspace.longtail']);
    const reopened = await cli(['analyze', '--workspace', 'odd-out/workspace.longtail', '--k', '3', '--json']);
    expect(reopened.code).toBe(0);
    expect((JSON.parse(reopened.out) as { customers: { total: number } }).customers.total).toBe(150);
    // A new workspace given with --workspace is not left behind either.
    expect((await cli(['run', odd, '--out', 'odd-out', '--workspace', 'fresh.longtail'])).code).toBe(1);
    expect(fs.existsSync(path.join(t.dir, 'fresh.longtail'))).toBe(false);
  });
});
