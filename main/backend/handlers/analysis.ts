import { AppError } from '../../../shared/contract/errors';
import { backtestRange, runBacktest } from '../../../shared/analytics/holdout';
import { decideRecovery, evaluateRecovery, LATENESS_GRID, type RecoveryDecision } from '../../../shared/analytics/recovery/index';
import type { RecoverySettings } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { customerDetail } from '../analysis/customer-detail';
import { queryActions, queryCustomers, queryPoints } from '../analysis/queries';
import { runAndStore } from '../analysis/run';
import { listRuns, readSummary, resolveRunId } from '../analysis/store';
import { noDates, recoveryModelFor, riskFor, warmData } from '../analysis/warm';
import type { DomainHandlers } from './types';
import type { Dataset } from '../../../shared/model/dataset';

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

const pick = (t: { count: number; atRisk: number }) => ({ count: t.count, atRisk: t.atRisk });

/** What a recovery decision lists: actions (whole accounts and relationships), money, customers. */
function recoveryTotals(d: RecoveryDecision): { count: number; atRisk: number; customers: number } {
  const customers = new Set<number>();
  let atRisk = 0;
  for (const a of d.customers) {
    atRisk += a.atRisk;
    customers.add(a.customer);
  }
  for (const f of d.relationships) {
    atRisk += f.atRiskRevenue;
    customers.add(f.customer);
  }
  return { count: d.customers.length + d.relationships.length, atRisk: Math.round(atRisk * 100) / 100, customers: customers.size };
}

export const analysisHandlers = {
  'analysis-run': (ctx, args) => runAndStore(ctx, args.settings).summary,
  'analysis-summary': (ctx, args) => readSummary(ctx.session.db, resolveRunId(ctx.session.db, args.runId)),
  'analysis-runs': (ctx) => listRuns(ctx.session.db),
  'analysis-customers': (ctx, args) => queryCustomers(ctx.session.db, resolveRunId(ctx.session.db, args.runId), args),
  'analysis-points': (ctx, args) => queryPoints(ctx.session.db, resolveRunId(ctx.session.db, args.runId)),
  'analysis-actions': (ctx, args) => queryActions(ctx.session.db, resolveRunId(ctx.session.db, args.runId), args),
  'analysis-customer': (ctx, args) => {
    const db = ctx.session.db;
    return customerDetail(ctx.session, db, readSummary(db, resolveRunId(db, args.runId)), args.code);
  },
  'analysis-recovery-evaluate': (ctx, args) => {
    const db = ctx.session.db;
    const summary = readSummary(db, resolveRunId(db, args.runId));
    if (!summary.hasDates) throw noDates();
    const { data, model, asOfDay } = recoveryModelFor(ctx.session, summary.settings, summary.asOf);
    const risk = riskFor(data, asOfDay, args.recovery.horizonDays);
    const totals = (s: RecoverySettings) => recoveryTotals(decideRecovery(data.ds, model, evaluateRecovery(model, s), risk, s));
    const started = performance.now();
    const now = totals(args.recovery);
    // The curve does not depend on the lateness itself, so a lateness slider reuses it; the
    // current point comes from the decision just made.
    const { lateness, ...rest } = args.recovery;
    const curveKey = `analysis:curve:${summary.runId}:${JSON.stringify(rest)}`;
    const base = ctx.session.cache(curveKey, () => LATENESS_GRID.map((l) => ({ lateness: l, ...pick(totals({ ...args.recovery, lateness: l })) })));
    const curve = [...base.filter((p) => p.lateness !== lateness), { lateness, ...pick(now) }].sort((a, b) => a.lateness - b.lateness);
    return { ...now, curve, elapsedMs: performance.now() - started };
  },
  'analysis-backtest': (ctx, args) => {
    const db = ctx.session.db;
    const summary = readSummary(db, resolveRunId(db, args.runId));
    if (!summary.hasDates) throw noDates();
    const { ds } = warmData(ctx.session);
    const { asOfDay, horizonDays } = backtestWindow(ds, summary.settings.recovery.horizonDays, args.asOf, args.horizonDays);
    ctx.progress({ phase: 'backtest', done: 0, total: 1, unit: 'steps' });
    const report = runBacktest(ds, summary.settings, asOfDay, horizonDays);
    ctx.progress({ phase: 'backtest', done: 1, total: 1, unit: 'steps' });
    return report;
  },
} satisfies DomainHandlers<'analysis'>;
