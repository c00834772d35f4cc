import { clearRepOverride, overrideRep, planRun } from '../assignment/plan';
import { readPlan, resolvePlanId } from '../assignment/store';
import type { DomainHandlers } from './types';

const FIRST_PAGE = { offset: 0, limit: 1000 } as const;

export const assignmentHandlers = {
  'assignment-plan': (ctx, args) => readPlan(ctx.session.db, planRun(ctx, args.runId, args.settings), args),
  'assignment-get': (ctx, args) => readPlan(ctx.session.db, resolvePlanId(ctx.session.db, args.planId), args),
  'assignment-override': (ctx, args) =>
    readPlan(ctx.session.db, overrideRep(ctx, args.customerCode, args.rep, args.note ?? null), FIRST_PAGE),
  'assignment-clear-override': (ctx, args) => readPlan(ctx.session.db, clearRepOverride(ctx, args.customerCode), FIRST_PAGE),
} satisfies DomainHandlers<'assignment'>;
