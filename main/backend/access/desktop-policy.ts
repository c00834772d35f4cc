import fs from 'node:fs';
import path from 'node:path';
import { defaultWorkspaceFolder } from '../workspace/list';
import { SAMPLE_FILE } from '../sample-workspace';
import { PathPolicy, type Grant } from './path-policy';

function recentPaths(appDataDir: string): { path: string; grant: Grant }[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(appDataDir, 'recent-workspaces.json'), 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed
      .map((r: unknown) => (typeof r === 'object' && r !== null ? (r as { path?: unknown }).path : undefined))
      .filter((p): p is string => typeof p === 'string' && path.isAbsolute(p))
      .map((p) => ({ path: p, grant: 'read' as const }));
  } catch {
    return [];
  }
}

/**
 * The desktop window's file access: what the user chose in a dialog or dropped this session, the
 * recent workspaces, the sample and the app-data workspaces folder. Anything else a page asks for
 * (a script that got past the CSP, say) is refused before the worker sees the call.
 */
export function desktopPathPolicy(appDataDir: string): PathPolicy {
  return new PathPolicy({
    roots: [defaultWorkspaceFolder(appDataDir)],
    grants: [{ path: path.join(appDataDir, SAMPLE_FILE), grant: 'read' }],
    moreGrants: () => recentPaths(appDataDir),
    advice: () => 'Choose the file with File > Open or the dialog the button opens, or drop it on the window.',
  });
}
