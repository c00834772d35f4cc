import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { newWorkspace } from '../../helpers/workspace';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

/**
 * Another Longtail process with the workspace open and an analysis started in it (its run stored
 * 'running', as an analysis does before it computes); it stays until killed.
 */
async function processRunningAnalysis(file: string, appData: string): Promise<{ child: ChildProcess; runId: number }> {
  const script = `
    const { Session } = await import(${JSON.stringify(path.join(root, 'main/backend/session.ts'))});
    const { startRun } = await import(${JSON.stringify(path.join(root, 'main/backend/analysis/store.ts'))});
    const session = new Session(${JSON.stringify(appData)});
    const db = session.open(${JSON.stringify(file)});
    const runId = startRun(db, new Date().toISOString(), '2025-12-31', {}, 'hash');
    process.stdout.write(String(runId) + '\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const runId = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`the other process ended (${code}): ${err}`)));
  });
  return { child, runId };
}

const statusOf = (backend: Backend, runId: number) =>
  backend.session.db.prepare('SELECT status, error FROM analysis_runs WHERE id = ?').get(runId) as { status: string; error: string | null };

describe('a workspace another live process is analysing', () => {
  it("leaves that process's run running when it is opened here, and marks it failed once that process is gone", async () => {
    const w = await newWorkspace();
    cleanups.push(w.cleanup);
    w.backend.close();
    const { child, runId } = await processRunningAnalysis(w.file, path.join(w.dir, 'other-app-data'));

    const here = new Backend({ appDataDir: path.join(w.dir, 'app-data') });
    cleanups.push(() => here.close());
    await here.call('workspace-open', { path: w.file });
    expect(statusOf(here, runId)).toEqual({ status: 'running', error: null });
    here.close();

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await here.call('workspace-open', { path: w.file });
    expect(statusOf(here, runId)).toEqual({ status: 'failed', error: 'Longtail stopped before this analysis finished. Run it again.' });
  }, 60_000);
});
