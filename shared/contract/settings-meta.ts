import type { z } from 'zod';
import { analysisSettingsSchema, defaultAnalysisSettings, type AnalysisSettings } from './settings';

/**
 * How a setting is given and shown. `share` is a fraction shown as a percentage; `switch` is a
 * boolean whose command-line flag turns it off (`--no-seasonal`); `k` is a whole number or auto.
 */
export type SettingKind = 'number' | 'integer' | 'share' | 'switch' | 'date' | 'k' | 'choice';

/** One value of a `choice` setting: its short name for controls and tables, and its clause for the method text. */
export type SettingChoice = { value: string; label: string; prose: string };

type SettingRow = {
  /** Dotted path into AnalysisSettings. */
  path: string;
  /** The command-line flag, without the dashes. */
  flag: string;
  kind: SettingKind;
  /** Short name for a control or a report row. */
  label: string;
  /** One line saying what the setting does, for --help and the control's hint. */
  help: string;
  unit?: string;
  /** Slider step; bounds come from the zod schema, so they are never written twice. */
  step?: number;
  /** A slider's upper end when the schema allows more than a slider can usefully show. */
  sliderMax?: number;
  /** What the default means when it is null (the as-of date). */
  nullMeans?: string;
  /** The method text where the value is 0 and the prose would say nothing ("worth less than 0 a year"). */
  zeroProse?: string;
  /** A `choice` setting's values, in the order a control lists them. */
  choices?: readonly SettingChoice[];
  /**
   * The clause the report's method text uses for this setting: `{value}` is the value as
   * formatSetting shows it, `{percentile}` a share read as a percentile ("80th percentile"). A
   * switch's clause is said only while it is on.
   */
  prose: string;
};

/**
 * Every analysis setting once, with what the CLI, its help, the UI controls and the report need.
 * Defaults, minimums and maximums are read from analysisSettingsSchema; a test checks this table
 * covers every leaf of the schema.
 */
