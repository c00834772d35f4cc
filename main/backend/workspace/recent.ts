import fs from 'node:fs';
import path from 'node:path';
import type { RecentWorkspace, WorkspaceInfo } from '../../../shared/contract/workspace';
import type { Session } from '../session';

const RECENT_LIMIT = 12;

const recentFile = (session: Session): string => path.join(session.appDataDir, 'recent-workspaces.json');

export function readRecent(session: Session): Omit<RecentWorkspace, 'exists'>[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(recentFile(session), 'utf8'));
    return Array.isArray(parsed) ? (parsed as Omit<RecentWorkspace, 'exists'>[]) : [];
  } catch {
    return [];
  }
}

function writeRecent(session: Session, list: Omit<RecentWorkspace, 'exists'>[]): void {
  fs.mkdirSync(session.appDataDir, { recursive: true });
  fs.writeFileSync(recentFile(session), JSON.stringify(list.slice(0, RECENT_LIMIT), null, 2));
}

export function rememberRecent(session: Session, info: WorkspaceInfo, now: Date): void {
  const list = readRecent(session).filter((r) => r.path !== info.path);
  list.unshift({ path: info.path, clientName: info.clientName, openedAt: now.toISOString() });
  writeRecent(session, list);
}

/** A renamed client keeps its place and opening time in the list; only the name it is listed by changes. */
export function renameRecent(session: Session, info: WorkspaceInfo): void {
  const list = readRecent(session);
  const at = list.findIndex((r) => r.path === info.path);
  if (at < 0 || list[at].clientName === info.clientName) return;
  list[at] = { ...list[at], clientName: info.clientName };
  writeRecent(session, list);
}

/**
 * Drops the entries whose file is gone (moved, deleted, on a drive not mounted), which otherwise
 * stay listed until twelve newer ones push them out. The files themselves are not touched.
 */
export function forgetMissingRecent(session: Session): RecentWorkspace[] {
  const list = readRecent(session);
  const kept = list.filter((r) => fs.existsSync(r.path));
  if (kept.length < list.length) writeRecent(session, kept);
  return recentWorkspaces(session);
}

/** The recent list as the user sees it: each entry says whether its file is still there. */
export const recentWorkspaces = (session: Session): RecentWorkspace[] =>
  readRecent(session).map((r) => ({ ...r, exists: fs.existsSync(r.path) }));

/** Takes a workspace a failed or cancelled command made, and removed again, off the list: it never came to exist for the user. */
export function forgetRecent(session: Session, file: string): void {
  const list = readRecent(session);
  const kept = list.filter((r) => path.resolve(r.path) !== path.resolve(file));
  if (kept.length < list.length) writeRecent(session, kept);
}
