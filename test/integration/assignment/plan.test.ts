import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistributor } from '../../../shared/sample';
import type { Action } from '../../../shared/model/results';
import type { Backend } from '../../../main/backend/dispatch';
import { writeAssignmentWorkbook } from '../../../main/backend/export';
import { newWorkspace } from '../../helpers/workspace';

const quote = (t: string) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

let w: Awaited<ReturnType<typeof newWorkspace>>;
let backend: Backend;

async function allActions(): Promise<Action[]> {
  const page = await backend.call('analysis-actions', { limit: 100_000 });
  return page.rows;
}

beforeAll(async () => {
  w = await newWorkspace();
  backend = w.backend;
  const sample = generateDistributor({ seed: 5, customers: 150, endDate: '2025-06-30' });
  const header = 'Invoice,Date,Customer ID,Customer Name,Category,Product,Quantity,Unit Price,Net Sales,Sales Rep,Territory,Segment\r\n';
  let csv = header;
  for (const r of sample.rows()) {
    csv += `${[r.invoice, r.date, r.customerId, r.customerName, r.category, r.product, String(r.quantity), r.unitPrice.toFixed(2), r.revenue.toFixed(2), r.rep, r.territory, r.segment].map(quote).join(',')}\r\n`;
  }
  const salesFile = path.join(w.dir, 'sales.csv');
  fs.writeFileSync(salesFile, csv);
  const rosterFile = path.join(w.dir, 'roster.csv');
  fs.writeFileSync(
    rosterFile,
    `Rep,Kind,Territory,Capacity\r\n${sample.roster.map((r) => [r.rep, r.kind, r.territory, String(Math.max(1, Math.round(r.capacity / 10)))].map(quote).join(',')).join('\r\n')}\r\n`,
  );
  await backend.call('import-run', { path: salesFile });
  await backend.call('roster-import', { path: rosterFile });
  await backend.call('analysis-run', {});
});

afterAll(() => w?.cleanup());

describe('assignment over an imported and analysed workspace', () => {
  it('assigns every customer with an action exactly once, or reports it unassigned with a reason', async () => {
    const actions = await allActions();
    expect(actions.length).toBeGreaterThan(0);
    const plan = await backend.call('assignment-plan', { limit: 100_000 });
    const codes = new Set(actions.map((a) => a.customerCode));
    expect(plan.total).toBe(codes.size);
    expect(plan.accounts.map((a) => a.customerCode).sort()).toEqual([...codes].sort());
    expect(plan.totals.actions).toBe(actions.length);
    for (const a of plan.accounts) {
      expect(a.reason).toMatch(/^(strategic|long tail|inactive), /);
      if (a.status === 'unassigned') expect(a.rep).toBeNull();
      else expect(a.rep).not.toBeNull();
      if (a.tier === 'strategic' && a.currentRep && a.status !== 'overridden') expect(a.rep).toBe(a.currentRep);
    }
    // Small capacities: the engine must report overflow instead of hiding it.
    for (const rep of plan.reps) if (rep.kind === 'outside') expect(rep.accounts).toBeGreaterThanOrEqual(0);
  });

  it('sums the territory plan to the analysis leakage by territory', async () => {
    const summary = await backend.call('analysis-summary', {});
    const plan = await backend.call('assignment-plan', { limit: 1 });
    for (const row of summary.leakage.by.territory) {
      const t = plan.territories.find((x) => x.territory === (row.key === '(none)' ? '(no territory)' : row.key));
      expect(t?.revenue12m).toBeCloseTo(row.revenue12m, 2);
      expect(t?.leakage ?? 0).toBeCloseTo(row.total, 2);
    }
  });

  it('keeps a manager override through re-analysis and re-planning, until it is cleared', async () => {
    const plan = await backend.call('assignment-plan', { limit: 100_000 });
    const target = plan.accounts.find((a) => a.status === 'assigned') ?? plan.accounts[0];
    const other = plan.reps.find((r) => r.rep !== target.rep)?.rep as string;
    const overridden = await backend.call('assignment-override', { customerCode: target.customerCode, rep: other, note: 'knows the owner' });
    expect(overridden.overrides).toEqual([
      { customerCode: target.customerCode, rep: other, note: 'knows the owner', createdAt: '2026-01-15T09:00:00.000Z' },
    ]);
    await backend.call('analysis-run', {});
    const again = await backend.call('assignment-plan', { search: target.customerCode });
    expect(again.accounts.find((a) => a.customerCode === target.customerCode)).toMatchObject({
      rep: other,
      status: 'overridden',
      reason: expect.stringContaining(`manager override: locked to ${other}`),
    });
    const cleared = await backend.call('assignment-clear-override', { customerCode: target.customerCode });
    expect(cleared.overrides).toEqual([]);
  });

  it('refuses an override to a rep the roster does not know, or for a customer the data does not have', async () => {
    const outcome = await backend.invoke('assignment-override', { customerCode: 'C00001', rep: 'Nobody Atall' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('Nobody Atall') } });
    const rep = (await backend.call('roster-list', {}))[0].name;
    const missing = await backend.invoke('assignment-override', { customerCode: 'NO-SUCH', rep });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no customer NO-SUCH') } });
  });

  it('writes assignments.xlsx for `longtail run` with every planned account on it', async () => {
    const out = path.join(w.dir, 'run-output');
    const result = await writeAssignmentWorkbook(backend, out);
    expect(result.files).toEqual([path.join(out, 'assignments.xlsx')]);
    const wb = XLSX.read(fs.readFileSync(result.files[0]), { dense: true });
    const listed = new Set<string>();
    for (const name of wb.SheetNames.filter((n) => n !== 'Summary' && n !== 'About')) {
      for (const r of XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[name])) listed.add(String(r['Customer code']));
    }
    expect(listed.size).toBe(result.accounts);
  });

  it('filters the stored plan by rep and status', async () => {
    const plan = await backend.call('assignment-get', {});
    const rep = plan.reps.find((r) => r.accounts > 0);
    if (!rep) throw new Error('expected a rep with accounts');
    const mine = await backend.call('assignment-get', { rep: rep.rep, limit: 100_000 });
    expect(mine.total).toBe(rep.accounts);
    expect(mine.accounts.every((a) => a.rep === rep.rep)).toBe(true);
  });

  it("sums the territory plan to the analysis leakage by territory when the run's recovery horizon is not a year", async () => {
    const run = await backend.call('analysis-run', { settings: { recovery: { horizonDays: 100 } } });
    const summary = await backend.call('analysis-summary', { runId: run.runId });
    expect(summary.settings.recovery.horizonDays).toBe(100);
    const plan = await backend.call('assignment-plan', { limit: 1 });
    expect(plan.runId).toBe(run.runId);
    let recovery = 0;
    for (const row of summary.leakage.by.territory) {
      const t = plan.territories.find((x) => x.territory === (row.key === '(none)' ? '(no territory)' : row.key));
      expect(t?.leakage ?? 0).toBeCloseTo(row.total, 2);
      expect(t?.leakageShare ?? 0).toBeCloseTo(row.share, 9);
      recovery += t?.recovery ?? 0;
    }
    // A year of the money at risk over 100 days: 3.65 times what the recovery actions state.
    const stated = (await allActions()).filter((a) => a.kind === 'recovery').reduce((sum, a) => sum + a.expectedRevenue, 0);
    expect(recovery).toBeCloseTo((stated * 365) / 100, 0);
  });
});

