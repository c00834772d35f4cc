import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../../shared/contract/errors';
import { recordFeed } from '../record-feed';
import { rowChecker, saleColumns } from '../row-check';
import { streamRecords } from '../text-source';
import { BatchWriter, transferList, type ParsedBatch } from './batch';
import { byteReadable, readSaleBytes } from './byte-reader';
import type { FromParser, ParseJob, ToParser } from './protocol';

// The parser worker: reads, tokenizes and checks a CSV file's sale rows while the import's thread
// stores the batches it sends (from the bytes when the encoding allows, see byte-reader.ts). It
// touches no database.
const port = parentPort;
if (!port) throw new Error('main/backend/import/parser/entry.ts runs only as a worker thread');
const job = workerData as ParseJob;
const post = (message: FromParser, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

// The days whose first text was told: the byte reader's rows and the text checks' rows share them.
const toldDays = new Set<number>();
const writer = new BatchWriter(job.batchRows, saleColumns(job.check.headers, job.check.mapping).invoice >= 0, (w) => rowChecker(job.check, w.checked, undefined, toldDays));
let credits = job.inFlight;
let wake: (() => void) | null = null;
port.on('message', (m: ToParser) => {
  if (m.type !== 'stored') return;
  writer.recycle(m.buffers);
  credits++;
  wake?.();
  wake = null;
});

async function send(batches: ParsedBatch[]): Promise<void> {
  for (const batch of batches) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    post({ type: 'batch', batch }, transferList(batch));
  }
}

async function parse(): Promise<void> {
  const feed = recordFeed(job.headerLine, job.check.headers, writer.records);
  let bytes = 0;
  const sendFilled = (): Promise<void> | undefined => {
    const filled = writer.filled(bytes);
    return filled.length > 0 ? send(filled) : undefined;
  };
  const options = { signal: new AbortController().signal, onProgress: (p: { bytes: number }) => (bytes = p.bytes) };
  if (byteReadable(job.table)) await readSaleBytes(job.table, job.headerLine, job.check, writer, toldDays, feed, sendFilled, options);
  else
    await streamRecords(
      job.table,
      (records) => {
        feed(records);
        return sendFilled();
      },
      options,
    );
  await send([...writer.filled(bytes), writer.rest(bytes)]);
  post({ type: 'done' });
}

// The import's thread ends the worker once it has the last message.
parse().catch((e: unknown) => post({ type: 'error', error: toErrorPayload(e) }));
