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
      `${file} is read-only, so Longtail can show it, report on it and export from it but not change it. To import or analyse, copy it to a folder you can write to, or make the file writable.`,
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
