import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../../../shared/contract/errors';
import { BACKTEST_HORIZON_DAYS } from '../../../shared/contract/analysis';
import type { ImportSummary } from '../../../shared/contract/import';
import type { RecentWorkspace, WorkspaceInfo } from '../../../shared/contract/workspace';
import type { Action, AnalysisSummary, BacktestAcrossDates, BacktestReport } from '../../../shared/model/results';
import { backtestRun, storedAcrossDates, storedBacktest } from '../analysis/backtest-run';
import { queryActions } from '../analysis/queries';
import { readSummary, resolveRunId } from '../analysis/store';
import { dataHash } from '../analysis/load-dataset';
import { summaryAsOfNow } from '../../../shared/model/stale-run';
import type { HandlerContext } from '../context';
import { listImports } from '../import/history';
import { Session } from '../session';
import { workspaceInfo } from '../workspace/info';

/** Everything a report or a portfolio row needs from one workspace, read in one visit. */
export type ClientFacts = {
  path: string;
  info: WorkspaceInfo | null;
  summary: AnalysisSummary | null;
  backtest: BacktestReport | null;
  /** Why the workspace could not be used; null when it could. */
  problem: string | null;
  problemCode: string | null;
};

export type ReportSource = {
  info: WorkspaceInfo;
  summary: AnalysisSummary;
  actions: Action[];
  imports: ImportSummary[];
  /** The run's last backtest, when one was made (the Recovery screen, longtail backtest). */
  backtest: BacktestReport | null;
  /** The run's last backtest across dates, when one was made. */
  acrossDates: BacktestAcrossDates | null;
};

/**
 * Visits a workspace through its own session and connection, so the session's open workspace (the
 * one the user is looking at) is never closed, switched or given our caches.
 */
export async function visitWorkspace<T>(
  file: string,
  options: { appDataDir: string; now: () => Date },
  visit: (ctx: HandlerContext) => Promise<T> | T,
): Promise<T> {
  const session = new Session(options.appDataDir);
  try {
    session.open(path.resolve(file), { create: false });
    return await visit({ session, now: options.now, progress: () => {}, signal: new AbortController().signal });
  } finally {
    session.close();
  }
}

const isMissingAnalysis = (e: unknown): boolean => isAppError(e) && e.code === 'NO_ANALYSIS';

// Read away from the screens, a run made before the last import says so in its caveats.
const latestSummary = (ctx: HandlerContext, runId?: number): AnalysisSummary =>
  summaryAsOfNow(readSummary(ctx.session.db, resolveRunId(ctx.session.db, runId)), dataHash(ctx.session.db));

export function readReportSource(ctx: HandlerContext, options: { runId?: number; topActions: number }): ReportSource {
  const info = workspaceInfo(ctx.session);
  let summary: AnalysisSummary;
  try {
    summary = latestSummary(ctx, options.runId);
  } catch (e) {
    if (!isMissingAnalysis(e)) throw e;
    throw new AppError(
      'NO_ANALYSIS',
      `${info.fileName} has no analysis yet. Run the analysis (longtail analyze, or Analyse in the app), then build the report.`,
      { path: info.path },
    );
  }
  const actions = queryActions(ctx.session.db, summary.runId, {
    runId: summary.runId,
    sort: 'expectedRevenue',
    dir: 'desc',
    offset: 0,
    limit: options.topActions,
  });
  return { info, summary, actions: actions.rows, imports: listImports(ctx.session.db), backtest: storedBacktest(ctx.session.db, summary.runId), acrossDates: storedAcrossDates(ctx.session.db, summary.runId) };
}

export async function readClientFacts(
  file: string,
  options: { appDataDir: string; now: () => Date; backtest: boolean },
): Promise<ClientFacts> {
  const facts: ClientFacts = { path: path.resolve(file), info: null, summary: null, backtest: null, problem: null, problemCode: null };
  try {
    await visitWorkspace(file, options, (ctx) => {
      facts.info = workspaceInfo(ctx.session);
      let summary: AnalysisSummary;
      try {
        summary = facts.summary = latestSummary(ctx);
      } catch (e) {
        if (!isMissingAnalysis(e)) throw e;
        facts.problem = 'No analysis yet: run the analysis in this workspace.';
        facts.problemCode = 'NO_ANALYSIS';
        return;
      }
      if (options.backtest && summary.hasDates) {
        // A history too short to look back on still leaves a usable row, just without precision/recall.
        try {
          facts.backtest = backtestRun(ctx, { runId: summary.runId, horizonDays: BACKTEST_HORIZON_DAYS }, { keep: false });
        } catch (e) {
          if (!isAppError(e) || e.code === 'CANCELLED') throw e;
          facts.backtest = null;
        }
      }
    });
  } catch (e) {
    facts.problem = e instanceof Error ? e.message : String(e);
    facts.problemCode = isAppError(e) ? e.code : 'INTERNAL';
  }
  return facts;
}

const WORKSPACE_EXTENSION = '.longtail';

/** The workspace files to compare: the given paths, a folder's *.longtail files, or else the recent list. */
export function resolveWorkspaceSet(args: { paths?: string[]; folder?: string }, recent: () => RecentWorkspace[]): string[] {
  const files: string[] = [];
  for (const p of args.paths ?? []) files.push(path.resolve(p));
  if (args.folder !== undefined) {
    const folder = path.resolve(args.folder);
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      throw new AppError('FILE_NOT_FOUND', `There is no folder at ${folder}. Pick the folder that holds the client workspaces.`, {
        path: folder,
      });
    }
    const inFolder = fs
      .readdirSync(folder)
      .filter((name) => name.toLowerCase().endsWith(WORKSPACE_EXTENSION))
      .sort()
      .map((name) => path.join(folder, name));
    files.push(...inFolder);
  }
  if (args.paths === undefined && args.folder === undefined) {
    files.push(...recent().filter((r) => r.exists).map((r) => r.path));
  }
  const unique = [...new Set(files)];
  if (unique.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      'No workspaces to compare. Choose workspace files, a folder holding *.longtail files, or open some workspaces first.',
    );
  }
  return unique;
}
