import { AppError } from '../../../shared/contract/errors';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { ANALYSIS_STAGES, resolveAsOfDay, runAnalysis, type AnalysisOutput } from '../../../shared/analytics/pipeline';
import type { AnalysisSummary } from '../../../shared/model/results';
import { isoFromDay } from '../../../shared/format/dates';
import type { HandlerContext } from '../context';
import { failRun, finishRun, startRun, summaryOf } from './store';
import { savedStages } from './saved-stages';
import { warmData } from './warm';
import { levelNotes } from './level-notes';
import { collectGarbage, collectIfHeapAbove } from './collect-garbage';

/** A heap this big at the end of the stages is worth a collection before the save (5M rows stay below it). */
const BIG_HEAP = 512 * 2 ** 20;

/**
 * Runs and stores one analysis. Stage results stay warm in the session, so the next run with
 * changed settings recomputes only what depends on them.
 */
export function runAndStore(ctx: HandlerContext, settings: AnalysisSettings): { summary: AnalysisSummary; output: AnalysisOutput } {
  const started = performance.now();
  ctx.progress({ phase: 'loading', done: 0, total: ANALYSIS_STAGES.length, unit: 'steps', message: 'Reading transactions' });
  const data = warmData(ctx.session);
  const loadMs = performance.now() - started;
  const db = ctx.session.db;
  const createdAt = ctx.now().toISOString();
  const asOfDay = resolveAsOfDay(data.ds, settings);
  const runId = startRun(db, createdAt, isoFromDay(asOfDay), settings, data.hash);
  try {
    data.stages.hits.length = 0;
    const output = runAnalysis(data.ds, settings, {
      cache: data.stages,
      clock: () => performance.now(),
      saved: savedStages(db, data.hash),
      checkpoint: () => {
        if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled; nothing was saved. Run it again when ready.');
      },
      progress: (stage, done, total, message) => {
        // The risk stage's day series (about 24 bytes a row) are let go once it ends.
        if (stage === 'recovery' && !message && !data.stages.hits.includes('risk')) collectGarbage(data.ds.tx.customer.length * 24);
        ctx.progress({ phase: stage, done, total, unit: 'steps', ...(message ? { message } : {}) });
      },
    });
    collectIfHeapAbove(BIG_HEAP);
    const saveStarted = performance.now();
    const timings: Record<string, number> = { load: loadMs, ...output.timings };
    const summary = { ...summaryOf(output, runId, createdAt, data.hash, timings), productLevel: data.level };
    summary.notes = [...levelNotes(data.level, output.currency), ...summary.notes];
    finishRun(db, summary, output.customers, output.actions);
    timings.save = performance.now() - saveStarted;
    timings.total = performance.now() - started;
    db.prepare('UPDATE analysis_runs SET summary_json = ?, timings_json = ? WHERE id = ?').run(
      JSON.stringify(summary),
      JSON.stringify(timings),
      runId,
    );
    ctx.progress({ phase: 'done', done: ANALYSIS_STAGES.length, total: ANALYSIS_STAGES.length, unit: 'steps' });
    return { summary, output };
  } catch (e) {
    failRun(db, runId, e instanceof Error ? e.message : String(e));
    throw e;
  }
}
