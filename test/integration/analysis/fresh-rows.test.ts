import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../../main/backend/analysis/load-dataset';
import { FRESH_ROWS, writeStamp } from '../../../main/backend/import/fresh-rows';
import { freshWorkspaces } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

const workspace = freshWorkspaces();

/** What the analysis loads, with its typed arrays as plain arrays so they compare value by value. */
const plain = (loaded: ReturnType<typeof loadData>) => ({
  ...loaded,
  ds: { ...loaded.ds, tx: Object.fromEntries(Object.entries(loaded.ds.tx).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)])) },
});

describe('the rows an import hands to the analysis that follows it', () => {
  it('load the same dataset as reading the table, through both engines, and are taken once', async () => {
    for (const engine of ['lines', 'duckdb'] as const) {
      const w = await workspace();
      const csv = path.join(w.dir, 'sales.csv');
      writeSampleCsv(csv, { seed: 11, customers: 150, categories: 10 });
      await w.backend.call('import-run', { path: csv, engine });
      const fresh = w.backend.session.get(FRESH_ROWS);
      const db = w.backend.session.db;
      expect(fresh?.rows).toBe((db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n);
      expect(plain(loadData(db, fresh ?? null))).toEqual(plain(loadData(db)));
      // Used up by that load (its memory goes as it is read): a second load reads the table.
      expect(fresh?.chunks).toEqual([]);
      await w.backend.call('analysis-run', { settings: { kMax: 4 } });
      expect(w.backend.session.get(FRESH_ROWS)).toBeUndefined();
    }
  });

  it("tell a charge from a product by how much its unit price moves, from the import's sums as from the table", async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'sales.csv');
    // Coded products at steady prices, and one code without digits whose unit price swings: an adjustment line.
    const lines = ['Date,Customer ID,Category,Product,Quantity,Revenue'];
    for (let i = 0; i < 400; i++) {
      const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const quantity = 1 + (i % 5);
      lines.push(`${day},C${i % 40},Cat ${i % 3},P${100 + (i % 12)},${quantity},${(quantity * (10 + (i % 12))).toFixed(2)}`);
      if (i % 20 === 0) lines.push(`${day},C${i % 40},Cat ${i % 3},ZQX,${i % 40 === 0 ? 0 : 1},${[2, 900, 15, 4000, 1][(i / 20) % 5]}`);
    }
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    await w.backend.call('import-run', { path: csv, engine: 'lines', mapping: { date: 'Date', customer: 'Customer ID', category: 'Category', product: 'Product', quantity: 'Quantity', revenue: 'Revenue' } });
    const db = w.backend.session.db;
    const fresh = w.backend.session.get(FRESH_ROWS);
    expect(fresh?.prices).not.toBeNull();
    const loaded = loadData(db, fresh ?? null);
    expect(loaded.catalogue.find((p) => p.code === 'ZQX')?.group).toBeNull();
    expect(loaded.catalogue.find((p) => p.code === 'P100')?.group).not.toBeNull();
    expect(plain(loaded)).toEqual(plain(loadData(db)));
  });

  it('leave out the rows rejected at the end for a date far from the rest', async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 12, customers: 120 });
    // A year typed 2925 on one line, among enough lines for the far-date check of big files.
    const lines = fs.readFileSync(csv, 'utf8').split('\n');
    lines[40] = lines[40].replace(/20\d\d-(\d\d)-(\d\d)/, '2925-$1-$2');
    const big = [lines[0], ...Array.from({ length: 8 }, (_, copy) => lines.slice(1).filter((l) => l !== '').map((l) => (copy === 0 ? l : l.replace(/^([^,]*),([^,]*),C/, `$1,$2,X${copy}C`))))].flat();
    fs.writeFileSync(csv, `${big.join('\n')}\n`);
    const s = await w.backend.call('import-run', { path: csv, engine: 'lines' });
    expect(s.rejectsSample.map((r) => r.value)).toContain(lines[40].split(',')[1]);
    const fresh = w.backend.session.get(FRESH_ROWS);
    expect(fresh?.rows).toBe(s.rowsImported);
    const db = w.backend.session.db;
    expect(plain(loadData(db, fresh ?? null))).toEqual(plain(loadData(db)));
  });

  it("give a customer whose latest sale names no rep or territory those of its latest sale that does, as reading the table does", async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 13, customers: 80 });
    const [header, ...rows] = fs.readFileSync(csv, 'utf8').trimEnd().split('\n');
    const columns = header.split(',');
    const [repAt, territoryAt, customerAt, dateAt] = ['Rep', 'Territory', 'Customer ID', 'Date'].map((c) => columns.indexOf(c));
    // The customer of the file's last line: its latest sale, written with neither.
    const last = rows.at(-1)!.split(',');
    const who = last[customerAt];
    const latestDay = rows.map((l) => l.split(',')).filter((c) => c[customerAt] === who).reduce((d, c) => (c[dateAt] > d ? c[dateAt] : d), '');
    const blanked = rows.map((l) => {
      const c = l.split(',');
      if (c[customerAt] !== who || c[dateAt] !== latestDay) return l;
      c[repAt] = '';
      c[territoryAt] = '';
      return c.join(',');
    });
    const named = rows.map((l) => l.split(',')).filter((c) => c[customerAt] === who && c[dateAt] < latestDay).sort((a, b) => (a[dateAt] < b[dateAt] ? -1 : 1)).at(-1)!;
    fs.writeFileSync(csv, `${[header, ...blanked].join('\n')}\n`);
    await w.backend.call('import-run', { path: csv, engine: 'lines' });
    const db = w.backend.session.db;
    expect(db.prepare('SELECT rep_id, territory_id FROM customers WHERE code = ?').get(who)).toEqual({ rep_id: null, territory_id: null });
    const fresh = w.backend.session.get(FRESH_ROWS);
    const loaded = loadData(db, fresh ?? null);
    const record = loaded.ds.customers.find((c) => c.code === who);
    expect([record?.rep, record?.territory]).toEqual([named[repAt], named[territoryAt]]);
    expect(plain(loaded)).toEqual(plain(loadData(db)));
  });

  it('carry the write stamp of the workspace as a bulk import leaves it, so they are taken without summing the table', async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'big.csv');
    // Above 6 MB: a bulk load, which switches the journal away from WAL and back.
    writeSampleCsv(csv, { seed: 16, customers: 2000 });
    expect(fs.statSync(csv).size).toBeGreaterThan(6_000_000);
    await w.backend.call('import-run', { path: csv, engine: 'lines' });
    const db = w.backend.session.db;
    const fresh = w.backend.session.get(FRESH_ROWS);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(fresh?.writes).toBe(writeStamp(db));
    expect(plain(loadData(db, fresh ?? null))).toEqual(plain(loadData(db)));
  });

  it('are not trusted once another connection committed a change to the table', async () => {
    const w = await workspace();
    const csv = path.join(w.dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 15, customers: 60 });
    await w.backend.call('import-run', { path: csv });
    const db = w.backend.session.db;
    const fresh = w.backend.session.get(FRESH_ROWS);
    expect(fresh).toBeDefined();
    // Another Longtail process, or a SQL tool, on the same file: this connection wrote nothing since.
    const other = new Database(w.file);
    other.prepare('UPDATE transactions SET revenue = revenue + 1 WHERE rowid = (SELECT max(rowid) FROM transactions)').run();
    other.close();
    expect(plain(loadData(db, fresh ?? null))).toEqual(plain(loadData(db)));
  });

  it('are not kept by an import that adds to rows already there, and are not trusted once the table changed', async () => {
    const w = await workspace();
    const first = path.join(w.dir, 'first.csv');
    writeSampleCsv(first, { seed: 13, customers: 60 });
    await w.backend.call('import-run', { path: first });
    const db = w.backend.session.db;
    const fresh = w.backend.session.get(FRESH_ROWS);
    expect(fresh).toBeDefined();
    db.prepare('UPDATE transactions SET revenue = revenue + 1 WHERE rowid = (SELECT max(rowid) FROM transactions)').run();
    const tampered = loadData(db, fresh ?? null);
    expect(plain(tampered)).toEqual(plain(loadData(db)));
    const second = path.join(w.dir, 'second.csv');
    writeSampleCsv(second, { seed: 14, customers: 60 });
    await w.backend.call('import-run', { path: second });
    expect(w.backend.session.get(FRESH_ROWS)).toBeUndefined();
  });
});
