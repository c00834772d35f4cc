import { planOrLatest } from '../assignment/plan';
import { planAccounts, planActionsByCustomer, planSummary } from '../assignment/store';
import type { HandlerContext } from '../context';
import { getMeta } from '../db/meta';
import type { PlanExportData } from './assignments';

/** What the call-list and territory exports write: a plan (the one asked for, else the latest or a new one) with its actions. */
export function planExportData(ctx: HandlerContext, planId: number | undefined): PlanExportData {
  const db = ctx.session.db;
  const id = planOrLatest(ctx, planId);
  return {
    clientName: getMeta(db, 'client_name') ?? '',
    summary: planSummary(db, id),
    accounts: planAccounts(db, id),
    actionsByCustomer: planActionsByCustomer(db, id),
  };
}
