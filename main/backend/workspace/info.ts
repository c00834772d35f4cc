import path from 'node:path';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { isoFromDay } from '../../../shared/format/dates';
import { getMeta, tableExists } from '../db/meta';
import { schemaVersion } from '../db/open';
import type { Db } from '../db/open';
import { sessionSlot, type Session } from '../session';
import { dataHash } from '../analysis/load-dataset';
import { currencySourceOf } from '../import/currency';
import { appVersion } from '../version';

/**
 * The transaction count and the data it was counted on. Counting is a scan of the table (0.76 s at
 * 20M rows, 0.13 s at 5M), and the workbench asks for this after every analysis run, which changes
 * no transaction: the data's hash (its imports and the table's first and last row) says whether the
 * count still holds, including after another process imported into the same file.
 */
const COUNTED = sessionSlot<{ hash: string; transactions: number }>('transactions counted');

function transactionCount(session: Session): number {
  const hash = dataHash(session.db);
  const kept = session.get(COUNTED);
  if (kept && kept.hash === hash) return kept.transactions;
  const transactions = Number(session.db.prepare('SELECT count(*) FROM transactions').pluck().get());
  session.set(COUNTED, { hash, transactions });
  return transactions;
}

export function workspaceInfo(session: Session): WorkspaceInfo {
  const db = session.db;
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM imports WHERE status = 'done') AS imports,
              (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM categories) AS categories,
              -- Each import records the first and last day it stored: the workspace keeps no by-day
              -- index (building it cost a fifth of a big import) and a scan costs 0.5 s at 5M rows.
              (SELECT min(date_from) FROM imports WHERE status = 'done') AS dayFrom,
              (SELECT max(date_to) FROM imports WHERE status = 'done') AS dayTo,
              -- Each import records the revenue it added; summing a million transactions on every
              -- call would cost the UI ~60 ms after each run.
              (SELECT coalesce(sum(revenue), 0) FROM imports WHERE status = 'done' AND shape <> 'product-master') AS revenue,
              (SELECT count(*) FROM imports WHERE status = 'done' AND shape = 'transactions') AS datedImports`,
    )
    .get() as {
    imports: number;
    customers: number;
    categories: number;
    dayFrom: number | null;
    dayTo: number | null;
    revenue: number;
    datedImports: number;
  };
  return {
    path: session.path,
    fileName: path.basename(session.path),
    clientName: getMeta(db, 'client_name') ?? path.basename(session.path, path.extname(session.path)),
    currency: getMeta(db, 'currency') ?? 'USD',
    currencySource: currencySourceOf(db),
    createdAt: getMeta(db, 'created_at') ?? '',
    schemaVersion: schemaVersion(db),
    appVersion,
    imports: counts.imports,
    transactions: transactionCount(session),
    customers: counts.customers,
    categories: counts.categories,
    dateFrom: counts.dayFrom === null ? null : isoFromDay(counts.dayFrom),
    dateTo: counts.dayTo === null ? null : isoFromDay(counts.dayTo),
    hasDates: counts.datedImports > 0,
    revenue: counts.revenue,
    lastAnalysis: lastAnalysis(db),
    dataHash: dataHash(db),
    readOnly: db.readonly,
  };
}

function lastAnalysis(db: Db): WorkspaceInfo['lastAnalysis'] {
  // analysis_runs arrives with migration 2; a workspace can be inspected before that lands.
  if (!tableExists(db, 'analysis_runs')) return null;
  const row = db
    .prepare("SELECT id, created_at, as_of FROM analysis_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1")
    .get() as { id: number; created_at: string; as_of: string } | undefined;
  return row ? { runId: row.id, createdAt: row.created_at, asOf: row.as_of } : null;
}

