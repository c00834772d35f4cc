import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { assessRiskJob } from '../../../shared/analytics/pipeline';
import { learnCustomerRisk, type LearnedRisk, type UnitSeries } from '../../../shared/analytics/risk';
import { customerSeries, type SeriesMemory } from '../../../shared/analytics/risk/series';
import type { CustomerRecord, Dataset } from '../../../shared/model/dataset';
import { AppError, toErrorPayload } from '../../../shared/contract/errors';
import {
  buffersToTransfer,
  MODEL_POSTED,
  SERIES_POSTED,
  type CustomerHandoff,
  type CustomerHandoffMessage,
  type RiskThreadReply,
  type RiskThreadStart,
} from './risk-thread-protocol';

// The risk stage on its own thread: it reads the transactions (shared, not copied, when the
// dataset's columns live in shared memory) and hands back the assessment's arrays by transfer.
const port = parentPort;
if (!port) throw new Error('main/backend/analysis/risk-worker.ts runs only as a worker thread');
const start = workerData as RiskThreadStart;
const reply = (message: RiskThreadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** The customer series' days go where the assessing thread reads them too. */
const sharedMemory: SeriesMemory = {
  int32: (length) => new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT)),
  float64: (length) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
};

/**
 * The memory the load set aside, for the relationship series' days and values: each buffer handed
 * out once, emptied, when big enough (else new memory, as always).
 */
function setAsideMemory(room: RiskThreadStart['relationshipRoom']): SeriesMemory | undefined {
  if (!room) return undefined;
  let { int32, float64 }: { int32: SharedArrayBuffer | null; float64: SharedArrayBuffer | null } = room;
  return {
    int32: (length) => {
      const buffer = int32;
      int32 = null;
      return buffer && buffer.byteLength >= length * Int32Array.BYTES_PER_ELEMENT ? new Int32Array(buffer, 0, length).fill(0) : new Int32Array(length);
    },
    float64: (length) => {
      const buffer = float64;
      float64 = null;
      return buffer && buffer.byteLength >= length * Float64Array.BYTES_PER_ELEMENT ? new Float64Array(buffer, 0, length).fill(0) : new Float64Array(length);
    },
  };
}

/** Posts a message to the assessing thread, then raises `flags` and wakes it. */
function handOver(handoff: CustomerHandoff, message: CustomerHandoffMessage, flags: number[]): void {
  handoff.port.postMessage(message, message.kind === 'model' ? buffersToTransfer(message.model) : []);
  for (const flag of flags) {
    Atomics.store(handoff.posted, flag, 1);
    Atomics.notify(handoff.posted, flag);
  }
}

/** The next message from the learning thread, once `flag` is raised; its failure thrown here. */
function receive(handoff: CustomerHandoff, flag: number): CustomerHandoffMessage {
  Atomics.wait(handoff.posted, flag, 0);
  const received = receiveMessageOnPort(handoff.port)?.message as CustomerHandoffMessage | undefined;
  if (!received) throw new AppError('INTERNAL', 'The customer series or model was announced but never arrived from its thread. Run the analysis again.');
  if (received.kind === 'failed') throw new AppError(received.error.code, received.error.message, received.error.details);
  return received;
}

/** The customer series from the learning thread: it makes it first, so it is usually there or nearly. */
function receiveSeries(handoff: CustomerHandoff): UnitSeries {
  const received = receive(handoff, SERIES_POSTED);
  if (received.kind !== 'series') throw new AppError('INTERNAL', 'The customer-model thread posted its model before the customer series.');
  return received.series;
}

/** The customer model from the learning thread (it learns the smaller level, so it is usually there already). */
function receiveModel(handoff: CustomerHandoff): LearnedRisk {
  const received = receive(handoff, MODEL_POSTED);
  if (received.kind !== 'model') throw new AppError('INTERNAL', 'The customer-model thread posted its customer series twice.');
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
  let seriesPosted = false;
  try {
    const customers = customerSeries(ds, sharedMemory);
    handOver(handoff, { kind: 'series', series: customers }, [SERIES_POSTED]);
    seriesPosted = true;
    handOver(handoff, { kind: 'model', model: learnCustomerRisk(ds, start.job.asOfDay, start.job.horizonDays, customers) }, [MODEL_POSTED]);
    reply({ ok: true, outcome: null, ms: performance.now() - begun });
  } catch (e) {
    handOver(handoff, { kind: 'failed', error: toErrorPayload(e) }, seriesPosted ? [MODEL_POSTED] : [SERIES_POSTED, MODEL_POSTED]);
    reply({ ok: false, error: toErrorPayload(e) });
  }
} else {
  try {
    const relationshipMemory = setAsideMemory(start.relationshipRoom);
    // Held by the memory alone from here, so each buffer goes once the series made in it does.
    start.relationshipRoom = null;
    const outcome = assessRiskJob(ds, start.job, {
      ...(handoff ? { customers: () => receiveSeries(handoff), customerModel: () => receiveModel(handoff) } : {}),
      relationshipMemory,
    });
    reply({ ok: true, outcome, ms: performance.now() - begun }, buffersToTransfer(outcome));
  } catch (e) {
    reply({ ok: false, error: toErrorPayload(e) });
  }
}
