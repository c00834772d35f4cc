import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { writesFiles } from '../../../shared/contract/file-access';
import { HttpError, tooLarge } from './http-io';

const SCRATCH_PREFIX = 'longtail-serve-';
const OWNER_FILE = 'owner.pid';
const DAY_MS = 24 * 60 * 60 * 1000;

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Scratch folders of earlier runs that were killed before they could clean up (uploads of 255 MB
 * were found left behind): a folder whose owner process is gone goes; one without an owner file
 * goes once it is a day old. Another live `longtail serve` keeps its folder.
 */
export function sweepStaleScratch(scratchRoot: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(scratchRoot).filter((n) => n.startsWith(SCRATCH_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const folder = path.join(scratchRoot, name);
    try {
      const pid = Number(fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    } catch {
      try {
        if (now - fs.statSync(folder).mtimeMs < DAY_MS) continue;
      } catch {
        continue;
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

const isInside = (folder: string, file: string): boolean => {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** Keeps the name a user will recognise in import summaries, minus anything that could leave the folder. */
export function safeFileName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'upload';
}

/**
 * The bridge's files: uploads land in a per-run scratch folder, and downloads are served only
 * from that folder or from paths an export handler reported writing in this run. A browser page
 * can therefore never read an arbitrary file of the machine, even with the token.
 */
export class FileGate {
  readonly scratchDir: string;
  private readonly exported = new Set<string>();
  private uploads = 0;
  private exports = 0;

  constructor(scratchRoot = os.tmpdir()) {
    sweepStaleScratch(scratchRoot);
    this.scratchDir = fs.realpathSync(fs.mkdtempSync(path.join(scratchRoot, SCRATCH_PREFIX)));
    fs.writeFileSync(path.join(this.scratchDir, OWNER_FILE), String(process.pid));
  }

  /** Removes an uploaded file's folder once its import is done; anything else is left alone. */
  discardUpload(file: string): void {
    const real = path.resolve(file);
    const folder = path.dirname(real);
    if (path.dirname(folder) !== this.scratchDir || !/^\d+$/.test(path.basename(folder))) return;
    fs.rmSync(folder, { recursive: true, force: true });
  }

  /** Streams a request body into a fresh subfolder of the scratch folder; returns the file's path. */
  async receive(req: IncomingMessage, name: string | null, limit: number): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw tooLarge(limit);
    const folder = path.join(this.scratchDir, String(++this.uploads));
    fs.mkdirSync(folder);
    const file = path.join(folder, safeFileName(name));
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(file, { flags: 'wx' });
      let size = 0;
      let failure: Error | null = null;
      const fail = (e: Error): void => {
        if (failure) return;
        failure = e;
        out.destroy();
        // Keep draining the request so the client reads our answer instead of a reset.
        req.resume();
      };
      req.on('data', (chunk: Buffer) => {
        if (failure) return;
        size += chunk.length;
        if (size > limit) return fail(tooLarge(limit));
        if (!out.write(chunk)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      });
      req.on('error', fail);
      out.on('error', fail);
      req.on('end', () => {
        if (failure) {
          fs.rmSync(folder, { recursive: true, force: true });
          reject(failure);
        } else out.end(() => resolve());
      });
    });
    return file;
  }

  /**
   * A fresh path in the run's exports folder for an export handler to write to. Each target gets
   * its own subfolder, so two exports of the same name never overwrite each other and the file
   * keeps the name the user will see in the download. Nothing is created but the folder.
   */
  exportTarget(name: string | null): string {
    const folder = path.join(this.scratchDir, 'exports', String(++this.exports));
    fs.mkdirSync(folder, { recursive: true });
    return path.join(folder, safeFileName(name));
  }

  /** Called with every successful export result: the files it names become downloadable. */
  allow(file: string): void {
    this.exported.add(path.resolve(file));
  }

  /** The real path of a file the page may download, or an HttpError saying why not. */
  resolveDownload(requested: string | null): string {
    if (!requested) throw new HttpError(400, 'INVALID_INPUT', 'Say which file to download with ?path=.');
    const absolute = path.resolve(requested);
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      throw new HttpError(404, 'FILE_NOT_FOUND', `${path.basename(absolute)} does not exist any more. Export it again.`);
    }
    // Symlinks are resolved before the check, so a link in the scratch folder cannot point out of it.
    const allowed = isInside(this.scratchDir, real) || this.exported.has(absolute) || this.exported.has(real);
    if (!allowed) {
      throw new HttpError(403, 'UNAUTHORIZED', 'Only files Longtail wrote in this session can be downloaded. Export the file again.');
    }
    if (!fs.statSync(real).isFile()) throw new HttpError(404, 'FILE_NOT_FOUND', `${path.basename(real)} is not a file.`);
    return real;
  }

  dispose(): void {
    fs.rmSync(this.scratchDir, { recursive: true, force: true });
  }
}

/** Files a handler that writes files (contract: a 'write' path field) says it wrote: `path`, or every entry of `files`. */
export function writtenFiles(name: string, value: unknown): string[] {
  if (!writesFiles(name) || typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  const record = value as Record<string, unknown>;
  if (typeof record.path === 'string') out.push(record.path);
  if (Array.isArray(record.files)) for (const f of record.files) if (typeof f === 'string') out.push(f);
  return out;
}
