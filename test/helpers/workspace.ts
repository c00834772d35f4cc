import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Backend } from '../../main/backend/dispatch';

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'longtail-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A backend with its own app-data folder and a fixed clock, and a new workspace open in it. */
export async function newWorkspace(
  options: { clientName?: string; currency?: string; now?: Date } = {},
): Promise<{ backend: Backend; dir: string; file: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const now = options.now ?? new Date('2026-01-15T09:00:00Z');
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
  const file = path.join(dir, 'client.longtail');
  await backend.call('workspace-create', {
    path: file,
    clientName: options.clientName ?? 'Test Client',
    currency: options.currency ?? 'USD',
  });
  return {
    backend,
    dir,
    file,
    cleanup: () => {
      backend.close();
      cleanup();
    },
  };
}

/**
 * For a test file whose tests each want their own workspace: returns a factory and removes every
 * workspace it made after each test.
 */
export function freshWorkspaces(options: Parameters<typeof newWorkspace>[0] = {}): () => ReturnType<typeof newWorkspace> {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return async () => {
    const w = await newWorkspace(options);
    cleanups.push(w.cleanup);
    return w;
  };
}
