import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';

type Coded = { code?: unknown; message?: unknown };

const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && typeof (e as Coded).code === 'string' ? ((e as Coded).code as string) : '');

export const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(codeOf(e));
export const isReadOnly = (e: unknown): boolean => /^SQLITE_READONLY/.test(codeOf(e)) || ['EACCES', 'EPERM', 'EROFS'].includes(codeOf(e));
export const isDiskFull = (e: unknown): boolean => codeOf(e) === 'SQLITE_FULL' || codeOf(e) === 'ENOSPC' || codeOf(e) === 'EDQUOT';
export const isDamaged = (e: unknown): boolean => /^SQLITE_(CORRUPT|NOTADB)/.test(codeOf(e));

/**
 * What a storage failure means for the user, with its own code and a next step; null for
 * anything that is not one (left to the caller). "Damaged" is never a guess: the caller says
 * whether integrity_check actually failed.
 */
export function storageError(e: unknown, file: string): AppError | null {
  if (e instanceof AppError) return null;
  const detail = (e as Error)?.message ?? String(e);
  if (isBusy(e)) {
    return new AppError(
      'WORKSPACE_BUSY',
      `${file} is busy: another Longtail window or command is writing to it (${detail}). Wait for it to finish, then try again.`,
      { path: file },
    );
  }
  if (isReadOnly(e)) {
    return new AppError(
      'WORKSPACE_READ_ONLY',
      `${file} is read-only, so Longtail can show it, report on it and export the assignment plans already stored in it, but not change it (a new plan is stored in the workspace too). To import, analyse or plan, copy it to a folder you can write to, or make the file writable.`,
      { path: file },
    );
  }
  if (isDiskFull(e)) {
    return new AppError(
      'DISK_FULL',
      `The disk holding ${file} is full (${detail}). Nothing was changed. Free some space, then try again.`,
      { path: file },
    );
  }
  // SQLite's own verdict while reading a page: the file is malformed, which integrity_check would confirm.
  if (isDamaged(e)) {
    return new AppError('WORKSPACE_CORRUPT', `${file} is damaged (${detail}). Restore it from a backup, or import the data into a new workspace.`, {
      path: file,
    });
  }
  return null;
}

/** The nearest folder on the way to `file` that is a file instead: why "not a directory" happened. */
function fileInTheWay(file: string): string | null {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if (!fs.statSync(dir).isDirectory()) return dir;
    } catch {
      // Not there yet: look further up.
    }
  }
  return null;
}

/**
 * What a failure to write an output file (an export, a list of rejects) means, naming the file the
 * user chose: the raw error named a temp file they never saw and, through storageError, blamed the
 * workspace. The codes and words are those the report gives for the same failures.
 */
export function outputError(e: unknown, file: string, stage: 'write' | 'replace' = 'write'): AppError {
  if (e instanceof AppError) return e;
  const code = codeOf(e);
  const blocker = code === 'ENOTDIR' || code === 'EEXIST' ? fileInTheWay(file) : null;
  if (blocker !== null) {
    return new AppError('FILE_NOT_FOUND', `Could not write ${file}: ${blocker} is a file, not a folder. Give a file in a folder.`, { path: blocker });
  }
  // Windows refuses to replace a file another program holds open (Excel, most often).
  if (code === 'EBUSY' || (stage === 'replace' && code === 'EPERM' && fs.existsSync(file))) {
    return new AppError('FILE_UNREADABLE', `Could not write ${file}: it is open in another program (Excel, say). Close it there and try again, or choose another name.`, {
      path: file,
    });
  }
  if (isDiskFull(e)) return new AppError('DISK_FULL', `The disk holding ${file} is full. Free some space, then try again.`, { path: file });
  const reason = ['EACCES', 'EPERM'].includes(code) ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : ((e as Error)?.message ?? String(e));
  return new AppError('FILE_UNREADABLE', `Could not write ${file} (${reason}). Choose a folder you can write to.`, { path: file });
}
