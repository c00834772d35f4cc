import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataHash, loadData, type LoadedData } from '../../../main/backend/analysis/load-dataset';
import { keepLoadedColumns, readLoadedColumns } from '../../../main/backend/analysis/loaded-columns';
import { KEEP_AFTER_IMPORT_ROWS, warmData } from '../../../main/backend/analysis/warm';
import { Backend } from '../../../main/backend/dispatch';
import type { Progress } from '../../../shared/contract/progress';
import type { AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';

const SAMPLE = path.join(__dirname, '../../../resources/sample/distributor.csv');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The bundled sample imported into a new workspace, and a way to open that file again as a new session would. */
async function importedSample() {
  const w = await newWorkspace();
  cleanups.push(w.cleanup);
  await w.backend.call('import-run', { path: SAMPLE, engine: 'lines' });
  w.backend.close();
  const reopen = async (): Promise<Backend> => {
    const backend = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    cleanups.unshift(() => backend.close());
    await backend.call('workspace-open', { path: w.file });
    return backend;
  };
  return { ...w, reopen };
}

/** The bundled sample imported into a new workspace, with the dataset a load builds from it and its data hash. */
async function sampleLoaded() {
  const w = await newWorkspace();
  cleanups.push(w.cleanup);
  await w.backend.call('import-run', { path: SAMPLE, engine: 'lines' });
  const db = w.backend.session.db;
  return { db, data: loadData(db), hash: dataHash(db) };
}

/** A narrow sales file of `rows` lines over 4,000 customers, 12 categories and two years. */
function writeSales(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'Customer ID,Date,Category,Revenue\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + ((i * 31) % 730))).toISOString().slice(0, 10);
    chunk += `K${(i * 7919) % 4001},${day},Cat${i % 12},${(i % 97) + 0.25}\n`;
    if (chunk.length > 1 << 16) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

/** Byte for byte on the columns (a deep compare of a million-element array takes seconds), deep on the rest. */
function expectSameData(a: LoadedData, b: LoadedData): void {
  const bytes = (column: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }) => Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  for (const name of ['customer', 'category', 'day', 'revenue'] as const) expect(bytes(a.ds.tx[name]).equals(bytes(b.ds.tx[name])), name).toBe(true);
  const { tx: _a, ...restA } = a.ds;
  const { tx: _b, ...restB } = b.ds;
  expect(restA).toEqual(restB);
  expect([a.level, a.catalogue]).toEqual([b.level, b.catalogue]);
}

const keptRows = (backend: Backend): number => (backend.session.db.prepare('SELECT count(*) AS n FROM loaded_columns').get() as { n: number }).n;

/** What a run found, without what differs between any two runs (ids, dates made, timings). */
const findings = (s: AnalysisSummary) => ({ customers: s.customers, profiles: s.profiles, leakage: s.leakage, counts: s.counts, recovery: s.recovery, bgnbd: s.bgnbd, productLevel: s.productLevel });

describe('the dataset kept in the workspace for the next time it is opened', () => {
  it('is written by the first analysis after a reopen, and reads back exactly what a load from the rows builds', async () => {
    const w = await importedSample();
    const backend = await w.reopen();
    const db = backend.session.db;
    expect(keptRows(backend)).toBe(0);
    await backend.call('analysis-run', { settings: {} });
    expect(warmData(backend.session).source).toBe('table');
    expect(keptRows(backend)).toBeGreaterThan(0);

    const kept = readLoadedColumns(db, dataHash(db));
    const fromRows = loadData(db);
    expect(kept).not.toBeNull();
    expect(kept!.ds.tx.customer.length).toBe(fromRows.ds.tx.customer.length);
    expect(kept).toEqual(fromRows);
    // The risk stage's thread reads the columns without a copy: they must be shared memory, as a load leaves them.
    for (const column of Object.values(kept!.ds.tx)) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('is not written by an analysis of the rows an import has just handed over, whose load is already quick', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    await w.backend.call('import-run', { path: SAMPLE, engine: 'lines' });
    await w.backend.call('analysis-run', { settings: {} });
    expect(warmData(w.backend.session).source).toBe('import');
    expect(keptRows(w.backend)).toBe(0);
  });

  it('is kept by an import of two million rows or more into an empty workspace, so the first analysis in a new session reads it too', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const csv = path.join(w.dir, 'big.csv');
    writeSales(csv, KEEP_AFTER_IMPORT_ROWS);
    const steps: Progress[] = [];
    const summary = await w.backend.call('import-run', { path: csv, engine: 'lines' }, { onProgress: (p) => steps.push(p) });
    expect(summary.rowsImported).toBe(KEEP_AFTER_IMPORT_ROWS);
    expect(summary.warnings.join(' ')).not.toMatch(/could not be prepared/);
    expect(steps.filter((p) => p.phase === 'preparing').map((p) => [p.message, p.done, p.total])).toEqual([
      ['Preparing the data for analysis', 0, 1],
      ['Preparing the data for analysis', 1, 1],
    ]);
    // Built from the rows the import held, warm for this session's analysis and kept for the next.
    expect(warmData(w.backend.session).source).toBe('import');
    expect(keptRows(w.backend)).toBeGreaterThan(0);
    w.backend.close();

    const later = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    cleanups.unshift(() => later.close());
    await later.call('workspace-open', { path: w.file });
    expect(warmData(later.session).source).toBe('kept');
    expectSameData(warmData(later.session), loadData(later.session.db));
  });

  it('is kept in the import\'s own transaction, and when it cannot be written the import still stands and the analysis reads the rows', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const csv = path.join(w.dir, 'big.csv');
    writeSales(csv, KEEP_AFTER_IMPORT_ROWS);
    // A workspace that refuses the copy (as a full disk would refuse its pages) but not the rows.
    w.backend.session.db.exec("CREATE TRIGGER refuse_copy BEFORE INSERT ON loaded_columns BEGIN SELECT RAISE(ABORT, 'no room for the copy'); END");
    const summary = await w.backend.call('import-run', { path: csv, engine: 'lines' });
    expect(summary.rowsImported).toBe(KEEP_AFTER_IMPORT_ROWS);
    expect(summary.warnings.join(' ')).toMatch(/could not be prepared for analysis ahead of time \(no room for the copy\)/);
    const db = w.backend.session.db;
    expect(db.inTransaction).toBe(false);
    expect((db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n).toBe(KEEP_AFTER_IMPORT_ROWS);
    expect((db.prepare("SELECT status FROM imports").pluck().all() as string[])).toEqual(['done']);
    expect(keptRows(w.backend)).toBe(0);
    // The import's rows went into the copy that was refused: the dataset comes from the table, whole.
    db.exec('DROP TRIGGER refuse_copy');
    const data = warmData(w.backend.session);
    expect(data.source).toBe('table');
    expect(data.ds.tx.customer.length).toBe(KEEP_AFTER_IMPORT_ROWS);
  });

  it('gives the next session the same analysis as the rows did', async () => {
    const w = await importedSample();
    const first = await w.reopen();
    const fromRows = await first.call('analysis-run', { settings: {} });
    first.close();
    const second = await w.reopen();
    const fromKept = await second.call('analysis-run', { settings: {} });
    expect(warmData(second.session).source).toBe('kept');
    expect(findings(fromKept)).toEqual(findings(fromRows));
  });

  it('is not used once an import changes the data, and the next load keeps the new data instead', async () => {
    const w = await importedSample();
    const backend = await w.reopen();
    const db = backend.session.db;
    await backend.call('analysis-run', { settings: {} });
    const before = dataHash(db);

    const more = path.join(w.dir, 'more.csv');
    fs.writeFileSync(more, 'Customer ID,Date,Category,Net Sales\nC00001,2025-11-03,Dairy,125.50\nNEW-1,2025-11-04,Bakery,80\n');
    await backend.call('import-run', { path: more, engine: 'lines' });
    const after = dataHash(db);
    expect(after).not.toBe(before);
    expect(readLoadedColumns(db, after)).toBeNull();

    const rerun = await backend.call('analysis-run', { settings: {} });
    expect(rerun.customers.total).toBe((db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n);
    const kept = readLoadedColumns(db, after);
    expect(kept).toEqual(loadData(db));
    expect(kept!.ds.customers.some((c) => c.code === 'NEW-1')).toBe(true);
  });

  it('keeps the numbers JSON cannot spell (no estimate, unbounded) as they were', async () => {
    const { db, data, hash } = await sampleLoaded();
    const odd: LoadedData = {
      ...data,
      level: data.level && { ...data.level, nonProductRevenue: Number.NaN, coPurchase: { ...(data.level.coPurchase ?? { products: 0, leftover: 0, revenueShare: 0 }), heldOutPrecision: Number.NaN } as NonNullable<typeof data.level.coPurchase> },
      catalogue: data.catalogue.map((entry, i) => (i === 0 ? { ...entry, revenue: Number.POSITIVE_INFINITY } : entry)),
    };
    keepLoadedColumns(db, hash, odd);
    const back = readLoadedColumns(db, hash);
    expect(back?.level?.nonProductRevenue).toBeNaN();
    expect(back?.level?.coPurchase?.heldOutPrecision).toBeNaN();
    expect(back?.catalogue[0].revenue).toBe(Number.POSITIVE_INFINITY);
    expect(back).toEqual(odd);
  });

  it('keeps tens of thousands of customers in several blobs, in order, with their missing reps and odd names as they were', async () => {
    const { db, data, hash } = await sampleLoaded();
    const many = Array.from({ length: 70_001 }, (_, i) => ({
      code: `K${i}`,
      name: i % 3 === 0 ? `Müller "&" Söhne, ${i}\n` : `Customer ${i}`,
      rep: i % 2 === 0 ? null : `Rep ${i % 17}`,
      territory: i % 5 === 0 ? null : 'North',
      segment: i % 7 === 0 ? 'Retail' : null,
    }));
    const wide: LoadedData = { ...data, ds: { ...data.ds, customers: many } };
    keepLoadedColumns(db, hash, wide);
    const blobs = (db.prepare("SELECT count(*) AS n FROM loaded_columns WHERE name = 'customers'").get() as { n: number }).n;
    expect(blobs).toBeGreaterThan(1);
    expect(readLoadedColumns(db, hash)).toEqual(wide);
  });

  it('is passed over when a blob of its customers is not what it writes', async () => {
    const w = await importedSample();
    const first = await w.reopen();
    await first.call('analysis-run', { settings: {} });
    const db = first.session.db;
    db.prepare("UPDATE loaded_columns SET data = ? WHERE name = 'customers'").run(Buffer.from('[["C1","Name",null,null]]', 'utf8'));
    expect(readLoadedColumns(db, dataHash(db))).toBeNull();
  });

  it('is passed over when a part of it is missing, and the analysis loads from the rows instead', async () => {
    const w = await importedSample();
    const first = await w.reopen();
    const expected = await first.call('analysis-run', { settings: {} });
    first.session.db.prepare("DELETE FROM loaded_columns WHERE name = 'revenue'").run();
    expect(readLoadedColumns(first.session.db, dataHash(first.session.db))).toBeNull();
    first.close();

    const second = await w.reopen();
    const again = await second.call('analysis-run', { settings: {} });
    expect(warmData(second.session).source).toBe('table');
    expect(findings(again)).toEqual(findings(expected));
    expect(readLoadedColumns(second.session.db, dataHash(second.session.db))).toEqual(loadData(second.session.db));
  });
});
