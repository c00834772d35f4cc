import type { RiskJob, RiskOutcome } from '../../../shared/analytics/pipeline';
import type { ErrorPayload } from '../../../shared/contract/errors';
import type { TransactionColumns } from '../../../shared/model/dataset';

/** What the risk thread is started with: the job and the part of the dataset the risk stage reads. */
export type RiskThreadStart = {
  job: RiskJob;
  tx: TransactionColumns;
  customerCount: number;
  categories: string[];
  firstDay: number;
  lastDay: number;
  currency: string;
};

/** The one message a risk thread sends: its outcome and how long it took, or why it failed. */
export type RiskThreadReply = { ok: true; outcome: RiskOutcome; ms: number } | { ok: false; error: ErrorPayload };

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
