import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../main/backend/import/open';
import { buildPlan } from '../../../main/backend/import/plan';
import { estimateShrink } from '../../../main/backend/import/shrink-estimate';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const HEADER = 'Invoice,Customer,Date,Category,Quantity,Net Sales';

/** 30 customers x 2 categories x 5 days, `linesPerKey` product lines on each (as invoices with several products). */
function salesFile(dir: string, name: string, linesPerKey: number): string {
  const rows = [HEADER];
  let invoice = 0;
  for (let c = 1; c <= 30; c++)
    for (let d = 1; d <= 5; d++)
      for (const category of ['Dairy', 'Bakery']) {
        invoice++;
        for (let l = 0; l < linesPerKey; l++) rows.push(`I${invoice},C${c},2025-02-0${d},${category},1,${(10 + l).toFixed(2)}`);
      }
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.join('\n'));
  return file;
}

describe('the auto engine above the size threshold', () => {
  it('sums with DuckDB a file whose lines shrink to an eighth when summed per customer x category x day, and says why', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: salesFile(w.dir, 'invoice-lines.csv', 8), engine: 'auto', aggregateAboveMb: 0.001 });
    expect(s).toMatchObject({ engine: 'duckdb', rowsRead: 2400, rowsImported: 2400, revenue: 300 * (10 + 11 + 12 + 13 + 14 + 15 + 16 + 17) });
    expect(s.warnings).toContain('Summed with DuckDB because the file shrinks when summed: in the first 2,400 lines, summing per customer x category x day leaves about 13 rows for every 100 lines.');
    expect(w.backend.session.db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({ n: 300 });
  });

  // A quarter is too little a saving for DuckDB to pay; one line per key is none.
  it.each([
    ['four-lines-per-key.csv', 4, '1,200', 25],
    ['one-line-per-key.csv', 1, '300', 100],
  ])('reads line by line %s, which does not shrink enough when summed, and says why', async (name, linesPerKey, lines, per100) => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: salesFile(w.dir, name, linesPerKey), engine: 'auto', aggregateAboveMb: 0.001 });
    expect(s).toMatchObject({ engine: 'lines', rowsRead: 300 * linesPerKey, rowsImported: 300 * linesPerKey });
    expect(s.warnings).toContain(
      `Imported line by line, not through DuckDB: in the first ${lines} lines, summing per customer x category x day leaves about ${per100} rows for every 100 lines, so summing first would save little and reading line by line is faster.`,
    );
  });

  it('leaves a forced engine as chosen, whatever the file would shrink to', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: salesFile(w.dir, 'one-line-per-key.csv', 1), engine: 'duckdb' });
    expect(s.engine).toBe('duckdb');
    expect(s.warnings.some((n) => n.includes('summing per customer x category x day leaves'))).toBe(false);
  });

  it('reads a file below the threshold line by line without sampling it', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: salesFile(w.dir, 'small.csv', 4), engine: 'auto' });
    expect(s.engine).toBe('lines');
    expect(s.warnings.some((n) => n.includes('DuckDB'))).toBe(false);
  });
});

describe('the shrink estimate', () => {
  it('stops reading once its sample is full and counts keys among those lines only', async () => {
    const w = await workspace();
    const { source } = await openSource(salesFile(w.dir, 'long.csv', 40), undefined);
    const plan = buildPlan(null, source, {});
    // 12,000 lines (several read chunks): the first 400 are 10 keys of 40 lines each.
    expect(await estimateShrink(source, plan, new AbortController().signal, 400)).toEqual({ lines: 400, keys: 10, share: 10 / 400 });
  });

  it('gives way to the user cancelling the import', async () => {
    const w = await workspace();
    const { source } = await openSource(salesFile(w.dir, 'long.csv', 40), undefined);
    const plan = buildPlan(null, source, {});
    const cancel = new AbortController();
    cancel.abort();
    await expect(estimateShrink(source, plan, cancel.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
