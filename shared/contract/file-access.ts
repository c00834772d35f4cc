import type { HandlerName } from './index';

/**
 * How a handler touches the file named by one of its input fields:
 * - read: reads the file (imports, rosters);
 * - list: lists the folder;
 * - workspace: opens a workspace file, which writes to it (migrations, WAL);
 * - create-workspace: creates a workspace, replacing only a workspace when asked to overwrite;
 * - write: writes an export or report there (a file, or a folder of files).
 */
export type PathAccess = 'read' | 'list' | 'workspace' | 'create-workspace' | 'write';

/**
 * Whether a call that reads a file keeps what it read in the workspace, so the caller's copy is no
 * longer needed once the call succeeds: always, or unless the input asks for a dry run.
 */
export type Stores = 'always' | 'unless-dry-run';

export type PathField = { readonly key: string; readonly access: PathAccess; readonly stores?: Stores };

/**
 * Every input field that names a file or folder, per handler. The doors that confine file access
 * (the HTTP bridge, Electron IPC) check these before a call runs; a unit test fails when a
 * contract entry grows a path-like field that is not listed here.
 */
export const PATH_FIELDS = {
  'workspace-create': [{ key: 'path', access: 'create-workspace' }],
  'workspace-open': [{ key: 'path', access: 'workspace' }],
  'workspace-list': [{ key: 'folder', access: 'list' }],
  'import-preview': [{ key: 'path', access: 'read' }],
  'import-run': [{ key: 'path', access: 'read', stores: 'unless-dry-run' }],
  'import-rejects-export': [{ key: 'out', access: 'write' }],
  'products-groups-export': [{ key: 'out', access: 'write' }],
  'roster-import': [{ key: 'path', access: 'read', stores: 'always' }],
  'export-assignments': [{ key: 'out', access: 'write' }],
  'export-territories': [{ key: 'out', access: 'write' }],
  'report-build': [
    { key: 'out', access: 'write' },
    { key: 'workspace', access: 'workspace' },
  ],
  'portfolio-summarise': [
    { key: 'paths', access: 'workspace' },
    { key: 'folder', access: 'list' },
  ],
  'benchmark-export': [
    { key: 'paths', access: 'workspace' },
    { key: 'folder', access: 'list' },
    { key: 'out', access: 'write' },
  ],
} as const satisfies Partial<Record<HandlerName, readonly PathField[]>>;

/**
 * Whether a handler writes files its caller may then open or download: one with a 'write' path
 * field. The doors read this instead of guessing from handler names.
 */
export function writesFiles(name: string): boolean {
  const fields = (PATH_FIELDS as Partial<Record<string, readonly PathField[]>>)[name];
  return fields?.some((f) => f.access === 'write') ?? false;
}

/**
 * The files a successful call has read and stored in the workspace (an import, not its dry run).
 * The bridge removes such a file when it is an upload of its own, so a copy of a client's sales
 * file does not linger in temp.
 */
export function storedPaths(name: string, input: unknown): string[] {
  const fields = (PATH_FIELDS as Partial<Record<string, readonly PathField[]>>)[name];
  if (!fields || typeof input !== 'object' || input === null) return [];
  const dryRun = (input as { dryRun?: unknown }).dryRun === true;
  const storing = fields.filter((f) => f.stores === 'always' || (f.stores === 'unless-dry-run' && !dryRun)).map((f) => f.key);
  return namedPaths(name, input)
    .filter((p) => storing.includes(p.key))
    .map((p) => p.path);
}

/** The paths a call names, with how it will use each; strings only (the schema checks the rest). */
export function namedPaths(name: string, input: unknown): { key: string; access: PathAccess; path: string }[] {
  const fields = (PATH_FIELDS as Partial<Record<string, readonly PathField[]>>)[name];
  if (!fields || typeof input !== 'object' || input === null) return [];
  const record = input as Record<string, unknown>;
  const out: { key: string; access: PathAccess; path: string }[] = [];
  for (const { key, access } of fields) {
    const value = record[key];
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (typeof v === 'string' && v !== '') out.push({ key, access, path: v });
  }
  return out;
}
