import { contract, type HandlerInput, type HandlerName, type HandlerResult, type Progress } from '../../../shared/contract';
import { ApiError } from './errors';
import { transport } from './transport';

export type CallOptions = {
  onProgress?: (p: Progress) => void;
  /** Aborting cancels the job in the backend; the call then rejects with code CANCELLED. */
  signal?: AbortSignal;
};

let jobCounter = 0;
const newJobId = (name: string): string => `${name}-${Date.now().toString(36)}-${(++jobCounter).toString(36)}`;

/** The one way the renderer reaches the backend: typed by shared/contract, errors thrown as ApiError. */
export async function call<N extends HandlerName>(name: N, input: HandlerInput<N>, options: CallOptions = {}): Promise<HandlerResult<N>> {
  const t = transport();
  const { onProgress, signal } = options;
  if (signal?.aborted) throw new ApiError({ code: 'CANCELLED', message: 'Cancelled.' });
  const jobId = contract[name].longRunning || onProgress || signal ? newJobId(name) : undefined;
  const unsubscribe = jobId && onProgress ? t.onProgress((e) => e.jobId === jobId && onProgress(e.progress)) : () => {};
  const onAbort = () => jobId && void t.cancel(jobId);
  signal?.addEventListener('abort', onAbort);
  try {
    const outcome = await t.invoke(name, input, jobId);
    if (!outcome.ok) throw new ApiError(outcome.error);
    return outcome.value as HandlerResult<N>;
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
