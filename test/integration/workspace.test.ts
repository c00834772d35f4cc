import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../main/backend/dispatch';
import { newWorkspace, tempDir } from '../helpers/workspace';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('workspaces', () => {
  it('creates a workspace file that records the client name and currency', async () => {
    const w = await newWorkspace({ clientName: 'Acme Foods', currency: 'EUR' });
    cleanups.push(w.cleanup);
    const info = await w.backend.call('workspace-info', {});
    expect(info).toMatchObject({ clientName: 'Acme Foods', currency: 'EUR', transactions: 0, lastAnalysis: null });
    expect(fs.existsSync(w.file)).toBe(true);
  });

  it('refuses to overwrite an existing workspace unless asked, naming the file', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const outcome = await w.backend.invoke('workspace-create', { path: w.file, clientName: 'Other' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'WORKSPACE_EXISTS' } });
    expect(!outcome.ok && outcome.error.message).toContain(w.file);
  });

  it('reopens a workspace in a new backend and lists it among the recent ones', async () => {
    const w = await newWorkspace({ clientName: 'Reopened' });
    cleanups.push(w.cleanup);
    w.backend.close();
    const again = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    const info = await again.call('workspace-open', { path: w.file });
    expect(info.clientName).toBe('Reopened');
    const recent = await again.call('workspace-recent', {});
    expect(recent[0]).toMatchObject({ path: w.file, clientName: 'Reopened', exists: true });
    again.close();
  });

  it('answers NO_WORKSPACE with what to do when nothing is open', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const b = new Backend({ appDataDir: t.dir });
    expect(await b.invoke('workspace-info', {})).toEqual({
      ok: false,
      error: { code: 'NO_WORKSPACE', message: 'No workspace is open. Open or create a workspace first.' },
    });
  });

  it('rejects input that does not match the contract with INVALID_INPUT naming the field', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const b = new Backend({ appDataDir: t.dir });
    const outcome = await b.invoke('workspace-create', { path: path.join(t.dir, 'x.longtail'), clientName: 'X', currency: 'dollars' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/currency: Use a three-letter ISO currency code/);
  });
});
