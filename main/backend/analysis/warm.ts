import { AppError } from '../../../shared/contract/errors';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { buildRecoveryModel, type RecoveryModel } from '../../../shared/analytics/recovery/index';
import type { Dataset } from '../../../shared/model/dataset';
import { dayFromIso } from '../../../shared/format/dates';
import type { Session } from '../session';
import { dataHash, loadData, type CatalogueEntry } from './load-dataset';
import type { ProductLevelInfo } from '../../../shared/model/products';

/** What the session keeps warm for one workspace's data: the dataset and every stage's last result. */
export type WarmData = { hash: string; ds: Dataset; level: ProductLevelInfo | null; catalogue: CatalogueEntry[]; stages: StageCache };

const DATA_KEY = 'analysis:data';
/** Where the session keeps the recovery model of one as-of day, shared by runs and the slider. */
export const recoveryKey = (hash: string, asOfDay: number): string => `analysis:recovery:${hash}:${asOfDay}`;

/** The dataset of the open workspace, loaded once and reused until an import changes the data. */
export function warmData(session: Session): WarmData {
  const hash = dataHash(session.db);
  const warm = session.getCache<WarmData>(DATA_KEY);
  if (warm && warm.hash === hash) return warm;
  session.dropCaches('analysis:');
  const fresh: WarmData = { hash, ...loadData(session.db), stages: new StageCache() };
  session.setCache(DATA_KEY, fresh);
  return fresh;
}

/** The recovery model of a run's as-of day: from the cache, or rebuilt once when the cache is cold. */
export function recoveryModelFor(session: Session, settings: AnalysisSettings, asOf: string): { data: WarmData; model: RecoveryModel } {
  const data = warmData(session);
  if (!data.ds.hasDates) throw noDates();
  const asOfDay = settings.asOf ? dayFromIso(settings.asOf) : dayFromIso(asOf);
  const model = session.cache(recoveryKey(data.hash, asOfDay), () => buildRecoveryModel(data.ds, asOfDay));
  return { data, model };
}

export const noDates = (): AppError =>
  new AppError(
    'NO_DATES',
    'This workspace holds a spend table without dates, so recovery, probability alive and the backtest cannot be computed. Import dated transactions to use them; profiles and growth actions work as they are.',
  );
