import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppError, toErrorPayload, type Outcome } from '../../../shared/contract/errors';
import type { Progress } from '../../../shared/contract/progress';
import type { ProgressEvent } from '../../../shared/contract/transport';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';
import { startThread, threadEntry } from './thread-entry';

export type WorkerCallOptions = {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** The caller's job id (the renderer's), so progress events and cancels name the same job. */
  jobId?: string;
};

export type WorkerBackendOptions = WorkerStart & {
  /** The bundled worker entry (Electron names its own); by default the entry beside this module, the TypeScript source under tsx in development. */
  entry?: string;
};

type Pending = { resolve: (o: Outcome<unknown>) => void; jobId?: string; cleanup: () => void };

const here = path.dirname(fileURLToPath(import.meta.url));

function startWorker(options: WorkerBackendOptions): Worker {
  const start: WorkerStart = { appDataDir: options.appDataDir, nativeBinding: options.nativeBinding };
  // Electron names its bundled entry; the CLI and tests find theirs beside this module.
  const entry = options.entry ? (fs.existsSync(options.entry) ? { file: options.entry } : null) : threadEntry(here, 'entry.ts', 'worker');
  if (!entry) throw new Error(`The backend worker entry ${options.entry ?? `beside ${here}`} is missing: rebuild Longtail.`);
  return startThread(entry, start);
}

/**
 * The main-side handle of the backend worker, with the same invoke shape as Backend. A crashed
 * worker fails its pending calls with a clear error and is restarted on the next call (the
 * workspace then has to be opened again).
 */
export class WorkerBackend {
  private worker: Worker | null = null;
  private nextId = 1;
  private nextJob = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly progressListeners = new Set<(e: ProgressEvent) => void>();
  private readonly jobListeners = new Map<string, (p: Progress) => void>();
  private closing: Promise<void> | null = null;

  constructor(private readonly options: WorkerBackendOptions) {}

  invoke(name: string, input: unknown, options: WorkerCallOptions = {}): Promise<Outcome<unknown>> {
    if (this.closing) {
      return Promise.resolve({ ok: false, error: new AppError('BUSY', 'Longtail is shutting down.').toPayload() });
    }
    if (options.signal?.aborted) {
      return Promise.resolve({ ok: false, error: new AppError('CANCELLED', `${name} was cancelled before it started.`).toPayload() });
    }
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      return Promise.resolve({ ok: false, error: toErrorPayload(e) });
    }
    const id = this.nextId++;
    const wantsJob = options.jobId !== undefined || options.onProgress !== undefined || options.signal !== undefined;
    const jobId = options.jobId ?? (wantsJob ? `job-${process.pid}-${this.nextJob++}` : undefined);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        if (jobId !== undefined) this.cancel(jobId);
      };
      if (jobId !== undefined && options.onProgress) this.jobListeners.set(jobId, options.onProgress);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        options.signal?.removeEventListener('abort', onAbort);
        if (jobId !== undefined) this.jobListeners.delete(jobId);
      };
      this.pending.set(id, { resolve, jobId, cleanup });
      worker.ref();
      this.post(worker, { type: 'call', id, name, input, jobId });
    });
  }

  cancel(jobId: string): void {
    if (this.worker) this.post(this.worker, { type: 'cancel', jobId });
  }

  /** Every progress event of every job, e.g. for the bridge's event stream or the Electron window. */
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Closes the workspace inside the worker, then stops the thread. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const worker = this.worker;
    this.closing = new Promise<void>((resolve) => {
      if (!worker) return resolve();
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'closed') void worker.terminate();
      });
      this.post(worker, { type: 'close' });
    });
    return this.closing;
  }

  private post(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.options);
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (e) => this.failAll(worker, e));
    worker.on('exit', (code) => this.failAll(worker, new Error(`the backend worker stopped (exit code ${code})`)));
    // Held only while calls are pending: an idle worker must not keep a finished process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(m: FromWorker): void {
    if (m.type === 'result') {
      const call = this.pending.get(m.id);
      if (!call) return;
      this.pending.delete(m.id);
      call.cleanup();
      if (this.pending.size === 0) this.worker?.unref();
      call.resolve(m.outcome);
    } else if (m.type === 'progress') {
      this.jobListeners.get(m.jobId)?.(m.progress);
      for (const listener of this.progressListeners) listener({ jobId: m.jobId, progress: m.progress });
    }
  }

  private failAll(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      call.cleanup();
      call.resolve({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `The Longtail backend stopped unexpectedly (${e.message}). Open the workspace again; if it happens again, report it with the workspace file.`,
        },
      });
    }
  }
}
