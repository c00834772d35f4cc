import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outputError } from '../../../main/backend/db/errors';
import { runCommand, runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { workspaceWithPlan } from './plan-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

/** A folder this process may not write into: permission bits, or for root (who ignores them) the immutable flag. */
function lockedFolder(dir: string): string | null {
  const folder = path.join(dir, 'locked');
  fs.mkdirSync(folder);
  if (process.getuid?.() !== 0) {
    fs.chmodSync(folder, 0o555);
    cleanups.push(() => fs.chmodSync(folder, 0o755));
    return folder;
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
    cleanups.push(() => execFileSync('chattr', ['-i', folder], { stdio: 'ignore' }));
    return folder;
  } catch {
    return null;
  }
}

async function exportTo(out: string) {
  const w = await workspaceWithPlan();
  cleanups.push(w.cleanup);
  const target = out.replace('$DIR', w.dir);
  fs.writeFileSync(path.join(w.dir, 'a-file'), 'not a folder');
  return { ...(await runCommand(['export', '-w', w.file, '-o', target, '--json'], w.backend, w.dir)), dir: w.dir };
}

const errorOf = (err: string): { code: string; message: string } => (JSON.parse(err) as { error: { code: string; message: string } }).error;

describe('writing an export where it cannot go', () => {
  it.each(['x.xlsx', 'x.csv'])('says a file stands where the folder of %s should be, naming the path chosen', async (name) => {
    const r = await exportTo(`$DIR/a-file/${name}`);
    expect(r.code).toBe(1);
    expect(errorOf(r.err)).toEqual({
      code: 'FILE_NOT_FOUND',
      message: `Could not write ${path.join(r.dir, 'a-file', name)}: ${path.join(r.dir, 'a-file')} is a file, not a folder. Give a file in a folder.`,
      details: { path: path.join(r.dir, 'a-file') },
    });
  });

  for (const name of ['x.xlsx', 'x.csv']) it(`says a folder it may not write into is no place for ${name}, not that the workspace is read-only`, async (ctx) => {
    const w = await workspaceWithPlan();
    cleanups.push(w.cleanup);
    const folder = lockedFolder(w.dir);
    if (!folder) return ctx.skip();
    const file = path.join(folder, name);
    const r = await runCommand(['export', '-w', w.file, '-o', file, '--json'], w.backend, w.dir);
    expect(r.code).toBe(1);
    expect(errorOf(r.err)).toMatchObject({ code: 'FILE_UNREADABLE', message: `Could not write ${file} (permission denied). Choose a folder you can write to.` });
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});

describe('`longtail run` given an output folder it cannot use', () => {
  const now = new Date('2026-01-15T09:00:00Z');

  it('says a file given as the folder is a file, with exit code 1', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    fs.writeFileSync(path.join(t.dir, 'sales.csv'), 'Customer,Date,Category,Net Sales\nA,2025-01-05,Dairy,100\n');
    fs.writeFileSync(path.join(t.dir, 'a-file'), 'not a folder');
    const r = await runInNewBackend(['run', 'sales.csv', '-o', 'a-file', '--json'], t.dir, now);
    expect(r.code).toBe(1);
    expect(errorOf(r.err)).toMatchObject({ code: 'FILE_NOT_FOUND', message: `--out a-file: ${path.join(t.dir, 'a-file')} is a file, not a folder. Give a folder for the outputs.` });
  });

  it('says a folder it may not write into cannot take the outputs, with exit code 1', async (ctx) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    fs.writeFileSync(path.join(t.dir, 'sales.csv'), 'Customer,Date,Category,Net Sales\nA,2025-01-05,Dairy,100\n');
    const folder = lockedFolder(t.dir);
    if (!folder) return ctx.skip();
    const r = await runInNewBackend(['run', 'sales.csv', '-o', 'locked/out', '--json'], t.dir, now);
    expect(r.code).toBe(1);
    expect(errorOf(r.err)).toMatchObject({ code: 'FILE_UNREADABLE', message: `Could not write ${path.join(folder, 'out')} (permission denied). Choose a folder you can write to.` });
  });
});

describe('an output file another program holds open', () => {
  it('is said to be open elsewhere when replacing it is refused as busy (Windows, with Excel holding it)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'assignments.xlsx');
    fs.writeFileSync(file, 'the old export');
    const busy = Object.assign(new Error(`EBUSY: resource busy or locked, rename '${file}.1.tmp' -> '${file}'`), { code: 'EBUSY', syscall: 'rename' });
    const denied = Object.assign(new Error(`EPERM: operation not permitted, rename '${file}.1.tmp' -> '${file}'`), { code: 'EPERM', syscall: 'rename' });
    for (const e of [busy, denied]) {
      expect(outputError(e, file, 'replace')).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining(`Could not write ${file}: it is open in another program`) });
    }
  });
});
