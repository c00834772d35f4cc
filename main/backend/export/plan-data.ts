import { planOrLatest } from '../assignment/plan';
import { planAccounts, planActionsByCustomer, planSummary } from '../assignment/store';
import type { HandlerContext } from '../context';
import { getMeta } from '../db/meta';
import type { PlanExportData } from './assignments';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import type { Db } from '../db/open';

/** The run's settings in words for an export: 'defaults', or each setting that differs; none when the run is gone. */
function settingsWords(db: Db, runId: number): string | undefined {
  const row = db.prepare('SELECT settings_json FROM analysis_runs WHERE id = ?').get(runId) as { settings_json: string } | undefined;
  if (!row) return undefined;
  const changes = settingsChanges(JSON.parse(row.settings_json) as AnalysisSettings);
  return changes.length === 0 ? 'defaults' : `custom: ${describeChanges(changes)}`;
}

/** What the call-list and territory exports write: a plan (the one asked for, else the latest or a new one) with its actions. */
export function planExportData(ctx: HandlerContext, planId: number | undefined): PlanExportData {
  const db = ctx.session.db;
  const id = planOrLatest(ctx, planId);
  const summary = planSummary(db, id);
  return {
    clientName: getMeta(db, 'client_name') ?? '',
    summary,
    analysisSettings: settingsWords(db, summary.runId),
    accounts: planAccounts(db, id),
    actionsByCustomer: planActionsByCustomer(db, id),
  };
}
