import { Worker } from 'node:worker_threads';

// Memory written for the first time costs a page fault per 4 KB: about 3.5 ms per MB on the
// machines measured, a third of a second for a 5M-row load's sort buffers and columns. A thread of
// its own can take those faults on the core the load leaves idle, before the load writes there.

const UNCLAIMED = 0;
const TOUCHING = 1;
const TOUCHED = 2;
const CLAIMED = 3;

/**
 * Each buffer in turn: written once per page if the load has not claimed it yet, then marked
 * touched. A buffer is written only while the load waits for it, so the zeros never land on data.
 * A stream's thread takes batch after batch from its messages.
 */
const TOUCHER = `
const { parentPort, workerData } = require('node:worker_threads');
const touch = ({ buffers, state }) => buffers.forEach((buffer, i) => {
  if (Atomics.compareExchange(state, i, ${UNCLAIMED}, ${TOUCHING}) !== ${UNCLAIMED}) return;
  const bytes = new Uint8Array(buffer);
  for (let b = 0; b < bytes.length; b += 4096) bytes[b] = 0;
  Atomics.store(state, i, ${TOUCHED});
  Atomics.notify(state, i);
});
if (workerData.stream) parentPort.on('message', touch);
else touch(workerData);
`;

type Batch = { buffers: SharedArrayBuffer[]; state: Int32Array };

function batchOf(sizes: number[]): Batch {
  return { buffers: sizes.map((size) => new SharedArrayBuffer(size)), state: new Int32Array(new SharedArrayBuffer(sizes.length * Int32Array.BYTES_PER_ELEMENT)) };
}

/** Buffer i of a batch, for writing: at once if its thread has not started on it (it then never will), else once it is done with it. */
function claimFrom({ buffers, state }: Batch, i: number): SharedArrayBuffer {
  if (Atomics.compareExchange(state, i, UNCLAIMED, CLAIMED) !== UNCLAIMED) {
    // The thread is on it: a plain loop over pages, done within a fraction of a second.
    while (Atomics.load(state, i) === TOUCHING) Atomics.wait(state, i, TOUCHING, 1000);
  }
  return buffers[i];
}

/**
 * New shared buffers of these byte sizes, faulted in on another thread in the order given (the
 * order they are first written here). `claim(i)` hands buffer i over: at once if the thread has not
 * started on it (it then never will), else once it is done with it.
 */
export function prefaulted(sizes: number[]): { buffers: SharedArrayBuffer[]; claim: (i: number) => SharedArrayBuffer } {
  const batch = batchOf(sizes);
  try {
    new Worker(TOUCHER, { eval: true, workerData: { ...batch, stream: false } }).unref();
  } catch {
    // Without the thread every buffer stays unclaimed, and is faulted in where it is written.
  }
  return { buffers: batch.buffers, claim: (i) => claimFrom(batch, i) };
}

/**
 * For memory asked for a piece at a time while it fills (an import's rows, which it counts only
 * at the end): one thread faults in each batch of new shared buffers, in the order the batches are
 * asked for. `close` ends the thread; buffers it has not reached are faulted in where they are written.
 */
export function prefaultStream(): { batch: (sizes: number[]) => { claim: (i: number) => SharedArrayBuffer }; close: () => void } {
  let worker: Worker | null = null;
  try {
    worker = new Worker(TOUCHER, { eval: true, workerData: { stream: true } });
    worker.unref();
  } catch {
    worker = null;
  }
  return {
    batch: (sizes) => {
      const batch = batchOf(sizes);
      worker?.postMessage(batch);
      return { claim: (i) => claimFrom(batch, i) };
    },
    close: () => {
      void worker?.terminate();
      worker = null;
    },
  };
}
