import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome, Progress, ProgressEvent, WorkspaceInfo } from '../../../shared/contract';
import { WorkerBackend } from '../../../main/backend/worker/client';
import { tempDir } from '../../helpers/workspace';

const value = <T>(outcome: Outcome<unknown>): T => {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value as T;
};

function writeSalesCsv(file: string, rows: number): void {
  const lines = ['Customer,Date,Category,Revenue'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`C${i % 500},2025-${month}-${day},Cat${i % 7},${(i % 90) + 10}.50`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('the backend worker thread', () => {
  let dir: string;
  let cleanup: () => void;
  let backend: WorkerBackend;

  // One worker for the whole file (starting one compiles the backend under tsx); each test opens
  // its own workspace, and the test that kills the worker runs last.
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    backend = new WorkerBackend({ appDataDir: path.join(dir, 'app-data') });
  });

  afterAll(async () => {
    await backend.close();
    cleanup();
  });

  it('creates a workspace in the worker and answers workspace-info about it', async () => {
    const file = path.join(dir, 'acme.longtail');
    const created = value<WorkspaceInfo>(await backend.invoke('workspace-create', { path: file, clientName: 'Acme', currency: 'EUR' }));
    expect(created.clientName).toBe('Acme');
    const info = value<WorkspaceInfo>(await backend.invoke('workspace-info', {}));
    expect(info).toMatchObject({ path: file, clientName: 'Acme', currency: 'EUR', transactions: 0 });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('answers a bad input with INVALID_INPUT parsed at the door, not a crash', async () => {
    const outcome = await backend.invoke('workspace-create', { path: '', clientName: 'Acme' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('INVALID_INPUT');
    const unknown = await backend.invoke('nothing-here', {});
    expect(unknown.ok ? null : unknown.error.code).toBe('UNKNOWN_HANDLER');
  });

  it('answers CANCELLED for a job cancelled before its call reached the worker', async () => {
    await backend.invoke('workspace-recent', {});
    backend.cancel('job-early');
    const outcome = await backend.invoke('workspace-recent', {}, { jobId: 'job-early' });
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED');
    // The memory of the early cancel is spent: the same id runs normally next time.
    expect((await backend.invoke('workspace-recent', {}, { jobId: 'job-early' })).ok).toBe(true);
  });

  it('answers CANCELLED when the caller aborts its signal before the call is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await backend.invoke('workspace-info', {}, { signal: controller.signal });
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED');
  });

  it('reports import progress and a cancelled import answers CANCELLED leaving no rows', async () => {
    const file = path.join(dir, 'imports.longtail');
    value(await backend.invoke('workspace-create', { path: file, clientName: 'Acme' }));
    const csv = path.join(dir, 'sales.csv');
    writeSalesCsv(csv, 30_000);

    const seen: Progress[] = [];
    const broadcast: ProgressEvent[] = [];
    const stop = backend.onProgress((e) => broadcast.push(e));
    const done = value<{ rowsImported: number }>(
      await backend.invoke('import-run', { path: csv }, { jobId: 'import-1', onProgress: (p) => seen.push(p) }),
    );
    stop();
    expect(done.rowsImported).toBe(30_000);
    expect(seen.length).toBeGreaterThan(0);
    expect(broadcast.every((e) => e.jobId === 'import-1')).toBe(true);

    const second = path.join(dir, 'more.csv');
    writeSalesCsv(second, 300_000);
    const pending = backend.invoke('import-run', { path: second, force: true }, {
      jobId: 'import-2',
      onProgress: () => backend.cancel('import-2'),
    });
    const outcome = await pending;
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED');
    const info = value<WorkspaceInfo>(await backend.invoke('workspace-info', {}));
    expect(info.transactions).toBe(30_000);
  });

  it('saves no run that was cancelled, even one whose kept stages leave the thread no pause to hear the cancel', async () => {
    const file = path.join(dir, 'cancel-run.longtail');
    value(await backend.invoke('workspace-create', { path: file, clientName: 'Acme' }));
    const csv = path.join(dir, 'cancel-run.csv');
    writeSalesCsv(csv, 30_000);
    value(await backend.invoke('import-run', { path: csv }));
    const first = value<{ runId: number }>(await backend.invoke('analysis-run', { settings: {} }));
    // A threshold moved: every learned stage is kept, and the run is one stretch of work.
    const outcome = await backend.invoke('analysis-run', { settings: { recovery: { lateness: 3 } } }, { jobId: 'rerun-1', onProgress: () => backend.cancel('rerun-1') });
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED');
    const runs = value<{ runId: number }[]>(await backend.invoke('analysis-runs', {}));
    expect(runs.map((r) => r.runId)).toEqual([first.runId]);
    expect(value<{ runId: number }>(await backend.invoke('analysis-summary', {})).runId).toBe(first.runId);
  });

  it('fails pending calls clearly when the worker dies and starts a fresh one for the next call', async () => {
    value(await backend.invoke('workspace-recent', {}));
    const worker = (backend as unknown as { worker: { terminate: () => Promise<number> } }).worker;
    const dying = worker.terminate();
    const outcome = await backend.invoke('workspace-recent', {});
    await dying;
    expect(outcome.ok ? null : outcome.error.message).toMatch(/backend stopped unexpectedly/);
    expect((await backend.invoke('workspace-recent', {})).ok).toBe(true);
  });
});
