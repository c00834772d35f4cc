import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { writeSampleCsv } from '../analysis/sample-csv';
import { makeReadOnly } from '../../helpers/read-only';

const now = new Date('2026-01-15T09:00:00Z');


describe('exporting from a read-only workspace', () => {
  let dir: string;
  let cleanup: () => void;
  const undos: (() => void)[] = [];
  const analysed = (): string => path.join(dir, 'analysed.longtail');

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const csv = path.join(dir, 'sales.csv');
    writeSampleCsv(csv, { seed: 5, customers: 120 });
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
    await backend.call('workspace-create', { path: analysed(), clientName: 'Archive' });
    await backend.call('import-run', { path: csv });
    await backend.call('analysis-run', {});
    backend.close();
  }, 120_000);

  afterAll(() => {
    undos.forEach((u) => u());
    cleanup();
  });

  const readOnlyCopy = (name: string, plan: boolean) => async (): Promise<string | null> => {
    const file = path.join(dir, name);
    fs.copyFileSync(analysed(), file);
    if (plan) {
      const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
      await backend.call('workspace-open', { path: file });
      await backend.call('assignment-plan', { limit: 1 });
      backend.close();
    }
    const undo = makeReadOnly(file);
    if (undo) undos.push(undo);
    return undo ? file : null;
  };

  it('writes the plan stored in it', async (ctx) => {
    const file = await readOnlyCopy('planned.longtail', true)();
    if (!file) return ctx.skip();
    const r = await runInNewBackend(['export', '-w', file, '-o', 'planned.xlsx', '--json'], dir, now);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'planned.xlsx'))).toBe(true);
  }, 60_000);

  it('says, with no plan stored, that only stored plans can be exported from it and how to plan', async (ctx) => {
    const file = await readOnlyCopy('unplanned.longtail', false)();
    if (!file) return ctx.skip();
    const r = await runInNewBackend(['export', '-w', file, '-o', 'unplanned.xlsx', '--json'], dir, now);
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.err) as { error: { code: string; message: string } };
    expect(error.code).toBe('WORKSPACE_READ_ONLY');
    expect(error.message).toContain('export the assignment plans already stored in it');
    expect(error.message).toContain('To import, analyse or plan, copy it to a folder you can write to');
  }, 60_000);
});
