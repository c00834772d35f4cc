import { planOrLatest } from '../assignment/plan';
import { planAccounts, planActionsByCustomer, planSummary } from '../assignment/store';
import type { HandlerContext } from '../context';
import { getMeta } from '../db/meta';
import type { PlanExportData } from './assignments';
import { storedSettings } from '../../../shared/contract/settings';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import type { Db } from '../db/open';
import type { AnalysisSummary } from '../../../shared/model/results';
import { caveatsAsOfNow } from '../../../shared/model/stale-run';
import { dataHash } from '../analysis/load-dataset';

/**
 * The run's settings in words for an export ('defaults', or each setting that differs) and the
 * horizon its recovery money is stated over; neither when the run is gone.
 */
function runSettings(db: Db, runId: number): { words?: string; recoveryHorizonDays?: number; revenueWindowDays?: number; hasDates?: boolean; caveats?: string[] } {
  const row = db.prepare('SELECT settings_json, summary_json, data_hash FROM analysis_runs WHERE id = ?').get(runId) as { settings_json: string; summary_json: string; data_hash: string } | undefined;
  if (!row) return {};
  const settings = storedSettings(JSON.parse(row.settings_json));
  const changes = settingsChanges(settings);
  const stored = JSON.parse(row.summary_json) as Partial<Pick<AnalysisSummary, 'leakage' | 'caveats' | 'hasDates'>>;
  const window = stored.leakage?.windowDays;
  return {
    words: changes.length === 0 ? 'defaults' : `custom: ${describeChanges(changes)}`,
    recoveryHorizonDays: settings.recovery.horizonDays,
    ...(window ? { revenueWindowDays: window } : {}),
    ...(stored.hasDates === false ? { hasDates: false } : {}),
    caveats: caveatsAsOfNow(runId, stored.caveats, row.data_hash, dataHash(db)),
  };
}

/** What the call-list and territory exports write: a plan (the one asked for, else the latest or a new one) with its actions. */
export function planExportData(ctx: HandlerContext, planId: number | undefined): PlanExportData {
  const db = ctx.session.db;
  const id = planOrLatest(ctx, planId);
  const summary = planSummary(db, id);
  const run = runSettings(db, summary.runId);
  return {
    clientName: getMeta(db, 'client_name') ?? '',
    summary,
    analysisSettings: run.words,
    recoveryHorizonDays: run.recoveryHorizonDays,
    revenueWindowDays: run.revenueWindowDays,
    hasDates: run.hasDates,
    caveats: run.caveats,
    accounts: planAccounts(db, id),
    actionsByCustomer: planActionsByCustomer(db, id),
  };
}
