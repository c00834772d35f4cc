import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { ListedWorkspace, WorkspaceListing } from '../../../shared/contract/workspace';

const EXTENSION = '.longtail';

/** Where workspaces go when the user gives only a client name (a browser has no folder dialog). */
export const defaultWorkspaceFolder = (appDataDir: string): string => path.join(appDataDir, 'workspaces');

/**
 * The client name stored in a workspace, read without migrating or writing anything; a file that
 * will not open read-only (damaged, locked, not ours) falls back to what the recent list or its
 * file name says, since the list only helps the user pick a file.
 */
function storedClientName(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare("SELECT value FROM meta WHERE key = 'client_name'").get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** True only for a SQLite file with Longtail's meta table: the one kind of file a new workspace may replace. */
export function isWorkspaceFile(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    const head = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (head.toString('latin1') !== 'SQLite format 3\u0000') return false;
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function listWorkspaces(appDataDir: string, folder: string | undefined, recent: { path: string; clientName: string }[]): WorkspaceListing {
  const isDefault = folder === undefined;
  const target = path.resolve(folder ?? defaultWorkspaceFolder(appDataDir));
  if (isDefault) fs.mkdirSync(target, { recursive: true });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(target, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `The folder ${target} does not exist. Check the path or leave it empty for the default folder.`, { folder: target });
    if (code === 'ENOTDIR') throw new AppError('INVALID_INPUT', `${target} is a file, not a folder. Give the folder that holds the .longtail files.`, { folder: target });
    throw new AppError('FILE_UNREADABLE', `Longtail cannot read the folder ${target} (${(e as Error).message}).`, { folder: target });
  }
  const recentNames = new Map(recent.map((r) => [path.resolve(r.path), r.clientName]));
  const workspaces: ListedWorkspace[] = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(EXTENSION))
    .map((e) => {
      const file = path.join(target, e.name);
      const stat = fs.statSync(file);
      return {
        path: file,
        fileName: e.name,
        clientName: storedClientName(file) ?? recentNames.get(file) ?? path.basename(e.name, EXTENSION),
        modifiedAt: stat.mtime.toISOString(),
        bytes: stat.size,
      };
    })
    // Most recently changed first, then by name, so the order is stable for equal times.
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.fileName.localeCompare(b.fileName));
  return { folder: target, isDefault, workspaces };
}
