import { AppError } from '../../../shared/contract/errors';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { ANALYSIS_STAGES, resolveAsOfDay, runAnalysis, runAnalysisAlongside, type AnalysisOutput, type RunOptions } from '../../../shared/analytics/pipeline';
import type { AnalysisSummary } from '../../../shared/model/results';
import type { Dataset } from '../../../shared/model/dataset';
import { isoFromDay } from '../../../shared/format/dates';
import type { HandlerContext } from '../context';
import { enterBulkMode } from '../import/bulk-load';
import { customersAhead, failRun, finishRun, savesInBulk, startRun, summaryOf, type CustomersAhead } from './store';
import { savedStages } from './saved-stages';
import { warmData } from './warm';
import { levelNotes } from './level-notes';
import { rejectedRowsNote } from './rejected-rows';
import { collectGarbage, collectIfHeapAbove } from './collect-garbage';
import { riskOnThread, riskThreadPays, workAheadOfRisk } from './risk-thread';
import type { Session } from '../session';

/** A heap this big at the end of the stages is worth a collection before the save (5M rows stay below it). */
const BIG_HEAP = 512 * 2 ** 20;

// One analysis at a time per session: a run waiting for its risk thread leaves the event loop free,
// and a second run meanwhile would share the first one's stage cache and dataset mid-flight.
const queues = new WeakMap<Session, Promise<unknown>>();

/**
 * Runs and stores one analysis. Stage results stay warm in the session, so the next run with
 * changed settings recomputes only what depends on them. On data big enough to pay for it, the risk
 * stage runs on a thread of its own while the other stages run here.
 */
export function runAndStore(ctx: HandlerContext, settings: AnalysisSettings): Promise<{ summary: AnalysisSummary; output: AnalysisOutput }> {
  const before = queues.get(ctx.session) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => runNow(ctx, settings));
  queues.set(ctx.session, run);
  return run;
}

/**
 * An as-of date outside the data analyses nothing that happened: after the last sale every
 * customer has gone quiet, before the first none has bought. Such a run had been stored as the
 * latest ("$0 from 0 active customers") and fed the exports and the benchmark.
 */
function refuseAsOfOutside(ds: Dataset, settings: AnalysisSettings, asOfDay: number): void {
  if (!settings.asOf || !ds.hasDates || (asOfDay >= ds.firstDay && asOfDay <= ds.lastDay)) return;
  throw new AppError(
    'INVALID_INPUT',
    `The as-of date ${settings.asOf} is ${asOfDay > ds.lastDay ? 'after the last sale' : 'before the first sale'} in this workspace: its data runs from ${isoFromDay(ds.firstDay)} to ${isoFromDay(ds.lastDay)}. Choose a date in that range, or leave it out to analyse as of the last sale.`,
    { asOf: settings.asOf, from: isoFromDay(ds.firstDay), to: isoFromDay(ds.lastDay) },
  );
}

const cancelled = (): AppError => new AppError('CANCELLED', 'The analysis was cancelled; nothing was saved. Run it again when ready.');

/**
 * Lets the event loop deliver what came while the stages ran (a cancel reaches a job as a message,
 * heard only between tasks), then stops if the run was cancelled.
 */
async function cancelsHeard(ctx: HandlerContext): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (ctx.signal.aborted) throw cancelled();
}

