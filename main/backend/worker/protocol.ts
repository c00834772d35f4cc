import type { Outcome } from '../../../shared/contract/errors';
import type { Progress } from '../../../shared/contract/progress';

/** What the worker needs to start: where app data lives and, in Electron, which native SQLite build to load. */
export type WorkerStart = { appDataDir: string; nativeBinding?: string };

export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown; jobId?: string }
  | { type: 'cancel'; jobId: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'progress'; jobId: string; progress: Progress }
  | { type: 'closed' };
