import type { MessagePort } from 'node:worker_threads';
import type { RiskJob, RiskOutcome } from '../../../shared/analytics/pipeline';
import type { LearnedRisk, RiskForecast, UnitSeries } from '../../../shared/analytics/risk';
import type { ErrorPayload } from '../../../shared/contract/errors';
import type { TransactionColumns } from '../../../shared/model/dataset';

/**
 * How the thread that learns the customer model hands the assessing thread what it made: the
 * customer series (in shared memory: both read it), then the model, then the customers priced with
 * it (the forecast, moved rather than copied), each posted on `port` and then
 * announced by raising its flag in `posted`, which the assessing thread waits on before it reads the
 * port. A failure is posted in place of what was still to come, with every flag not yet raised.
 */
export type CustomerHandoff = { port: MessagePort; posted: Int32Array };

/** The flags of `posted`, in the order they are raised. */
export const SERIES_POSTED = 0;
export const MODEL_POSTED = 1;
export const FORECAST_POSTED = 2;
/** How many flags `posted` holds. */
export const HANDOFF_FLAGS = 3;

/** What the customer-model learner posts on the handoff port. */
export type CustomerHandoffMessage =
  | { kind: 'series'; series: UnitSeries }
  | { kind: 'model'; model: LearnedRisk }
  | { kind: 'forecast'; forecast: RiskForecast }
  | { kind: 'failed'; error: ErrorPayload };

/**
 * What a risk thread is started with: the job and the part of the dataset the risk stage reads.
 * An 'assess' thread computes the whole assessment (taking the customer series, model and forecast
 * from `handoff` when given); a 'learn-customers' thread makes the series, learns the customer
 * level's model, prices the customers with it and posts all three there.
 */
export type RiskThreadStart = {
  role: 'assess' | 'learn-customers';
  job: RiskJob;
  tx: TransactionColumns;
  customerCount: number;
  categories: string[];
  firstDay: number;
  lastDay: number;
  currency: string;
  handoff: CustomerHandoff | null;
  /** Memory the load set aside for the relationship series (an assessing thread's), if any. */
  relationshipRoom: { int32: SharedArrayBuffer; float64: SharedArrayBuffer } | null;
};

/** The one message a risk thread sends: its outcome (an assessing thread) and how long it took, or why it failed. */
export type RiskThreadReply = { ok: true; outcome: RiskOutcome | null; ms: number } | { ok: false; error: ErrorPayload };

/**
 * Every ArrayBuffer under `value`, once each, to move rather than copy across threads (the
 * assessment is mostly typed arrays: tens of megabytes at millions of rows). Shared memory is
 * left out: it is shared, not moved.
 */
export function buffersToTransfer(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) visit(item);
  };
  visit(value);
  return [...found];
}
