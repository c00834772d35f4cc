import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Backend } from '../../../main/backend/dispatch';
import type { AnalysisSummary } from '../../../shared/model/results';
import { launch, openPage, type Watched } from './browser';
import { buildRenderer, startServe, type Served } from './serve';

/** A workspace served by `longtail serve` from a scratch folder, and a watched Chromium page on it. */
export type Session = { dir: string; served: Served; browser: Browser; w: Watched; page: Page; close: () => Promise<void> };

/**
 * Makes a scratch folder (app-data in its home/), lets `prepare` fill the workspace there through
 * the backend, builds the renderer into the folder (a stale renderer/dist is never what is tested),
 * serves the workspace and opens a page. close() stops both and removes the folder.
 */
export async function servedSession(prefix: string, workspaceName: string, prepare: (backend: Backend, workspace: string, dir: string) => Promise<void>): Promise<Session> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const home = path.join(dir, 'home');
  const workspace = path.join(dir, workspaceName);
  const backend = new Backend({ appDataDir: home });
  try {
    await prepare(backend, workspace, dir);
  } finally {
    backend.close();
  }
  const rendererDir = path.join(dir, 'renderer');
  buildRenderer(rendererDir);
  const served = await startServe({ workspace, home, rendererDir });
  const browser = await launch();
  const w = await openPage(browser);
  const close = async () => {
    await browser.close();
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, served, browser, w, page: w.page, close };
}

/** A session on a workspace made from one file (created, imported, analysed), its page open on the workbench, and the run's summary. */
export async function analysedSession(
  prefix: string,
  workspaceName: string,
  from: { clientName: string; currency: string; file: string },
): Promise<{ session: Session; summary: AnalysisSummary }> {
  let summary: AnalysisSummary | undefined;
  const session = await servedSession(prefix, workspaceName, async (backend, workspace) => {
    await backend.call('workspace-create', { path: workspace, clientName: from.clientName, currency: from.currency });
    await backend.call('import-run', { path: from.file });
    summary = await backend.call('analysis-run', {});
  });
  await session.page.goto(session.served.url);
  if (!summary) throw new Error(`analysedSession: no analysis of ${from.file}`);
  return { session, summary };
}
