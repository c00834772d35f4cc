import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { MenuCommand, Outcome, ProgressEvent, WindowApi } from '../../shared/contract';
import { CHANNELS, RPC_PREFIX } from '../electron/channels';

// Only type imports from shared/: a sandboxed preload cannot load modules, so it stays one small file.

const api = {
  async invoke(name: string, input: unknown, jobId?: string): Promise<Outcome<unknown>> {
    try {
      return (await ipcRenderer.invoke(`${RPC_PREFIX}${name}`, input, jobId)) as Outcome<unknown>;
    } catch (e) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_HANDLER', message: `Longtail has no call named "${name}" (${e instanceof Error ? e.message : String(e)}).` },
      };
    }
  },
  async cancel(jobId: string): Promise<void> {
    await ipcRenderer.invoke(CHANNELS.cancel, jobId);
  },
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: ProgressEvent): void => listener(event);
    ipcRenderer.on(CHANNELS.progress, wrapped);
    return () => ipcRenderer.removeListener(CHANNELS.progress, wrapped);
  },
  openFile: (options) => ipcRenderer.invoke(CHANNELS.openFile, options) as Promise<string | null>,
  saveFile: (options) => ipcRenderer.invoke(CHANNELS.saveFile, options) as Promise<string | null>,
  printReportPdf: (options) => ipcRenderer.invoke(CHANNELS.printReportPdf, options) as Promise<Outcome<{ path: string; bytes: number }>>,
  pathForFile: (file: unknown) => {
    const path = webUtils.getPathForFile(file as File);
    // The shell lets the page read only files the user chose; a dropped file is one.
    if (path) void ipcRenderer.invoke(CHANNELS.fileDropped, path);
    return path;
  },
  onMenu(listener: (command: MenuCommand, arg?: string) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, command: MenuCommand, arg?: string): void => listener(command, arg);
    ipcRenderer.on(CHANNELS.menu, wrapped);
    return () => ipcRenderer.removeListener(CHANNELS.menu, wrapped);
  },
  platform: process.platform,
} satisfies WindowApi;

contextBridge.exposeInMainWorld('api', api);
