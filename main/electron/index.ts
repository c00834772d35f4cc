import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand, Outcome, RecentWorkspace } from '../../shared/contract';
import { ensureSampleWorkspace } from '../backend/sample-workspace';
import { WorkerBackend } from '../backend/worker/client';
import { appProtocolHandler, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { CHANNELS } from './channels';
import { PRINT_WINDOW_OPTIONS } from '../backend/report/pdf';
import { registerIpc } from './ipc';
import { desktopPathPolicy } from '../backend/access/desktop-policy';
import { menuTemplate } from './menu';
import { shellPaths } from './paths';
import { reportPdfPrinter } from './report-pdf';
import { APP_SCHEME, APP_START_URL, denyPermissions, guardContents, secureWebPreferences } from './security';
import { loadWindowState, saveWindowState } from './window-state';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const paths = shellPaths(path.dirname(fileURLToPath(import.meta.url)), {
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
});

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
// A second launch only focuses the first window (see 'second-instance'): one worker per workspace file.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

let mainWindow: BrowserWindow | null = null;
let backend: WorkerBackend | null = null;

const send = (command: MenuCommand, arg?: string): void => mainWindow?.webContents.send(CHANNELS.menu, command, arg);

async function recentWorkspaces(): Promise<RecentWorkspace[]> {
  const outcome = (await backend?.invoke('workspace-recent', {})) as Outcome<RecentWorkspace[]> | undefined;
  return outcome?.ok ? outcome.value : [];
}

async function refreshMenu(): Promise<void> {
  const recent = await recentWorkspaces();
  const template = menuTemplate({
    send,
    recent,
    isMac: process.platform === 'darwin',
    openHelp: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'Longtail',
        message: `Longtail ${app.getVersion()}`,
        detail:
          'Import a client’s sales data (File > Import Data…), let Longtail analyse it, then review the recovery and growth actions and export them per rep.\n\nThe same workbench runs in a browser with `npx longtail serve`.',
      }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Longtail',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(paths.preload),
  });
  guardContents(win.webContents, (url) => void shell.openExternal(url), devServerUrl);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = (): void => {
    if (win.isDestroyed()) return;
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  void win.loadURL(devServerUrl ?? APP_START_URL);
  return win;
}

/** First run opens the bundled sample; later runs reopen the last workspace that still exists. */
async function openStartWorkspace(win: BrowserWindow): Promise<void> {
  const recent = (await recentWorkspaces()).find((r) => r.exists);
  let target = recent?.path;
  if (!target && backend) {
    try {
      target = (await ensureSampleWorkspace(backend, app.getPath('userData'), { resourcesDir: paths.resourcesDir })).info.path;
    } catch (e) {
      void dialog.showMessageBox(win, { type: 'warning', message: 'The sample workspace could not be prepared.', detail: (e as Error).message });
      return;
    }
  }
  if (!target) return;
  const path = target;
  const deliver = (): void => send('open-recent', path);
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', deliver);
  else deliver();
  await refreshMenu();
}

async function start(): Promise<void> {
  backend = new WorkerBackend({ appDataDir: app.getPath('userData'), entry: paths.worker, nativeBinding: paths.nativeBinding });
  protocol.handle(APP_SCHEME, appProtocolHandler(paths.rendererDir));
  denyPermissions(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => guardContents(contents, (url) => void shell.openExternal(url), devServerUrl));

  registerIpc(
    ipcMain,
    backend,
    {
      openFile: async ({ title, filters }) => {
        const options: Electron.OpenDialogOptions = { title, filters, properties: ['openFile'] };
        const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      saveFile: async ({ title, defaultName, filters }) => {
        const defaultPath = path.join(app.getPath('documents'), path.basename(defaultName));
        const options: Electron.SaveDialogOptions = { title, defaultPath, filters };
        const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      printReportPdf: reportPdfPrinter(backend, () => new BrowserWindow({ ...PRINT_WINDOW_OPTIONS, webPreferences: { ...PRINT_WINDOW_OPTIONS.webPreferences } })),
    },
    desktopPathPolicy(app.getPath('userData')),
    devServerUrl,
  );
  backend.onProgress((event) => mainWindow?.webContents.send(CHANNELS.progress, event));

  await refreshMenu();
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = null));
  // Opening a workspace changes the recent list the menu shows.
  mainWindow.on('focus', () => void refreshMenu());
  await openStartWorkspace(mainWindow);
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (!mainWindow && app.isReady()) {
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
  }
});

let quitting = false;
app.on('will-quit', (e) => {
  if (quitting || !backend) return;
  // Let the worker close the workspace (WAL checkpoint) before the process goes.
  e.preventDefault();
  quitting = true;
  void backend.close().finally(() => app.quit());
});

if (primary) {
  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('Longtail could not start', e instanceof Error ? e.message : String(e));
    app.quit();
  });
}
