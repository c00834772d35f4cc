import { AppError } from '../../../shared/contract/errors';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { stageKeys } from '../../../shared/analytics/stages';
import { buildRecoveryModel, type RecoveryModel } from '../../../shared/analytics/recovery/index';
import { assessRisk, type RiskAssessment } from '../../../shared/analytics/risk';
import type { Dataset } from '../../../shared/model/dataset';
import { dayFromIso } from '../../../shared/format/dates';
import type { ProductLevelInfo } from '../../../shared/model/products';
import type { Progress } from '../../../shared/contract/progress';
import { isBusy, isDiskFull, isReadOnly } from '../db/errors';
import { sessionSlot, type Session } from '../session';
import { dataHash, loadData, refuseNoSales, type CatalogueEntry, type LoadedData, type LoadRoom } from './load-dataset';
import type { Db } from '../db/open';
import { keepLoadedColumns, readLoadedColumns } from './loaded-columns';
import { FRESH_ROWS, type FreshRows } from '../import/fresh-rows';
import { savedStages } from './saved-stages';
import { getMeta } from '../db/meta';

/**
 * What the session keeps warm for one workspace's data: the dataset and the one stage cache, which
 * holds every stage's last result (the recovery slider's model and curve included).
 */
export type WarmData = {
  hash: string;
  ds: Dataset;
  level: ProductLevelInfo | null;
  catalogue: CatalogueEntry[];
  stages: StageCache;
  /** Where the dataset came from: the rows an import just stored, the copy kept in the workspace, or the transaction table. */
  source: 'import' | 'kept' | 'table';
};

const WARM = sessionSlot<WarmData>('analysis data');

/**
 * The copy only saves time: when SQLite cannot write it (another process holds the workspace, the
 * disk is full), the analysis goes on and the next session loads from the rows again.
 */
function keepQuietly(session: Session, hash: string, loaded: LoadedData): void {
  try {
    keepLoadedColumns(session.db, hash, loaded);
  } catch (e) {
    if (!(isBusy(e) || isReadOnly(e) || isDiskFull(e))) throw e;
  }
}

/**
 * An import into an empty workspace of at least this many rows keeps the analysis's columns at
 * once. At a million rows it would add 0.6 s to a 2.1 s import to spare about 1.1 s of the first
 * analysis in a later session; from two million the saving is 2.5 s and more, growing with the rows.
 */
export const KEEP_AFTER_IMPORT_ROWS = 2_000_000;

/** Whether an import of `rows` rows into an empty workspace prepares them for analysis (prepareImportedColumns). */
export const preparesImportedColumns = (db: Db, rows: number): boolean => rows >= KEEP_AFTER_IMPORT_ROWS && !db.readonly;

/** The dataset an import built from its own rows and kept, inside its transaction. */
export type PreparedImport = { hash: string; loaded: LoadedData };

/**
 * The last step of an import of two million rows or more into an empty workspace, inside its
 * transaction: the dataset built from the rows the import still holds (its analysis would build it
 * anyway) and kept in the workspace for the next session's, which then reads a few blobs instead
 * of every row (at 5M rows under a second to keep, against 6-7 s to read back). Kept before the
 * commit, the copy goes out with the rows in one pass through the bulk load's rollback journal;
 * kept after it, in a transaction of its own, it went into the WAL and again into the file at the
 * checkpoint of its commit (0.25-0.35 s of the 0.7 s keep at 5M rows). A copy that cannot be
 * written is rolled back alone (keepLoadedColumns' transaction is a savepoint in this one): the
 * import stands, and the first analysis builds the dataset. Returns the dataset, why it could not
 * be prepared, or null when there was nothing to prepare.
 */
