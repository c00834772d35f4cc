import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { analysisSettingsSchema, type AnalysisSettingsInput } from '../../../shared/contract/settings';
import { SETTINGS, type SettingKind, type SettingMeta } from '../../../shared/contract/settings-meta';
import { formatCount, formatCounted, formatMoney, formatShare } from '../../../shared/format/numbers';
import type { AnalysisSummary } from '../../../shared/model/results';
import { describeBgNbdLines } from '../../../shared/format/bgnbd';
import { runSpan } from '../../../shared/format/leakage-span';
import { unbandedWhy } from '../../../shared/format/band-words';
import type { CliIO, Command, ParsedArgs } from '../command';
import { checkOptions, numberOption, type OptionFor } from '../option-errors';

/** The settings flags `analyze` and `run` share, one per row of the contract's settings table. */
export const settingsOptions = Object.fromEntries(
  SETTINGS.map((m) => [m.flag, { type: m.kind === 'switch' ? ('boolean' as const) : ('string' as const) }]),
) as Record<string, { type: 'string' | 'boolean' }>;

const argName: Record<SettingKind, string> = { number: 'X', integer: 'N', share: 'S', switch: '', date: 'YYYY-MM-DD', k: 'K', choice: 'MODE' };

const helpLine = (m: SettingMeta): string => {
  const flag = `  --${m.flag}${argName[m.kind] ? ` ${argName[m.kind]}` : ''}`;
  const shown = m.kind === 'switch' ? '' : ` [${m.default === null ? (m.nullMeans ?? 'none') : String(m.default)}]`;
  return `${flag.padEnd(30)}${m.help}${shown}`;
};

export const settingsHelp = `
Settings (defaults in brackets; every run stores the settings it used):
${SETTINGS.map(helpLine).join('\n')}
`;

function flagValue(args: ParsedArgs, m: SettingMeta): unknown {
  const raw = args.values[m.flag];
  if (raw === undefined) return undefined;
  switch (m.kind) {
    case 'switch':
      return raw ? false : undefined;
    case 'date':
      return typeof raw === 'string' ? raw : undefined;
    case 'k': {
      if (raw === 'auto') return undefined;
      // The schema's union of 'auto' and a bounded whole number says only "invalid input" of 3.5;
      // a whole number out of range is left to it ("--k must be at least 2 (got 1)").
      const k = Number(raw);
      if (typeof raw !== 'string' || raw.trim() === '' || !Number.isInteger(k)) {
        throw new AppError('INVALID_INPUT', `--${m.flag} ${String(raw)} must be a whole number from ${String(m.min)} to ${String(m.max)}, or auto.`, { flag: m.flag, value: raw });
      }
      return k;
    }
    case 'choice': {
      const known = m.choices?.map((c) => c.value) ?? [];
      if (typeof raw !== 'string' || !known.includes(raw)) {
        throw new AppError('INVALID_INPUT', `--${m.flag} ${String(raw)} is not one of ${known.join(', ')}.`, { flag: m.flag, value: raw });
      }
      return raw;
    }
    default:
      return numberOption(raw, m.flag);
  }
}

const settingOption =
  (args: ParsedArgs): OptionFor =>
  (path) => {
    const m = SETTINGS.find((s) => s.path === path);
    return m && { flag: m.flag, given: args.values[m.flag], unit: m.unit, share: m.kind === 'share' };
  };

// Field names a cross-field rule's message may use (kMin, kMax): camelCase, so never an ordinary word.
const settingWords = Object.fromEntries(
  SETTINGS.map((m) => [m.path.split('.').pop() ?? m.path, `--${m.flag}`]).filter(([field]) => /[A-Z]/.test(field)),
);

/**
 * Only the flags given: the handler's schema fills the defaults. Values out of range are refused
 * here, by the flag and the bound, before any workspace is opened or created.
 */
