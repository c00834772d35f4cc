import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceWithPlan } from './plan-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the rows an export reports', () => {
  it('are the call rows written, the same for a workbook and a CSV of one plan (the Summary lines are not counted)', async () => {
    const w = await workspaceWithPlan();
    cleanups.push(w.cleanup);
    const xlsx = await w.backend.call('export-assignments', { out: path.join(w.dir, 'plan.xlsx'), perRep: false });
    const csv = await w.backend.call('export-assignments', { out: path.join(w.dir, 'plan.csv'), perRep: false });
    expect(xlsx.rows).toBe(csv.rows);
    expect(csv.rows).toBeGreaterThan(0);
  });
});