const ROWS: readonly SettingRow[] = [
  { path: 'asOf', flag: 'as-of', kind: 'date', label: 'As of', help: 'Analyse as of this date (YYYY-MM-DD)', nullMeans: 'the last transaction date', prose: "Every window is counted back from the as-of date, {value}" },
  { path: 'strategicShare', flag: 'strategic-share', kind: 'share', label: 'Strategic share', help: 'Strategic accounts make this share of revenue', step: 0.01, prose: "the top customers that together make {value} of it" },
  { path: 'best.minRevenueQuantile', flag: 'best-quantile', kind: 'share', label: 'Best customers: revenue quantile', help: 'Best customers: 12-month revenue at or above this quantile', step: 0.05, prose: "revenue at or above the {percentile}" },
  { path: 'best.minBreadth', flag: 'min-breadth', kind: 'integer', label: 'Best customers: categories', help: '...and at least this many categories bought', unit: 'categories', step: 1, prose: "at least {value} bought" },
  { path: 'k', flag: 'k', kind: 'k', label: 'Profiles (k)', help: 'Number of profiles, or auto', step: 1, prose: "k = {value}" },
  { path: 'kMin', flag: 'k-min', kind: 'integer', label: 'Smallest k scored', help: 'Lower end of the k the quality scores cover', step: 1, prose: "from k = {value}" },
  { path: 'kMax', flag: 'k-max', kind: 'integer', label: 'Largest k scored', help: 'Upper end of the k the quality scores cover', step: 1, prose: "to k = {value}" },
  { path: 'minProfileShare', flag: 'min-profile-share', kind: 'share', label: 'Smallest profile', help: 'A suggested k never has a profile below this share of best customers', step: 0.01, prose: "no suggested k leaves a profile with less than {value} of the best customers" },
  { path: 'seed', flag: 'seed', kind: 'integer', label: 'k-means seed', help: 'k-means seed', step: 1, prose: "seed {value}" },
  { path: 'restarts', flag: 'restarts', kind: 'integer', label: 'k-means restarts', help: 'Seeded k-means restarts', step: 1, prose: "{value} seeded restarts" },
  { path: 'recovery.lateness', flag: 'lateness', kind: 'number', label: 'Late after', help: "Late after this many of the customer's own purchase cycles", unit: 'cycles', step: 0.25, prose: "more than {value} of the customer's own purchase rhythm" },
  { path: 'recovery.minPurchases', flag: 'min-purchases', kind: 'integer', label: 'Rhythm needs', help: 'Purchase days needed before a relationship has a rhythm', unit: 'purchases', step: 1, sliderMax: 20, prose: "Relationships with fewer than {value} have no rhythm yet and are never flagged" },
  { path: 'recovery.volatilityAllowance', flag: 'volatility-allowance', kind: 'number', label: 'Volatile buyers get', help: 'Irregular buyers get this many standard deviations more', unit: 'std. dev.', step: 0.25, prose: "by {value}" },
  { path: 'recovery.declineThreshold', flag: 'decline-threshold', kind: 'share', label: 'Declining below', help: 'Declining below this share of the same-season baseline', step: 0.05, prose: "its spend falls below {value} of its own baseline" },
  { path: 'recovery.minRevenue', flag: 'min-revenue', kind: 'number', label: 'Smallest relationship', help: "No recovery action worth less than this a year: a relationship by its run-rate before the sign (the rules') or its 12-month spend (the model's), a whole account by the customer's 12-month revenue (before it went quiet, for a win-back)", unit: 'a year', step: 100, prose: "recovery leaves out relationships worth less than {value}, and whole-account calls on customers worth less", zeroProse: 'no recovery action is left out for its size' },
  { path: 'recovery.horizonDays', flag: 'horizon', kind: 'integer', label: 'Money at risk over', help: 'Money at risk is stated over this many days ahead; the backtest checks it over the same span', unit: 'days', step: 5, prose: "stated over the next {value}" },
  { path: 'recovery.minProbability', flag: 'min-probability', kind: 'share', label: 'Chance needed (a tenth for large slides)', help: 'A call the learned model makes alone (a win-back, a slipping account, a relationship the rhythm rules missed) needs at least this chance of a slide; an account expected to lose ten value floors or more needs a tenth of it', step: 0.05, prose: "a call the learned model makes alone (a win-back, a slipping account, a relationship the rhythm rules missed) needs a chance of a slide of at least {value}, or a tenth of that for an account expected to lose ten value floors or more" },
  { path: 'recovery.valueFloor', flag: 'value-floor', kind: 'number', label: 'Value floor', help: "Flags worth less than this over the horizon fold into their customer's action", step: 10, nullMeans: "a tenth of the median customer's spend over the horizon", prose: "flags worth less than {value} fold into their customer's action" },
  {
    path: 'recovery.listOrder',
    flag: 'list-order',
    kind: 'choice',
    label: 'List order',
    help: 'Order the recovery list: balanced (as much weight on sureness as the data asks), money (money at risk x chance), or sure (surest calls first)',
    choices: [
      { value: 'balanced', label: 'Balanced', prose: "by chance of a slide x (money at risk + the least weight on sureness that makes its top surer than the naive rules' lists while holding 1.2x their money; none where no weight does both)" },
      { value: 'money', label: 'Money first', prose: 'by money at risk x chance of a slide' },
      { value: 'sure', label: 'Surest first', prose: "surest first: by chance of a slide x (money at risk + 64 times the median call's money)" },
    ],
    prose: 'The list is ordered {value}',
  },
  { path: 'recovery.seasonal', flag: 'no-seasonal', kind: 'switch', label: 'Seasonal baselines', help: 'Do not judge seasonal categories by the same months of earlier years', prose: " for the same season (seasonal categories are judged against the same months of earlier years)" },
  { path: 'recovery.volatility', flag: 'no-volatility', kind: 'switch', label: 'Widen for volatile buyers', help: 'Do not widen lateness for volatile buyers', prose: "widened for irregular buyers" },
  { path: 'recovery.winBackOnce', flag: 'no-win-back-once', kind: 'switch', label: 'Win back one-time buyers', help: 'Give customers that bought only once no action at all, however long silent (one silent as a win-back would be gets no growth either)', prose: "A customer that bought only once gets a win-back once it has been silent longer than repeat buyers here usually take to order again" },
  { path: 'growth.minPenetration', flag: 'min-penetration', kind: 'share', label: 'Peer penetration', help: "Recommend categories at least this share of the profile's best customers buy", step: 0.05, prose: "a category that at least {value} of a profile's best customers buy" },
  { path: 'growth.peerQuantile', flag: 'peer-quantile', kind: 'share', label: 'Peer spend quantile', help: "Expected spend = this quantile of peers' spend", step: 0.05, prose: "the {percentile} of what" },
  { path: 'growth.minPeers', flag: 'min-peers', kind: 'integer', label: 'Buying peers needed', help: 'At least this many buying peers', unit: 'peers', step: 1, prose: "at least {value} of similar size who buy it" },
  { path: 'growth.underBuyRatio', flag: 'under-buy-ratio', kind: 'share', label: 'Buys far below', help: '"Buys far below" = under this share of what peers spend', step: 0.05, prose: "buys at under {value} of what peers of its size spend" },
  { path: 'growth.minValueShare', flag: 'min-growth-value', kind: 'share', label: 'Smallest growth action', help: "Growth actions worth less than this share of the median customer's 12-month revenue a year are not listed", step: 0.01, prose: "actions worth less than {value} of the median customer's 12-month revenue a year are not listed" },
  { path: 'growth.minPAlive', flag: 'min-p-alive', kind: 'share', label: 'Growth needs P(alive)', help: 'No growth actions for customers below this BG/NBD P(alive)', step: 0.05, prose: "whose probability of still being active (BG/NBD) is below {value}" },
];