export function prepareImportedColumns(db: Db, rows: FreshRows, room: LoadRoom | null, progress: (p: Progress) => void, signal: AbortSignal): PreparedImport | string | null {
  // Cancelled as the import finished: the rows are stored, and the first analysis prepares them.
  if (!preparesImportedColumns(db, rows.rows) || signal.aborted) return null;
  const message = 'Preparing the data for analysis';
  progress({ phase: 'preparing', done: 0, total: 1, unit: 'steps', message });
  try {
    const loaded = loadData(db, rows, room);
    keepLoadedColumns(db, rows.hash, loaded);
    return { hash: rows.hash, loaded };
  } catch (e) {
    // SQLite ends the whole transaction on some errors (a full disk among them): then the import
    // itself has failed, and says so.
    if (!db.inTransaction) throw e;
    return `The imported rows were stored, but could not be prepared for analysis ahead of time (${e instanceof Error ? e.message : String(e)}); the first analysis will read them from the workspace.`;
  } finally {
    progress({ phase: 'preparing', done: 1, total: 1, unit: 'steps', message });
  }
}

/** Once the import that prepared it has committed: its dataset, warm for this session's analysis. */
export function adoptPreparedImport(session: Session, prepared: PreparedImport): void {
  session.drop(FRESH_ROWS);
  session.set(WARM, { hash: prepared.hash, ...prepared.loaded, stages: new StageCache(), source: 'import' });
}

/** The dataset of the open workspace, loaded once and reused until an import changes the data. */
export function warmData(session: Session): WarmData {
  const hash = dataHash(session.db);
  // The currency is the workspace's setting, not the rows': a change of it (Workspaces) reads anew,
  // since reasons and figures cached with the old one would still name it.
  const currency = getMeta(session.db, 'currency');
  const warm = session.get(WARM);
  if (warm && warm.hash === hash && (!currency || warm.ds.currency === currency)) return warm;
  const stored = session.get(FRESH_ROWS);
  // Taken once: kept past this load it would only hold memory.
  if (stored) session.drop(FRESH_ROWS);
  const rows = stored?.hash === hash ? stored : null;
  const kept = rows ? null : readLoadedColumns(session.db, hash);
  const loaded = kept ?? loadData(session.db, rows);
  refuseNoSales(loaded.ds.tx.revenue);
  if (currency) loaded.ds.currency = currency;
  // Kept after a load from the table, which is what a reopened workspace otherwise repeats each
  // time. After one from an import's rows the import has kept them already when they are many
  // (prepareImportedColumns), and a small workspace reads its rows back quickly anyway.
  if (!kept && !rows) keepQuietly(session, hash, loaded);
  const fresh: WarmData = { hash, ...loaded, stages: new StageCache(), source: rows ? 'import' : kept ? 'kept' : 'table' };
  session.set(WARM, fresh);
  return fresh;
}

/**
 * The recovery model of a run's as-of day, under the same stage key the analysis uses: the model a
 * run just built is reused, and one is rebuilt once when the cache is cold.
 */
export function recoveryModelFor(
  session: Session,
  settings: AnalysisSettings,
  asOf: string,
): { data: WarmData; model: RecoveryModel; modelKey: string; asOfDay: number } {
  const data = warmData(session);
  if (!data.ds.hasDates) throw noDates();
  const asOfDay = settings.asOf ? dayFromIso(settings.asOf) : dayFromIso(asOf);
  const modelKey = stageKeys(settings, { rows: data.ds.tx.customer.length, asOfDay })['recovery-model'];
  const model = data.stages.get('recovery-model', modelKey, () => buildRecoveryModel(data.ds, asOfDay));
  return { data, model, modelKey, asOfDay };
}

/**
 * The learned risk forecasts of an as-of day and horizon, under the analysis's own stage key. Not
 * kept after a run on data too big to keep them (memoryFirst): assessed again then, with the models
 * the run saved in the workspace when they are there, so nothing is learned twice.
 */
export function riskFor(db: Db, data: WarmData, settings: AnalysisSettings, asOfDay: number): RiskAssessment {
  const key = stageKeys(settings, { rows: data.ds.tx.customer.length, asOfDay }).risk;
  return data.stages.get('risk', key, () =>
    assessRisk(data.ds, asOfDay, settings.recovery.horizonDays, (learn) => savedStages(db, data.hash).load('risk', key) ?? learn()),
  );
}

export const noDates = (): AppError =>
  new AppError(
    'NO_DATES',
    'This workspace holds a spend table without dates, so recovery, probability alive and the backtest cannot be computed. Import dated transactions to use them; profiles and growth actions work as they are.',
  );
