import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RiskAssessor, RiskOutcome } from '../../../shared/analytics/pipeline';
import { AppError } from '../../../shared/contract/errors';
import type { Dataset } from '../../../shared/model/dataset';
import type { RiskThreadReply, RiskThreadStart } from './risk-thread-protocol';

const tsEntry = fileURLToPath(new URL('./risk-worker.ts', import.meta.url));
const tsxBoot = fileURLToPath(new URL('../worker/tsx-boot.mjs', import.meta.url));
// Built, the entry sits beside the chunk holding this module: .mjs in the CLI's build, .js in Electron's.
const builtEntries = ['./risk-worker.mjs', './risk-worker.js'].map((name) => fileURLToPath(new URL(name, import.meta.url)));

/**
 * Below this many transactions the risk stage takes about as long as a thread takes to start (a few
 * tenths of a second compiled, about a second under tsx), so it runs inline.
 */
export const RISK_THREAD_MIN_ROWS = 200_000;

/** Whether the risk stage of a dataset this big gains from a thread of its own on this machine. */
export const riskThreadPays = (rows: number): boolean => rows >= RISK_THREAD_MIN_ROWS && os.availableParallelism() >= 2;

function startRiskWorker(start: RiskThreadStart): Worker {
  if (fs.existsSync(tsEntry)) return new Worker(tsxBoot, { workerData: { ...start, tsEntry: pathToFileURL(tsEntry).href } });
  const built = builtEntries.find((p) => fs.existsSync(p));
  if (!built) throw new AppError('INTERNAL', `The risk stage's worker (${builtEntries.join(' or ')}) is missing: rebuild Longtail.`);
  return new Worker(built, { workerData: start });
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
