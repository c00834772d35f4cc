import { analysisSettingsSchema, type AnalysisSettings } from '../../../../shared/contract/settings';
import { SETTINGS, settingValue, type SettingMeta } from '../../../../shared/contract/settings-meta';

/** The panel's groups, in the order an analyst works through a run: every setting of the table is in one. */
export const SETTING_GROUPS: readonly { id: string; title: string; holds: (path: string) => boolean }[] = [
  { id: 'dates', title: 'Dates and horizon', holds: (p) => p === 'asOf' || p === 'recovery.horizonDays' },
  { id: 'tiers', title: 'Tiers and profiles', holds: (p) => p !== 'asOf' && (!p.includes('.') || p.startsWith('best.')) },
  { id: 'recovery', title: 'Recovery', holds: (p) => p.startsWith('recovery.') && p !== 'recovery.horizonDays' },
  { id: 'growth', title: 'Growth', holds: (p) => p.startsWith('growth.') },
];

export const groupSettings = (id: string): SettingMeta[] => SETTINGS.filter((m) => SETTING_GROUPS.find((g) => g.id === id)?.holds(m.path));

const pct = (share: number): string => `${Number((share * 100).toFixed(2))}%`;
const withUnit = (text: string, meta: SettingMeta): string => (meta.unit && meta.unit !== 'a year' ? `${text} ${meta.unit}` : text);

/** What a setting may be, in words for the control and for a refusal: "a whole number from 30 to 730 days". */
export function rangeText(meta: SettingMeta): string {
  const { min, max } = meta;
  if (meta.kind === 'date') return `a real date written YYYY-MM-DD, or empty for ${meta.nullMeans ?? 'none'}`;
  if (meta.kind === 'switch') return 'on or off';
  if (meta.kind === 'choice') return `one of ${(meta.choices ?? []).map((c) => c.label).join(', ')}`;
  const show = (v: number) => (meta.kind === 'share' ? pct(v) : String(v));
  const span = min !== null && max !== null ? `from ${show(min)} to ${show(max)}` : min !== null ? `${show(min)} or more` : max !== null ? `at most ${show(max)}` : 'a number';
  const whole = meta.kind === 'integer' || meta.kind === 'k' ? `a whole number ${span}` : span;
  const ranged = withUnit(whole, meta);
  const orNull = meta.nullMeans ? `, or empty for ${meta.nullMeans}` : '';
  return meta.kind === 'k' ? `auto or ${ranged}` : `${ranged}${orNull}`;
}

/** A setting's value as its control holds it: shares as percentages, none as an empty field. */
export function toText(meta: SettingMeta, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (meta.kind === 'share' && typeof value === 'number') return String(Number((value * 100).toFixed(4)));
  return String(value);
}

/** A control's text read back as the setting's value, or what is wrong with it, naming the setting and its range. */
export function fromText(meta: SettingMeta, text: string): { value: unknown } | { problem: string } {
  const t = text.trim();
  if (meta.kind === 'switch') return { value: t === 'true' };
  if (meta.kind === 'choice') return { value: t };
  if (meta.kind === 'date') return { value: t === '' ? null : t };
  if (meta.kind === 'k' && t === 'auto') return { value: 'auto' };
  const refused = { problem: `${meta.label} must be ${rangeText(meta)}.` };
  if (t === '') return meta.nullMeans ? { value: null } : refused;
  const typed = Number(t.replace(/[\s,]/g, ''));
  if (!Number.isFinite(typed)) return refused;
  const value = meta.kind === 'share' ? Number((typed / 100).toFixed(6)) : typed;
  if ((meta.kind === 'integer' || meta.kind === 'k') && !Number.isInteger(value)) return refused;
  if ((meta.min !== null && value < meta.min) || (meta.max !== null && value > meta.max)) return refused;
  return { value };
}

/** The settings with one path set, the rest shared with the original. */
function withValue(settings: AnalysisSettings, path: string, value: unknown): AnalysisSettings {
  const [head, ...rest] = path.split('.');
  const root = settings as unknown as Record<string, unknown>;
  if (rest.length === 0) return { ...root, [head]: value } as unknown as AnalysisSettings;
  return { ...root, [head]: withValue(root[head] as AnalysisSettings, rest.join('.'), value) } as unknown as AnalysisSettings;
}

/** Every setting's control text for a stored run's settings. */
export const textsOf = (settings: AnalysisSettings): Record<string, string> => Object.fromEntries(SETTINGS.map((m) => [m.path, toText(m, settingValue(settings, m.path))]));

const BUILT_IN = /^(Too small|Too big|Invalid input|Invalid option|Expected|Invalid)/;
const labelOf = (path: string): string => SETTINGS.find((m) => m.path === path)?.label ?? path;

/**
 * One refusal of the settings schema in the setting's own words: "Profiles (k) must be auto or a
 * whole number from 2 to 15", never zod's "settings.k: Too small: expected number to be >=2".
 */
export function settingIssueWords(path: string, message: string): string {
  const meta = SETTINGS.find((m) => m.path === path);
  if (!meta) return `${path}: ${message}`;
  if (BUILT_IN.test(message)) return `${meta.label} must be ${rangeText(meta)}.`;
  // The schema's own sentences name settings by key ("k 1 is outside the range tried… widen kMin or kMax").
  const named = message.replace(new RegExp(`^${meta.path.split('.').pop()} `), '').replace(/\b(kMin|kMax)\b/g, (key) => labelOf(key));
  return `${meta.label}: ${named}`;
}

/**
 * The settings the controls say, checked as the backend will check them, with every problem named
 * by its setting: a control's own range first, then the checks across settings (kMin above kMax, k
 * outside the range tried, a date that is none).
 */
export function readSettings(base: AnalysisSettings, texts: Record<string, string>): { settings: AnalysisSettings; problems: Record<string, string> } {
  let settings = base;
  const problems: Record<string, string> = {};
  for (const meta of SETTINGS) {
    const read = fromText(meta, texts[meta.path] ?? toText(meta, settingValue(base, meta.path)));
    if ('problem' in read) problems[meta.path] = read.problem;
    else settings = withValue(settings, meta.path, read.value);
  }
  // A control already refused keeps the run's value here, so the checks across settings still speak for the others.
  const parsed = analysisSettingsSchema.safeParse(settings);
  if (parsed.success) settings = parsed.data;
  else for (const issue of parsed.error.issues) problems[issue.path.join('.')] ??= settingIssueWords(issue.path.join('.'), issue.message);
  return { settings, problems };
}
