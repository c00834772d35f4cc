import { parentPort, workerData } from 'node:worker_threads';
import { assessRiskJob } from '../../../shared/analytics/pipeline';
import type { CustomerRecord, Dataset } from '../../../shared/model/dataset';
import { toErrorPayload } from '../../../shared/contract/errors';
import { buffersToTransfer, type RiskThreadReply, type RiskThreadStart } from './risk-thread-protocol';

// The risk stage on its own thread: it reads the transactions (shared, not copied, when the
// dataset's columns live in shared memory) and hands back the assessment's arrays by transfer.
const port = parentPort;
if (!port) throw new Error('main/backend/analysis/risk-worker.ts runs only as a worker thread');
const start = workerData as RiskThreadStart;
const reply = (message: RiskThreadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
try {
  const begun = performance.now();
  const ds: Dataset = {
    // The risk stage reads how many customers there are, never who they are: their records stay home.
    customers: new Array<CustomerRecord>(start.customerCount),
    categories: start.categories,
    tx: start.tx,
    hasDates: true,
    firstDay: start.firstDay,
    lastDay: start.lastDay,
    currency: start.currency,
  };
  const outcome = assessRiskJob(ds, start.job);
  reply({ ok: true, outcome, ms: performance.now() - begun }, buffersToTransfer(outcome));
} catch (e) {
  reply({ ok: false, error: toErrorPayload(e) });
}
