import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import { sha256File } from './hash';

// On a big CSV the parser thread is the import's slower thread, and hashing the file's bytes as it
// read them was a tenth of its work (0.66 s of a 674 MB file). A thread of its own reads the file
// again, mostly from the cache the parser's read fills: it competes with both import threads while
// it runs, but costs the parser less than hashing did (a median 0.28 s of the 5M wide import).
const HASHER = `
const crypto = require('node:crypto');
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = crypto.createHash('sha256');
fs.createReadStream(workerData.file, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => parentPort.postMessage({ sha256: hash.digest('hex') }))
  .on('error', (e) => parentPort.postMessage({ error: e.message }));
`;

type Stamp = { size: number; mtimeMs: number };
const stampOf = (file: string): Stamp => {
  const s = fs.statSync(file);
  return { size: s.size, mtimeMs: s.mtimeMs };
};

/**
 * The sha256 of a file's bytes on disk, worked out on a thread of its own while the caller reads
 * the same file. `digest` settles with the hash, and refuses it when the file was written to in
 * the meantime (its size or modification time moved): the hash would then not be of the bytes
 * imported. `stop` ends the thread (a cancelled or failed import).
 */
export function sha256OnThread(file: string): { digest: () => Promise<string>; stop: () => void } {
  const before = stampOf(file);
  let worker: Worker | null = null;
  const hashed = new Promise<string>((resolve, reject) => {
    try {
      worker = new Worker(HASHER, { eval: true, workerData: { file } });
    } catch {
      // Without a thread the hash is read here, after the rows.
      resolve(sha256File(file));
      return;
    }
    worker.once('message', (m: { sha256?: string; error?: string }) => (m.sha256 ? resolve(m.sha256) : reject(new AppError('FILE_UNREADABLE', `${file} could not be read again to check it: ${m.error}`, { file }))));
    worker.once('error', (e) => reject(new AppError('INTERNAL', `The thread hashing ${file} failed: ${e.message}`)));
  });
  // A stopped import never asks for the digest: its rejection must not go unhandled.
  hashed.catch(() => undefined);
  return {
    digest: async () => {
      const sha256 = await hashed;
      void worker?.terminate();
      const after = stampOf(file);
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
        throw new AppError('IMPORT_FILE_CHANGED', `${file} changed while it was being imported (it was saved or replaced meanwhile), so what was read cannot be trusted. Nothing was imported: import it again once it is saved.`, { file });
      }
      return sha256;
    },
    stop: () => void worker?.terminate(),
  };
}
