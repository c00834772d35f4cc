import { AppError } from '../../../shared/contract/errors';
import { backtest } from '../../../shared/analytics/backtest';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import type { BacktestResult } from '../../../shared/model/results';
import type { HandlerContext } from '../context';
import { readSummary, resolveRunId } from './store';
import { noDates, warmData } from './warm';

/** Scores a run's recovery settings by looking back horizonDays (or from asOf) and checking what happened next. */
export function backtestRun(
  ctx: HandlerContext,
  args: { runId?: number; asOf?: string; horizonDays: number },
): BacktestResult {
  const db = ctx.session.db;
  const summary = readSummary(db, resolveRunId(db, args.runId));
  if (!summary.hasDates) throw noDates();
  const { ds } = warmData(ctx.session);
  const asOfDay = args.asOf ? dayFromIso(args.asOf) : dayFromIso(summary.asOf) - args.horizonDays;
  if (asOfDay <= ds.firstDay || asOfDay >= ds.lastDay) {
    throw new AppError(
      'INVALID_INPUT',
      `A backtest must look back from a date inside the data (${isoFromDay(ds.firstDay)} to ${isoFromDay(ds.lastDay)}). Choose another date or a shorter horizon.`,
      { asOf: args.asOf ?? null, horizonDays: args.horizonDays },
    );
  }
  ctx.progress({ phase: 'backtest', done: 0, total: 1, unit: 'steps' });
  const result = backtest(ds, summary.settings, asOfDay, args.horizonDays);
  ctx.progress({ phase: 'backtest', done: 1, total: 1, unit: 'steps' });
  return result;
}
