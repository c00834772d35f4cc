import { AppError, isAppError } from '../../../shared/contract/errors';
import { contract, type HandlerInput, type HandlerName, type HandlerResult } from '../../../shared/contract';
import { NO_TERRITORY } from '../../../shared/analytics/assignment-loads';
import type { Action } from '../../../shared/model/results';
import type { HandlerContext } from '../context';
import type { HandlerTable } from '../handlers/types';
import type { PlanSource } from './store';

const PAGE = 100_000;
const LEAKAGE_NO_TERRITORY = '(none)';

/**
 * Reads the analysis through its own handlers, so assignment never depends on how analysis
 * stores its results. Imported lazily: the handler table imports this module.
 */
async function callHandler<N extends HandlerName>(ctx: HandlerContext, name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> {
  const { handlers } = await import('../handlers/index');
  const impl = (handlers as Partial<HandlerTable>)[name] as
    | ((c: HandlerContext, a: unknown) => Promise<HandlerResult<N>> | HandlerResult<N>)
    | undefined;
  if (!impl) {
    throw new AppError('NO_ANALYSIS', 'This build cannot read analyses yet, so there is nothing to assign. Run the analysis first.');
  }
  return await impl(ctx, contract[name].input.parse(input));
}

const noAnalysis = (e: unknown): boolean => isAppError(e) && (e.code === 'NO_ANALYSIS' || e.code === 'NOT_FOUND');

/** The actions of one analysis run (the latest by default) and what the territory plan needs besides. */
export async function loadPlanSource(ctx: HandlerContext, runId: number | undefined, currency: string): Promise<PlanSource> {
  let summary: HandlerResult<'analysis-summary'>;
  try {
    summary = await callHandler(ctx, 'analysis-summary', runId === undefined ? {} : { runId });
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
    const page = await callHandler(ctx, 'analysis-actions', {
      runId: summary.runId,
      sort: 'priority',
      dir: 'desc',
      offset,
      limit: PAGE,
    });
    actions.push(...page.rows);
    ctx.progress({ phase: 'reading actions', done: actions.length, total: page.total, unit: 'rows' });
    if (page.rows.length < PAGE || actions.length >= page.total) break;
  }
  // Leakage names customers without a territory '(none)'; the territory plan says it in words.
  const revenue12mByTerritory = new Map(
    summary.leakage.by.territory.map((r) => [r.key === LEAKAGE_NO_TERRITORY ? NO_TERRITORY : r.key, r.revenue12m]),
  );
  return { runId: summary.runId, asOf: summary.asOf, currency: summary.currency || currency, actions, revenue12mByTerritory };
}
