import { defaultAnalysisSettings, type AnalysisSettings } from '../contract/settings';
import { formatSetting, SETTINGS } from '../contract/settings-meta';

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

/**
 * "Late after 2.5 cycles (default 2 cycles), Declining below 35% (default 50%)": the words of the
 * badge, the run history, the report and the exports, in the names their controls carry. `keys`
 * writes the settings' own dotted keys instead ("recovery.lateness 2.5 (default 2)"), for the
 * command line and summary.json, where the key is what a user types back.
 */
export function describeChanges(changes: readonly SettingChange[], baseWord = 'default', style: 'labels' | 'keys' = 'labels'): string {
  return changes
    .map((c) => {
      const meta = style === 'labels' ? SETTINGS.find((s) => s.path === c.key) : undefined;
      if (!meta) return `${c.key} ${show(c.value)} (${baseWord} ${show(c.base)})`;
      return `${meta.label} ${formatSetting(meta, c.value)} (${baseWord} ${formatSetting(meta, c.base)})`;
    })
    .join(', ');
}
