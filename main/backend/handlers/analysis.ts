import { AppError } from '../../../shared/contract/errors';
import { backtest } from '../../../shared/analytics/backtest';
import { evaluateRecovery, recoveryCurve } from '../../../shared/analytics/recovery/index';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { customerDetail } from '../analysis/customer-detail';
import { queryActions, queryCustomers, queryPoints } from '../analysis/queries';
import { runAndStore } from '../analysis/run';
import { listRuns, readSummary, resolveRunId } from '../analysis/store';
import { noDates, recoveryModelFor, warmData } from '../analysis/warm';
import type { DomainHandlers } from './types';

/** Lateness values the recovery curve is drawn at: the UI's slider range. */
const LATENESS_CURVE = Array.from({ length: 17 }, (_, i) => 1 + i * 0.25);

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
    const { model } = recoveryModelFor(ctx.session, summary.settings, summary.asOf);
    const started = performance.now();
    const flags = evaluateRecovery(model, args.recovery);
    let atRisk = 0;
    const customers = new Set<number>();
    for (const f of flags) {
      atRisk += f.atRiskRevenue;
      customers.add(f.customer);
    }
    // The curve does not depend on the lateness itself, so a lateness slider reuses it; the
    // current point comes from the flags just computed.
    const { lateness, ...rest } = args.recovery;
    const curveKey = `analysis:curve:${summary.runId}:${JSON.stringify(rest)}`;
    const base = ctx.session.cache(curveKey, () => recoveryCurve(model, args.recovery, LATENESS_CURVE));
    const curve = [...base.filter((p) => p.lateness !== lateness), { lateness, count: flags.length, atRisk }].sort(
      (a, b) => a.lateness - b.lateness,
    );
    return { count: flags.length, atRisk, customers: customers.size, curve, elapsedMs: performance.now() - started };
  },
  'analysis-backtest': (ctx, args) => {
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
  },
} satisfies DomainHandlers<'analysis'>;
