import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { assessRiskJob } from '../../../shared/analytics/pipeline';
import { learnCustomerRisk, type LearnedRisk } from '../../../shared/analytics/risk';
import type { CustomerRecord, Dataset } from '../../../shared/model/dataset';
import { AppError, toErrorPayload } from '../../../shared/contract/errors';
import { buffersToTransfer, type CustomerModelHandoff, type CustomerModelMessage, type RiskThreadReply, type RiskThreadStart } from './risk-thread-protocol';

// The risk stage on its own thread: it reads the transactions (shared, not copied, when the
// dataset's columns live in shared memory) and hands back the assessment's arrays by transfer.
const port = parentPort;
if (!port) throw new Error('main/backend/analysis/risk-worker.ts runs only as a worker thread');
const start = workerData as RiskThreadStart;
const reply = (message: RiskThreadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** Posts the customer model (or why there is none) to the assessing thread, then wakes it. */
function handOver(handoff: CustomerModelHandoff, message: CustomerModelMessage): void {
  handoff.port.postMessage(message, message.ok ? buffersToTransfer(message.model) : []);
  Atomics.store(handoff.ready, 0, 1);
  Atomics.notify(handoff.ready, 0);
}

/** The customer model from the learning thread: waits for it (it is usually there already: it learns the smaller level). */
function receiveCustomerModel(handoff: CustomerModelHandoff): LearnedRisk {
  Atomics.wait(handoff.ready, 0, 0);
  const received = receiveMessageOnPort(handoff.port)?.message as CustomerModelMessage | undefined;
  if (!received) throw new AppError('INTERNAL', 'The customer model was announced but never arrived from its thread. Run the analysis again.');
  if (!received.ok) throw new AppError(received.error.code, received.error.message, received.error.details);
  return received.model;
}

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
const handoff = start.handoff;
if (start.role === 'learn-customers') {
  if (!handoff) throw new Error('A customer-model thread needs a handoff to post its model on.');
  try {
    handOver(handoff, { ok: true, model: learnCustomerRisk(ds, start.job.asOfDay, start.job.horizonDays) });
    reply({ ok: true, outcome: null, ms: performance.now() - begun });
  } catch (e) {
    handOver(handoff, { ok: false, error: toErrorPayload(e) });
    reply({ ok: false, error: toErrorPayload(e) });
  }
} else {
  try {
    const outcome = assessRiskJob(ds, start.job, handoff ? () => receiveCustomerModel(handoff) : undefined);
    reply({ ok: true, outcome, ms: performance.now() - begun }, buffersToTransfer(outcome));
  } catch (e) {
    reply({ ok: false, error: toErrorPayload(e) });
  }
}
