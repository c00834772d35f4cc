import { AppError } from '../../../shared/contract/errors';
import { backtestRange, runBacktest } from '../../../shared/analytics/holdout';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import type { BacktestReport } from '../../../shared/model/results';
import type { HandlerContext } from '../context';
import { readSummary, resolveRunId } from './store';
import { noDates, warmData } from './warm';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';

const backtestKey = (runId: number): string => `backtest:${runId}`;

/** The last backtest made of a run, kept so the client report can show it without replaying. */
export function storedBacktest(db: Db, runId: number): BacktestReport | null {
  const text = getMeta(db, backtestKey(runId));
  if (!text) return null;
  const report = JSON.parse(text) as BacktestReport;
  // Kept before relationships were matched by customer and category, a backtest scored the wrong
  // relationships (and has no top-300 relationship table): not shown, so the report asks for a new one.
  return report.levels.every((l) => typeof l.id === 'string') ? report : null;
}

/**
 * The as-of day and horizon of a backtest: as asked, or the run's horizon ending at the data's last
 * day, shortened (never below 30 days) when the data cannot hold four months of history plus it.
 */
export function backtestWindow(ds: Dataset, runHorizon: number, asOf: string | undefined, horizon: number | undefined): { asOfDay: number; horizonDays: number } {
  const room = ds.lastDay - ds.firstDay - 120;
  const horizonDays = horizon ?? Math.max(30, Math.min(runHorizon, Math.floor(room / 2)));
  const range = backtestRange(ds, horizonDays);
  const asOfDay = asOf ? dayFromIso(asOf) : range.to;
  if (asOfDay < range.from || asOfDay > range.to) {
    throw new AppError(
      'INVALID_INPUT',
      range.from > range.to
        ? `The data runs from ${isoFromDay(ds.firstDay)} to ${isoFromDay(ds.lastDay)}: too short for a ${horizonDays}-day backtest (it needs four months of history plus the horizon). Choose a shorter horizon.`
        : `A ${horizonDays}-day backtest needs an as-of date between ${isoFromDay(range.from)} and ${isoFromDay(range.to)} (four months of history before it, the whole horizon after it).`,
      { asOf: asOf ?? null, horizonDays, from: isoFromDay(range.from), to: isoFromDay(range.to) },
    );
  }
  return { asOfDay, horizonDays };
}

/** Replays a run's analysis as of an earlier date and scores its recovery flags and growth actions, with the naive rules beside them. */
export function backtestRun(ctx: HandlerContext, args: { runId?: number; asOf?: string; horizonDays?: number }): BacktestReport {
  const db = ctx.session.db;
  const summary = readSummary(db, resolveRunId(db, args.runId));
  if (!summary.hasDates) throw noDates();
  const { ds } = warmData(ctx.session);
  const { asOfDay, horizonDays } = backtestWindow(ds, summary.settings.recovery.horizonDays, args.asOf, args.horizonDays);
  ctx.progress({ phase: 'backtest', done: 0, total: 1, unit: 'steps' });
  // The replay is a whole analysis on the data up to the date: its stages are the progress shown.
  const report = runBacktest(ds, summary.settings, asOfDay, horizonDays, {
    progress: (stage, done, total, message) => ctx.progress({ phase: stage, done, total, unit: 'steps', ...(message ? { message } : {}) }),
    checkpoint: () => {
      if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The backtest was cancelled; nothing was kept. Run it again when ready.');
    },
  });
  ctx.progress({ phase: 'backtest', done: 1, total: 1, unit: 'steps' });
  try {
    setMeta(db, backtestKey(summary.runId), JSON.stringify(report));
  } catch {
    // A read-only workspace still gets its backtest, only not kept for the report.
  }
  return report;
}
