import { AppError } from '../../../shared/contract/errors';
import { assignmentSettingsSchema, type AssignmentSettings } from '../../../shared/contract/assignment';
import { getMeta } from '../db/meta';
import type { HandlerContext } from '../context';
import { loadPlanSource } from './source';
import { clearOverride, createPlan, latestPlanId, planSummary, resolvePlanId, setOverride } from './store';

const workspaceCurrency = (ctx: HandlerContext): string => getMeta(ctx.session.db, 'currency') ?? 'USD';

/** Plans an analysis run (the latest by default) with the given settings; returns the new plan's id. */
export function planRun(ctx: HandlerContext, runId: number | undefined, settings: AssignmentSettings): number {
  const source = loadPlanSource(ctx, runId, workspaceCurrency(ctx));
  return createPlan(ctx.session.db, source, settings, ctx.now());
}

/** Plans again after an override changed, with the run and settings of the latest plan. */
export function replan(ctx: HandlerContext): number {
  const db = ctx.session.db;
  const latest = latestPlanId(db);
  const previous = latest === null ? null : planSummary(db, latest);
  return planRun(ctx, previous?.runId, previous?.settings ?? assignmentSettingsSchema.parse({}));
}

/** The plan asked for, else the latest; with none yet, one is made with default settings. */
export function planOrLatest(ctx: HandlerContext, planId: number | undefined): number {
  const db = ctx.session.db;
  if (planId === undefined && latestPlanId(db) === null) return planRun(ctx, undefined, assignmentSettingsSchema.parse({}));
  return resolvePlanId(db, planId);
}

/** Sends a customer to a named rep of the roster whatever the engine would choose, and plans again. */
export function overrideRep(ctx: HandlerContext, customerCode: string, rep: string, note: string | null): number {
  const db = ctx.session.db;
  const known = db.prepare('SELECT active FROM reps WHERE name = ?').get(rep) as { active: number } | undefined;
  if (!known) {
    throw new AppError('NOT_FOUND', `There is no rep called "${rep}" in the roster. Add the rep to the roster first.`, { rep });
  }
  if (!db.prepare('SELECT 1 FROM customers WHERE code = ?').get(customerCode)) {
    throw new AppError('NOT_FOUND', `There is no customer ${customerCode} in this workspace. Check the customer code.`, {
      customerCode,
    });
  }
  setOverride(db, customerCode, rep, note, ctx.now());
  return replan(ctx);
}

/** Hands a customer back to the engine and plans again. */
export function clearRepOverride(ctx: HandlerContext, customerCode: string): number {
  if (!clearOverride(ctx.session.db, customerCode)) {
    throw new AppError('NOT_FOUND', `Customer ${customerCode} has no override to clear.`, { customerCode });
  }
  return replan(ctx);
}
