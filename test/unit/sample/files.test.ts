import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_HEADER, customersForRows, rosterCsv, truthOfWritten, writeSampleCsv } from '../../../bench/generate';
import { writeResults } from '../../../bench/run';
import { HOSTILE_NAME, generateDistributor } from '../../../shared/sample';
import { tempDir } from '../../helpers/workspace';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});
const scratch = (): string => {
  const { dir, cleanup } = tempDir('longtail-sample-');
  cleanups.push(cleanup);
  return dir;
};

describe('the sample CSV writer', () => {
  it('writes the documented header and every row, with the hostile and quoted names intact', async () => {
    const dir = scratch();
    const g = generateDistributor({ seed: 20261128, customers: 100, endDate: '2026-10-31' });
    const result = await writeSampleCsv(g.rows(), join(dir, 'nested', 'sample.csv'));
    const records = parse(readFileSync(join(dir, 'nested', 'sample.csv')), { bom: true }) as string[][];
    expect(records[0]).toEqual(SAMPLE_HEADER);
    expect(records.length - 1).toBe(result.rows);
    expect(result.customers).toBe(100);
    const names = new Set(records.slice(1).map((r) => r[3]));
    expect(names).toContain(HOSTILE_NAME);
    expect(names).toContain('Smith, Jones & "Sons" Catering');
    const rows = [...g.rows()];
    expect(records[1]).toEqual([rows[0].invoice, rows[0].date, rows[0].customerId, rows[0].customerName, rows[0].category, rows[0].product, String(rows[0].quantity), rows[0].unitPrice.toFixed(2), rows[0].revenue.toFixed(2), rows[0].rep, rows[0].territory, rows[0].segment]);
  });

  it('stops at exactly the requested number of rows and keeps the truth of the customers written', async () => {
    const dir = scratch();
    const g = generateDistributor({ seed: 1, customers: 60, endDate: '2026-10-31' });
    const result = await writeSampleCsv(g.rows(), join(dir, 'cut.csv'), 500);
    expect(result.rows).toBe(500);
    expect(readFileSync(join(dir, 'cut.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(501);
    const truth = truthOfWritten(g.truth, result.customers);
    expect(Object.keys(truth.customerPattern)).toHaveLength(result.customers);
    for (const d of truth.defections) expect(Number(d.customerId.slice(1))).toBeLessThanOrEqual(result.customers);
  });

  it('estimates the customers a row target needs within 10%', () => {
    const options = { seed: 9, endDate: '2026-10-31', months: 24, categories: 12 };
    const customers = customersForRows(20_000, options);
    let rows = 0;
    for (const _ of generateDistributor({ ...options, customers }).rows()) rows++;
    expect(rows).toBeGreaterThan(20_000);
    expect(rows).toBeLessThan(22_000);
  });

  it('writes a roster naming every rep the rows use, with kind, territory and capacity', () => {
    const g = generateDistributor({ seed: 20261128, customers: 300, endDate: '2026-10-31' });
    const records = parse(rosterCsv(g.roster), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual(['Rep', 'Kind', 'Territory', 'Capacity']);
    const reps = new Set(records.map((r) => r.Rep));
    for (const row of g.rows()) expect(reps.has(row.rep)).toBe(true);
    for (const r of records) {
      expect(['inside', 'outside']).toContain(r.Kind);
      expect(Number(r.Capacity)).toBeGreaterThan(0);
    }
  });
});

describe('the bundled sample', () => {
  it('is the file the generator writes for the documented seed (regenerate it after changing the generator)', async () => {
    const dir = scratch();
    await writeSampleCsv(generateDistributor({ seed: 20261128, customers: 2000, endDate: '2026-10-31' }).rows(), join(dir, 'distributor.csv'));
    const bundled = readFileSync(new URL('../../../resources/sample/distributor.csv', import.meta.url));
    expect(readFileSync(join(dir, 'distributor.csv')).equals(bundled)).toBe(true);
    expect(bundled.length).toBeLessThan(9_000_000);
  });
});

describe('the bench runner', () => {
  it('gathers the results in name order under a header naming the machine, and flags failed benches', async () => {
    const dir = scratch();
    const results = join(dir, 'results');
    mkdirSync(results);
    writeFileSync(join(results, 'b-import.md'), '# Import\n\n| x | 1.0x |\n');
    writeFileSync(join(results, 'a-analysis.md'), '# Analysis\n');
    const text = await writeResults(
      [
        { file: '/x/bench/a-analysis.bench.ts', code: 0, seconds: 1.5 },
        { file: '/x/bench/b-import.bench.ts', code: 1, seconds: 2 },
      ],
      { resultsDir: results, outFile: join(dir, 'RESULTS.md'), now: new Date('2026-11-28T07:00:00Z') },
    );
    expect(readFileSync(join(dir, 'RESULTS.md'), 'utf8')).toBe(text);
    expect(text).toContain('2026-11-28 07:00 UTC');
    expect(text).toContain(`Node ${process.version}`);
    expect(text).toMatch(/\d+ cores/);
    expect(text).toContain('| b-import.bench.ts | 2.0 | failed (exit 1) |');
    expect(text).toContain('1 bench(es) failed');
    expect(text.indexOf('# Analysis')).toBeLessThan(text.indexOf('# Import'));
  });
});
