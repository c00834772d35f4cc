import { AppError } from '../../../shared/contract/errors';
import { backtestAcrossDates, backtestRange, runBacktest, spreadDates } from '../../../shared/analytics/holdout';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import type { AnalysisSummary, BacktestAcrossDates, BacktestReport } from '../../../shared/model/results';
import type { HandlerContext } from '../context';
import { readSummary, resolveRunId } from './store';
import { noDates, warmData } from './warm';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';

const backtestKey = (runId: number): string => `backtest:${runId}`;
const acrossDatesKey = (runId: number): string => `backtest-dates:${runId}`;

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
 * A backtest's horizon (as asked, or the run's, shortened to fit the data and never below 30 days)
 * and the as-of days it allows; an error naming the data's span when none does.
 */
export function backtestSpan(ds: Dataset, runHorizon: number, horizon: number | undefined): { horizonDays: number; range: { from: number; to: number } } {
  const room = ds.lastDay - ds.firstDay - 120;
  const horizonDays = horizon ?? Math.max(30, Math.min(runHorizon, Math.floor(room / 2)));
  const range = backtestRange(ds, horizonDays);
  if (range.from > range.to) {
    const span = `The data runs from ${isoFromDay(ds.firstDay)} to ${isoFromDay(ds.lastDay)}`;
    // Asking a shorter horizon helps only where the shortest, 30 days, would fit.
    throw new AppError(
      'INVALID_INPUT',
      room >= 30
        ? `${span}: too short for a ${horizonDays}-day backtest (it needs four months of history plus the horizon). Choose a horizon of at most ${room} days.`
        : `${span}: too short for any backtest. A replay needs four months of history before its date and at least 30 days to watch after it, about five months in all; import more history to judge the flags against what followed.`,
      { horizonDays, from: isoFromDay(range.from), to: isoFromDay(range.to) },
    );
  }
  return { horizonDays, range };
}

/** The as-of day and horizon of a backtest: as asked, or the run's horizon ending at the data's last day. */
export function backtestWindow(ds: Dataset, runHorizon: number, asOf: string | undefined, horizon: number | undefined): { asOfDay: number; horizonDays: number } {
  const { horizonDays, range } = backtestSpan(ds, runHorizon, horizon);
  const asOfDay = asOf ? dayFromIso(asOf) : range.to;
  if (asOfDay < range.from || asOfDay > range.to) {
    throw new AppError(
      'INVALID_INPUT',
      `A ${horizonDays}-day backtest needs an as-of date between ${isoFromDay(range.from)} and ${isoFromDay(range.to)} (four months of history before it, the whole horizon after it).`,
      { asOf: asOf ?? null, horizonDays, from: isoFromDay(range.from), to: isoFromDay(range.to) },
    );
  }
  return { asOfDay, horizonDays };
}

/** Stops a replay between its stages once the caller has cancelled. */
const cancelled = (ctx: HandlerContext) => () => {
  if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The backtest was cancelled; nothing was kept. Run it again when ready.');
};

/** A run to replay, on data with dates, and the workspace's data loaded for it. */
function datedRun(ctx: HandlerContext, runId: number | undefined): { db: Db; summary: AnalysisSummary; ds: Dataset } {
  const db = ctx.session.db;
  const summary = readSummary(db, resolveRunId(db, runId));
  if (!summary.hasDates) throw noDates();
  return { db, summary, ds: warmData(ctx.session).ds };
}

/** Keeps a replay's result with the run; a read-only workspace still gets it, only not kept. */
function keep(db: Db, key: string, value: unknown): void {
  try {
    setMeta(db, key, JSON.stringify(value));
  } catch {
    // Nothing to undo: the caller has its result either way.
  }
}

/**
 * Replays a run's analysis as of an earlier date and scores its recovery flags and growth actions,
 * with the naive rules beside them. `keep: false` leaves the workspace's last backtest as it was
 * (the benchmark's own replay had replaced the one the Recovery screen and the report show).
 */
export function backtestRun(ctx: HandlerContext, args: { runId?: number; asOf?: string; horizonDays?: number }, options: { keep?: boolean } = {}): BacktestReport {
  const { db, summary, ds } = datedRun(ctx, args.runId);
  const { asOfDay, horizonDays } = backtestWindow(ds, summary.settings.recovery.horizonDays, args.asOf, args.horizonDays);
  ctx.progress({ phase: 'backtest', done: 0, total: 1, unit: 'steps' });
  // The replay is a whole analysis on the data up to the date: its stages are the progress shown.
  const report = runBacktest(ds, summary.settings, asOfDay, horizonDays, {
    progress: (stage, done, total, message) => ctx.progress({ phase: stage, done, total, unit: 'steps', ...(message ? { message } : {}) }),
    checkpoint: cancelled(ctx),
  });
  ctx.progress({ phase: 'backtest', done: 1, total: 1, unit: 'steps' });
  if (options.keep !== false) keep(db, backtestKey(summary.runId), report);
  return report;
}

/** The last backtest across dates made of a run, kept so the Recovery screen shows it again without replaying. */
export function storedAcrossDates(db: Db, runId: number): BacktestAcrossDates | null {
  const text = getMeta(db, acrossDatesKey(runId));
  return text ? (JSON.parse(text) as BacktestAcrossDates) : null;
}

/**
 * The same backtest at `dates` as-of days spread over all the data allows, each a whole replay with
 * only the data up to it: whether the edge over the naive rules is the data's or one date's.
 */
export function backtestAcrossDatesRun(ctx: HandlerContext, args: { runId?: number; dates: number; horizonDays?: number }): BacktestAcrossDates {
  const { db, summary, ds } = datedRun(ctx, args.runId);
  const { horizonDays, range } = backtestSpan(ds, summary.settings.recovery.horizonDays, args.horizonDays);
  const days = spreadDates(range, args.dates);
  let at = { index: 0, asOf: '' };
  const step = (message: string) => ctx.progress({ phase: 'backtest-dates', done: at.index, total: days.length, unit: 'steps', message: `as of ${at.asOf}: ${message}` });
  const result = backtestAcrossDates((day, options) => runBacktest(ds, summary.settings, day, horizonDays, options), days, horizonDays, {
    onDate: (index, asOf) => {
      at = { index, asOf };
      step('replaying');
    },
    progress: (stage) => step(stage),
    checkpoint: cancelled(ctx),
  });
  ctx.progress({ phase: 'backtest-dates', done: days.length, total: days.length, unit: 'steps' });
  keep(db, acrossDatesKey(summary.runId), result);
  return result;
}
