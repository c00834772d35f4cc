import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

describe('settings an analysis cannot honour', () => {
  it('refuses an as-of date outside the data, naming its range, and stores no run', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'sales.csv');
    const lines = ['Date,Customer,Category,Revenue'];
    for (let i = 0; i < 120; i++) lines.push(`2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')},C${i % 12},${i % 2 ? 'Pumps' : 'Valves'},${40 + (i % 9)}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await w.backend.call('import-run', { path: file });
    for (const [asOf, where] of [['2030-01-01', 'after the last sale'], ['1990-01-01', 'before the first sale']]) {
      const outcome = await w.backend.invoke('analysis-run', { settings: { asOf } });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(outcome.ok ? '' : outcome.error.message).toBe(
        `The as-of date ${asOf} is ${where} in this workspace: its data runs from 2024-01-01 to 2024-12-27. Choose a date in that range, or leave it out to analyse as of the last sale.`,
      );
    }
    expect(w.backend.session.db.prepare('SELECT count(*) FROM analysis_runs').pluck().get()).toBe(0);
    expect((await w.backend.call('analysis-run', { settings: { asOf: '2024-09-30' } })).asOf).toBe('2024-09-30');
  });

  it('refuses a k outside the range the sweep tries, and a range upside down', () => {
    const issues = (settings: Record<string, unknown>) => analysisSettingsSchema.safeParse(settings).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ k: 3, kMin: 5 })).toEqual(['k 3 is outside the range tried, 5 to 12: widen kMin or kMax to take it']);
    expect(issues({ kMin: 9, kMax: 3 })).toEqual(['kMin 9 is above kMax 3: the range of k to try runs from the smaller to the larger']);
    expect(issues({ k: 3 })).toEqual([]);
    expect(issues({ asOf: '2011-02-30' })).toEqual(['must be a real date: 2011-02-30 is no day of the calendar']);
  });

  it('says how to write a date typed day first or month first, turned round from what was typed', () => {
    const issues = (asOf: string) => analysisSettingsSchema.safeParse({ asOf }).error?.issues.map((i) => i.message) ?? [];
    expect(issues('31/08/2011')).toEqual(['must be a date written YYYY-MM-DD, year first (as 2011-08-31)']);
    expect(issues('08/31/2011')).toEqual(['must be a date written YYYY-MM-DD, year first (as 2011-08-31)']);
    // 01/02/2011 reads two ways, so no day is put forward.
    expect(issues('01/02/2011')).toEqual(['must be a date written YYYY-MM-DD, year first, then month, then day']);
    expect(issues('last week')).toEqual(['must be a date written YYYY-MM-DD, year first, then month, then day']);
  });
});
