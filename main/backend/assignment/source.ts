import { AppError, isAppError } from '../../../shared/contract/errors';
import { NO_TERRITORY } from '../../../shared/analytics/assignment-loads';
import { WINDOW_DAYS } from '../../../shared/analytics/features';
import type { Action, AnalysisSummary } from '../../../shared/model/results';
import { queryActions } from '../analysis/queries';
import { readSummary, resolveRunId } from '../analysis/store';
import type { HandlerContext } from '../context';
import type { PlanSource } from './store';

const PAGE = 100_000;
const LEAKAGE_NO_TERRITORY = '(none)';

const noAnalysis = (e: unknown): boolean => isAppError(e) && (e.code === 'NO_ANALYSIS' || e.code === 'NOT_FOUND');

/**
 * The actions of one analysis run (the latest by default) and what the territory plan needs
 * besides, read through the analysis domain's queries, never its tables.
 */
export function loadPlanSource(ctx: HandlerContext, runId: number | undefined, currency: string): PlanSource {
  const db = ctx.session.db;
  let summary: AnalysisSummary;
  try {
    summary = readSummary(db, resolveRunId(db, runId));
  } catch (e) {
    if (!noAnalysis(e)) throw e;
    throw new AppError(
      'NO_ANALYSIS',
      runId === undefined
        ? 'There is no analysis to assign yet. Run the analysis first (Analyse, or `longtail analyze`).'
        : `There is no analysis run ${runId}. Pick a run from the list or run the analysis again.`,
      runId === undefined ? undefined : { runId },
    );
  }
  const actions: Action[] = [];
  for (let offset = 0; ; offset += PAGE) {
    ctx.signal.throwIfAborted();
    const page = queryActions(db, summary.runId, { runId: summary.runId, sort: 'priority', dir: 'desc', offset, limit: PAGE });
    actions.push(...page.rows);
    ctx.progress({ phase: 'reading actions', done: actions.length, total: page.total, unit: 'rows' });
    if (page.rows.length < PAGE || actions.length >= page.total) break;
  }
  // Leakage names customers without a territory '(none)'; the territory plan says it in words.
  const revenue12mByTerritory = new Map(
    summary.leakage.by.territory.map((r) => [r.key === LEAKAGE_NO_TERRITORY ? NO_TERRITORY : r.key, r.revenue12m]),
  );
  return { runId: summary.runId, asOf: summary.asOf, currency: summary.currency || currency, actions, revenue12mByTerritory, recoveryHorizonDays: summary.settings.recovery.horizonDays, revenueWindowDays: summary.leakage.windowDays ?? WINDOW_DAYS };
}
