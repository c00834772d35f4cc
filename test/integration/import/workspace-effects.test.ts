import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../shared/contract/progress';
import { Backend } from '../../../main/backend/dispatch';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

const workspace = freshWorkspaces();

describe('appending and duplicates', () => {
  it("appends next month's file to the same customers and categories", async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const s = await w.backend.call('import-run', { path: fixture('next-month.csv') });
    expect(s.warnings).toEqual([]);
    const info = await w.backend.call('workspace-info', {});
    expect(info).toMatchObject({ imports: 2, transactions: 5, customers: 3, categories: 2, dateFrom: '2024-01-05', dateTo: '2024-03-06', hasDates: true });
    expect((await w.backend.call('import-list', {})).map((i) => i.file)).toEqual(['basic.csv', 'next-month.csv']);
  });

  it('counts the transactions an import added from another process, though the count is kept between calls', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    expect((await w.backend.call('workspace-info', {})).transactions).toBe(3);
    const other = new Backend({ appDataDir: path.join(w.dir, 'other-app-data') });
    await other.call('workspace-open', { path: w.file });
    await other.call('import-run', { path: fixture('next-month.csv') });
    other.close();
    expect(await w.backend.call('workspace-info', {})).toMatchObject({ imports: 2, transactions: 5 });
  });

  it('refuses the same file twice with IMPORT_DUPLICATE_FILE unless forced, even under another name', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const copy = path.join(w.dir, 'renamed.csv');
    fs.copyFileSync(fixture('basic.csv'), copy);
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: copy });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_DUPLICATE_FILE' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/already imported \(as basic\.csv.*--force/);
    expect(storeCounts(w.backend)).toEqual(before);
    const forced = await w.backend.call('import-run', { path: copy, force: true });
    expect(forced.rowsImported).toBe(3);
  });

  it('reports a date range that overlaps an earlier import', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const s = await w.backend.call('import-run', { path: fixture('overlapping.csv') });
    expect(s.warnings).toEqual([expect.stringMatching(/^2024-01-20\.\.2024-02-20 overlaps an earlier import \(basic\.csv, 2024-01-05\.\.2024-02-10\)/)]);
  });
});

describe('what an import records', () => {
  it("keeps each customer's most recent rep and territory, its name, and saves the mapping for the next file", async () => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('synonyms.csv') });
    expect(s.mapping).toEqual({ customer: 'Account No', customerName: 'Customer Name', date: 'Order Date', revenue: 'Net Sales', category: 'Product Group', rep: 'Sales Rep', territory: 'Region' });
    const a1 = w.backend.session.db
      .prepare('SELECT c.name, r.name AS rep, t.name AS territory FROM customers c JOIN reps r ON r.id = c.rep_id JOIN territories t ON t.id = c.territory_id WHERE c.code = ?')
      .get('A1');
    expect(a1).toEqual({ name: 'Alpha Ltd', rep: 'Cleo', territory: 'East' });
    const preview = await w.backend.call('import-preview', { path: fixture('synonyms.csv') });
    expect(preview.savedMapping).toBe(true);
    expect(preview.mapping.find((g) => g.field === 'rep')).toMatchObject({ column: 'Sales Rep', confidence: 1 });
  });

  it('reuses the overrides saved for one file on the next file with the same headers', async () => {
    const w = await workspace();
    const jan = path.join(w.dir, 'jan.csv');
    const feb = path.join(w.dir, 'feb.csv');
    fs.writeFileSync(jan, 'Who,When,Paid,What\nA,2024-01-02,10.50,X\nB,2024-01-03,20.25,Y\n');
    fs.writeFileSync(feb, 'Who,When,Paid,What\nA,2024-02-02,11.50,X\n');
    expect(await w.backend.invoke('import-run', { path: jan })).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE' } });
    await w.backend.call('import-run', { path: jan, mapping: { customer: 'Who', category: 'What' } });
    const preview = await w.backend.call('import-preview', { path: feb });
    expect(preview.savedMapping).toBe(true);
    expect(preview.mapping.filter((g) => g.column).map((g) => `${g.field}=${g.column}`)).toEqual(['customer=Who', 'date=When', 'category=What', 'revenue=Paid']);
    expect((await w.backend.call('import-run', { path: feb })).rowsImported).toBe(1);
  });

  it('changes nothing on a dry run but reports what it would import', async () => {
    const w = await workspace();
    const before = storeCounts(w.backend);
    const s = await w.backend.call('import-run', { path: fixture('bad-rows.csv'), dryRun: true });
    expect(s).toMatchObject({ dryRun: true, importId: null, rowsImported: 2, rowsRejected: 4 });
    expect(storeCounts(w.backend)).toEqual(before);
  });

  it('reports progress in bytes with a rate and ETA, and a cancelled import leaves the workspace as it was', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('basic.csv') });
    const big = path.join(w.dir, 'big.csv');
    const lines = ['Customer,Date,Revenue,Category'];
    for (let i = 0; i < 60_000; i++) lines.push(`K${i % 997},2024-03-${String((i % 28) + 1).padStart(2, '0')},${(i % 50) + 0.5},Cat${i % 7}`);
    fs.writeFileSync(big, `${lines.join('\n')}\n`);
    const before = storeCounts(w.backend);
    const controller = new AbortController();
    const seen: Progress[] = [];
    const outcome = await w.backend.invoke(
      'import-run',
      { path: big },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          controller.abort();
        },
      },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(seen[0]).toMatchObject({ phase: 'reading', unit: 'bytes', total: fs.statSync(big).size });
    expect(seen[0].rate).toBeGreaterThan(0);
    expect(seen[0].message).toMatch(/rows/);
    expect(storeCounts(w.backend)).toEqual(before);
    const done = await w.backend.call('import-run', { path: big });
    expect(done.rowsImported).toBe(60_000);
  });
});

