import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { assessRiskJob } from '../../../shared/analytics/pipeline';
import { forecastCustomers, learnCustomerRisk, type LearnedRisk, type RiskForecast, type UnitSeries } from '../../../shared/analytics/risk';
import { customerSeries, type SeriesMemory } from '../../../shared/analytics/risk/series';
import type { CustomerRecord, Dataset } from '../../../shared/model/dataset';
import { AppError, toErrorPayload } from '../../../shared/contract/errors';
import { collectGarbage } from './collect-garbage';
import {
  buffersToTransfer,
  FORECAST_POSTED,
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
  // The forecast is moved (megabytes, and this thread is done with it); the model is copied (a few
  // kilobytes of trees, and this thread still prices the customers with it).
  handoff.port.postMessage(message, message.kind === 'forecast' ? buffersToTransfer(message.forecast) : []);
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

/** The customers priced with that model, which the learning thread posts right after it. */
function receiveForecast(handoff: CustomerHandoff): RiskForecast {
  const received = receive(handoff, FORECAST_POSTED);
  if (received.kind !== 'forecast') throw new AppError('INTERNAL', 'The customer-model thread posted something else where the customer forecast belonged.');
  return received.forecast;
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
  // The flags not yet raised: a failure raises them all, so the assessing thread never waits on one.
  let unposted = [SERIES_POSTED, MODEL_POSTED, FORECAST_POSTED];
  const post = (message: CustomerHandoffMessage): void => {
    const [flag, ...rest] = unposted;
    handOver(handoff, message, [flag]);
    unposted = rest;
  };
  try {
    const { asOfDay, horizonDays } = start.job;
    const customers = customerSeries(ds, sharedMemory);
    post({ kind: 'series', series: customers });
    const model = learnCustomerRisk(ds, asOfDay, horizonDays, customers);
    post({ kind: 'model', model });
    post({ kind: 'forecast', forecast: forecastCustomers(ds, customers, asOfDay, horizonDays, model) });
    reply({ ok: true, outcome: null, ms: performance.now() - begun });
  } catch (e) {
    handOver(handoff, { kind: 'failed', error: toErrorPayload(e) }, unposted);
    reply({ ok: false, error: toErrorPayload(e) });
  }
} else {
  try {
    const relationshipMemory = setAsideMemory(start.relationshipRoom);
    // Held by the memory alone from here, so each buffer goes once the series made in it does.
    start.relationshipRoom = null;
    const outcome = assessRiskJob(ds, start.job, {
      ...(handoff ? { customers: () => receiveSeries(handoff), customerModel: () => receiveModel(handoff), customerForecast: () => receiveForecast(handoff) } : {}),
      relationshipMemory,
      // The customer series: about 12 bytes a row, shared with the thread that made it.
      letGo: () => collectGarbage(start.tx.customer.length * 12),
    });
    reply({ ok: true, outcome, ms: performance.now() - begun }, buffersToTransfer(outcome));
  } catch (e) {
    reply({ ok: false, error: toErrorPayload(e) });
  }
}
