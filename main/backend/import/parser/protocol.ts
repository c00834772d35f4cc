import type { ErrorPayload } from '../../../../shared/contract/errors';
import type { CheckPlan } from '../row-check';
import type { TextTable } from '../source';
import type { ParsedBatch } from './batch';

/** What the parser worker is started with: the file and how to read it, and the checks of its rows. */
export type ParseJob = {
  table: TextTable;
  headerLine: number;
  check: CheckPlan;
  batchRows: number;
  /** Batches sent but not yet stored: the worker waits past this many, so a slow store bounds the memory. */
  inFlight: number;
};

export type FromParser = { type: 'batch'; batch: ParsedBatch } | { type: 'done' } | { type: 'error'; error: ErrorPayload };

/** A batch was stored: its arrays come back (full batches only) to be filled again. */
export type ToParser = { type: 'stored'; buffers: ArrayBuffer[] };
