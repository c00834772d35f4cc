import { defaultAnalysisSettings, type AnalysisSettings } from '../contract/settings';

/** One setting that differs: its dotted key (recovery.lateness), its value, and the value compared with. */
export type SettingChange = { key: string; value: unknown; base: unknown };

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

/**
 * The settings of `settings` that differ from `base` (the defaults unless given), in a stable
 * order. An empty list means the figures come from the default method: no badge is needed.
 */
export function settingsChanges(settings: AnalysisSettings, base: AnalysisSettings = defaultAnalysisSettings()): SettingChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(settings, '', a);
  flatten(base, '', b);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.filter((k) => a.get(k) !== b.get(k)).map((key) => ({ key, value: a.get(key) ?? null, base: b.get(key) ?? null }));
}

const show = (v: unknown): string => (v === null || v === undefined ? 'none' : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v));

/** "recovery.lateness 2.5 (default 2), k 7 (default auto)": the words of the badge, the report and the exports. */
export function describeChanges(changes: readonly SettingChange[], baseWord = 'default'): string {
  return changes.map((c) => `${c.key} ${show(c.value)} (${baseWord} ${show(c.base)})`).join(', ');
}
