import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { RiskAssessor, RiskOutcome } from '../../../shared/analytics/pipeline';
import { AppError } from '../../../shared/contract/errors';
import type { Dataset } from '../../../shared/model/dataset';
import { startThread, threadEntry } from '../worker/thread-entry';
import type { RiskThreadReply, RiskThreadStart } from './risk-thread-protocol';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Below this many transactions the risk stage takes about as long as a thread takes to start (a few
 * tenths of a second compiled, about a second under tsx), so it runs inline.
 */
const RISK_THREAD_MIN_ROWS = 200_000;

/** Whether the risk stage of a dataset this big gains from a thread of its own on this machine. */
export const riskThreadPays = (rows: number): boolean => rows >= RISK_THREAD_MIN_ROWS && os.availableParallelism() >= 2;

function startRiskWorker(start: RiskThreadStart): Worker {
  const entry = threadEntry(here, 'risk-worker.ts', 'risk-worker');
  if (!entry) throw new AppError('INTERNAL', `The risk stage's worker (risk-worker.mjs or .js beside ${here}) is missing: rebuild Longtail.`);
  return startThread(entry, start);
}

/**
 * Runs each risk job on a thread of its own. The transactions cross without a copy when they live in
 * shared memory (loadData puts them there); the assessment comes back by transfer. `signal` stops
 * the thread at once (a cancelled analysis does not wait for it); `onDone` hears how long it worked.
 */
export function riskOnThread(ds: Dataset, options: { signal?: AbortSignal; onDone?: (ms: number) => void } = {}): RiskAssessor {
  return (job) => {
    const worker = startRiskWorker({
      job,
      tx: ds.tx,
      customerCount: ds.customers.length,
      categories: ds.categories,
      firstDay: ds.firstDay,
      lastDay: ds.lastDay,
      currency: ds.currency,
    });
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    const outcome = new Promise<RiskOutcome>((resolve, reject) => {
      let replied = false;
      worker.once('message', (reply: RiskThreadReply) => {
        replied = true;
        if (reply.ok) {
          options.onDone?.(reply.ms);
          resolve(reply.outcome);
        } else reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
      });
      worker.once('error', (e) => reject(new AppError('INTERNAL', `The risk stage failed on its thread: ${e.message}`)));
      worker.once('exit', (code) => {
        options.signal?.removeEventListener('abort', stop);
        if (replied) return;
        reject(
          stopped
            ? new AppError('CANCELLED', 'The analysis was cancelled; nothing was saved. Run it again when ready.')
            : new AppError('INTERNAL', `The risk stage's thread stopped (exit code ${code}) before it finished. Run the analysis again; if it recurs, the machine may be short of memory.`),
        );
      });
    });
    return { outcome, abandon: stop };
  };
}
