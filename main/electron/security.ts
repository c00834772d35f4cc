/**
 * The security settings of the window, kept free of `electron` imports so they can be tested
 * without the Electron binary: electron objects are passed in.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'longtail';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function secureWebPreferences(preload: string) {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

const originOf = (url: string): string | null => {
  try {
    const parsed = new URL(url);
    // Custom schemes report "null" as their origin; build ours from its parts.
    return parsed.protocol === `${APP_SCHEME}:` ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
};

/**
 * Our own pages: the app:// origin, plus the Vite dev server while developing (electron-vite
 * dev sets ELECTRON_RENDERER_URL; never in a packaged app).
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  return devServerUrl !== undefined && origin === originOf(devServerUrl);
}

/** Links we hand to the system browser: https only, no credentials, a real host name. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname.includes('.');
  } catch {
    return false;
  }
}

type SenderEvent = { senderFrame?: { url: string; parent: unknown } | null };

/** IPC comes only from the top frame of our own page; a frame or page from elsewhere is refused. */
export function isTrustedSender(event: SenderEvent, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  return isAppUrl(frame.url, devServerUrl);
}

type NavigationEvent = { preventDefault: () => void };
type GuardedContents = {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/**
 * Denies every navigation away from our page and every new window; an https link the user
 * clicked goes to the system browser instead.
 */
export function guardContents(contents: GuardedContents, openExternal: (url: string) => void, devServerUrl?: string): void {
  const stay = (e: NavigationEvent, url: string): void => {
    if (isAppUrl(url, devServerUrl)) return;
    e.preventDefault();
    if (isSafeExternalUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

type PermissionSession = {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
};

/** The workbench needs no camera, location, notifications or anything else: all refused. */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
