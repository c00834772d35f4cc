import { backtestAcrossDatesRun, backtestRun, storedAcrossDates, storedBacktest } from '../analysis/backtest-run';
import { customerDetail } from '../analysis/customer-detail';
import { queryActions, queryCustomers, queryPoints } from '../analysis/queries';
import { evaluateRecoveryAt } from '../analysis/recovery-evaluate';
import { runAndStore } from '../analysis/run';
import { compareRuns } from '../analysis/compare';
import { previewK } from '../analysis/k-preview';
import { listRuns, readSummary, resolveRunId } from '../analysis/store';
import type { DomainHandlers } from './types';

export const analysisHandlers = {
  'analysis-run': async (ctx, args) => (await runAndStore(ctx, args.settings)).summary,
  'analysis-summary': (ctx, args) => readSummary(ctx.session.db, resolveRunId(ctx.session.db, args.runId)),
  'analysis-runs': (ctx) => listRuns(ctx.session.db),
  'analysis-compare': (ctx, args) => compareRuns(ctx.session.db, args.before, args.after),
  'analysis-customers': (ctx, args) => queryCustomers(ctx.session.db, resolveRunId(ctx.session.db, args.runId), args),
  'analysis-points': (ctx, args) => queryPoints(ctx.session.db, resolveRunId(ctx.session.db, args.runId)),
  'analysis-k-preview': (ctx, args) => previewK(ctx.session, args.runId, args.k),
  'analysis-actions': (ctx, args) => queryActions(ctx.session.db, resolveRunId(ctx.session.db, args.runId), args),
  'analysis-customer': (ctx, args) => {
    const db = ctx.session.db;
    return customerDetail(ctx.session, db, readSummary(db, resolveRunId(db, args.runId)), args.code);
  },
  'analysis-recovery-evaluate': (ctx, args) => evaluateRecoveryAt(ctx.session, args.runId, args.recovery, args.withActions ? args.actionsLimit : 0),
  'analysis-backtest': (ctx, args) => backtestRun(ctx, args),
  'analysis-backtest-last': (ctx, args) => ({ report: storedBacktest(ctx.session.db, resolveRunId(ctx.session.db, args.runId)) }),
  'analysis-backtest-dates': (ctx, args) => backtestAcrossDatesRun(ctx, args),
  'analysis-backtest-dates-last': (ctx, args) => ({ result: storedAcrossDates(ctx.session.db, resolveRunId(ctx.session.db, args.runId)) }),
} satisfies DomainHandlers<'analysis'>;
