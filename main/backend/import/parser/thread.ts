import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../../shared/contract/errors';
import { startThread, threadEntry } from '../../worker/thread-entry';
import type { StoredRows } from '../row-check';
import type { Tally } from '../tally';
import { batchReplayer, transferList } from './batch';
import type { FromParser, ParseJob, ToParser } from './protocol';

/** Rows per batch: big enough that a message is rare beside the rows' work, small enough to store as they come. */
const BATCH_ROWS = 32_768;
/** Batches parsed ahead of the store: about 2 MB each. */
const IN_FLIGHT = 4;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The parser worker's entry; null when the build has none: the import then checks its rows in its own thread. */
const parserEntry = () => threadEntry(here, 'entry.ts', 'import-parser');

export const parserThreadAvailable = (): boolean => parserEntry() !== null;

/**
 * Reads and checks a CSV file's sale rows in a worker thread while this thread stores them: the
 * batches are replayed into `checked` in file order, exactly as the in-thread checks would call it,
 * and the record counts and warnings go to the tally. A cancel ends the worker at once; what was
 * stored stays in the open transaction for the caller to roll back.
 */
export function parseInWorker(
  job: Omit<ParseJob, 'batchRows' | 'inFlight'>,
  checked: StoredRows,
  tally: Tally,
  options: { signal: AbortSignal; onProgress: (bytes: number) => void },
): Promise<void> {
  const entry = parserEntry();
  if (!entry) return Promise.reject(new Error('The import parser worker is missing from this build.'));
  // Let go on settling: the worker object outlives the import until its exit is handled, and its
  // message listener would keep the store's whole state (every name of the file) alive with it.
  let replay: ReturnType<typeof batchReplayer> | null = batchReplayer(checked, {
    read: (n) => (tally.rowsRead += n),
    skip: (n) => (tally.rowsSkipped += n),
    noSale: (status, n) => tally.skipNotSales(status, n),
    warn: (text) => tally.warnings.push(text),
  });
  return new Promise((resolve, reject) => {
    const full: ParseJob = { ...job, batchRows: BATCH_ROWS, inFlight: IN_FLIGHT };
    const worker = startThread(entry, full);
    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      replay = null;
      options.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => settle(new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.'));
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: FromParser) => {
      if (settled || !replay) return;
      if (m.type === 'batch') {
        try {
          replay(m.batch);
        } catch (e) {
          return settle(e);
        }
        options.onProgress(m.batch.bytes);
        if (options.signal.aborted) return onAbort();
        const buffers = m.batch.line.length === BATCH_ROWS ? transferList(m.batch) : [];
        worker.postMessage({ type: 'stored', buffers } satisfies ToParser, buffers);
      } else if (m.type === 'done') settle(null);
      else settle(new AppError(m.error.code, m.error.message, m.error.details));
    });
    worker.on('error', (e) => settle(e));
    worker.on('exit', (code) => settle(new Error(`the import's parser worker stopped before the end of the file (exit code ${code})`)));
  });
}
