import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/contract/import';
import { newWorkspace } from '../../helpers/workspace';
import { sharedData } from './fixtures';

// Figures from ../shared/data/README.md (UCI Online Retail, 541,909 rows).
describe('the UCI Online Retail file', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let s: ImportSummary;

  beforeAll(async () => {
    w = await newWorkspace();
    s = await w.backend.call('import-run', { path: sharedData('online_retail.csv.gz') });
  });
  afterAll(() => w.cleanup());

  it('maps its columns without help: InvoiceNo, StockCode as product and category level, Quantity x UnitPrice, InvoiceDate, CustomerID, Country', () => {
    expect(s.mapping).toEqual({
      invoice: 'InvoiceNo',
      product: 'StockCode',
      productName: 'Description',
      quantity: 'Quantity',
      unitPrice: 'UnitPrice',
      date: 'InvoiceDate',
      customer: 'CustomerID',
      territory: 'Country',
    });
    expect(s.warnings[0]).toMatch(/'StockCode' is used as the category level/);
    // The import step must not contradict the grouping the analysis will propose from Description.
    expect(s.warnings[0]).toMatch(/groups products by their descriptions/);
  });

  it('accounts for every one of its 541,909 rows and rejects the 135,080 without a CustomerID for that reason', async () => {
    expect(s).toMatchObject({ rowsRead: 541_909, rowsImported: 406_829, rowsRejected: 135_080, rowsSkipped: 0 });
    const reasons = w.backend.session.db.prepare('SELECT reason, count(*) AS n FROM rejects GROUP BY reason').all();
    expect(reasons).toEqual([{ reason: 'no customer (CustomerID is empty)', n: 135_080 }]);
  });

  it('matches the published totals: 4,372 customers, revenue 8,300,065.81, 2010-12-01..2011-12-09, 3,684 stock codes', async () => {
    expect(s).toMatchObject({ customers: 4372, categories: 3684, products: 3684, dateFrom: '2010-12-01', dateTo: '2011-12-09', revenue: 8_300_065.81 });
    const info = await w.backend.call('workspace-info', {});
    expect(info).toMatchObject({ transactions: 406_829, customers: 4372, hasDates: true });
    expect(info.revenue).toBeCloseTo(8_300_065.81, 1);
  });

  it('keeps cancellations as negative revenue', () => {
    const db = w.backend.session.db;
    const cancelled = db.prepare("SELECT count(*) AS n, sum(revenue > 0) AS positive, count(DISTINCT invoice) AS invoices FROM transactions WHERE invoice LIKE 'C%'").get();
    expect(cancelled).toEqual({ n: 8905, positive: 0, invoices: 3654 });
    expect(s.returns).toBe(8905);
  });
});

describe('the UCI Wholesale customers table', () => {
  it('imports as a spend table: 440 customers, 6 categories, Channel as segment and Region as territory', async () => {
    const w = await newWorkspace();
    try {
      const s = await w.backend.call('import-run', { path: sharedData('wholesale_customers.csv') });
      expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 440, rowsImported: 440, rowsRejected: 0, customers: 440, categories: 6 });
      expect(s.mapping).toEqual({ segment: 'Channel', territory: 'Region' });
      const means = w.backend.session.db.prepare('SELECT c.name, round(sum(t.revenue) / 440.0, 2) AS mean FROM transactions t JOIN categories c ON c.id = t.category_id GROUP BY c.name ORDER BY c.id').all();
      expect(means).toEqual([
        { name: 'Fresh', mean: 12000.3 },
        { name: 'Milk', mean: 5796.27 },
        { name: 'Grocery', mean: 7951.28 },
        { name: 'Frozen', mean: 3071.93 },
        { name: 'Detergents_Paper', mean: 2881.49 },
        { name: 'Delicassen', mean: 1524.87 },
      ]);
      const channels = w.backend.session.db.prepare('SELECT segment, count(*) AS n FROM customers GROUP BY segment ORDER BY segment').all();
      expect(channels).toEqual([
        { segment: '1', n: 298 },
        { segment: '2', n: 142 },
      ]);
      expect((await w.backend.call('workspace-info', {})).hasDates).toBe(false);
    } finally {
      w.cleanup();
    }
  });

  it('keys a spend table by a column named as a row key, and keeps a category whose name only ends like one', async () => {
    const w = await newWorkspace();
    try {
      const file = path.join(w.dir, 'enoteca.csv');
      fs.writeFileSync(file, 'Nr,Vino,Pane,Liquid\n7,1200,300,45\n8,900,120,0\n9,15,640,80\n');
      const s = await w.backend.call('import-run', { path: file });
      expect(s).toMatchObject({ shape: 'spend-table', customers: 3, categories: 3, revenue: 3300 });
      expect(s.mapping).toEqual({ customer: 'Nr' });
      const categories = w.backend.session.db.prepare('SELECT name FROM categories ORDER BY id').pluck().all();
      expect(categories).toEqual(['Vino', 'Pane', 'Liquid']);
      const codes = w.backend.session.db.prepare('SELECT code FROM customers ORDER BY code').pluck().all();
      expect(codes).toEqual(['7', '8', '9']);
    } finally {
      w.cleanup();
    }
  });

  it('imports the same way from the import screen, which sends the shape and every field it shows, the customer left empty', async () => {
    const w = await newWorkspace();
    try {
      const s = await w.backend.call('import-run', {
        path: sharedData('wholesale_customers.csv'),
        shape: 'spend-table',
        mapping: { customer: null, customerName: null, segment: 'Channel', territory: 'Region', rep: null },
      });
      expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 440, rowsImported: 440, customers: 440, categories: 6, revenue: 14_619_500 });
    } finally {
      w.cleanup();
    }
  });
});

