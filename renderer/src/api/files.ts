import { BRIDGE, type FileFilter, type Outcome } from '../../../shared/contract';
import { ApiError } from './errors';
import { bridgeToken, transport } from './transport';

/** A file the backend can read: a real path in Electron, an uploaded copy behind the bridge. */
export type PickedFile = { path: string; name: string };

const IMPORT_FILTERS: FileFilter[] = [{ name: 'Sales data', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'xlsb', 'ods', 'parquet', 'gz'] }];

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** POSTs to a bridge route that answers Outcome<{ path }>: an upload, or an export target. */
async function askBridgeForPath(route: string, name: string, body: Blob | undefined, doing: string): Promise<string> {
  const headers: Record<string, string> = { [BRIDGE.tokenHeader]: bridgeToken() };
  if (body) headers['content-type'] = 'application/octet-stream';
  const response = await fetch(`${route}?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body }).catch((e: unknown) => {
    throw new ApiError({ code: 'INTERNAL', message: `Could not ${doing} ${name} (${String(e)}). Check that \`longtail serve\` is still running.` });
  });
  if (response.status === 401) {
    throw new ApiError({ code: 'UNAUTHORIZED', message: 'This page is not signed in to Longtail. Open the address that `longtail serve` printed.' });
  }
  const outcome = (await response.json()) as Outcome<{ path: string }>;
  if (!outcome.ok) throw new ApiError(outcome.error);
  return outcome.value.path;
}

const upload = (file: Blob, name: string): Promise<string> => askBridgeForPath(BRIDGE.upload, name, file, 'send to Longtail');

/** Where the backend may write an export the page then downloads: the bridge's per-run exports folder. */
export const browserExportTarget = (name: string): Promise<string> => askBridgeForPath(BRIDGE.exportTarget, name, undefined, 'prepare the download of');

/** Makes a dropped or chosen browser File readable by the backend. */
export async function fileForBackend(file: File): Promise<PickedFile> {
  if (globalThis.api) return { path: globalThis.api.pathForFile(file), name: file.name };
  return { path: await upload(file, file.name), name: file.name };
}

function chooseInBrowser(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** Opens the native dialog (Electron) or the browser's file chooser; null when the user cancels. */
export async function pickDataFile(title = 'Import sales data'): Promise<PickedFile | null> {
  if (globalThis.api) {
    const path = await globalThis.api.openFile({ title, filters: IMPORT_FILTERS });
    return path ? { path, name: baseName(path) } : null;
  }
  const accept = IMPORT_FILTERS.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
  const file = await chooseInBrowser(accept);
  return file ? fileForBackend(file) : null;
}

function downloadInBrowser(path: string, name: string): void {
  const a = document.createElement('a');
  a.href = `${BRIDGE.download}?path=${encodeURIComponent(path)}&token=${encodeURIComponent(bridgeToken())}`;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

export type SaveRequest = { title: string; defaultName: string; filters: FileFilter[] };

/**
 * Saves an export: Electron asks where with the native dialog and the handler writes there; in the
 * browser the handler writes into the bridge's scratch folder and the page downloads the file.
 * Returns the written path, or null when the user cancelled the dialog.
 */
export async function saveExport(request: SaveRequest, write: (out: string) => Promise<{ path: string }>): Promise<string | null> {
  if (globalThis.api) {
    const out = await globalThis.api.saveFile(request);
    return out ? (await write(out)).path : null;
  }
  const written = await write(await browserExportTarget(request.defaultName));
  downloadInBrowser(written.path, request.defaultName);
  return written.path;
}

export const transportKind = (): 'electron' | 'http' => transport().kind;
