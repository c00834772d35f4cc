import { AppError } from '../../../shared/contract/errors';
import { assignmentSettingsSchema, type AssignmentPlan } from '../../../shared/contract/assignment';
import { getMeta } from '../db/meta';
import type { HandlerContext } from '../context';
import { clearOverride, createPlan, latestPlanId, planSummary, readPlan, resolvePlanId, setOverride } from '../assignment/store';
import { loadPlanSource } from '../assignment/source';
import type { DomainHandlers } from './types';

const FIRST_PAGE = { offset: 0, limit: 1000 } as const;

/** Plans again after an override changed, with the run and settings of the latest plan. */
async function replan(ctx: HandlerContext): Promise<AssignmentPlan> {
  const db = ctx.session.db;
  const latest = latestPlanId(db);
  const previous = latest === null ? null : planSummary(db, latest);
  const source = await loadPlanSource(ctx, previous?.runId, getMeta(db, 'currency') ?? 'USD');
  const settings = previous?.settings ?? assignmentSettingsSchema.parse({});
  return readPlan(db, createPlan(db, source, settings, ctx.now()), FIRST_PAGE);
}

export const assignmentHandlers = {
  'assignment-plan': async (ctx, args) => {
    const db = ctx.session.db;
    const source = await loadPlanSource(ctx, args.runId, getMeta(db, 'currency') ?? 'USD');
    const planId = createPlan(db, source, args.settings, ctx.now());
    return readPlan(db, planId, args);
  },
  'assignment-get': (ctx, args) => readPlan(ctx.session.db, resolvePlanId(ctx.session.db, args.planId), args),
  'assignment-override': async (ctx, args) => {
    const db = ctx.session.db;
    const known = db.prepare('SELECT active FROM reps WHERE name = ?').get(args.rep) as { active: number } | undefined;
    if (!known) {
      throw new AppError('NOT_FOUND', `There is no rep called "${args.rep}" in the roster. Add the rep to the roster first.`, {
        rep: args.rep,
      });
    }
    if (!db.prepare('SELECT 1 FROM customers WHERE code = ?').get(args.customerCode)) {
      throw new AppError('NOT_FOUND', `There is no customer ${args.customerCode} in this workspace. Check the customer code.`, {
        customerCode: args.customerCode,
      });
    }
    setOverride(db, args.customerCode, args.rep, args.note ?? null, ctx.now());
    return await replan(ctx);
  },
  'assignment-clear-override': async (ctx, args) => {
    if (!clearOverride(ctx.session.db, args.customerCode)) {
      throw new AppError('NOT_FOUND', `Customer ${args.customerCode} has no override to clear.`, { customerCode: args.customerCode });
    }
    return await replan(ctx);
  },
} satisfies DomainHandlers<'assignment'>;
