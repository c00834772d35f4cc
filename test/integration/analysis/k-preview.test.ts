import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import type { AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let first: AnalysisSummary;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Preview Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 12, customers: 300 });
  await w.backend.call('import-run', { path: csv });
  first = await w.backend.call('analysis-run', { settings: { kMax: 8 } });
});
afterAll(() => w.cleanup());

const otherK = () => (first.k === 5 ? 4 : 5);

describe('previewing another number of profiles', () => {
  it("gives that k's profiles and one profile per scatter point without storing a run", async () => {
    const k = otherK();
    const preview = await w.backend.call('analysis-k-preview', { k });
    const points = await w.backend.call('analysis-points', {});
    expect(preview.runId).toBe(first.runId);
    expect(preview.k).toBe(k);
    expect(preview.profiles.map((p) => p.id)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    expect(preview.pointProfiles).toHaveLength(points.total);
    for (const p of preview.profiles) expect(preview.pointProfiles.filter((id) => id === p.id)).toHaveLength(p.members);
    // Customers without a profile in the run (no 12-month revenue) have none in the preview either.
    points.rows.forEach((row, i) => expect(row.profile === null).toBe(preview.pointProfiles[i] === 0));
    expect((await w.backend.call('analysis-runs', {})).map((r) => r.runId)).toEqual([first.runId]);
    expect(preview.source).toBe('computed');
    expect((await w.backend.call('analysis-k-preview', { k })).source).toBe('session');
  });

  it('shows exactly what a re-run with that k stores', async () => {
    const k = otherK();
    const preview = await w.backend.call('analysis-k-preview', { k });
    const rerun = await w.backend.call('analysis-run', { settings: { ...first.settings, k } });
    expect(rerun.profiles).toEqual(preview.profiles);
    const points = await w.backend.call('analysis-points', {});
    expect(points.rows.map((r) => r.profile ?? 0)).toEqual(preview.pointProfiles);
  });

  it('keeps previewed k in the workspace, so a reopened workspace previews it without fitting', async () => {
    const k = 3;
    const fitted = await w.backend.call('analysis-k-preview', { k });
    const other = new Backend({ appDataDir: path.join(w.dir, 'other-app-data') });
    try {
      await other.call('workspace-open', { path: w.file });
      const reopened = await other.call('analysis-k-preview', { k });
      expect(reopened.source).toBe('workspace');
      expect(reopened.profiles).toEqual(fitted.profiles);
      expect(reopened.pointProfiles).toEqual(fitted.pointProfiles);
    } finally {
      other.close();
    }
  });

  it('refuses a k above the range the run swept, saying how to widen it', async () => {
    await expect(w.backend.call('analysis-k-preview', { k: 12 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('up to 8') });
  });
});
