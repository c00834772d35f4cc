import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../shared/format/dates';
import { freshWorkspaces } from '../../helpers/workspace';
import { sharedData, storeCounts } from './fixtures';

const workspace = freshWorkspaces();

/** The lines of a UCI file with a customer, dated 2010-12-01..09, as the text of their cells, counted. */
function overlapLines(file: string): Map<string, number> {
  const [header, ...lines] = zlib.gunzipSync(fs.readFileSync(sharedData(file))).toString('utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const at = (name: string): number => names.findIndex((n) => n === name);
  const [customer, date, stock, quantity] = ['CustomerID', 'InvoiceDate', 'StockCode', 'Quantity'].map(at);
  const price = Math.max(at('UnitPrice'), at('Price'));
  const invoice = Math.max(at('InvoiceNo'), at('Invoice'));
  const counted = new Map<string, number>();
  for (const line of lines) {
    // Descriptions may hold quoted commas: the first columns the key uses come before them or are counted from the end.
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
    const day = cells[date]?.slice(0, 10) ?? '';
    if (cells[customer] === '' || day < '2010-12-01' || day > '2010-12-09') continue;
    const key = [cells[customer], day, cells[stock], cells[quantity], cells[price], cells[invoice]].join('|');
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  return counted;
}

const linesOf = (file: string, rows: string[]): string => {
  fs.writeFileSync(file, `Customer,Date,Product,Qty,Revenue,Invoice\n${rows.join('\n')}\n`);
  return file;
};

describe('imports whose dates overlap', () => {
  it('stores the lines the two UCI Online Retail files share (2010-12-01..09) once, and rejects the second copies saying where they are', async () => {
    const w = await workspace();
    const first = await w.backend.call('import-run', { path: sharedData('online_retail_II_2009_2010.csv.gz') });
    const second = await w.backend.call('import-run', { path: sharedData('online_retail.csv.gz') });

    // Counted here from the two files' text: every shared line, as many times as both files hold it.
    const a = overlapLines('online_retail_II_2009_2010.csv.gz');
    const b = overlapLines('online_retail.csv.gz');
    let shared = 0;
    for (const [key, n] of b) shared += Math.min(n, a.get(key) ?? 0);
    expect(shared).toBeGreaterThan(10_000);

    expect(second.rowsRead).toBe(541_909);
    expect(second.rowsRead).toBe(second.rowsImported + second.rowsRejected + second.rowsSkipped);
    expect(second.rowsRejected).toBe(135_080 + shared);
    expect(second.warnings).toContain(
      `${shared.toLocaleString('en-US')} lines were already in the workspace (${shared.toLocaleString('en-US')} from online_retail_II_2009_2010.csv.gz) and were not stored twice: they are listed with the rejected rows. --force stores them again.`,
    );
    // Every line of 2010-12-01..09 was in the first file: the second now starts on the 10th.
    expect(second.dateFrom).toBe('2010-12-10');
    const db = w.backend.session.db;
    const reasons = db.prepare("SELECT count(*) FROM rejects WHERE import_id = ? AND reason LIKE 'already in the workspace from online_retail_II_2009_2010.csv.gz%'").pluck().get(second.importId);
    expect(reasons).toBe(shared);
    const storedRevenue = db.prepare('SELECT total(revenue) FROM transactions WHERE import_id = ?').pluck().get(second.importId) as number;
    expect(storedRevenue).toBeCloseTo(second.revenue, 2);
    const days = db.prepare('SELECT count(*) FROM transactions WHERE day BETWEEN ? AND ?').pluck().get(dayFromIso('2010-12-01'), dayFromIso('2010-12-09'));
    expect(days).toBe([...a.values()].reduce((x, y) => x + y, 0));
    expect(first.rowsImported + second.rowsImported).toBe(db.prepare('SELECT count(*) FROM transactions').pluck().get());
  });

  it('keeps a line as often as the new file holds it beyond the copies already stored, and stores them all with --force', async () => {
    const w = await workspace();
    const earlier = linesOf(path.join(w.dir, 'q1.csv'), ['C1,2024-03-30,P1,2,20.00,I9', 'C2,2024-03-31,P2,1,5.00,I10']);
    await w.backend.call('import-run', { path: earlier });
    const later = linesOf(path.join(w.dir, 'q2.csv'), ['C1,2024-03-30,P1,2,20.00,I9', 'C1,2024-03-30,P1,2,20.00,I9', 'C1,2024-03-30,P1,2,20.00,I9', 'C2,2024-03-31,P2,1,5.50,I10', 'C3,2024-04-02,P1,1,10.00,I11']);
    const s = await w.backend.call('import-run', { path: later });
    expect(s).toMatchObject({ rowsRead: 5, rowsImported: 4, rowsRejected: 1, revenue: 55.5, dateFrom: '2024-03-30', dateTo: '2024-04-02' });
    expect(s.rejectsSample).toEqual([
      { row: 2, column: null, value: 'I9', reason: 'already in the workspace from q1.csv: the same customer, day, product, quantity and amount on the same invoice, not stored twice' },
    ]);
    expect(s.warnings.some((x) => x.startsWith('2024-03-30..2024-04-02 overlaps an earlier import (q1.csv, 2024-03-30..2024-03-31): lines it already holds are not stored again'))).toBe(true);

    const forced = await workspace();
    await forced.backend.call('import-run', { path: earlier });
    expect(await forced.backend.call('import-run', { path: later, force: true })).toMatchObject({ rowsImported: 5, rowsRejected: 0 });
  });

  it('looks up a sample of the lines first, and keeps two files of different sales over the same dates whole, saying how many it looked up', async () => {
    const w = await workspace();
    const lines = (prefix: string) => Array.from({ length: 5_000 }, (_, i) => `${prefix}${i % 300},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},P${i % 9},${(i % 4) + 1},${(i % 97) + 0.5},${prefix}-${i}`);
    await w.backend.call('import-run', { path: linesOf(path.join(w.dir, 'north.csv'), lines('N')) });
    const s = await w.backend.call('import-run', { path: linesOf(path.join(w.dir, 'south.csv'), lines('S')) });
    expect(s).toMatchObject({ rowsRead: 5_000, rowsImported: 5_000, rowsRejected: 0 });
    // Every third line of the 5,000: at most 2,000 are looked up.
    expect(s.warnings).toContain(
      '2024-01-01..2024-12-28 overlaps an earlier import (north.csv, 2024-01-01..2024-12-28): none of 1,667 of its lines on those dates, looked up there, was already in it, so its lines are kept as sales of both.',
    );
  });

  it('refuses a file whose every line is already there, whatever its bytes, and stores nothing', async () => {
    const w = await workspace();
    const earlier = linesOf(path.join(w.dir, 'export.csv'), ['C1,2024-03-30,P1,2,20.00,I9', 'C2,2024-03-31,P2,1,5.00,I10']);
    await w.backend.call('import-run', { path: earlier });
    // The same lines saved again by another program: another order, CRLF, another hash.
    const again = path.join(w.dir, 'export (1).csv');
    fs.writeFileSync(again, 'Customer,Date,Product,Qty,Revenue,Invoice\r\nC2,2024-03-31,P2,1,5,I10\r\nC1,2024-03-30,P1,2,20,I9\r\n');
    const before = storeCounts(w.backend);
    const outcome = await w.backend.invoke('import-run', { path: again });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_DUPLICATE_FILE' } });
    expect(outcome.ok ? '' : outcome.error.message).toBe(
      'Every line of export (1).csv is already in the workspace (from export.csv): importing it would count its sales twice. Nothing was imported; use --force if you really mean it.',
    );
    expect(storeCounts(w.backend)).toEqual(before);
  });
});