describe('other shapes', () => {
  it('imports a customer x category spend table dated as of the given day, and the workspace knows it has no dates', async () => {
    const w = await workspace();
    const preview = await w.backend.call('import-preview', { path: fixture('spend-table.csv') });
    expect(preview).toMatchObject({ shape: 'spend-table', categoryColumns: ['Fresh', 'Milk', 'Frozen'] });
    const s = await w.backend.call('import-run', { path: fixture('spend-table.csv'), asOf: '2025-06-30' });
    expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 3, rowsImported: 2, rowsRejected: 1, customers: 2, categories: 3, revenue: 170, dateFrom: null });
    expect(s.rejectsSample).toEqual([{ row: 4, column: 'Milk', value: 'abc', reason: "'abc' is not a number" }]);
    const info = await w.backend.call('workspace-info', {});
    expect(info).toMatchObject({ hasDates: false, transactions: 3, dateFrom: '2025-06-30' });
    const x1 = w.backend.session.db.prepare('SELECT c.segment, t.name AS territory FROM customers c JOIN territories t ON t.id = c.territory_id WHERE code = ?').get('X1');
    expect(x1).toEqual({ segment: 'Retail', territory: 'North' });
  });

  it('groups product-level transactions into the categories of a product master imported afterwards', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('qty-price.csv') });
    expect((await w.backend.call('workspace-info', {})).categories).toBe(3);
    const s = await w.backend.call('import-run', { path: fixture('product-master.csv') });
    expect(s).toMatchObject({ shape: 'product-master', rowsImported: 3, categories: 2 });
    const byCategory = w.backend.session.db
      .prepare('SELECT c.name, round(sum(t.revenue), 2) AS revenue FROM transactions t JOIN categories c ON c.id = t.category_id GROUP BY c.name ORDER BY c.name')
      .all();
    expect(byCategory).toEqual([
      { name: 'Hardware', revenue: -1.5 },
      { name: 'Paint', revenue: 4 },
    ]);
    expect((await w.backend.call('workspace-info', {})).categories).toBe(2);
    expect(w.backend.session.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND name = 'product_master_regroup'").get()).toBeUndefined();
  });

  it('uses an earlier product master for a later file without categories', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('product-master.csv') });
    const s = await w.backend.call('import-run', { path: fixture('qty-price.csv') });
    expect(s.categories).toBe(2);
  });
});
