import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCommand, runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';

const now = new Date('2026-01-15T09:00:00Z');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  fs.writeFileSync(path.join(t.dir, 'sales.csv'), 'Customer,Date,Category,Net Sales\nA,2025-01-05,Dairy,100\nB,2025-02-05,Meat,80\n');
  return t.dir;
}

const recentPaths = (dir: string): string[] => {
  const file = path.join(dir, 'app-data', 'recent-workspaces.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { path: string }[]).map((r) => r.path) : [];
};

/** A command as the CLI runs it after Ctrl-C was pressed: the process-wide signal is already aborted. */
async function afterCtrlC(args: string[], dir: string) {
  const interrupt = new AbortController();
  interrupt.abort();
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now, signal: interrupt.signal });
  try {
    return await runCommand(args, backend, dir);
  } finally {
    backend.close();
  }
}

describe('Ctrl-C in the command line', () => {
  it.each([
    ['import', ['import', 'sales.csv', '-w', 'new.longtail']],
    ['run', ['run', 'sales.csv', '-o', 'out']],
  ])('%s exits 130, says in one line it was cancelled and nothing changed, and leaves no workspace', async (name, args) => {
    const dir = folder();
    const r = await afterCtrlC(args, dir);
    expect(r.code).toBe(130);
    expect(r.err).toBe(`longtail ${name}: Cancelled (Ctrl-C); nothing was changed.`);
    expect(fs.existsSync(path.join(dir, 'new.longtail'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(recentPaths(dir)).toEqual([]);
  });

  it('answers with CANCELLED as JSON on stderr under --json, for analyze as for import', async () => {
    const dir = folder();
    expect((await runInNewBackend(['import', 'sales.csv', '-w', 'w.longtail'], dir, now)).code).toBe(0);
    for (const args of [['analyze', '-w', 'w.longtail', '--json'], ['import', 'sales.csv', '-w', 'other.longtail', '--json']]) {
      const r = await afterCtrlC(args, dir);
      expect(r.code).toBe(130);
      expect(JSON.parse(r.err)).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled (Ctrl-C); nothing was changed.' } });
      expect(r.out).toBe('');
    }
  });
});

describe('the recent-workspaces list after a failed command', () => {
  it('gains no workspace an import made and removed again (file not found, no usable rows)', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'future.csv'), 'Customer,Date,Category,Net Sales\nA,2099-01-05,Dairy,100\n');
    for (const file of ['missing.csv', 'future.csv']) {
      const r = await runInNewBackend(['import', file, '-w', `${file}.longtail`], dir, now);
      expect(r.code).toBe(1);
      expect(fs.existsSync(path.join(dir, `${file}.longtail`))).toBe(false);
    }
    expect(recentPaths(dir)).toEqual([]);
  });

  it('gains no workspace `run` made for an empty file', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    const r = await runInNewBackend(['run', 'empty.csv', '-o', 'out'], dir, now);
    expect(r.code).toBe(1);
    expect(recentPaths(dir)).toEqual([]);
  });

  it('keeps the workspace a successful import made', async () => {
    const dir = folder();
    expect((await runInNewBackend(['import', 'sales.csv', '-w', 'w.longtail'], dir, now)).code).toBe(0);
    expect(recentPaths(dir)).toEqual([path.join(dir, 'w.longtail')]);
  });
});
