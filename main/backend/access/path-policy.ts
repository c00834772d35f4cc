import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { namedPaths, type PathAccess } from '../../../shared/contract/file-access';

export type Grant = 'read' | 'write';

export type PathPolicyOptions = {
  /** Folders whose whole content may be read and written (files created, but never foreign files overwritten). */
  roots: string[];
  /** Files (or folders) the user chose: 'write' also allows replacing them, as a save dialog confirmed. */
  grants?: { path: string; grant: Grant }[];
  /** Reads more granted files on each check, e.g. the recent-workspaces list that changes as the user works. */
  moreGrants?: () => { path: string; grant: Grant }[];
  /** Says how to reach a refused path, for the message: e.g. "restart with longtail serve --root <folder>". */
  advice: (folder: string) => string;
};

const isWithin = (folder: string, file: string): boolean => {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The real location of a path that may not exist yet: the nearest existing ancestor is resolved
 * through its symlinks and the missing tail appended, so a link inside a root that points out of
 * it is judged by where it really leads.
 */
export function realLocation(file: string): string {
  const absolute = path.resolve(file);
  const missing: string[] = [];
  let probe = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(probe), ...missing.reverse());
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return absolute;
      missing.push(path.basename(probe));
      probe = parent;
    }
  }
}

/**
 * Confines what one door (the HTTP bridge, Electron IPC) lets a page do with files, the way a
 * notebook server confines itself to its root. A page past the CSP still cannot read /etc/passwd,
 * list a home folder or overwrite a file Longtail did not write. The CLI has no policy: whoever
 * types a path there already has the machine.
 */
export class PathPolicy {
  private readonly roots: string[];
  private readonly grants = new Map<string, Grant>();
  private readonly written = new Set<string>();

  constructor(private readonly options: PathPolicyOptions) {
    this.roots = options.roots.map(realLocation);
    for (const g of options.grants ?? []) this.grant(g.path, g.grant);
  }

  /** A path the user chose this session (a dialog, a dropped file, the workspace given at start). */
  grant(file: string, grant: Grant): void {
    const real = realLocation(file);
    if (this.grants.get(real) !== 'write') this.grants.set(real, grant);
  }

  /** A file Longtail wrote this session: it is ours, so a later export may replace it. */
  recordWritten(file: string): void {
    this.written.add(realLocation(file));
  }

  /** Throws PATH_NOT_ALLOWED when the call names a path this door may not touch the way the call would. */
  check(name: string, input: unknown): void {
    for (const named of namedPaths(name, input)) this.checkPath(named.path, named.access);
  }

  checkPath(file: string, access: PathAccess): void {
    const real = realLocation(file);
    const grants = new Map(this.grants);
    for (const g of this.options.moreGrants?.() ?? []) {
      const r = realLocation(g.path);
      if (grants.get(r) !== 'write') grants.set(r, g.grant);
    }
    const granted = grants.get(real);
    const insideRoot = this.roots.some((root) => isWithin(root, real));
    // A folder the user chose for an export (one CSV per rep) may receive files inside it.
    const insideWrittenGrant = [...grants].some(([g, kind]) => kind === 'write' && g !== real && isWithin(g, real));
    const reachable = insideRoot || granted !== undefined || insideWrittenGrant;
    if (!reachable) this.refuse(file, real, access);
    if (access === 'read' || access === 'list') return;
    if (granted === 'write' || insideWrittenGrant) return;
    if (granted === 'read' && access === 'workspace') return;
    if (granted === 'read') this.refuse(file, real, access);
    if (!fs.existsSync(real) || this.written.has(real)) return;
    const stat = fs.statSync(real);
    if (access === 'workspace') return;
    // workspace-create checks itself that it only ever replaces a workspace.
    if (access === 'create-workspace') return;
    if (stat.isDirectory()) return;
    throw new AppError('PATH_NOT_ALLOWED', `${real} already exists and Longtail did not write it, so it is left alone. Choose a new file name.`, {
      path: real,
      access,
    });
  }

  private refuse(file: string, real: string, access: PathAccess): never {
    const verb = access === 'read' ? 'read' : access === 'list' ? 'list' : access === 'write' ? 'write to' : 'open';
    const folder = access === 'list' ? real : path.dirname(real);
    throw new AppError('PATH_NOT_ALLOWED', `Longtail may not ${verb} ${file} from here. ${this.options.advice(folder)}`, {
      path: real,
      access,
    });
  }
}
