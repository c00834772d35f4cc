// The shell's pure modules take electron objects as parameters and import 'electron' for types only,
// so they are tested here without the Electron binary.
/* eslint-disable no-restricted-imports */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler, resolveAppFile } from '../../../main/electron/app-protocol';
import { menuTemplate } from '../../../main/electron/menu';
import { loadWindowState, saveWindowState, DEFAULT_WINDOW_STATE } from '../../../main/electron/window-state';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-shell-'));
  fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Longtail</title>');
  fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'void 0;');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('maps our URLs into the built renderer and nothing outside it', () => {
    const root = path.join(dir, 'renderer');
    expect(resolveAppFile('app://longtail/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://longtail/recovery', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://longtail/assets/app.js', root)).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppFile('app://longtail/..%2fsecret.txt', root)).toBeNull();
    expect(resolveAppFile('app://elsewhere/index.html', root)).toBeNull();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeNull();
  });

  it('answers every file with the strict CSP and a 404 for what is not there', async () => {
    const handler = appProtocolHandler(path.join(dir, 'renderer'));
    const page = await handler({ url: 'app://longtail/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'/);
    expect(await page.text()).toContain('<title>Longtail</title>');
    const script = await handler({ url: 'app://longtail/assets/app.js' });
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await handler({ url: 'app://longtail/assets/none.js' })).status).toBe(404);
    expect((await handler({ url: 'app://longtail/%2e%2e/secret.txt' })).status).toBe(404);
  });
});

describe('the remembered window', () => {
  const screenArea = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('comes back where and as big as it was left', () => {
    const file = path.join(dir, 'state', 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(file, screenArea)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('drops a position on a monitor that is no longer attached, keeping the size', () => {
    const file = path.join(dir, 'offscreen.json');
    saveWindowState(file, { x: 4000, y: 200, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, screenArea)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('falls back to the default for a missing or damaged file and never goes below the minimum size', () => {
    expect(loadWindowState(path.join(dir, 'none.json'), screenArea)).toEqual(DEFAULT_WINDOW_STATE);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"width": "wide"');
    expect(loadWindowState(bad, screenArea)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(bad, JSON.stringify({ width: 10, height: 10 }));
    expect(loadWindowState(bad, screenArea)).toMatchObject({ width: 900, height: 600 });
  });
});

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

describe('the native menu', () => {
  const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined => {
    for (const item of items) {
      if (item.label === label) return item;
      if (Array.isArray(item.submenu)) {
        const inner = find(item.submenu, label);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  const click = (item: MenuItemConstructorOptions | undefined): void => (item?.click as (() => void) | undefined)?.();

  it('has File, Edit, View, Window and Help, and File items tell the renderer what was chosen', () => {
    const sent: string[] = [];
    const template = menuTemplate({
      send: (command, arg) => sent.push(arg ? `${command} ${arg}` : command),
      recent: [
        { path: '/w/acme.longtail', clientName: 'Acme', exists: true },
        { path: '/w/gone.longtail', clientName: 'Gone', exists: false },
      ],
      isMac: false,
      openHelp: () => sent.push('help'),
    });
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    for (const label of ['New Workspace…', 'Open Workspace…', 'Import Data…', 'Assignment Plan…', 'Lists per Rep…', 'Report…', 'Acme — /w/acme.longtail', 'Longtail Help']) {
      click(find(template, label));
    }
    expect(find(template, 'Gone — /w/gone.longtail')).toBeUndefined();
    expect(sent).toEqual(['workspace-new', 'workspace-open', 'import-data', 'export-plan', 'export-reps', 'report', 'open-recent /w/acme.longtail', 'help']);
  });

  it('says so when there are no recent workspaces, and adds the app menu on macOS', () => {
    const template = menuTemplate({ send: () => {}, recent: [], isMac: true, openHelp: () => {} });
    expect(template[0].role).toBe('appMenu');
    expect(find(template, 'No recent workspaces')?.enabled).toBe(false);
  });
});
