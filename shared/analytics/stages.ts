import type { AnalysisSettings } from '../contract/settings';

/**
 * A top-level analysis setting (`recovery` and `growth` are read as a whole by their stages), or
 * one field of such a group, for a costly stage that must not re-run when its siblings move.
 */
export type SettingName = keyof AnalysisSettings | `recovery.${keyof AnalysisSettings['recovery']}`;

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
  risk: { reads: ['recovery.horizonDays'], after: [] },
  recovery: { reads: ['recovery'], after: ['recovery-model', 'risk'] },
  'p-alive': { reads: [], after: [] },
  growth: { reads: ['growth'], after: ['features', 'profiles', 'recovery', 'p-alive'] },
  actions: { reads: [], after: ['tiers', 'profiles', 'recovery', 'growth'] },
  leakage: { reads: ['recovery.horizonDays'], after: ['features', 'tiers', 'profiles', 'actions'] },
} as const satisfies Record<string, { reads: readonly SettingName[]; after: readonly string[] }>;

export type StageName = keyof typeof STAGE_SPECS;

/** The frame every stage sees: which data (its size stands in; the caller keys caches per data hash) and as of which day. */
export type StageFrame = { rows: number; asOfDay: number };

/** A setting's value, top-level or one field of a group. */
function valueOf(settings: AnalysisSettings, name: SettingName): unknown {
  const [group, field] = name.split('.') as [keyof AnalysisSettings, string | undefined];
  const value = settings[group];
  return field === undefined ? value : (value as Record<string, unknown>)[field];
}

/** Every stage's key, each from its declared settings and the keys of the stages it uses. */
export function stageKeys(settings: AnalysisSettings, frame: StageFrame): Record<StageName, string> {
  const keys = {} as Record<StageName, string>;
  const keyOf = (name: StageName): string => {
    if (keys[name] !== undefined) return keys[name];
    const spec: { reads: readonly SettingName[]; after: readonly StageName[] } = STAGE_SPECS[name];
    const parts = [frame.rows, frame.asOfDay, spec.reads.map((s) => valueOf(settings, s)), spec.after.map(keyOf)];
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
  const refuse = (name: string): never => {
    throw new Error(`The ${stage} stage read the setting "${name}" without declaring it in STAGE_SPECS, so its cache key would not change with it.`);
  };
  return new Proxy(settings, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && Object.hasOwn(target, prop)) {
        if (allowed.includes(prop as SettingName)) onRead?.(stage, prop as SettingName);
        else {
          // Only some fields of this group are declared: hand over a view that allows just those.
          const fields = allowed.filter((a) => a.startsWith(`${prop}.`));
          if (fields.length === 0) refuse(prop);
          const group = Reflect.get(target, prop, receiver) as object;
          return new Proxy(group, {
            get(inner, field, innerReceiver) {
              if (typeof field === 'string' && Object.hasOwn(inner, field)) {
                const name = `${prop}.${field}` as SettingName;
                if (!fields.includes(name)) refuse(name);
                onRead?.(stage, name);
              }
              return Reflect.get(inner, field, innerReceiver);
            },
          });
        }
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