async function runNow(ctx: HandlerContext, settings: AnalysisSettings): Promise<{ summary: AnalysisSummary; output: AnalysisOutput }> {
  const started = performance.now();
  ctx.progress({ phase: 'loading', done: 0, total: ANALYSIS_STAGES.length, unit: 'steps', message: 'Reading transactions' });
  const data = warmData(ctx.session);
  const loadMs = performance.now() - started;
  await cancelsHeard(ctx);
  const db = ctx.session.db;
  const createdAt = ctx.now().toISOString();
  const asOfDay = resolveAsOfDay(data.ds, settings);
  refuseAsOfOutside(data.ds, settings, asOfDay);
  const runId = startRun(db, createdAt, isoFromDay(asOfDay), settings, data.hash);
  let leaveBulkMode: (() => void) | null = null;
  const leaveBulk = (): void => {
    const leave = leaveBulkMode;
    leaveBulkMode = null;
    leave?.();
  };
  try {
    data.stages.hits.length = 0;
    const threaded = riskThreadPays(data.ds.tx.customer.length);
    // Where memory, not time, is the limit: the risk stage alone first, and the rules' model let go
    // once recovery has decided.
    const tight = threaded && !workAheadOfRisk(data.ds.tx.customer.length);
    // Right after a big import its scratch (0.45 GB of heap at 20M rows) is still uncollected, and
    // this thread only waits while the risk threads work: nothing would collect it before they peak.
    if (tight) collectIfHeapAbove(BIG_HEAP / 2);
    const thread: { worked: { assess: number; learnCustomers: number | null } | null } = { worked: null };
    let ahead: CustomersAhead | undefined;
    const options: RunOptions = {
      memoryFirst: tight,
      // What memoryFirst lets go: the rules' model (about 15 bytes a row), then the risk forecasts (about 13).
      letGo: () => collectGarbage(data.ds.tx.customer.length * 13),
      cache: data.stages,
      clock: () => performance.now(),
      saved: savedStages(db, data.hash),
      checkpoint: () => {
        if (ctx.signal.aborted) throw cancelled();
      },
      progress: (stage, done, total, message) => {
        // The risk stage's day series (about 24 bytes a row) are let go once it ends; on its own
        // thread they go with the thread.
        if (stage === 'recovery' && !message && !threaded && !data.stages.hits.includes('risk')) collectGarbage(data.ds.tx.customer.length * 24);
        ctx.progress({ phase: stage, done, total, unit: 'steps', ...(message ? { message } : {}) });
      },
      ...(threaded && workAheadOfRisk(data.ds.tx.customer.length)
        ? {
            growthWhileRiskRuns: true,
            beforeRiskWait: ({ features }) => {
              ahead = customersAhead(features.n, (i) => data.ds.customers[i].code, (i) => features.mix.subarray(i * features.m, (i + 1) * features.m));
              // A save this big leaves WAL for its writing, and leaving it checkpoints what the run
              // wrote so far (the kept stages): done now, that waits on the disk while the risk
              // thread works, not after it.
              if (savesInBulk(features.n, 0)) leaveBulkMode = enterBulkMode(db);
            },
          }
        : {}),
    };
    const output = threaded
      ? await runAnalysisAlongside(data.ds, settings, options, riskOnThread(data.ds, { signal: ctx.signal, onDone: (worked) => (thread.worked = worked) }))
      : runAnalysis(data.ds, settings, options);
    collectIfHeapAbove(BIG_HEAP);
    const saveStarted = performance.now();
    const timings: Record<string, number> = { load: loadMs, ...output.timings };
    // The risk thread's own time: `risk` is then only what the other stages left to wait for.
    if (thread.worked) timings.riskThread = thread.worked.assess;
    if (thread.worked?.learnCustomers != null) timings.riskCustomerThread = thread.worked.learnCustomers;
    const summary = { ...summaryOf(output, runId, createdAt, data.hash, timings), productLevel: data.level };
    summary.notes = [...levelNotes(data.level, output.currency), ...summary.notes];
    const rejected = rejectedRowsNote(db);
    if (rejected) {
      summary.notes = [rejected.note, ...summary.notes];
      if (rejected.caveat) summary.caveats = [rejected.note, ...(summary.caveats ?? [])];
    }
    // Stages kept from a run before need no risk thread to wait for, and the whole run then ends
    // without hearing a cancel sent meanwhile: a run cancelled on screen had been saved as the latest.
    await cancelsHeard(ctx);
    try {
      finishRun(db, summary, output.customerRows, output.actions, ahead);
    } finally {
      leaveBulk();
    }
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
    // A workspace closed mid-run (which also cancels it) has no database left to mark the run in;
    // the next open marks it interrupted.
    if (ctx.session.isOpen && ctx.session.db === db) {
      leaveBulk();
      failRun(db, runId, e instanceof Error ? e.message : String(e));
    }
    throw e;
  }
}
