import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { settingsFor, stageKeys, STAGE_SPECS, type SettingName, type StageName } from '../../../shared/analytics/stages';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';

const settings = analysisSettingsSchema.parse({ kMin: 2, kMax: 4, restarts: 2 });

describe('the stages of the analysis', () => {
  it('read every setting they declare and no other, with dates and without', () => {
    const dated = datasetFromRows([...generateDistributor({ seed: 3, customers: 150, endDate: '2025-12-31', months: 18 }).rows()]);
    const read = new Map<StageName, Set<SettingName>>();
    const onSettingRead = (stage: StageName, setting: SettingName) => {
      if (!read.has(stage)) read.set(stage, new Set());
      read.get(stage)!.add(setting);
    };
    // A stage reading an undeclared setting throws inside runAnalysis, failing this test.
    runAnalysis(dated, settings, { onSettingRead });
    runAnalysis({ ...dated, hasDates: false }, settings, { onSettingRead });
    for (const [stage, spec] of Object.entries(STAGE_SPECS) as [StageName, (typeof STAGE_SPECS)[StageName]][]) {
      expect([...(read.get(stage) ?? [])].sort(), stage).toEqual([...spec.reads].sort());
    }
  });

  it('refuses a setting a stage did not declare, naming the stage and the setting', () => {
    const view = settingsFor('tiers', settings);
    expect(view.strategicShare).toBe(0.8);
    expect(() => view.k).toThrow(/tiers stage read the setting "k"/);
  });

  it('changes a stage key with the settings it reads and the stages it uses, and with nothing else', () => {
    const frame = { rows: 1000, asOfDay: 20000 };
    const before = stageKeys(settings, frame);
    const k5 = stageKeys({ ...settings, k: 5 }, frame);
    expect((Object.keys(before) as StageName[]).filter((s) => before[s] !== k5[s]).sort()).toEqual(
      ['actions', 'growth', 'leakage', 'profiles'],
    );
    const lateness = stageKeys({ ...settings, recovery: { ...settings.recovery, lateness: 3 } }, frame);
    expect((Object.keys(before) as StageName[]).filter((s) => before[s] !== lateness[s]).sort()).toEqual(
      ['actions', 'growth', 'leakage', 'recovery'],
    );
    const later = stageKeys(settings, { ...frame, asOfDay: frame.asOfDay + 1 });
    expect((Object.keys(before) as StageName[]).every((s) => before[s] !== later[s])).toBe(true);
  });

  it('serves a rerun with the same settings wholly from the cache', () => {
    const ds = datasetFromRows([...generateDistributor({ seed: 4, customers: 120, endDate: '2025-12-31', months: 14 }).rows()]);
    const cache = new StageCache();
    const first = runAnalysis(ds, settings, { cache });
    cache.hits.length = 0;
    const again = runAnalysis(ds, settings, { cache });
    expect(cache.hits).toEqual(expect.arrayContaining(['features', 'tiers', 'profiles', 'recovery-model', 'recovery', 'p-alive', 'growth', 'actions', 'leakage']));
    expect(again.actions).toEqual(first.actions);
  });
});
