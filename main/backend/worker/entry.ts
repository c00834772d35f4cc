import { parentPort, workerData } from 'node:worker_threads';
import { useNativeBinding } from '../db/open';
import { Backend } from '../dispatch';
import { createHost } from './host';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

// The thread that owns the database connection: the Electron main thread and the HTTP bridge
// only pass messages, so a long import or analysis never blocks a window or a request.
const port = parentPort;
if (!port) throw new Error('main/backend/worker/entry.ts runs only as a worker thread');
const start = workerData as WorkerStart;
useNativeBinding(start.nativeBinding);
const host = createHost(new Backend({ appDataDir: start.appDataDir }), {
  postMessage: (message: FromWorker) => port.postMessage(message),
});
port.on('message', (message: ToWorker) => host(message));
