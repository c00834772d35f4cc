import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main';
import { runCommand } from '../../helpers/cli';
import { newWorkspace } from '../../helpers/workspace';
import { workspaceWithPlan } from './plan-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(args: string[]) {
  const w = await workspaceWithPlan();
  cleanups.push(w.cleanup);
  const r = await runCommand(
    args.map((a) => a.replace('$DIR', w.dir).replace('$W', w.file)),
    w.backend,
    w.dir,
  );
  return { ...r, dir: w.dir };
}

/** 40 customers' sales over 8 months of 2024, with no rep or territory column; some stop buying. */
function salesWithoutReps(dir: string): string {
  const csv = path.join(dir, 'sales.csv');
  const lines = ['customer,date,category,revenue'];
  for (let c = 0; c < 40; c++) for (let m = 0; m < 8; m++) if ((c + m) % 5 !== 0 && !(c % 4 === 0 && m > 4)) lines.push(`C${c},2024-0${1 + m}-1${c % 9},${['Dairy', 'Bakery', 'Meat'][(c + m) % 3]},${100 + 7 * c + 11 * m}`);
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  return csv;
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

describe('longtail export with no reps anywhere', () => {
  it('writes the lists all unassigned and says why and what to give it', async () => {
    const w = await newWorkspace({ clientName: 'No Reps Ltd' });
    cleanups.push(w.cleanup);
    // Sales with no rep or territory column, and no roster: nobody to plan with.
    const csv = salesWithoutReps(w.dir);
    const io = { backend: w.backend, out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false, cwd: w.dir };
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCli(['import', '-w', w.file, csv], io)).toBe(0);
    expect(await runCli(['analyze', '-w', w.file], io)).toBe(0);
    out.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'lists.xlsx'], io)).toBe(0);
    const plan = await w.backend.call('assignment-get', { limit: 1 });
    expect(plan.reps).toEqual([]);
    expect(plan.totals.accounts).toBeGreaterThan(0);
    expect(plan.totals.unassigned).toBe(plan.totals.accounts);
    expect(out.join('\n')).toContain(
      `No reps to plan with: every one of the ${plan.totals.accounts} accounts with actions stays unassigned. Give a roster (--roster FILE with Rep, Kind, Territory and Capacity columns) or import data with a rep column, then export again.`,
    );
  });

  it('warns that a plan made before the latest analysis holds the old actions, and --new-plan plans the latest', async () => {
    const w = await newWorkspace({ clientName: 'Replanned Ltd' });
    cleanups.push(w.cleanup);
    const csv = salesWithoutReps(w.dir);
    const out: string[] = [];
    const err: string[] = [];
    const io = { backend: w.backend, out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false, cwd: w.dir };
    expect(await runCli(['import', '-w', w.file, csv], io)).toBe(0);
    expect(await runCli(['analyze', '-w', w.file], io)).toBe(0);
    expect(await runCli(['export', '-w', w.file, '--out', 'first.xlsx'], io)).toBe(0);
    expect(err.join('\n')).not.toContain('Warning: plan');
    const first = await w.backend.call('assignment-get', { limit: 1 });
    expect(await runCli(['analyze', '-w', w.file, '--lateness', '3'], io)).toBe(0);
    const [latest] = await w.backend.call('analysis-runs', {});
    err.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'stale.xlsx'], io)).toBe(0);
    expect(err.join('\n')).toContain(
      `Warning: plan ${first.planId} was made from analysis ${first.runId}, and the latest analysis is ${latest.runId}: these lists hold analysis ${first.runId}'s actions. Add --new-plan to plan the latest analysis`,
    );
    err.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'fresh.xlsx', '--new-plan'], io)).toBe(0);
    expect(err.join('\n')).not.toContain('Warning: plan');
    expect((await w.backend.call('assignment-get', { limit: 1 })).runId).toBe(latest.runId);
  });

  it('warns that a plan made before the roster was last saved gives accounts to the earlier reps, even within the same clock tick', async () => {
    // The workspace's clock stands still: a save time cannot tell the plan and the roster apart.
    const w = await newWorkspace({ clientName: 'Rostered Ltd' });
    cleanups.push(w.cleanup);
    const out: string[] = [];
    const err: string[] = [];
    const io = { backend: w.backend, out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false, cwd: w.dir };
    expect(await runCli(['import', '-w', w.file, salesWithoutReps(w.dir)], io)).toBe(0);
    expect(await runCli(['analyze', '-w', w.file], io)).toBe(0);
    expect(await runCli(['export', '-w', w.file, '--out', 'first.xlsx'], io)).toBe(0);
    expect(err.join('\n')).not.toContain('roster');
    const first = await w.backend.call('assignment-get', { limit: 1 });
    await w.backend.call('roster-save', { reps: [{ name: 'Ada Lovelace', kind: 'outside', territory: null, capacity: 10 }] });
    err.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'stale.xlsx'], io)).toBe(0);
    expect(err.join('\n')).toContain(`Warning: plan ${first.planId} was made before the roster was last saved`);
    err.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'fresh.xlsx', '--new-plan'], io)).toBe(0);
    expect(err.join('\n')).not.toContain('roster was last saved');
    const fresh = await w.backend.call('assignment-get', { limit: 1 });
    expect(fresh.rosterChanged).toBe(false);
    expect(fresh.reps.map((r) => r.rep)).toContain('Ada Lovelace');
  });

  it('says there is nothing to plan when the analysis found no actions, not that none of 0 accounts has a rep', async () => {
    const w = await newWorkspace({ clientName: 'Steady Ltd' });
    cleanups.push(w.cleanup);
    // Twelve customers buying the same every month of 2024 in one category: nothing slips, nothing to sell.
    const csv = path.join(w.dir, 'steady.csv');
    const lines = ['customer,date,category,revenue'];
    for (let c = 0; c < 12; c++) for (let m = 1; m <= 12; m++) lines.push(`C${c},2024-${String(m).padStart(2, '0')}-1${c % 9},Dairy,${200 + c}`);
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    const out: string[] = [];
    const io = { backend: w.backend, out: (t: string) => out.push(t), err: () => undefined, interactive: false, cwd: w.dir };
    expect(await runCli(['import', '-w', w.file, csv], io)).toBe(0);
    expect(await runCli(['analyze', '-w', w.file], io)).toBe(0);
    out.length = 0;
    expect(await runCli(['export', '-w', w.file, '--out', 'lists.xlsx'], io)).toBe(0);
    expect((await w.backend.call('assignment-get', { limit: 1 })).totals.accounts).toBe(0);
    expect(out.join('\n')).toContain('No actions to plan: this analysis found no recovery or growth actions, so the lists are empty.');
    expect(out.join('\n')).not.toContain('No reps to plan with');
  });

  it('says nothing of the kind when the plan has reps', async () => {
    const r = await cli(['export', '--workspace', '$W', '--out', 'lists']);
    expect(r.out).not.toContain('No reps to plan with');
  });
});
