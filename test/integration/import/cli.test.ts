import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import { tempDir } from '../../helpers/workspace';
import { fixture } from './fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return cliIn(t.dir, argv);
}

async function cliIn(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  let out = '';
  let err = '';
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => new Date('2026-01-15T09:00:00Z') });
  try {
    const code = await runCli(argv, { backend, cwd: dir, interactive: false, out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err, dir };
  } finally {
    backend.close();
  }
}

describe('longtail import', () => {
  it('says --as-of was not used on a file of dated sales, and a run that fails leaves no folder it made', async () => {
    const r = await cli(['import', fixture('bad-rows.csv'), '--workspace', 'acme.longtail', '--as-of', '2024-01-01']);
    expect(r.code).toBe(0);
    expect(r.err).toContain("--as-of was not used: it dates a spend table, and bad-rows.csv's rows carry their own dates");
    const t = tempDir();
    cleanups.push(t.cleanup);
    fs.writeFileSync(path.join(t.dir, 'header-only.csv'), 'Customer,Date,Revenue\n');
    const failed = await cliIn(t.dir, ['run', 'header-only.csv', '--out', 'results']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('header-only.csv has a header row (line 1) but no data rows below it.');
    expect(fs.existsSync(path.join(t.dir, 'results'))).toBe(false);
  });

  it('saves nothing on a dry run into a workspace that did not exist: no file is left behind', async () => {
    const r = await cli(['import', fixture('bad-rows.csv'), '--workspace', 'trial.longtail', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Dry run \(nothing saved\)/);
    expect(fs.readdirSync(r.dir).filter((f) => f.startsWith('trial.longtail'))).toEqual([]);
  });

  it('creates the workspace and prints one JSON object with the counts, mapping and a rejects sample', async () => {
    const r = await cli(['import', fixture('bad-rows.csv'), '--workspace', 'acme.longtail', '--client', 'Acme', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as Record<string, unknown>;
    expect(summary).toMatchObject({ rowsRead: 8, rowsImported: 2, rowsRejected: 4, rowsSkipped: 2, customers: 2, categories: 2, dateFrom: '2024-01-05', dateTo: '2024-01-10', revenue: 160 });
    expect(summary.mapping).toEqual({ customer: 'Customer', date: 'Date', revenue: 'Revenue', category: 'Category' });
    expect((summary.rejectsSample as unknown[]).length).toBe(4);
    expect(fs.existsSync(path.join(r.dir, 'acme.longtail'))).toBe(true);
  });

  it('takes --map, --date-format and --shape, and writes the rejects with --rejects-out', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const r = await cliIn(t.dir, ['import', fixture('ambiguous-dates.csv'), '-w', 'x.longtail', '--date-format', 'mdy', '--map', 'revenue=Amount', '--map', 'category=', '--map', 'product=Category', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dateFrom: '2024-01-02', dateTo: '2024-05-06', mapping: { product: 'Category' } });
    const bad = await cliIn(t.dir, ['import', fixture('bad-rows.csv'), '-w', 'x.longtail', '--rejects-out', 'rejects.csv']);
    expect(bad.code).toBe(0);
    expect(bad.out).toMatch(/rows read 8 = imported 2 \+ rejected 4 \+ skipped 2 \(blank, or no sale by their status\)/);
    expect(fs.readFileSync(path.join(t.dir, 'rejects.csv'), 'utf8').split('\r\n').length).toBe(6);
    const spend = await cliIn(t.dir, ['import', fixture('spend-table.csv'), '-w', 'y.longtail', '--shape', 'spend-table', '--as-of', '2025-12-31', '--json']);
    expect(JSON.parse(spend.out)).toMatchObject({ shape: 'spend-table', customers: 2 });
  });

  it('imports a product master after the main file with --product-master', async () => {
    const r = await cli(['import', fixture('qty-price.csv'), '-w', 'x.longtail', '--product-master', fixture('product-master.csv'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rowsImported: 4, productMaster: { shape: 'product-master', rowsImported: 3 } });
  });

  it('fails with exit code 1 and a message on stderr saying what to do', async () => {
    const r = await cli(['import', fixture('ambiguous-dates.csv'), '-w', 'x.longtail']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--date-format mdy or --date-format dmy\. \[IMPORT_AMBIGUOUS_DATES\]/);
    expect(fs.existsSync(path.join(r.dir, 'x.longtail'))).toBe(false);
    const json = await cli(['import', fixture('ambiguous-dates.csv'), '-w', 'x.longtail', '--json']);
    expect(JSON.parse(json.err)).toMatchObject({ ok: false, error: { code: 'IMPORT_AMBIGUOUS_DATES' } });
    const usage = await cli(['import', '-w', 'x.longtail']);
    expect(usage.code).toBe(1);
    expect(usage.err).toMatch(/Give exactly one file/);
    const shape = await cli(['import', fixture('basic.csv'), '-w', 'x.longtail', '--shape', 'pivot']);
    expect(shape.err).toMatch(/--shape pivot is not one of: transactions, cube, spend-table, product-master/);
  });

  it('says beside the date column which day/month order it read, so a wrong guess shows at a glance', async () => {
    const r = await cli(['import', fixture('ambiguous-dates.csv'), '-w', 'x.longtail', '--date-format', 'dmy', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n {2}mapping .*date=[^,]+ \(read day first, DD\/MM\/YYYY\)/);
  });

  it('prints its options and examples with --help', async () => {
    const r = await cli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: longtail import <file> --workspace FILE/);
    expect(r.out).toMatch(/--dry-run/);
  });
});
