import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { setMeta } from '../db/meta';
import type { Session } from '../session';
import { appVersion } from '../version';
import { workspaceInfo } from './info';
import { isWorkspaceFile } from './list';
import { currencyOfLocale } from '../../../shared/format/currency';
import { setWorkspaceCurrency, systemLocale } from '../import/currency';
import { rememberRecent, renameRecent } from './recent';
import { removeWorkspaceFiles } from './files';

/** Creates a workspace file (replacing one only when asked), opens it in the session and lists it as recent. */
export function createWorkspace(
  session: Session,
  args: { path: string; clientName: string; currency?: string; overwrite: boolean },
  now: Date,
): WorkspaceInfo {
  const file = path.resolve(args.path);
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory()) {
      throw new AppError('FILE_EXISTS', `${file} is a folder: give the workspace a file name in it, such as ${path.join(file, 'client.longtail')}.`, { path: file });
    }
    if (!args.overwrite) {
      throw new AppError('WORKSPACE_EXISTS', `${file} already exists: open it (Open workspace), or choose another name for the new one.`, {
        path: file,
      });
    }
    if (!isWorkspaceFile(file)) {
      throw new AppError('FILE_EXISTS', `${file} exists and is not a Longtail workspace, so it is not replaced. Choose another name for the workspace.`, {
        path: file,
      });
    }
    removeWorkspaceFiles(file);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = session.open(file, { create: true });
  db.transaction(() => {
    setMeta(db, 'client_name', args.clientName);
    if (args.currency) setWorkspaceCurrency(db, args.currency, 'user');
    else {
      // Nobody chose one yet: the locale's currency stands until the first import says otherwise.
      const guess = currencyOfLocale(systemLocale());
      setWorkspaceCurrency(db, guess ?? 'USD', guess ? 'locale' : 'default');
    }
    setMeta(db, 'created_at', now.toISOString());
    setMeta(db, 'created_by', `Longtail ${appVersion}`);
  })();
  const info = workspaceInfo(session);
  rememberRecent(session, info, now);
  return info;
}

export function openWorkspace(session: Session, file: string, now: Date): WorkspaceInfo {
  session.open(file, { create: false });
  const info = workspaceInfo(session);
  rememberRecent(session, info, now);
  return info;
}

export function updateWorkspace(session: Session, changes: { clientName?: string; currency?: string }): WorkspaceInfo {
  const db = session.db;
  if (changes.clientName !== undefined) setMeta(db, 'client_name', changes.clientName);
  if (changes.currency !== undefined) setWorkspaceCurrency(db, changes.currency, 'user');
  const info = workspaceInfo(session);
  renameRecent(session, info);
  return info;
}
