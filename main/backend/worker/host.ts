import { AppError, toErrorPayload } from '../../../shared/contract/errors';
import type { Backend } from '../dispatch';
import type { FromWorker, ToWorker } from './protocol';

type Port = { postMessage: (message: FromWorker) => void };

// A cancel can overtake its call when they travel different roads (the HTTP bridge gets
// /cancel and /rpc as separate requests), so a few early cancels are remembered.
const EARLY_CANCEL_MEMORY = 64;

/**
 * Serves one Backend over a message port: calls run concurrently, each job gets its own
 * AbortController so a cancel reaches exactly the job it names.
 */
export function createHost(backend: Backend, port: Port): (message: ToWorker) => void {
  const running = new Map<string, AbortController>();
  const cancelledEarly: string[] = [];

  const call = async (message: Extract<ToWorker, { type: 'call' }>): Promise<void> => {
    const { id, name, input, jobId } = message;
    const controller = new AbortController();
    if (jobId !== undefined) {
      const early = cancelledEarly.indexOf(jobId);
      if (early >= 0) {
        cancelledEarly.splice(early, 1);
        controller.abort();
      } else {
        running.set(jobId, controller);
      }
    }
    try {
      if (controller.signal.aborted) {
        throw new AppError('CANCELLED', `${name} was cancelled before it started.`, { jobId });
      }
      const outcome = await backend.invoke(name, input, {
        signal: controller.signal,
        onProgress: jobId === undefined ? undefined : (progress) => port.postMessage({ type: 'progress', jobId, progress }),
      });
      port.postMessage({ type: 'result', id, outcome });
    } catch (e) {
      port.postMessage({ type: 'result', id, outcome: { ok: false, error: toErrorPayload(e) } });
    } finally {
      if (jobId !== undefined && running.get(jobId) === controller) running.delete(jobId);
    }
  };

  return (message) => {
    switch (message.type) {
      case 'call':
        void call(message);
        return;
      case 'cancel': {
        const job = running.get(message.jobId);
        if (job) job.abort();
        else {
          cancelledEarly.push(message.jobId);
          if (cancelledEarly.length > EARLY_CANCEL_MEMORY) cancelledEarly.shift();
        }
        return;
      }
      case 'close':
        for (const job of running.values()) job.abort();
        backend.close();
        port.postMessage({ type: 'closed' });
        return;
    }
  };
}
