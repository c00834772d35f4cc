import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError, isAppError } from '../../../shared/contract/errors';
import { isDamaged, isReadOnly, storageError } from './errors';
import { latestSchemaVersion, migrations } from './migrations';

export type Db = Database.Database;

/** Lets the packaged Electron app load a better-sqlite3 built for Electron's ABI. */
let nativeBinding: string | undefined;
export const useNativeBinding = (path: string | undefined): void => {
  nativeBinding = path;
};

/** How long a call waits for another connection's write lock before it says the workspace is busy. */
export const BUSY_TIMEOUT_MS = 5000;

/** False when the file exists but this process may not write it (permissions, a read-only disk, an immutable file). */
function writable(path: string): boolean {
  try {
    fs.closeSync(fs.openSync(path, 'r+'));
    return true;
  } catch (e) {
    return !isReadOnly(e);
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A folder, or a file that is no database at all (a CSV chosen where a workspace was asked), is
 * said to be what it is: SQLite's "file is not a database" had read as a damaged workspace, with
 * advice to restore a backup of a file that was fine.
 */
function refuseNonWorkspace(path: string): void {
  if (fs.statSync(path).isDirectory()) {
    throw new AppError('FILE_UNREADABLE', `${path} is a folder, not a workspace: choose the workspace file (.longtail) in it.`, { path });
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(path, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read === 0) return;
  if (head.equals(SQLITE_HEADER)) {
    refuseForeignDatabase(path);
    return;
  }
  // Printable ASCII, tabs and line ends: the start of a CSV or a report, not of a binary file.
  const text = head.subarray(0, read).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b <= 126));
  throw new AppError(
    'WORKSPACE_CORRUPT',
    `${path} is not a Longtail workspace: it holds no workspace data${text ? ' (it reads as text: a CSV or a report, say)' : ''}. To read its sales, import it into a workspace; to open a workspace, choose its .longtail file.`,
    { path },
  );
}

/**
 * Another program's SQLite file (tables of its own, no Longtail meta) is refused before anything is
 * written: opening it read-write would switch it to WAL and add Longtail's tables beside the user's.
 * An empty database holds nothing to spoil, so it may still become a workspace. A file that will not
 * open read-only here is left to the ordinary open, which says what is wrong with it.
 */
function refuseForeignDatabase(path: string): void {
  let tables: string[];
  let probe: Db | null = null;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
    tables = (probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } catch {
    return;
  } finally {
    probe?.close();
  }
  if (tables.length === 0 || tables.includes('meta')) return;
  const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
  throw new AppError(
    'WORKSPACE_CORRUPT',
    `${path} is not a Longtail workspace: it is another program's database (tables ${shown}), so Longtail leaves it untouched. To read its sales, export them to a CSV and import that into a workspace; to open a workspace, choose its .longtail file.`,
    { path },
  );
}

/** Only a failed integrity_check (or a file SQLite does not recognise) makes a workspace "damaged". */
function damaged(path: string, e: unknown): boolean {
  if (isDamaged(e)) return true;
  let probe: Db | null = null;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = probe.pragma('integrity_check') as { integrity_check: string }[];
    return !(rows.length === 1 && rows[0].integrity_check === 'ok');
  } catch (probeError) {
    return isDamaged(probeError);
  } finally {
    probe?.close();
  }
}

function openFailure(path: string, e: unknown): AppError {
  if (isAppError(e)) return e;
  const storage = storageError(e, path);
  if (storage) return storage;
  if (damaged(path, e)) {
    return new AppError(
      'WORKSPACE_CORRUPT',
      `${path} is not a Longtail workspace or is damaged (${(e as Error).message}). Open another file or restore a backup.`,
      { path },
    );
  }
  return new AppError('FILE_UNREADABLE', `Longtail could not open ${path} (${(e as Error).message}). Check the file and try again.`, { path });
}

/**
 * Opens a workspace. The busy timeout is set by the constructor, before any pragma that needs a
 * lock, so a workspace another process is writing waits instead of failing as "damaged". A file
 * this process may not write opens read-only: reading, reports and exports still work.
 */
export function openDatabase(path: string, options: { create: boolean }): Db {
  if (!options.create && !fs.existsSync(path)) {
    throw new AppError('WORKSPACE_NOT_FOUND', `No workspace file at ${path}. Check the path or create a new workspace.`, {
      path,
    });
  }
  if (!options.create) refuseNonWorkspace(path);
  const readonly = !options.create && !writable(path);
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: !options.create, readonly, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    if (!readonly) db.pragma('synchronous = NORMAL');
    // Fail now, with our message, rather than at the first query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (readonly && schemaVersion(db) < latestSchemaVersion()) {
      throw new AppError(
        'WORKSPACE_READ_ONLY',
        `${path} is read-only and was written by an older Longtail, so it cannot be upgraded in place. Copy it to a folder you can write to and open the copy.`,
        { path },
      );
    }
    migrate(db, path);
  } catch (e) {
    db?.close();
    throw openFailure(path, e);
  }
  return db;
}

/** True when the connection cannot write (the file was opened read-only). */
export const isReadOnlyDb = (db: Db): boolean => db.readonly;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, path = 'the workspace', upTo = latestSchemaVersion()): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion()) {
    throw new AppError(
      'WORKSPACE_TOO_NEW',
      `${path} was written by a newer Longtail (schema ${current}; this version knows up to ${latestSchemaVersion()}). Update Longtail to open it.`,
      { path, schemaVersion: current, supported: latestSchemaVersion() },
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
