import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { DateFormat, ImportField, ImportShape, ImportSummary, RejectedRow } from '../../../shared/contract/import';
import { isoFromDay } from '../../../shared/format/dates';
import type { Db } from '../db/open';
import { writeCsv } from '../export/csv';
import { shownShape } from './stored-shape';

type ImportRow = {
  id: number;
  file_name: string;
  sha256: string;
  sheet: string | null;
  shape: Exclude<ImportShape, 'cube'>;
  mapping_json: string;
  date_format: DateFormat | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  rows_skipped: number;
  returns: number;
  revenue: number;
  date_from: number | null;
  date_to: number | null;
  warnings_json: string;
  started_at: string;
  finished_at: string;
  customers: number;
  categories: number;
  products: number;
};

const REJECT_COLUMNS = 'source_row AS row, column_name AS "column", raw_value AS value, reason';

/** Completed imports, oldest first, as the summaries they returned (dimension counts recounted). */
export function listImports(db: Db): ImportSummary[] {
  const rows = db
    .prepare(
      `SELECT i.*,
         (SELECT count(DISTINCT customer_id) FROM transactions t WHERE t.import_id = i.id) AS customers,
         (SELECT count(DISTINCT category_id) FROM transactions t WHERE t.import_id = i.id) AS categories,
         (SELECT count(DISTINCT product_id) FROM transactions t WHERE t.import_id = i.id) AS products
       FROM imports i WHERE i.status = 'done' ORDER BY i.id`,
    )
    .all() as ImportRow[];
  const sample = db.prepare(`SELECT ${REJECT_COLUMNS} FROM rejects WHERE import_id = ? ORDER BY source_row, id LIMIT 20`);
  return rows.map((r) => {
    const mapping = JSON.parse(r.mapping_json) as Partial<Record<ImportField, string>>;
    return {
      importId: r.id,
      file: r.file_name,
      sha256: r.sha256,
      sheet: r.sheet,
      shape: shownShape(r.shape, mapping),
      dryRun: false,
      rowsRead: r.rows_read,
      rowsImported: r.rows_imported,
      rowsRejected: r.rows_rejected,
      rowsSkipped: r.rows_skipped,
      returns: r.returns,
      customers: r.customers,
      categories: r.categories,
      products: r.shape === 'product-master' ? r.rows_imported : r.products,
      dateFrom: r.shape === 'transactions' && r.date_from !== null ? isoFromDay(r.date_from) : null,
      dateTo: r.shape === 'transactions' && r.date_to !== null ? isoFromDay(r.date_to) : null,
      revenue: Math.round(r.revenue * 100) / 100,
      mapping,
      dateFormat: r.date_format,
      rejectsSample: sample.all(r.id) as RejectedRow[],
      warnings: JSON.parse(r.warnings_json) as string[],
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      durationMs: Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at)),
    };
  });
}

export function requireImport(db: Db, importId: number): void {
  if (db.prepare("SELECT 1 FROM imports WHERE id = ? AND status = 'done'").get(importId) === undefined) {
    throw new AppError('NOT_FOUND', `There is no import number ${importId} in this workspace. List them with import-list.`, { importId });
  }
}

export function listRejects(db: Db, importId: number, offset: number, limit: number): { total: number; rows: RejectedRow[] } {
  requireImport(db, importId);
  const total = (db.prepare('SELECT count(*) AS n FROM rejects WHERE import_id = ?').get(importId) as { n: number }).n;
  const rows = db.prepare(`SELECT ${REJECT_COLUMNS} FROM rejects WHERE import_id = ? ORDER BY source_row, id LIMIT ? OFFSET ?`).all(importId, limit, offset) as RejectedRow[];
  return { total, rows };
}

/** Writes the rejects as a CSV a spreadsheet opens safely: UTF-8 with BOM, formulas neutralised. */
export function exportRejects(db: Db, importId: number, out: string): { path: string; rows: number } {
  requireImport(db, importId);
  const file = path.resolve(out);
  const rejects = db
    .prepare(`SELECT ${REJECT_COLUMNS} FROM rejects WHERE import_id = ? ORDER BY source_row, id`)
    .iterate(importId) as Iterable<RejectedRow>;
  const rows = writeCsv(file, ['row', 'column', 'value', 'reason'], mapRows(rejects, (r) => [r.row, r.column, r.value, r.reason]));
  return { path: file, rows };
}

function* mapRows<T, R>(items: Iterable<T>, f: (item: T) => R): Generator<R> {
  for (const item of items) yield f(item);
}
