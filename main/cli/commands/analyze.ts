import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { AnalysisSettingsInput } from '../../../shared/contract/settings';
import { formatCount, formatMoney, formatShare } from '../../../shared/format/numbers';
import type { AnalysisSummary } from '../../../shared/model/results';
import type { CliIO, Command, ParsedArgs } from '../command';

/** The settings flags `analyze` and `run` share; each maps onto one field of AnalysisSettings. */
export const settingsOptions = {
  'as-of': { type: 'string' },
  k: { type: 'string' },
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  seed: { type: 'string' },
  restarts: { type: 'string' },
  'strategic-share': { type: 'string' },
  'best-quantile': { type: 'string' },
  'min-breadth': { type: 'string' },
  lateness: { type: 'string' },
  'min-purchases': { type: 'string' },
  'volatility-allowance': { type: 'string' },
  'decline-threshold': { type: 'string' },
  'min-revenue': { type: 'string' },
  'no-seasonal': { type: 'boolean' },
  'no-volatility': { type: 'boolean' },
  'min-penetration': { type: 'string' },
  'peer-quantile': { type: 'string' },
  'min-peers': { type: 'string' },
  'under-buy-ratio': { type: 'string' },
  'min-p-alive': { type: 'string' },
} as const;

export const settingsHelp = `
Settings (defaults in brackets; every run stores the settings it used):
  --as-of YYYY-MM-DD          Analyse as of this date [the last transaction date]
  --strategic-share S         Strategic accounts make this share of revenue [0.8]
  --best-quantile Q           Best customers: 12-month revenue at or above this quantile [0.5]
  --min-breadth N             ...and at least N categories bought [3]
  --k K                       Number of profiles, or auto [auto]
  --k-min N / --k-max N       Range of k the quality scores cover [2 / 12]
  --seed N / --restarts N     k-means seed and seeded restarts [42 / 5]
  --lateness X                Late after X of the customer's own cycles [2]
  --min-purchases N           Purchases needed for a rhythm [4]
  --volatility-allowance X    Irregular buyers get X standard deviations more [1.5]
  --decline-threshold X       Declining below X of the same-season baseline [0.5]
  --min-revenue X             Ignore relationships worth less than X a year [0]
  --no-seasonal               Do not judge seasonal categories by the same months of earlier years
  --no-volatility             Do not widen lateness for volatile buyers
  --min-penetration X         Recommend categories at least X of the profile's best customers buy [0.5]
  --peer-quantile Q           Expected spend = this quantile of peers' spend [0.5]
  --min-peers N               At least N buying peers [5]
  --under-buy-ratio X         "Buys far below" = under X of what peers spend [0.2]
  --min-p-alive P             No growth actions for customers below this BG/NBD P(alive) [0.2]
`;

const num = (args: ParsedArgs, flag: string): number | undefined => {
  const raw = args.values[flag];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) {
    throw new AppError('INVALID_INPUT', `--${flag} ${String(raw)} is not a number.`, { flag, value: raw });
  }
  return n;
};

/** Only the flags given: the handler's schema fills defaults and names any value out of range. */
export function settingsFromArgs(args: ParsedArgs): AnalysisSettingsInput {
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const k = args.values.k;
  const recovery = defined({
    lateness: num(args, 'lateness'),
    minPurchases: num(args, 'min-purchases'),
    volatilityAllowance: num(args, 'volatility-allowance'),
    declineThreshold: num(args, 'decline-threshold'),
    minRevenue: num(args, 'min-revenue'),
    seasonal: args.values['no-seasonal'] ? false : undefined,
    volatility: args.values['no-volatility'] ? false : undefined,
  });
  const growth = defined({
    minPenetration: num(args, 'min-penetration'),
    peerQuantile: num(args, 'peer-quantile'),
    minPeers: num(args, 'min-peers'),
    underBuyRatio: num(args, 'under-buy-ratio'),
    minPAlive: num(args, 'min-p-alive'),
  });
  const best = defined({ minRevenueQuantile: num(args, 'best-quantile'), minBreadth: num(args, 'min-breadth') });
  return defined({
    asOf: typeof args.values['as-of'] === 'string' ? args.values['as-of'] : undefined,
    k: k === undefined || k === 'auto' ? undefined : num(args, 'k'),
    kMin: num(args, 'k-min'),
    kMax: num(args, 'k-max'),
    seed: num(args, 'seed'),
    restarts: num(args, 'restarts'),
    strategicShare: num(args, 'strategic-share'),
    best: Object.keys(best).length ? best : undefined,
    recovery: Object.keys(recovery).length ? recovery : undefined,
    growth: Object.keys(growth).length ? growth : undefined,
  });
}

/** A readable summary for the terminal. */
export function describeSummary(s: AnalysisSummary): string {
  const money = (v: number) => formatMoney(v, s.currency);
  const l = s.leakage;
  const lines = [
    `Analysis run ${s.runId} as of ${s.asOf} (data ${s.dataHash.slice(0, 12)})`,
    `Revenue, last 12 months: ${money(s.revenue12m)} from ${formatCount(s.customers.active12m)} active of ${formatCount(s.customers.total)} customers`,
    `Strategic: ${formatCount(s.customers.strategic)} customers make ${formatShare(s.strategicRevenueShare)} of revenue; long tail: ${formatCount(s.customers.longTail)}`,
    `Profiles: k = ${s.k} (suggested ${s.suggestedK} by silhouette${s.elbowK ? `, error-curve elbow at ${s.elbowK}` : ''}) from ${formatCount(s.customers.best)} best customers`,
    ...s.profiles.map((p) => `  ${p.id}. ${p.label}: ${formatCount(p.members)} customers, ${money(p.revenue12m)}`),
    `Actions: ${formatCount(s.counts.recoveryActions)} recovery, ${formatCount(s.counts.growthActions)} growth`,
    `Leakage: ${money(l.total)} = ${formatShare(l.share)} of 12-month revenue (recovery ${money(l.recovery)}, growth ${money(l.growth)}); ${l.band.position} the ${formatShare(l.band.low, 0)}-${formatShare(l.band.high, 0)} industry band`,
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
    await openWorkspace(io, workspace);
    const summary = await io.backend.call('analysis-run', { settings: settingsFromArgs(args) }, { onProgress: progressPrinter(io) });
    io.out(args.values.json ? JSON.stringify(summary) : describeSummary(summary));
    return 0;
  },
};