export function settingsFromArgs(args: ParsedArgs): AnalysisSettingsInput {
  const out: Record<string, unknown> = {};
  for (const m of SETTINGS) {
    const value = flagValue(args, m);
    if (value === undefined) continue;
    const parts = m.path.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  checkOptions(analysisSettingsSchema, out, settingOption(args), settingWords);
  return out as AnalysisSettingsInput;
}

/** How the run compared customers: its k and why, or one peer group when the sweep found no patterns. */
function profilesLine(s: AnalysisSummary): string {
  const best = s.customers.bestRelaxed
    ? s.customers.best === 1
      ? 'from the one active customer'
      : `from all ${formatCount(s.customers.best)} active customers`
    : `from ${formatCounted(s.customers.best, 'best customer')}`;
  if (s.structure?.state === 'none' && s.k === 1) return `Profiles: one peer group, ${s.structure.tooSmall ? 'no k with profiles of the minimum size' : 'no clear buying patterns'} (${s.quality.length === 0 ? 'no split was looked for' : s.structure.oneMix ? 'the splits found part one mix by size' : s.structure.tooSmall ? `every k from 2 to ${s.settings.kMax} has a profile under the minimum share` : `no stable split from k = 2 to ${s.settings.kMax}`}: see the notes) ${best}`;
  const why = s.quality.length > 0 ? `suggested ${s.suggestedK} by silhouette${s.elbowK ? `, error-curve elbow at ${s.elbowK}` : ''}` : 'no split was looked for: see the notes';
  // Weak patterns are tendencies, not segments: said on the line a reader stops at, the why in the notes.
  const weak = s.structure?.state === 'weak' && s.k > 1 ? '; weak buying patterns, see the notes' : '';
  return `Profiles: k = ${s.k} (${why}${weak}) ${best}`;
}

/** A readable summary for the terminal. */
export function describeSummary(s: AnalysisSummary): string {
  const money = (v: number) => formatMoney(v, s.currency);
  const l = s.leakage;
  const span = runSpan(s);
  const lines = [
    `Analysis run ${s.runId} as of ${s.asOf} (data ${s.dataHash.slice(0, 12)})`,
    `Revenue${span.dated ? `, ${span.short ? span.window : 'last 12 months'}` : ' in the table'}: ${money(s.revenue12m)} from ${formatCount(s.customers.active12m)} active of ${formatCounted(s.customers.total, 'customer')}`,
    `Strategic: ${formatCounted(s.customers.strategic, 'customer')} ${s.customers.strategic === 1 ? 'makes' : 'make'} ${formatShare(s.strategicRevenueShare)} of revenue; long tail: ${formatCount(s.customers.longTail)}`,
    profilesLine(s),
    ...s.profiles.map((p) => `  ${p.id}. ${p.label}: ${formatCounted(p.members, 'customer')}, ${money(p.revenue12m)}`),
    `Actions: ${formatCount(s.counts.recoveryActions)} recovery, ${formatCount(s.counts.growthActions)} growth`,
    `Leakage${span.short ? ` ${span.per}` : ''}: ${money(l.total)} = ${formatShare(l.share)} of ${span.revenue} (recovery ${money(l.recovery)}, growth ${money(l.growth)}); ${l.band.position ? `${l.band.position} the ${formatShare(l.band.low, 0)}-${formatShare(l.band.high, 0)} industry band` : `not set against the industry band: ${unbandedWhy(s.hasDates, l.windowDays)}`}`,
    ...describeBgNbdLines(s.bgnbd),
    ...s.notes.map((n) => `Note: ${n}`),
  ];
  return lines.join('\n');
}

export async function openWorkspace(io: CliIO, workspace: string): Promise<void> {
  await io.backend.call('workspace-open', { path: path.resolve(io.cwd, workspace) });
}

export const progressPrinter = (io: CliIO) => (p: { phase: string; done: number; total: number | null; message?: string }) => {
  if (io.interactive) io.err(`  ${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}${p.message ? `: ${p.message}` : ''}`);
};

export const analyzeCommand: Command = {
  usage: 'longtail analyze --workspace FILE [settings] [--json]',
  help: `
Options:
  --workspace, -w FILE        The client's workspace (with imported data)
  --json                      Print the run summary as JSON
${settingsHelp}
Examples:
  longtail analyze --workspace acme.longtail
  longtail analyze -w acme.longtail --k 6 --lateness 2.5 --json
`,
  options: { workspace: { type: 'string', short: 'w' }, json: { type: 'boolean' }, ...settingsOptions },
  async run(args, io) {
    const workspace = args.values.workspace;
    if (typeof workspace !== 'string') throw new AppError('INVALID_INPUT', 'Give the workspace to analyse: --workspace FILE.');
    const settings = settingsFromArgs(args);
    await openWorkspace(io, workspace);
    const summary = await io.backend.call('analysis-run', { settings }, { onProgress: progressPrinter(io) });
    io.out(args.values.json ? JSON.stringify(summary) : describeSummary(summary));
    return 0;
  },
};
