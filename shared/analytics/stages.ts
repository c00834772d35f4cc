import type { AnalysisSettings } from '../contract/settings';

/** A top-level analysis setting; `recovery` and `growth` are read as a whole by their stages. */
export type SettingName = keyof AnalysisSettings;

/**
 * What each stage of the analysis reads: the settings it is handed and the stages whose results it
 * uses. A stage's cache key is built from exactly these (plus the data and as-of day every stage
 * sees), and a stage is handed a settings object that refuses any other setting, so a forgotten
 * dependency fails loudly instead of serving a stale result.
 */
export const STAGE_SPECS = {
  features: { reads: [], after: [] },
  tiers: { reads: ['strategicShare'], after: ['features'] },
  'profile-sweep': { reads: ['best', 'kMin', 'kMax', 'seed', 'restarts', 'minProfileShare'], after: ['features'] },
  profiles: { reads: ['k'], after: ['features', 'profile-sweep'] },
  'recovery-model': { reads: [], after: [] },
  recovery: { reads: ['recovery'], after: ['recovery-model'] },
  'p-alive': { reads: [], after: [] },
  growth: { reads: ['growth'], after: ['features', 'profiles', 'recovery', 'p-alive'] },
  actions: { reads: [], after: ['tiers', 'profiles', 'recovery', 'growth'] },
  leakage: { reads: [], after: ['features', 'tiers', 'profiles', 'actions'] },
} as const satisfies Record<string, { reads: readonly SettingName[]; after: readonly string[] }>;

export type StageName = keyof typeof STAGE_SPECS;

/** The frame every stage sees: which data (its size stands in; the caller keys caches per data hash) and as of which day. */
export type StageFrame = { rows: number; asOfDay: number };

/** Every stage's key, each from its declared settings and the keys of the stages it uses. */
export function stageKeys(settings: AnalysisSettings, frame: StageFrame): Record<StageName, string> {
  const keys = {} as Record<StageName, string>;
  const keyOf = (name: StageName): string => {
    if (keys[name] !== undefined) return keys[name];
    const spec: { reads: readonly SettingName[]; after: readonly StageName[] } = STAGE_SPECS[name];
    const parts = [frame.rows, frame.asOfDay, spec.reads.map((s) => settings[s]), spec.after.map(keyOf)];
    return (keys[name] = JSON.stringify(parts));
  };
  for (const name of Object.keys(STAGE_SPECS) as StageName[]) keyOf(name);
  return keys;
}

/**
 * The settings as one stage may see them: reading a setting the stage did not declare throws,
 * naming both, and every declared read is reported to `onRead` (tests check declarations are used).
 */
export function settingsFor(
  stage: StageName,
  settings: AnalysisSettings,
  onRead?: (stage: StageName, setting: SettingName) => void,
): AnalysisSettings {
  const allowed: readonly SettingName[] = STAGE_SPECS[stage].reads;
  return new Proxy(settings, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && Object.hasOwn(target, prop)) {
        if (!allowed.includes(prop as SettingName)) {
          throw new Error(
            `The ${stage} stage read the setting "${prop}" without declaring it in STAGE_SPECS, so its cache key would not change with it.`,
          );
        }
        onRead?.(stage, prop as SettingName);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
