import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/workspace';
import { analysedClient, NOW } from '../report/clients';

// Same generator, different seeds and sizes. Seed 22 leaks the most on its own, so it gets no extra
// churn: the planted churn, not the seed, has to set the order.
const SPECS = [
  { clientName: 'Steady Provisions', seed: 22, customers: 130, churnShare: 0 },
  { clientName: 'Leaky Larder Co', seed: 21, customers: 90, churnShare: 0.35 },
  { clientName: 'Middling Meats', seed: 23, customers: 110, churnShare: 0.2 },
];

describe('longtail benchmark over generated clients', () => {
  let t: ReturnType<typeof tempDir>;
  let files: string[];
  let customerNames: string[];
  let backend: Backend;
  const clientsDir = () => path.join(t.dir, 'clients');

  beforeAll(async () => {
    t = tempDir();
    fs.mkdirSync(clientsDir());
    const built = [];
    for (const spec of SPECS) built.push(await analysedClient(clientsDir(), spec));
    files = built.map((b) => b.file);
    customerNames = [...new Set(built.flatMap((b) => [...b.customerNames]))];
    backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => NOW });
  });
  afterAll(() => {
    backend.close();
    t.cleanup();
  });

  it('orders clients by leakage share, highest planted churn first, ranks them against each other, and puts recovery in planted-churn order', async () => {
    const p = await backend.call('portfolio-summarise', { paths: files });
    // Leakage adds each client's own cross-sell room, so only the churniest client's place is
    // planted; recovery alone follows the planted churn all the way down.
    expect(p.rows[0].label).toBe('Leaky Larder Co');
    const byLabel = new Map(p.rows.map((r) => [r.label, r]));
    const recovery = (label: string) => byLabel.get(label)?.recoveryShare ?? 0;
    expect(recovery('Leaky Larder Co')).toBeGreaterThan(recovery('Middling Meats'));
    expect(recovery('Middling Meats')).toBeGreaterThan(recovery('Steady Provisions'));
    for (let i = 1; i < p.rows.length; i++) expect(p.rows[i - 1].leakageShare ?? 0).toBeGreaterThanOrEqual(p.rows[i].leakageShare ?? 0);
    expect(p.rows.map((r) => r.percentile.leakageShare)).toEqual([1, 0.5, 0]);
    for (const r of p.rows) {
      expect(r).toMatchObject({ status: 'ok', months: 24 });
      expect(r.leakage).toBeCloseTo((r.recovery ?? 0) + (r.growth ?? 0), 6);
      expect(r.leakageShare).toBeCloseTo((r.leakage ?? 0) / (r.revenue12m ?? 1), 9);
      expect(r.profiles).toBeGreaterThan(0);
    }
    expect(p.rows[0].recoveryShare).toBeGreaterThan(p.rows[2].recoveryShare ?? 1);
  });

  it('backtests each client for precision, recall and growth take-up when asked', async () => {
    const p = await backend.call('portfolio-summarise', { paths: files, backtest: true });
    for (const r of p.rows) {
      for (const share of [r.precision, r.recall, r.lossCaptured]) expect(share === null || (share >= 0 && share <= 1)).toBe(true);
      expect(r.growthTakeUp).toBeGreaterThanOrEqual(0);
      expect(r.growthTakeUp).toBeLessThanOrEqual(1);
      expect(r.growthTakeUpVsRule === null || r.growthTakeUpVsRule >= 0).toBe(true);
    }
    // The benchmark's own replays leave each client's last backtest, the one its report shows, alone.
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      try {
        expect(db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'backtest:%'").pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    }
    // Each row's figures are the client's own backtest over the same window, blank where too few slid to judge.
    for (const r of p.rows) {
      const own = new Backend({ appDataDir: path.join(t.dir, 'app-data-own'), now: () => NOW });
      try {
        await own.call('workspace-open', { path: r.path as string });
        const report = await own.call('analysis-backtest', { horizonDays: 180 });
        const customers = report.levels[0];
        expect(r.precision).toBe(customers.verdict.tooFewDeclines ? null : customers.rows[0].precision);
        expect(r.lossCaptured).toBe(customers.verdict.tooFewDeclines ? null : customers.rows[0].capturedShare);
      } finally {
        own.close();
      }
    }
  });

  it('reads a folder of workspaces and leaves the open workspace alone', async () => {
    const mine = path.join(t.dir, 'mine.longtail');
    await backend.call('workspace-create', { path: mine, clientName: 'Consultant scratch' });
    const p = await backend.call('portfolio-summarise', { folder: clientsDir() });
    expect(p.rows).toHaveLength(3);
    expect((await backend.call('workspace-info', {})).path).toBe(mine);
    await backend.call('workspace-close', {});
  });

  it('writes anonymised XLSX and CSV comparisons that name no client and no customer', async () => {
    const csvOut = path.join(t.dir, 'comparison.csv');
    const xlsxOut = path.join(t.dir, 'comparison.xlsx');
    const out: string[] = [];
    const io = { backend, cwd: t.dir, out: (s: string) => out.push(s), err: (s: string) => out.push(s), interactive: false };
    expect(await runCli(['benchmark', ...files, '--out', csvOut, '--anonymise'], io)).toBe(0);
    expect(await runCli(['benchmark', '--folder', clientsDir(), '--out', xlsxOut, '--anonymise'], io)).toBe(0);
    const book = XLSX.read(fs.readFileSync(xlsxOut));
    const texts = [
      fs.readFileSync(csvOut, 'utf8'),
      book.SheetNames.map((n) => XLSX.utils.sheet_to_csv(book.Sheets[n])).join('\n'),
      out.join('\n'),
    ];
    for (const text of texts) {
      expect(text).toContain('Client A');
      for (const secret of [...SPECS.map((s) => s.clientName), ...customerNames, '.longtail']) expect(text).not.toContain(secret);
    }
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Comparison);
    expect(rows.map((r) => r.Client)).toEqual(['Client A', 'Client B', 'Client C']);
    expect(Number(rows[0]['Leakage share of revenue'])).toBeGreaterThan(Number(rows[2]['Leakage share of revenue']));
  });

  it('ranks no revenue across currencies and says so, and fails when no workspace given can be compared', async () => {
    fs.mkdirSync(path.join(t.dir, 'euro'), { recursive: true });
    const euros = await analysedClient(path.join(t.dir, 'euro'), { clientName: 'Euro Foods', seed: 24, customers: 80, churnShare: 0.1, currency: 'EUR' });
    const out: string[] = [];
    const err: string[] = [];
    const io = { backend, cwd: t.dir, out: (s: string) => out.push(s), err: (s: string) => err.push(s), interactive: false };
    expect(await runCli(['benchmark', ...files, euros.file, '--out', 'mixed.xlsx'], io)).toBe(0);
    expect(out.join('\n')).toContain('Clients count in EUR and USD: amounts are not converted, so revenue is not ranked across them; compare their shares.');
    const p = await backend.call('portfolio-summarise', { paths: [...files, euros.file] });
    expect(p.currencies).toEqual(['EUR', 'USD']);
    expect(p.rows.every((r) => r.percentile.revenue12m === null)).toBe(true);
    expect(p.rows.filter((r) => r.percentile.leakageShare !== null)).toHaveLength(4);
    // Nothing comparable: the rows say why on stderr, and the command fails. The file is there (a
    // missing path is refused before anything is read) but holds no workspace.
    err.length = 0;
    fs.writeFileSync(path.join(t.dir, 'not-a-workspace.longtail'), 'not a workspace');
    expect(await runCli(['benchmark', path.join(t.dir, 'not-a-workspace.longtail'), '--out', 'none.xlsx'], io)).toBe(1);
    expect(err.join('\n')).toContain('The workspace given could not be compared (the line above says why).');
  });

  it('prints each client against the band and writes the named comparison', async () => {
    const out: string[] = [];
    const io = { backend, cwd: t.dir, out: (s: string) => out.push(s), err: (s: string) => out.push(s), interactive: false };
    expect(await runCli(['benchmark', ...files, '--out', 'named.csv'], io)).toBe(0);
    // Highest leakage share first: the ends are said in words, the middle by the share of the others it is above.
    expect(out[0]).toMatch(/^Leaky Larder Co: revenue 12m \$[\d,]+, leakage \$[\d,]+ = [\d.]+% \((below|within|above) the 7-30% band, the highest of the clients compared\)$/);
    expect(out[1]).toMatch(/, above 50% of the other clients\)$/);
    expect(out[2]).toMatch(/, the lowest of the clients compared\)$/);
    expect(out.join('\n')).toMatch(/Leakage share ranges/);
    expect(fs.readFileSync(path.join(t.dir, 'named.csv'), 'utf8')).toContain('Steady Provisions');
  });
});