export type SettingMeta = SettingRow & {
  default: number | boolean | string | null;
  /** From the schema; null where it sets none. */
  min: number | null;
  max: number | null;
};

type AnySchema = z.ZodType & { def: { type: string; innerType?: AnySchema; shape?: Record<string, AnySchema>; options?: AnySchema[] } };

/** The number schema at a path, through defaults, prefaults, nullables and the k union. */
function numberSchemaAt(path: string): { minValue: number | null; maxValue: number | null } | null {
  let node = analysisSettingsSchema as unknown as AnySchema;
  const peel = (n: AnySchema): AnySchema => {
    let cur = n;
    while (cur.def.innerType) cur = cur.def.innerType;
    return cur;
  };
  for (const part of path.split('.')) {
    node = peel(node);
    const shape = (node as unknown as { shape?: Record<string, AnySchema> }).shape;
    if (!shape?.[part]) return null;
    node = shape[part];
  }
  node = peel(node);
  if (node.def.type === 'union') node = peel(node.def.options!.find((o) => peel(o).def.type === 'number')!);
  if (node.def.type !== 'number') return null;
  return node as unknown as { minValue: number | null; maxValue: number | null };
}

export const settingValue = (settings: AnalysisSettings, path: string): unknown =>
  path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], settings);

const DEFAULTS = defaultAnalysisSettings();

export const SETTINGS: readonly SettingMeta[] = ROWS.map((row) => {
  const bounds = numberSchemaAt(row.path);
  const min = bounds?.minValue;
  const max = bounds?.maxValue;
  return {
    ...row,
    default: settingValue(DEFAULTS, row.path) as SettingMeta['default'],
    min: min === undefined || min === null || !Number.isFinite(min) ? null : min,
    max: max === undefined || max === null || !Number.isFinite(max) ? null : max,
  };
});

export function settingMeta(path: string): SettingMeta {
  const meta = SETTINGS.find((s) => s.path === path);
  if (!meta) throw new Error(`No setting ${path} in the settings table.`);
  return meta;
}

/** A slider's range and step: the schema's bounds, narrowed where the table says so. */
export function sliderRange(path: string): { min: number; max: number; step: number } {
  const m = settingMeta(path);
  if (m.min === null || m.max === null || m.step === undefined) throw new Error(`The setting ${path} has no slider range.`);
  return { min: m.min, max: m.sliderMax ?? m.max, step: m.step };
}

/**
 * Lateness values the recovery and backtest curves are drawn at: the slider's whole range, on a
 * multiple of its step coarse enough that the curve costs about as much as twenty evaluations.
 */
export function latenessGrid(points = 20): number[] {
  const { min, max, step } = sliderRange('recovery.lateness');
  const stride = Math.max(1, Math.ceil((max - min) / step / (points - 1))) * step;
  const grid: number[] = [];
  for (let i = 0; min + i * stride <= max + 1e-9; i++) grid.push(Number((min + i * stride).toFixed(6)));
  if (grid[grid.length - 1] < max) grid.push(max);
  return grid;
}

const percentile = (q: number): string => {
  const n = Math.round(q * 100);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix} percentile`;
};

/**
 * The setting's clause from the table with its value filled in; a switch that is off says nothing.
 * `value` defaults to the setting's own, and can be what the run resolved it to (the as-of date, k).
 */
export function settingProse(meta: SettingMeta, value: unknown): string {
  if (meta.kind === 'switch' && !value) return '';
  if (meta.kind === 'choice') return meta.prose.replace('{value}', () => choiceOf(meta, value)?.prose ?? String(value));
  if (value === 0 && meta.zeroProse) return meta.zeroProse;
  return meta.prose
    .replace('{value}', () => formatSetting(meta, value))
    .replace('{percentile}', () => (typeof value === 'number' ? percentile(value) : formatSetting(meta, value)));
}

/** A choice setting's entry for a value, or undefined when the value is none of its choices. */
export const choiceOf = (meta: SettingMeta, value: unknown): SettingChoice | undefined => meta.choices?.find((c) => c.value === value);

/** A value as the report and help show it: shares as percentages, units spelled out. */
export function formatSetting(meta: SettingMeta, value: unknown): string {
  if (value === null) return meta.nullMeans ?? 'none';
  if (meta.kind === 'choice') return choiceOf(meta, value)?.label ?? String(value);
  if (meta.kind === 'switch') return value ? 'on' : 'off';
  if (meta.kind === 'share' && typeof value === 'number') return `${Number((value * 100).toFixed(2))}%`;
  return meta.unit ? `${String(value)} ${meta.unit}` : String(value);
}
