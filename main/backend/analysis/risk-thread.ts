import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';
import type { RiskAssessor, RiskJob, RiskOutcome } from '../../../shared/analytics/pipeline';
import { AppError } from '../../../shared/contract/errors';
import type { Dataset } from '../../../shared/model/dataset';
import { startThread, threadEntry } from '../worker/thread-entry';
import { HANDOFF_FLAGS, type CustomerHandoff, type RiskThreadReply, type RiskThreadStart } from './risk-thread-protocol';
import { takeSetAside } from './load-dataset';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Below this many transactions the risk stage takes about as long as a thread takes to start (a few
 * tenths of a second compiled, about a second under tsx), so it runs inline.
 */
const RISK_THREAD_MIN_ROWS = 200_000;

/**
 * Up to this many transactions the other stages run while the risk stage works on its threads;
 * above it memory, not time, is the limit, and the risk stage runs first, alone (memoryFirst).
 */
const ALONGSIDE_MAX_ROWS = 8_000_000;

/**
 * Whether the analysis works ahead of the risk stage while its threads run (growth's gaps before
 * recovery's claims, the save's customer order and mix, the save's switch out of WAL). Above
 * ALONGSIDE_MAX_ROWS the risk stage runs before every other stage instead: at 20M rows the other
 * stages' results and the risk thread's day series and models held together were the analysis's
 * peak (2.17 GB).
 */
export const workAheadOfRisk = (rows: number): boolean => rows <= ALONGSIDE_MAX_ROWS;

/** Whether the risk stage of a dataset this big gains from a thread of its own on this machine. */
export const riskThreadPays = (rows: number): boolean => rows >= RISK_THREAD_MIN_ROWS && os.availableParallelism() >= 2;

const cancelled = (): AppError => new AppError('CANCELLED', 'The analysis was cancelled; nothing was saved. Run it again when ready.');

function startRiskWorker(start: RiskThreadStart, transfer: TransferListItem[]): Worker {
  const entry = threadEntry(here, 'risk-worker.ts', 'risk-worker');
  if (!entry) throw new AppError('INTERNAL', `The risk stage's worker (risk-worker.mjs or .js beside ${here}) is missing: rebuild Longtail.`);
  return startThread(entry, start, transfer);
}

/** The two ends of the customer series', model's and forecast's way from the thread that learns the model to the one that assesses, with their shared flags. */
function handoffPair(): { learner: CustomerHandoff; assessor: CustomerHandoff } {
  const { port1, port2 } = new MessageChannel();
  const posted = new Int32Array(new SharedArrayBuffer(HANDOFF_FLAGS * Int32Array.BYTES_PER_ELEMENT));
  return { learner: { port: port1, posted }, assessor: { port: port2, posted } };
}

/**
 * A risk thread's one reply, or the reason it never came: its error, or its exit before replying
 * (`stopped()` tells a cancel from a crash).
 */
function replyOf(worker: Worker, stopped: () => boolean): Promise<{ outcome: RiskOutcome | null; ms: number }> {
  return new Promise((resolve, reject) => {
    let replied = false;
    worker.once('message', (reply: RiskThreadReply) => {
      replied = true;
      // Settled on a later turn: what the promise's waiters run (the rest of the analysis) would
      // otherwise run inside this callback, whose handles keep the message, and the forecasts in it,
      // alive to the end of the run even after memoryFirst has let them go.
      setImmediate(() => {
        if (reply.ok) resolve({ outcome: reply.outcome, ms: reply.ms });
        else reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
      });
    });
    worker.once('error', (e) => reject(new AppError('INTERNAL', `The risk stage failed on its thread: ${e.message}`)));
    worker.once('exit', (code) => {
      if (replied) return;
      reject(
        stopped()
          ? cancelled()
          : new AppError('INTERNAL', `The risk stage's thread stopped (exit code ${code}) before it finished. Run the analysis again; if it recurs, the machine may be short of memory.`),
      );
    });
  });
}

/**
 * Runs each risk job on a thread of its own, and when there are models to learn on a dataset of
 * moderate size, the customer level's learning on a second one (the two levels' learning is most of
 * the stage and neither reads the other). The second thread makes the customer series, which both
 * need, once: the assessing thread takes it when it has made the relationships' series, and the
 * customer model and the customers priced with it when it has learned the relationships. The
 * transactions cross without a copy when they live in shared memory (loadData puts them there); the
 * assessment comes back by transfer.
 * `signal` stops the threads at once (a cancelled analysis does not wait for them); `onDone` hears
 * how long each worked.
 */
export function riskOnThread(ds: Dataset, options: { signal?: AbortSignal; onDone?: (ms: { assess: number; learnCustomers: number | null }) => void } = {}): RiskAssessor {
  return (job: RiskJob) => {
    const base = { job, tx: ds.tx, customerCount: ds.customers.length, categories: ds.categories, firstDay: ds.firstDay, lastDay: ds.lastDay, currency: ds.currency };
    // The customer level's model is learned on a second thread while the first learns the
    // relationships: the two share one day series of the customers. Above ALONGSIDE_MAX_ROWS the
    // other stages wait for the risk stage, so its two threads have both cores.
    const split = job.known === undefined && os.availableParallelism() >= 2;
    const handoff = split ? handoffPair() : null;
    const workers: Worker[] = [];
    if (handoff) workers.push(startRiskWorker({ ...base, role: 'learn-customers', handoff: handoff.learner, relationshipRoom: null }, [handoff.learner.port]));
    const relationshipRoom = takeSetAside(ds.tx) ?? null;
    const assessor = startRiskWorker({ ...base, role: 'assess', handoff: handoff?.assessor ?? null, relationshipRoom }, handoff ? [handoff.assessor.port] : []);
    workers.push(assessor);
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      for (const w of workers) void w.terminate();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    const learner = handoff ? replyOf(workers[0], () => stopped) : Promise.resolve(null);
    const outcome = (async (): Promise<RiskOutcome> => {
      try {
        const [assessed, learned] = await Promise.all([replyOf(assessor, () => stopped), learner]);
        options.onDone?.({ assess: assessed.ms, learnCustomers: learned?.ms ?? null });
        // Taken out of the reply: the reply stays held by the thread's listeners until the thread has exited.
        const outcome = assessed.outcome;
        assessed.outcome = null;
        if (!outcome) throw new AppError('INTERNAL', "The risk stage's thread replied without its assessment.");
        return outcome;
      } catch (e) {
        // A learner that died without handing its model over would leave the assessing thread waiting.
        for (const w of workers) void w.terminate();
        throw e;
      } finally {
        options.signal?.removeEventListener('abort', stop);
      }
    })();
    return { outcome, abandon: stop };
  };
}
