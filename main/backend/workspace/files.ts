import fs from 'node:fs';

/** A workspace is its SQLite file and, while a connection has it open in WAL mode, two beside it. */
const WORKSPACE_FILES = ['', '-wal', '-shm'];

/** Removes a workspace and the files beside it (a closed workspace has none; a missing one is no error). */
export function removeWorkspaceFiles(file: string): void {
  for (const suffix of WORKSPACE_FILES) fs.rmSync(file + suffix, { force: true });
}

/** Moves a closed workspace, and any file beside it, to `to`, replacing what was there. */
export function moveWorkspaceFiles(from: string, to: string): void {
  removeWorkspaceFiles(to);
  for (const suffix of WORKSPACE_FILES) if (fs.existsSync(from + suffix)) fs.renameSync(from + suffix, to + suffix);
}
