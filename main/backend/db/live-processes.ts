import os from 'node:os';
import type { Db } from './open';

/**
 * Which processes have a workspace open, kept in its meta table as `open-by:<host>:<pid>`. A second
 * process opening the workspace had marked every 'running' run failed, the one another live
 * process was still computing among them: only a run whose process is gone is interrupted.
 */
const PREFIX = 'open-by:';
/** A process on another machine (a shared folder) cannot be asked; after this long it is taken for gone. */
const OTHER_HOST_STALE_MS = 24 * 3_600_000;

const keyOf = (host: string, pid: number): string => `${PREFIX}${host}:${pid}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: there is such a process, only not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Forgets the processes that are gone; true when another live one still has the workspace open. */
export function othersHaveItOpen(db: Db, now: Date): boolean {
  const me = keyOf(os.hostname(), process.pid);
  const rows = db.prepare("SELECT key, value FROM meta WHERE key LIKE 'open-by:%'").all() as { key: string; value: string }[];
  let others = false;
  for (const { key, value } of rows) {
    if (key === me) continue;
    const at = key.lastIndexOf(':');
    const host = key.slice(PREFIX.length, at);
    const pid = Number(key.slice(at + 1));
    const live = host === os.hostname() ? Number.isInteger(pid) && alive(pid) : now.getTime() - Date.parse(value) < OTHER_HOST_STALE_MS;
    if (live) others = true;
    else db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }
  return others;
}

export function markOpen(db: Db, now: Date): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(keyOf(os.hostname(), process.pid), now.toISOString());
}

export function markClosed(db: Db): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(keyOf(os.hostname(), process.pid));
}
