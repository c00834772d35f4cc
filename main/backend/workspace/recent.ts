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

export function rememberRecent(session: Session, info: WorkspaceInfo, now: Date): void {
  const list = readRecent(session).filter((r) => r.path !== info.path);
  list.unshift({ path: info.path, clientName: info.clientName, openedAt: now.toISOString() });
  fs.mkdirSync(session.appDataDir, { recursive: true });
  fs.writeFileSync(recentFile(session), JSON.stringify(list.slice(0, RECENT_LIMIT), null, 2));
}

/** The recent list as the user sees it: each entry says whether its file is still there. */
export const recentWorkspaces = (session: Session): RecentWorkspace[] =>
  readRecent(session).map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
