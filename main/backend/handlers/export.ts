import { assignmentSettingsSchema } from '../../../shared/contract/assignment';
import { getMeta } from '../db/meta';
import type { HandlerContext } from '../context';
import type { PlanExportData } from '../export/assignments';
import { writeAssignments } from '../export/assignments';
import { resolveTarget } from '../export/target';
import { writeTerritories } from '../export/territories';
import { createPlan, latestPlanId, planAccounts, planActionsByCustomer, planSummary, resolvePlanId } from '../assignment/store';
import { loadPlanSource } from '../assignment/source';
import type { DomainHandlers } from './types';

/** The plan asked for, else the latest; with none yet, one is made with default settings. */
async function exportData(ctx: HandlerContext, planId: number | undefined): Promise<PlanExportData> {
  const db = ctx.session.db;
  let id: number;
  if (planId === undefined && latestPlanId(db) === null) {
    const source = await loadPlanSource(ctx, undefined, getMeta(db, 'currency') ?? 'USD');
    id = createPlan(db, source, assignmentSettingsSchema.parse({}), ctx.now());
  } else {
    id = resolvePlanId(db, planId);
  }
  return {
    clientName: getMeta(db, 'client_name') ?? '',
    summary: planSummary(db, id),
    accounts: planAccounts(db, id),
    actionsByCustomer: planActionsByCustomer(db, id),
  };
}

export const exportHandlers = {
  'export-assignments': async (ctx, args) => {
    const target = resolveTarget(args.out, args.format, args.perRep, 'assignments');
    const data = await exportData(ctx, args.planId);
    const { files, rows } = writeAssignments(target, data);
    return { files, rows, planId: data.summary.planId, accounts: data.accounts.length };
  },
  'export-territories': async (ctx, args) => {
    const target = resolveTarget(args.out, args.format, false, 'territories');
    const data = await exportData(ctx, args.planId);
    const { files, rows } = writeTerritories(target, data);
    return { files, rows, planId: data.summary.planId, accounts: data.accounts.length };
  },
} satisfies DomainHandlers<'export'>;
