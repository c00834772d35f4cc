import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../main/backend/import/open';
import { buildPlan } from '../../../main/backend/import/plan';
import { estimateShrink } from '../../../main/backend/import/shrink-estimate';
import { freshWorkspaces } from '../../helpers/workspace';
import { storeCounts } from './fixtures';

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

describe('a big file whose dates meet sales already in the workspace', () => {
  /** The invoice lines already imported, and a later export of the same lines with one sale more, on a day of its own. */
  async function overlapping(w: Awaited<ReturnType<typeof workspace>>): Promise<string> {
    const first = salesFile(w.dir, 'first.csv', 8);
    await w.backend.call('import-run', { path: first, engine: 'lines' });
    const again = path.join(w.dir, 'again.csv');
    fs.writeFileSync(again, `${fs.readFileSync(first, 'utf8')}\nI999,C1,2025-02-06,Dairy,1,9.99\n`);
    return again;
  }

  it('is read line by line, not summed by DuckDB, so the 2,400 lines already stored are rejected as such and not counted twice', async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: await overlapping(w), engine: 'auto', aggregateAboveMb: 0.001 });
    expect(s).toMatchObject({ engine: 'lines', rowsRead: 2401, rowsImported: 1, rowsRejected: 2400, rowsSkipped: 0, revenue: 9.99 });
    expect(s.warnings).toContain(
      'Imported line by line, not through DuckDB: its dates (2025-02-01..2025-02-06) meet sales already in the workspace (first.csv, 2025-02-01..2025-02-05), and only lines read one by one can be compared with the lines stored, so that none counts twice.',
    );
    expect(s.warnings.some((n) => n.startsWith('Summed with DuckDB'))).toBe(false);
    expect(w.backend.session.db.prepare('SELECT total(revenue) FROM transactions').pluck().get()).toBeCloseTo(2400 * 13.5 + 9.99, 6);
  });

  it('is refused with --engine duckdb, naming its dates, the import they meet and the engine to use, and nothing is stored', async () => {
    const w = await workspace();
    const file = await overlapping(w);
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: file, engine: 'duckdb' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_ENGINE_OVERLAP' } });
    expect(outcome.ok ? '' : outcome.error.message).toBe(
      "again.csv's dates (2025-02-01..2025-02-06) meet sales already in the workspace (first.csv, 2025-02-01..2025-02-05). DuckDB sums the file's lines per customer, category and day, and a sum cannot be compared with the lines stored, so the sales both hold would count twice. Nothing was imported. Import it with --engine lines (or auto), which stores a line already there only once, or with --force to store every line again.",
    );
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it('is still summed by DuckDB when its dates meet none of the sales stored', async () => {
    const w = await workspace();
    const later = path.join(w.dir, 'later.csv');
    fs.writeFileSync(later, 'Invoice,Customer,Date,Category,Quantity,Net Sales\nI1,C1,2025-03-03,Dairy,1,5.00\n');
    await w.backend.call('import-run', { path: later });
    const s = await w.backend.call('import-run', { path: salesFile(w.dir, 'february.csv', 8), engine: 'duckdb' });
    expect(s).toMatchObject({ engine: 'duckdb', rowsRead: 2400, rowsImported: 2400 });
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
