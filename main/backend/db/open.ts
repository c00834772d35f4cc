import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError } from '../../../shared/contract/errors';
import { latestSchemaVersion, migrations } from './migrations';

export type Db = Database.Database;

/** Lets the packaged Electron app load a better-sqlite3 built for Electron's ABI. */
let nativeBinding: string | undefined;
export const useNativeBinding = (path: string | undefined): void => {
  nativeBinding = path;
};

export function openDatabase(path: string, options: { create: boolean }): Db {
  if (!options.create && !fs.existsSync(path)) {
    throw new AppError('WORKSPACE_NOT_FOUND', `No workspace file at ${path}. Check the path or create a new workspace.`, {
      path,
    });
  }
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Fail now, with our message, rather than at the first query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    throw new AppError(
      'WORKSPACE_CORRUPT',
      `${path} is not a Longtail workspace or is damaged (${(e as Error).message}). Open another file or restore a backup.`,
      { path },
    );
  }
  try {
    migrate(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

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
