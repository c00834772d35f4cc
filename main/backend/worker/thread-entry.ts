import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

const tsxBoot = fileURLToPath(new URL('./tsx-boot.mjs', import.meta.url));

/**
 * A worker thread's entry: its TypeScript source run under tsx (development, tests), or the bundled
 * file beside the chunk that starts it (`<name>.mjs` in the CLI's build, `<name>.js` in Electron's).
 * Null when neither exists. `dir` is the calling module's folder: beside the source in development,
 * the bundle's folder once built.
 */
export function threadEntry(dir: string, tsFile: string, name: string): { file: string; tsEntry?: string } | null {
  const ts = path.join(dir, tsFile);
  if (fs.existsSync(ts)) return { file: tsxBoot, tsEntry: pathToFileURL(ts).href };
  for (const built of [`${name}.mjs`, `${name}.js`]) {
    const file = path.join(dir, built);
    if (fs.existsSync(file)) return { file };
  }
  return null;
}

/**
 * Starts a thread at an entry found by threadEntry, handing it `data` as its workerData; `transfer`
 * lists what in `data` moves to the thread rather than being copied (message ports must).
 */
export const startThread = (entry: { file: string; tsEntry?: string }, data: object, transfer: TransferListItem[] = []): Worker =>
  new Worker(entry.file, { workerData: entry.tsEntry ? { ...data, tsEntry: entry.tsEntry } : data, transferList: transfer });
