// The shell's pure modules take electron objects as parameters and import 'electron' for types only,
// so they are tested here without the Electron binary.
/* eslint-disable no-restricted-imports */
import { describe, expect, it } from 'vitest';
import {
  APP_START_URL,
  denyPermissions,
  guardContents,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../../main/electron/security';

type Listener = (e: { preventDefault: () => void }, url: string) => void;

/** A stand-in for Electron's webContents with just the events the guard listens to. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return this;
    },
    setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
    navigate(event: string, url: string): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('the Electron window security settings', () => {
  it('runs the page sandboxed, context-isolated, without Node and with web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app from its own app:// origin', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://longtail/assets/index.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('denies navigation to any other origin and sends only https links to the system browser', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    guardContents(contents, (url) => opened.push(url));
    expect(contents.navigate('will-navigate', 'app://longtail/index.html#/recovery')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://insecure.example/')).toBe(true);
    expect(contents.navigate('will-attach-webview', 'app://longtail/')).toBe(true);
    expect(opened).toEqual(['https://evil.example/phish']);
  });

  it('never opens a new window, whatever the URL', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    guardContents(contents, (url) => opened.push(url));
    expect(contents.open('https://docs.example.com/help')).toEqual({ action: 'deny' });
    expect(contents.open('app://longtail/index.html')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example.com/help']);
  });

  it('accepts as external links only https URLs with a host name and no credentials', () => {
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com', 'https://localhost/', 'smb://host/share', '']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('refuses IPC from a foreign page or from a frame inside our page', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://longtail/index.html', parent: null } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://longtail/index.html', parent: {} } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender({})).toBe(false);
  });

  it('refuses every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h) => (requestHandler = h),
      setPermissionCheckHandler: (h) => (checkHandler = h),
    });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) requestHandler!({}, permission, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(checkHandler!()).toBe(false);
  });
});
