import { AppError } from '../../../shared/contract/errors';
import type { Portfolio } from '../../../shared/contract/report';
import type { HandlerContext } from '../context';
import path from 'node:path';
import { recentWorkspaces } from '../workspace/recent';
import { SAMPLE_FILE } from '../sample-workspace';
import { summarisePortfolio } from './portfolio';
import { readClientFacts, resolveWorkspaceSet, type ClientFacts } from './source';

export type WorkspaceSetArgs = { paths?: string[]; folder?: string; anonymise: boolean; backtest: boolean };

/** Reads every workspace of the set one after the other (one connection at a time) and compares them. */
export async function collectPortfolio(ctx: HandlerContext, args: WorkspaceSetArgs): Promise<Portfolio> {
  // The bundled sample is a demo, not a client: among the recent workspaces it set the others'
  // percentiles (chosen by file or folder, it is compared like any other).
  const sample = path.join(ctx.session.appDataDir, SAMPLE_FILE);
  const files = resolveWorkspaceSet(args, () => recentWorkspaces(ctx.session).filter((r) => path.resolve(r.path) !== sample));
  const facts: ClientFacts[] = [];
  const started = Date.now();
  for (const [i, file] of files.entries()) {
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Comparing the workspaces was cancelled.');
    const elapsed = Date.now() - started;
    ctx.progress({
      phase: 'workspaces',
      done: i,
      total: files.length,
      unit: 'steps',
      etaMs: i > 0 ? Math.round((elapsed / i) * (files.length - i)) : null,
      message: args.anonymise ? `Client ${i + 1} of ${files.length}` : file,
    });
    facts.push(await readClientFacts(file, { appDataDir: ctx.session.appDataDir, now: ctx.now, backtest: args.backtest }));
  }
  ctx.progress({ phase: 'workspaces', done: files.length, total: files.length, unit: 'steps' });
  return summarisePortfolio(facts, { anonymise: args.anonymise });
}
