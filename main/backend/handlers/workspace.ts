import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { RecentWorkspace, WorkspaceInfo } from '../../../shared/contract/workspace';
import { isWorkspaceFile, listWorkspaces } from './workspace-list';
import { isoFromDay } from '../../../shared/format/dates';
import { getMeta, setMeta, tableExists } from '../db/meta';
import { schemaVersion } from '../db/open';
import type { Db } from '../db/open';
import type { Session } from '../session';
import { appVersion } from '../version';
import type { DomainHandlers } from './types';

const RECENT_LIMIT = 12;

export function workspaceInfo(session: Session): WorkspaceInfo {
  const db = session.db;
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM imports WHERE status = 'done') AS imports,
              (SELECT count(*) FROM transactions) AS transactions,
              (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM categories) AS categories,
              (SELECT min(day) FROM transactions) AS dayFrom,
              (SELECT max(day) FROM transactions) AS dayTo,
              -- Each import records the revenue it added; summing a million transactions on every
              -- call would cost the UI ~60 ms after each run.
              (SELECT coalesce(sum(revenue), 0) FROM imports WHERE status = 'done' AND shape <> 'product-master') AS revenue,
              (SELECT count(*) FROM imports WHERE status = 'done' AND shape = 'transactions') AS datedImports`,
    )
    .get() as {
    imports: number;
    transactions: number;
    customers: number;
    categories: number;
    dayFrom: number | null;
    dayTo: number | null;
    revenue: number;
    datedImports: number;
  };
  return {
    path: session.path,
    fileName: path.basename(session.path),
    clientName: getMeta(db, 'client_name') ?? path.basename(session.path, path.extname(session.path)),
    currency: getMeta(db, 'currency') ?? 'USD',
    createdAt: getMeta(db, 'created_at') ?? '',
    schemaVersion: schemaVersion(db),
    appVersion,
    imports: counts.imports,
    transactions: counts.transactions,
    customers: counts.customers,
    categories: counts.categories,
    dateFrom: counts.dayFrom === null ? null : isoFromDay(counts.dayFrom),
    dateTo: counts.dayTo === null ? null : isoFromDay(counts.dayTo),
    hasDates: counts.datedImports > 0,
    revenue: counts.revenue,
    lastAnalysis: lastAnalysis(db),
  };
}

function lastAnalysis(db: Db): WorkspaceInfo['lastAnalysis'] {
  // analysis_runs arrives with migration 2; a workspace can be inspected before that lands.
  if (!tableExists(db, 'analysis_runs')) return null;
  const row = db
    .prepare("SELECT id, created_at, as_of FROM analysis_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1")
    .get() as { id: number; created_at: string; as_of: string } | undefined;
  return row ? { runId: row.id, createdAt: row.created_at, asOf: row.as_of } : null;
}

const recentFile = (session: Session): string => path.join(session.appDataDir, 'recent-workspaces.json');

function readRecent(session: Session): Omit<RecentWorkspace, 'exists'>[] {
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

export const workspaceHandlers = {
  'workspace-create': (ctx, args) => {
    const file = path.resolve(args.path);
    if (fs.existsSync(file)) {
      if (!args.overwrite) {
        throw new AppError('WORKSPACE_EXISTS', `${file} already exists. Open it, choose another name, or overwrite it.`, {
          path: file,
        });
      }
      if (!isWorkspaceFile(file)) {
        throw new AppError('FILE_EXISTS', `${file} exists and is not a Longtail workspace, so it is not replaced. Choose another name for the workspace.`, {
          path: file,
        });
      }
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = ctx.session.open(file, { create: true });
    db.transaction(() => {
      setMeta(db, 'client_name', args.clientName);
      setMeta(db, 'currency', args.currency);
      setMeta(db, 'created_at', ctx.now().toISOString());
      setMeta(db, 'created_by', `Longtail ${appVersion}`);
    })();
    const info = workspaceInfo(ctx.session);
    rememberRecent(ctx.session, info, ctx.now());
    return info;
  },
  'workspace-open': (ctx, args) => {
    ctx.session.open(args.path, { create: false });
    const info = workspaceInfo(ctx.session);
    rememberRecent(ctx.session, info, ctx.now());
    return info;
  },
  'workspace-info': (ctx) => workspaceInfo(ctx.session),
  'workspace-update': (ctx, args) => {
    const db = ctx.session.db;
    if (args.clientName !== undefined) setMeta(db, 'client_name', args.clientName);
    if (args.currency !== undefined) setMeta(db, 'currency', args.currency);
    return workspaceInfo(ctx.session);
  },
  'workspace-close': (ctx) => ({ closed: ctx.session.close() }),
  'workspace-recent': (ctx) => readRecent(ctx.session).map((r) => ({ ...r, exists: fs.existsSync(r.path) })),
  'workspace-list': (ctx, args) => listWorkspaces(ctx.session.appDataDir, args.folder, readRecent(ctx.session)),
} satisfies DomainHandlers<'workspace'>;
