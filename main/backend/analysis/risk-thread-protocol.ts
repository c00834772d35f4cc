import type { MessagePort } from 'node:worker_threads';
import type { RiskJob, RiskOutcome } from '../../../shared/analytics/pipeline';
import type { LearnedRisk } from '../../../shared/analytics/risk';
import type { ErrorPayload } from '../../../shared/contract/errors';
import type { TransactionColumns } from '../../../shared/model/dataset';

/**
 * How the customer level's model travels from the thread that learns it to the thread that assesses:
 * the learner posts it on `port` and then raises `ready[0]`, which the assessing thread waits on.
 */
export type CustomerModelHandoff = { port: MessagePort; ready: Int32Array };

/** What the customer-model learner posts on the handoff port. */
export type CustomerModelMessage = { ok: true; model: LearnedRisk } | { ok: false; error: ErrorPayload };

/**
 * What a risk thread is started with: the job and the part of the dataset the risk stage reads.
 * An 'assess' thread computes the whole assessment (taking the customer model from `handoff` when
 * given); a 'learn-customers' thread only learns the customer level's model and posts it there.
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
  handoff: CustomerModelHandoff | null;
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
