// The shell's pure modules take electron objects as parameters and import 'electron' for types only,
// so they are tested here without the Electron binary.
/* eslint-disable no-restricted-imports */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerNames, type Outcome } from '../../../shared/contract';
import { CHANNELS, RPC_PREFIX } from '../../../main/electron/channels';
import { registerIpc, type Dialogs } from '../../../main/electron/ipc';
import { WorkerBackend } from '../../../main/backend/worker/client';
import { desktopPathPolicy } from '../../../main/backend/access/desktop-policy';

type Listener = (event: { senderFrame?: { url: string; parent: unknown } | null }, ...args: unknown[]) => unknown;

/** Our test double of Electron's ipcMain: like the real one, it refuses a second handler per channel. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
}

const ours = { senderFrame: { url: 'app://longtail/index.html', parent: null } };
const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };

describe('IPC registration in the Electron shell', () => {
  let dir: string;
  let backend: WorkerBackend;
  const dialogCalls: string[] = [];
  const dialogs: Dialogs = {
    openFile: async (o) => {
      dialogCalls.push(`open:${o.title}`);
      return '/data/sales.csv';
    },
    saveFile: async (o) => {
      dialogCalls.push(`save:${o.defaultName}`);
      return null;
    },
    printReportPdf: async (input) => {
      dialogCalls.push(`pdf:${JSON.stringify(input)}`);
      return { ok: true, value: { path: '/reports/acme.pdf', bytes: 9 } };
    },
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-ipc-'));
    backend = new WorkerBackend({ appDataDir: dir });
  });

  afterAll(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers exactly one handler per contract entry, plus cancel, the two dialogs and the PDF report', () => {
    const ipc = fakeIpcMain();
    const channels = registerIpc(ipc, backend, dialogs, desktopPathPolicy(dir));
    const rpc = channels.filter((c) => c.startsWith(RPC_PREFIX)).map((c) => c.slice(RPC_PREFIX.length));
    expect(rpc.sort()).toEqual([...handlerNames].sort());
    expect(new Set(channels).size).toBe(channels.length);
    expect([...ipc.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(channels).toEqual(expect.arrayContaining([CHANNELS.cancel, CHANNELS.openFile, CHANNELS.saveFile, CHANNELS.printReportPdf]));
  });

  it('refuses a call from a foreign page with UNAUTHORIZED and never reaches the backend', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc, backend, dialogs, desktopPathPolicy(dir));
    const file = path.join(dir, 'forged.longtail');
    const outcome = (await ipc.handlers.get(`${RPC_PREFIX}workspace-create`)!(foreign, { path: file, clientName: 'Forged' })) as Outcome<unknown>;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(fs.existsSync(file)).toBe(false);
    const subframe = { senderFrame: { url: 'app://longtail/index.html', parent: {} } };
    expect(await ipc.handlers.get(`${RPC_PREFIX}workspace-recent`)!(subframe, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await ipc.handlers.get(CHANNELS.openFile)!(foreign, { title: 'x', filters: [] })).toBeNull();
    expect(await ipc.handlers.get(CHANNELS.printReportPdf)!(foreign, { out: '/tmp/x.pdf' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dialogCalls).toEqual([]);
  });

  it('forwards a call from our page to the worker backend, which parses its input', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc, backend, dialogs, desktopPathPolicy(dir));
    const file = path.join(dir, 'workspaces', 'acme.longtail');
    const created = (await ipc.handlers.get(`${RPC_PREFIX}workspace-create`)!(ours, { path: file, clientName: 'Acme' })) as Outcome<{ clientName: string }>;
    expect(created).toMatchObject({ ok: true, value: { clientName: 'Acme' } });
    const invalid = await ipc.handlers.get(`${RPC_PREFIX}workspace-create`)!(ours, { path: '', clientName: 'Acme' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes the dialogs only clean options', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc, backend, dialogs, desktopPathPolicy(dir));
    const picked = await ipc.handlers.get(CHANNELS.openFile)!(ours, { title: 'Import sales data', filters: [{ name: 'CSV', extensions: ['csv', '../x', 5] }] });
    expect(picked).toBe('/data/sales.csv');
    expect(await ipc.handlers.get(CHANNELS.saveFile)!(ours, { title: 7, defaultName: 'plan.xlsx' })).toBeNull();
    expect(dialogCalls).toEqual(['open:Import sales data', 'save:plan.xlsx']);
  });

  it('hands a PDF report request from our page to the shell’s printer', async () => {
    const ipc = fakeIpcMain();
    const access = desktopPathPolicy(dir);
    // As the save dialog would have, once the user chose the file.
    access.grant('/reports/acme.pdf', 'write');
    registerIpc(ipc, backend, dialogs, access);
    dialogCalls.length = 0;
    const outcome = await ipc.handlers.get(CHANNELS.printReportPdf)!(ours, { out: '/reports/acme.pdf', anonymise: true });
    expect(outcome).toEqual({ ok: true, value: { path: '/reports/acme.pdf', bytes: 9 } });
    expect(dialogCalls).toEqual(['pdf:{"out":"/reports/acme.pdf","anonymise":true}']);
  });
});
