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
    expect(!outcome.ok && outcome.error.message).not.toContain('overwrite');
    // A folder given where a file was meant is named as one, with a file name to use instead.
    const folder = await w.backend.invoke('workspace-create', { path: w.dir, clientName: 'Other' });
    expect(folder).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS', message: `${w.dir} is a folder: give the workspace a file name in it, such as ${path.join(w.dir, 'client.longtail')}.` } });
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

  it('lists a renamed client by its new name among the recent ones, in the same place, also after a restart', async () => {
    const w = await newWorkspace({ clientName: 'Messy client' });
    cleanups.push(w.cleanup);
    const other = path.join(w.dir, 'other.longtail');
    await w.backend.call('workspace-create', { path: other, clientName: 'Other client' });
    await w.backend.call('workspace-open', { path: w.file });
    const before = await w.backend.call('workspace-recent', {});
    await w.backend.call('workspace-update', { clientName: 'Messy Client GmbH' });
    const after = await w.backend.call('workspace-recent', {});
    expect(after.map((r) => [r.path, r.clientName, r.openedAt])).toEqual([
      [w.file, 'Messy Client GmbH', before[0].openedAt],
      [other, 'Other client', before[1].openedAt],
    ]);
    w.backend.close();
    const again = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    expect((await again.call('workspace-recent', {}))[0]).toMatchObject({ path: w.file, clientName: 'Messy Client GmbH' });
    expect((await again.call('workspace-list', { folder: w.dir })).workspaces.find((f) => f.path === w.file)?.clientName).toBe('Messy Client GmbH');
    again.close();
  });

  it('forgets the recent workspaces whose file is gone, and keeps the others and the files', async () => {
    const kept = await newWorkspace({ clientName: 'Still here' });
    cleanups.push(kept.cleanup);
    const gone = path.join(kept.dir, 'gone.longtail');
    await kept.backend.call('workspace-create', { path: gone, clientName: 'Moved away' });
    await kept.backend.call('workspace-open', { path: kept.file });
    kept.backend.close();
    fs.rmSync(gone);
    const again = new Backend({ appDataDir: path.join(kept.dir, 'app-data') });
    expect((await again.call('workspace-recent', {})).map((r) => [r.clientName, r.exists])).toEqual([
      ['Still here', true],
      ['Moved away', false],
    ]);
    const left = await again.call('workspace-forget-missing', {});
    expect(left.map((r) => r.clientName)).toEqual(['Still here']);
    expect(await again.call('workspace-recent', {})).toEqual(left);
    expect(fs.existsSync(kept.file)).toBe(true);
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

  it('refuses three letters that are no ISO currency, at creation and in an update', async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    const created = await w.backend.invoke('workspace-create', { path: path.join(w.dir, 'y.longtail'), clientName: 'Y', currency: 'XYZ' });
    expect(!created.ok && created.error.message).toMatch(/currency: Not an ISO currency code/);
    const updated = await w.backend.invoke('workspace-update', { currency: 'POU' });
    expect(updated).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await w.backend.call('workspace-update', { currency: 'EUR' })).currency).toBe('EUR');
  });

  it("analyses in the currency the workspace is set to after a change, not the one its data was first read in", async () => {
    const w = await newWorkspace({ currency: 'GBP' });
    cleanups.push(w.cleanup);
    const file = path.join(w.dir, 'sales.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `C${i % 6},2025-${String(1 + (i % 12)).padStart(2, '0')}-15,${i % 2 ? 'Dairy' : 'Meat'},${100 + i}`);
    fs.writeFileSync(file, `Customer,Date,Category,Net Sales\n${rows.join('\n')}\n`);
    await w.backend.call('import-run', { path: file, currency: 'GBP' });
    expect((await w.backend.call('analysis-run', { settings: {} })).currency).toBe('GBP');
    await w.backend.call('workspace-update', { currency: 'EUR' });
    expect((await w.backend.call('analysis-run', { settings: {} })).currency).toBe('EUR');
  });

  it('lists the .longtail files of the app-data workspaces folder by default, with their client names, newest first', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const appData = path.join(t.dir, 'app-data');
    const b = new Backend({ appDataDir: appData, now: () => new Date('2026-01-15T09:00:00Z') });
    cleanups.push(() => b.close());
    const empty = await b.call('workspace-list', {});
    expect(empty).toEqual({ folder: path.join(appData, 'workspaces'), isDefault: true, workspaces: [] });
    expect(fs.statSync(empty.folder).isDirectory()).toBe(true);

    const older = path.join(empty.folder, 'acme.longtail');
    const newer = path.join(empty.folder, 'zenith.longtail');
    await b.call('workspace-create', { path: older, clientName: 'Acme Foods' });
    await b.call('workspace-create', { path: newer, clientName: 'Zenith Tools' });
    const broken = path.join(empty.folder, 'broken.longtail');
    fs.writeFileSync(broken, 'not sqlite at all');
    fs.writeFileSync(path.join(empty.folder, 'notes.txt'), 'not a workspace');
    const touch = (file: string, iso: string) => fs.utimesSync(file, new Date(iso), new Date(iso));
    touch(older, '2026-01-01T00:00:00Z');
    touch(broken, '2026-01-02T00:00:00Z');
    touch(newer, '2026-01-03T00:00:00Z');

    const listed = await b.call('workspace-list', {});
    expect(listed.workspaces.map((w) => [w.fileName, w.clientName])).toEqual([
      ['zenith.longtail', 'Zenith Tools'],
      ['broken.longtail', 'broken'],
      ['acme.longtail', 'Acme Foods'],
    ]);
    expect(listed.workspaces.find((w) => w.fileName === 'acme.longtail')).toMatchObject({ path: older, modifiedAt: '2026-01-01T00:00:00.000Z', bytes: expect.any(Number) });
  });

  it('lists a folder the user names and says so when it does not exist', async () => {
    const w = await newWorkspace({ clientName: 'Named Folder' });
    cleanups.push(w.cleanup);
    expect(await w.backend.call('workspace-list', { folder: w.dir })).toMatchObject({
      folder: w.dir,
      isDefault: false,
      workspaces: [{ path: w.file, fileName: 'client.longtail', clientName: 'Named Folder' }],
    });
    const missing = path.join(w.dir, 'nowhere');
    const outcome = await w.backend.invoke('workspace-list', { folder: missing });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', message: expect.stringContaining(missing) } });
    expect(fs.existsSync(missing)).toBe(false);
  });
});
