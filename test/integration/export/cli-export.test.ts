import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main';
import { workspaceWithPlan } from './plan-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(args: string[]) {
  const w = await workspaceWithPlan();
  cleanups.push(w.cleanup);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args.map((a) => a.replace('$DIR', w.dir).replace('$W', w.file)), {
    backend: w.backend,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    interactive: false,
    cwd: w.dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), dir: w.dir };
}

describe('longtail export', () => {
  it('writes assignments.xlsx into a folder and says what the plan holds', async () => {
    const r = await cli(['export', '--workspace', '$W', '--out', 'lists']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(r.dir, 'lists', 'assignments.xlsx'))).toBe(true);
    expect(r.out).toMatch(/Plan 1: 17 accounts with actions worth \$47,328; 1 kept by strategic reps, 15 assigned, 0 overridden, 1 unassigned\./);
  });

  it('writes one CSV per rep with --format csv --per-rep', async () => {
    const r = await cli(['export', '-w', '$W', '-o', 'csv', '--format', 'csv', '--per-rep', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { files: string[] };
    expect(result.files).toHaveLength(4);
    expect(fs.readdirSync(path.join(r.dir, 'csv')).sort()).toContain('Unassigned.csv');
  });

  it('writes the territory plan with --plan territories', async () => {
    const r = await cli(['export', '-w', '$W', '--plan', 'territories', '--out', 'plan.xlsx']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(r.dir, 'plan.xlsx'))).toBe(true);
  });

  it('refuses an unknown --plan with exit code 1 and the choices', async () => {
    const r = await cli(['export', '-w', '$W', '--plan', 'regions', '--out', 'x.xlsx']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--plan regions is not known: use reps or territories.');
  });
});
