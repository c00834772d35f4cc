import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome, ProgressEvent } from '../../../shared/contract';
import { call } from '../../../renderer/src/api/client';
import { ApiError, describeError, isCancelled } from '../../../renderer/src/api/errors';
import { useTransport, type Transport } from '../../../renderer/src/api/transport';

/** A stand-in for the wire (IPC or HTTP), recording what the client sends. */
function wire(answer: (name: string, input: unknown, jobId?: string) => Promise<Outcome<unknown>>) {
  const sent: { name: string; input: unknown; jobId?: string }[] = [];
  const cancelled: string[] = [];
  const listeners = new Set<(e: ProgressEvent) => void>();
  const transport: Transport = {
    kind: 'http',
    invoke: (name, input, jobId) => {
      sent.push({ name, input, jobId });
      return answer(name, input, jobId);
    },
    cancel: async (jobId) => {
      cancelled.push(jobId);
    },
    onProgress: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (e: ProgressEvent) => listeners.forEach((l) => l(e));
  return { transport, sent, cancelled, emit, listeners };
}

afterEach(() => useTransport(null));

describe('the renderer API client', () => {
  it('returns the value of a successful call and sends no job id for a quick handler', async () => {
    const w = wire(async () => ({ ok: true, value: { closed: true } }));
    useTransport(w.transport);
    await expect(call('workspace-close', {})).resolves.toEqual({ closed: true });
    expect(w.sent).toEqual([{ name: 'workspace-close', input: {}, jobId: undefined }]);
  });

  it('throws an ApiError carrying the code and the message a user can act on', async () => {
    const w = wire(async () => ({ ok: false, error: { code: 'NO_WORKSPACE', message: 'No workspace is open. Open or create a workspace first.' } }));
    useTransport(w.transport);
    const error = await call('workspace-info', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NO_WORKSPACE', message: 'No workspace is open. Open or create a workspace first.' });
    expect(describeError(error)).toEqual({ code: 'NO_WORKSPACE', message: 'No workspace is open. Open or create a workspace first.' });
  });

  it('gives a long job an id, passes on only its own progress, and stops listening after', async () => {
    let finish: (o: Outcome<unknown>) => void = () => {};
    const w = wire(() => new Promise((resolve) => (finish = resolve)));
    useTransport(w.transport);
    const seen: number[] = [];
    const pending = call('analysis-run', { settings: {} }, { onProgress: (p) => seen.push(p.done) });
    const jobId = w.sent[0].jobId as string;
    expect(jobId).toMatch(/^analysis-run-/);
    w.emit({ jobId, progress: { phase: 'profiles', done: 1, total: 3, unit: 'steps' } });
    w.emit({ jobId: 'someone-else', progress: { phase: 'x', done: 99, total: 100, unit: 'steps' } });
    w.emit({ jobId, progress: { phase: 'profiles', done: 2, total: 3, unit: 'steps' } });
    finish({ ok: true, value: { runId: 1 } });
    await pending;
    expect(seen).toEqual([1, 2]);
    expect(w.listeners.size).toBe(0);
  });

  it('cancels the backend job when the caller aborts, and reports CANCELLED', async () => {
    let finish: (o: Outcome<unknown>) => void = () => {};
    const w = wire(() => new Promise((resolve) => (finish = resolve)));
    useTransport(w.transport);
    const controller = new AbortController();
    const pending = call('import-run', { path: '/data/sales.csv' }, { signal: controller.signal });
    controller.abort();
    expect(w.cancelled).toEqual([w.sent[0].jobId]);
    finish({ ok: false, error: { code: 'CANCELLED', message: 'Import cancelled; nothing was changed.' } });
    const error = await pending.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
  });

  it('refuses to start a call whose signal is already aborted', async () => {
    const w = wire(async () => ({ ok: true, value: null }));
    useTransport(w.transport);
    const controller = new AbortController();
    controller.abort();
    await expect(call('import-run', { path: 'x.csv' }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(w.sent).toEqual([]);
  });
});
