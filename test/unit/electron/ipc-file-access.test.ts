// The IPC handler table confines file access the way the bridge does: only what the user chose.
/* eslint-disable no-restricted-imports */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../shared/contract';
import { CHANNELS, RPC_PREFIX } from '../../../main/electron/channels';
import { registerIpc, type Dialogs } from '../../../main/electron/ipc';
import { desktopPathPolicy } from '../../../main/backend/access/desktop-policy';
import { WorkerBackend } from '../../../main/backend/worker/client';

type Listener = (event: { senderFrame?: { url: string; parent: unknown } | null }, ...args: unknown[]) => unknown;
const ours = { senderFrame: { url: 'app://longtail/index.html', parent: null } };

describe('file access through the Electron IPC handler table', () => {
  let dir: string;
  let backend: WorkerBackend;
  let handlers: Map<string, Listener>;
  let nextOpen: string | null = null;
  let nextSave: string | null = null;
  const printed: unknown[] = [];

  const call = async (name: string, input: unknown) => (await handlers.get(`${RPC_PREFIX}${name}`)!(ours, input)) as Outcome<Record<string, unknown>>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-ipc-access-'));
    fs.writeFileSync(path.join(dir, 'sales.csv'), 'Customer,Date,Revenue\nC1,2025-01-02,10\n');
    backend = new WorkerBackend({ appDataDir: path.join(dir, 'app-data') });
    const dialogs: Dialogs = {
      openFile: async () => nextOpen,
      saveFile: async () => nextSave,
      printReportPdf: async (input) => {
        printed.push(input);
        return { ok: true, value: { path: (input as { out: string }).out, bytes: 1 } };
      },
    };
    handlers = new Map();
    registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, backend, dialogs, desktopPathPolicy(path.join(dir, 'app-data')));
  });

  afterAll(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses /etc/passwd, a listing of /etc and a file nobody chose, with PATH_NOT_ALLOWED', async () => {
    expect(await call('import-preview', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('workspace-list', { folder: '/etc' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call('import-preview', { path: path.join(dir, 'sales.csv') })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });

  it('reads a file once the user chose it in the open dialog, or dropped it on the window', async () => {
    nextOpen = path.join(dir, 'sales.csv');
    expect(await handlers.get(CHANNELS.openFile)!(ours, { title: 'Import', filters: [] })).toBe(nextOpen);
    expect(await call('import-preview', { path: nextOpen })).toMatchObject({ ok: true });
    const dropped = path.join(dir, 'dropped.csv');
    fs.copyFileSync(nextOpen, dropped);
    await handlers.get(CHANNELS.fileDropped)!(ours, dropped);
    expect(await call('import-preview', { path: dropped })).toMatchObject({ ok: true });
  });

  it('writes reports and workspaces only where the save dialog pointed, creating no folder elsewhere', async () => {
    const elsewhere = path.join(dir, 'new-folder', 'report.html');
    expect(await call('report-build', { out: elsewhere })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(fs.existsSync(path.dirname(elsewhere))).toBe(false);
    const chosen = path.join(dir, 'acme.longtail');
    nextSave = chosen;
    await handlers.get(CHANNELS.saveFile)!(ours, { title: 'New workspace', defaultName: 'acme.longtail' });
    expect(await call('workspace-create', { path: chosen, clientName: 'Acme' })).toMatchObject({ ok: true });
    expect(await call('workspace-create', { path: '/etc/hostname', clientName: 'X', overwrite: true })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });

  it('opens a recent workspace again without a dialog', async () => {
    // acme.longtail became recent when it was created above.
    expect(await call('workspace-close', {})).toMatchObject({ ok: true });
    expect(await call('workspace-open', { path: path.join(dir, 'acme.longtail') })).toMatchObject({ ok: true, value: { clientName: 'Acme' } });
  });

  it('prints the PDF report only to a path the user chose in the save dialog', async () => {
    printed.length = 0;
    expect(await handlers.get(CHANNELS.printReportPdf)!(ours, { out: path.join(os.homedir(), '.bashrc.pdf') })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_ALLOWED' },
    });
    expect(printed).toEqual([]);
    nextSave = path.join(dir, 'acme.pdf');
    await handlers.get(CHANNELS.saveFile)!(ours, { title: 'Report', defaultName: 'acme.pdf' });
    expect(await handlers.get(CHANNELS.printReportPdf)!(ours, { out: nextSave })).toMatchObject({ ok: true });
    expect(printed).toHaveLength(1);
  });
});
