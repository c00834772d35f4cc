import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/dispatch';
import type { Progress } from '../../../shared/contract/progress';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

const workspace = freshWorkspaces();

/** parseInWorkerAboveMb 0 sends any CSV to the parser worker; a huge one keeps it in the import's thread. */
const IN_WORKER = { parseInWorkerAboveMb: 0 };
const IN_THREAD = { parseInWorkerAboveMb: 1e6 };

/**
 * A sales file of `rows` lines (more than one 32,768-row batch) with the troubles real exports
 * have: quoted names holding commas and doubled quotes, blank lines, missing customers, bad
 * dates, words for amounts, a comma-decimal amount in a dot column, and one quote never closed.
 */
function salesFile(file: string, rows: number, seed = 1): void {
  const lines = ['Invoice,Date,Customer ID,Customer Name,Category,Product,Quantity,Unit Price,Net Sales,Sales Rep,Territory,Segment'];
  for (let i = 0; i < rows; i++) {
    const k = (i * 7919 + seed) % 1201;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String(((i >> 5) % 12) + 1).padStart(2, '0');
    const name = k % 5 === 0 ? `"Smith, ""Jr"" & Sons ${k}"` : `Shop ${k}`;
    let date = `2025-${month}-${day}`;
    let customer = `C${k}`;
    let sales = ((i % 97) * 3.25 - (i % 41 === 0 ? 400 : 0)).toFixed(2);
    if (i % 1009 === 0) customer = '';
    if (i % 1013 === 0) date = '2025-02-30';
    if (i % 1019 === 0) sales = 'n/a';
    if (i % 1021 === 0) sales = '1.234,50';
    if (i % 997 === 0) lines.push('');
    const invoice = i % 3 === 0 && i % 2 === 0 ? `C${100000 + (i >> 2)}` : `INV${100000 + (i >> 2)}`;
    lines.push(`${invoice},${date},${customer},${name},Cat ${k % 13},P${k % 211},${(i % 9) + 1},3.25,${sales},Rep ${k % 17},T${k % 5},${k % 2 ? 'Cafe' : 'Hotel'}`);
  }
  lines.splice(Math.floor(rows * 0.6), 0, 'INV999,2025-03-03,C77,"Never closed,Cat 1,P1,1,1,1,Rep 1,T1,Cafe', 'INV998,2025-03-03,C77,Shop 77,Cat 1,P1,1,1,1,Rep 1,T1,Cafe');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

/** Lines below the header, blank ones included: what an import reads. */
const records = (file: string): number => fs.readFileSync(file, 'utf8').split('\r\n').length - 2;

/** Everything an import stored, row by row (ids included: they must be the same too). */
function stored(backend: Backend): Record<string, unknown[]> {
  const db = backend.session.db;
  const out: Record<string, unknown[]> = {};
  for (const table of ['transactions', 'rejects', 'customers', 'categories', 'products', 'reps', 'territories']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().all();
  }
  out.imports = db
    .prepare('SELECT id, file_name, file_size, sha256, shape, mapping_json, rows_read, rows_imported, rows_rejected, rows_skipped, returns, revenue, date_from, date_to, warnings_json, status FROM imports ORDER BY id')
    .raw()
    .all();
  return out;
}

const timeless = <T extends { durationMs: number; startedAt: string; finishedAt: string }>(s: T): Omit<T, 'durationMs' | 'startedAt' | 'finishedAt'> => {
  const { durationMs: _d, startedAt: _s, finishedAt: _f, ...rest } = s;
  return rest;
};

describe('reading a CSV in the parser worker while the rows are stored', () => {
  it('stores exactly the rows, rejects, names and history the in-thread import stores, over several batches and an append', async () => {
    const [a, b] = [await workspace(), await workspace()];
    const first = path.join(a.dir, 'sales.csv');
    const second = path.join(a.dir, 'more.csv');
    salesFile(first, 80_000);
    salesFile(second, 40_000, 7);
    const threaded = [await a.backend.call('import-run', { path: first, ...IN_WORKER }), await a.backend.call('import-run', { path: second, ...IN_WORKER })];
    const inline = [await b.backend.call('import-run', { path: first, ...IN_THREAD }), await b.backend.call('import-run', { path: second, ...IN_THREAD })];
    expect(threaded.map(timeless)).toEqual(inline.map(timeless));
    expect(threaded[0].rowsRead).toBe(threaded[0].rowsImported + threaded[0].rowsRejected + threaded[0].rowsSkipped);
    expect(threaded[0].rowsRejected).toBeGreaterThan(200);
    expect(threaded[0].rowsSkipped).toBeGreaterThan(50);
    expect(threaded[0].warnings.some((w) => w.startsWith('Unclosed quote'))).toBe(true);
    expect(stored(a.backend)).toEqual(stored(b.backend));
  });

  it('reads UTF-8 names, a BOM, LF lines, padded cells and a quoted value spanning lines from the bytes as the in-thread import reads the text', async () => {
    const lines = ['Invoice,Date,Customer ID,Customer Name,Category,Product,Quantity,Unit Price,Net Sales,Sales Rep,Territory,Segment'];
    const names = ['Café Olé', 'Straße 9', '東京 Foods', ' Padded ', 'Plain'];
    for (let i = 0; i < 50_000; i++) {
      const k = (i * 7919) % 997;
      const name = names[k % names.length];
      const customer = k % 11 === 0 ? ` C${k} ` : `C${k}`;
      const date = i % 499 === 0 ? '2025-1-5' : `2025-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`;
      const sales = i % 503 === 0 ? '-0' : i % 509 === 0 ? '12345678901234567' : ((i % 89) * 1.1).toFixed(2);
      lines.push(`INV${i},${date},${customer},${name} ${k},Cat ${k % 7},P${k % 31},${(i % 9) + 1},1.10,${sales},Rep ${k % 5},T${k % 3},Seg`);
      // Past the middle, a note spans two lines: from there on the text tokenizer reads the file.
      if (i === 30_000) lines.push(`INV-N,2025-03-03,C1,"a note\nover two lines",Cat 1,P1,1,1,1,Rep 1,T1,Seg`);
    }
    const [a, b] = [await workspace(), await workspace()];
    const file = path.join(a.dir, 'bytes.csv');
    fs.writeFileSync(file, `\ufeff${lines.join('\n')}\n`);
    const threaded = await a.backend.call('import-run', { path: file, ...IN_WORKER });
    const inline = await b.backend.call('import-run', { path: file, ...IN_THREAD });
    expect(timeless(threaded)).toEqual(timeless(inline));
    expect(threaded.rowsImported).toBeGreaterThan(49_000);
    expect(stored(a.backend)).toEqual(stored(b.backend));
    const stored1 = a.backend.session.db.prepare("SELECT name FROM customers WHERE name LIKE 'Café Olé %' OR name LIKE '東京 Foods %' OR name LIKE 'Padded %'").pluck().all();
    expect(stored1.length).toBeGreaterThan(100);
  });

  it('stores the same when products are the category level, or when every sale is in one category', async () => {
    for (const mapping of [{ category: null }, { category: null, product: null, productName: null }]) {
      const [a, b] = [await workspace(), await workspace()];
      const file = path.join(a.dir, 'sales.csv');
      salesFile(file, 40_000);
      const threaded = await a.backend.call('import-run', { path: file, mapping, ...IN_WORKER });
      const inline = await b.backend.call('import-run', { path: file, mapping, ...IN_THREAD });
      expect(timeless(threaded)).toEqual(timeless(inline));
      expect(threaded.categories).toBe(mapping.product === null ? 1 : 211);
      expect(stored(a.backend)).toEqual(stored(b.backend));
    }
  });

  it("names each bad row's file row, column, raw value and reason as the in-thread checks do", async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('bad-rows.csv'), ...IN_WORKER });
    expect(s).toMatchObject({ rowsRead: 8, rowsImported: 2, rowsRejected: 4, rowsSkipped: 2 });
    expect(s.rejectsSample).toEqual([
      { row: 3, column: 'Customer', value: '', reason: 'no customer (Customer is empty)' },
      { row: 4, column: 'Date', value: '13/45/2025', reason: "'13/45/2025' is not a valid date (expected YYYY-MM-DD)" },
      { row: 6, column: 'Revenue', value: 'lots', reason: "'lots' is not a number" },
      { row: 7, column: 'Category', value: '', reason: 'no category (Category is empty)' },
    ]);
    const page = await w.backend.call('import-rejects', { importId: s.importId ?? 0, offset: 2, limit: 1 });
    expect(page.rows).toEqual([{ row: 6, column: 'Revenue', value: 'lots', reason: "'lots' is not a number" }]);
  });

  it('reads a .csv.gz and hashes the bytes on disk, so the same file imported again is refused', async () => {
    const w = await workspace();
    const plain = path.join(w.dir, 'sales.csv');
    salesFile(plain, 5_000);
    const gz = path.join(w.dir, 'sales.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(plain)));
    const s = await w.backend.call('import-run', { path: gz, ...IN_WORKER });
    expect(s.rowsRead).toBe(records(plain));
    expect(s.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(gz)).digest('hex'));
    const again = await w.backend.invoke('import-run', { path: gz, ...IN_WORKER });
    expect(again).toMatchObject({ ok: false, error: { code: 'IMPORT_DUPLICATE_FILE' } });
  });

  it('refuses a file saved again while it was being read, stores nothing, and imports it once it is still', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const big = path.join(w.dir, 'big.csv');
    salesFile(big, 120_000);
    const before = storeCounts(w.backend);
    let touched = false;
    const outcome = await w.backend.invoke(
      'import-run',
      { path: big, ...IN_WORKER },
      {
        onProgress: () => {
          if (touched) return;
          touched = true;
          // Another program saves the file mid-import: same bytes, a new modification time.
          fs.utimesSync(big, new Date(), new Date(Date.now() + 60_000));
        },
      },
    );
    expect(touched).toBe(true);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_FILE_CHANGED' } });
    expect(outcome.ok ? '' : outcome.error.message).toContain('big.csv');
    expect(storeCounts(w.backend)).toEqual(before);
    const done = await w.backend.call('import-run', { path: big, ...IN_WORKER });
    expect(done.rowsRead).toBe(records(big));
    expect(done.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(big)).digest('hex'));
  });

  it('leaves the workspace unchanged when cancelled mid-file, and imports the file whole afterwards', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const big = path.join(w.dir, 'big.csv');
    salesFile(big, 120_000);
    const before = storeCounts(w.backend);
    const controller = new AbortController();
    const seen: Progress[] = [];
    const outcome = await w.backend.invoke(
      'import-run',
      { path: big, ...IN_WORKER },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          controller.abort();
        },
      },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // Cancelled after the first batch was stored, not before the worker started.
    expect(seen[0].done).toBeGreaterThan(0);
    expect(seen[0].message).toMatch(/^[\d,]+ rows/);
    expect(storeCounts(w.backend)).toEqual(before);
    const done = await w.backend.call('import-run', { path: big, ...IN_WORKER });
    expect(done.rowsRead).toBe(records(big));
  });

  it('fails with the file named when it cannot be read, and stores nothing', async () => {
    const w = await workspace();
    const gz = path.join(w.dir, 'cut.csv.gz');
    const whole = zlib.gzipSync(Buffer.from(`Customer,Date,Revenue,Category\n${'C1,2025-01-01,10,A\n'.repeat(200_000)}`));
    fs.writeFileSync(gz, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: gz, ...IN_WORKER });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    expect(outcome.ok ? '' : outcome.error.message).toContain('cut.csv.gz');
    expect(storeCounts(w.backend)).toEqual(before);
  });
});