// lifetimes' and BTYD's per-customer summaries of CDNOW: one row per customer, only numbers, so they
// look like spend tables, but their columns are purchase counts, recency and age in weeks.
describe('the CDNOW customer summaries of lifetime-value tools', () => {
  const summaries: [file: string, columns: string[]][] = [
    ['cdnow_customers_summary.csv', ['frequency', 'recency', 'T']],
    ['cdnow_customers_summary_with_transactions.csv', ['x', 't_x', 'T', 'zbar']],
    ['cdnow_sample_cbs_cal_holdout.csv', ['x', 't_x', 'T', 'x_star']],
  ];

  it.each(summaries)('refuses %s as a purchase summary, naming the file and its statistics, and leaves the workspace as it was', async (file, columns) => {
    const w = await newWorkspace();
    try {
      const before = await w.backend.call('workspace-info', {});
      const outcome = await w.backend.invoke('import-run', { path: sharedData(file) });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_PURCHASE_SUMMARY', details: { columns } } });
      const message = outcome.ok ? '' : outcome.error.message;
      expect(message.startsWith(`${file} summarises each customer's purchases in ${columns.map((c) => `'${c}'`).join(', ')}`)).toBe(true);
      expect(message).toContain('Import the transactions it was made from');
      expect(await w.backend.call('workspace-info', {})).toEqual(before);
      expect(w.backend.session.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    } finally {
      w.cleanup();
    }
  });

  it('says so in the preview, before anything is imported', async () => {
    const w = await newWorkspace();
    try {
      const preview = await w.backend.call('import-preview', { path: sharedData('cdnow_customers_summary.csv') });
      expect(preview.shape).toBe('spend-table');
      expect(preview.purchaseSummary).toEqual(['frequency', 'recency', 'T']);
      expect(preview.categoryColumns).toEqual(['frequency', 'recency', 'T']);
      expect(preview.mapping.find((g) => g.field === 'customer')).toMatchObject({ column: 'ID' });
    } finally {
      w.cleanup();
    }
  });

  it('imports one as category spend when the user chooses that shape, keyed by its ID column rather than numbering the rows', async () => {
    const w = await newWorkspace();
    try {
      const s = await w.backend.call('import-run', { path: sharedData('cdnow_customers_summary.csv'), shape: 'spend-table' });
      expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 2357, rowsImported: 2357, rowsRejected: 0, customers: 2357, categories: 3 });
      expect(s.mapping).toEqual({ customer: 'ID' });
      const categories = w.backend.session.db.prepare('SELECT name FROM categories ORDER BY id').all();
      expect(categories).toEqual([{ name: 'frequency' }, { name: 'recency' }, { name: 'T' }]);
    } finally {
      w.cleanup();
    }
  });
});
