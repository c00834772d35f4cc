import { AppError } from '../../../shared/contract/errors';
import { formatCount, formatMoney, formatShare } from '../../../shared/format/numbers';
import { bandJudgement, calibrationText, captureText, CENT, chanceBandLabel, differenceTable, otherOrdersTable, repeatedLevelText, repeatsTopLevel, precisionText, targetMet, timesText, usualSpendEach, verdictTargetsLine, whyNotJudged } from '../../../shared/analytics/holdout';
import { BACKTEST_MAX_DATES } from '../../../shared/contract/analysis';
import type { AnalysisSummary, BacktestAcrossDates, BacktestReport, ChanceBand, DatePoint, GrowthBacktest, ListDifference } from '../../../shared/model/results';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import { contract } from '../../../shared/contract';
import type { Command } from '../command';
import { checkOptions, optionsByField } from '../option-errors';
import { openWorkspace, progressPrinter, settingsFromArgs, settingsHelp, settingsOptions } from './analyze';

const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));

/** The comparison table as plain text: one row per method, ours first. */
export function describeBacktest(r: BacktestReport, currency: string): string {
  // Sums of floats leave residue like 1e-10 where nothing was lost; six decimals of it read as a loss.
  const money = (v: number) => formatMoney(Math.abs(v) < CENT ? 0 : v, currency);
  const lines = [
    `Backtest as of ${r.asOf}, ${r.horizonDays} days watched (data ${r.dataFrom} to ${r.dataTo})`,
    ...r.definitions.text.map((t) => `  ${t}`),
    ...r.warnings.map((w) => `Warning: ${w}`),
  ];
  for (const level of r.levels) {
    if (repeatsTopLevel(level, r.levels)) {
      lines.push('', repeatedLevelText(level));
      continue;
    }
    const compared = level.compared === level.flagged ? 'every one compared' : `top ${formatCount(level.compared)} compared`;
    lines.push('', `${level.title}: ${formatCount(level.flagged)} flagged, ${compared}; ${formatCount(level.population.declined)} of ${formatCount(level.population.units)} declined, ${money(level.population.realisedLoss)} lost in all`);
    const header = [pad('Method', 44), pad('Flags', 7, true), pad('Precision', 10, true), pad('Recall', 8, true), pad('By revenue', 11, true), pad('Loss captured', 24, true), pad('Stated', 14, true), pad('Stated/lost', 12, true)];
    lines.push(`  ${header.join(' ')}`);
    for (const row of level.rows) {
      const cells = [
        pad(row.label, 44),
        pad(formatCount(Math.round(row.flagged)), 7, true),
        pad(formatShare(row.precision), 10, true),
        pad(formatShare(row.recallCount), 8, true),
        pad(formatShare(row.recallRevenue), 11, true),
        pad(`${formatShare(row.capturedShare)} ${money(row.capturedLoss)}`, 24, true),
        pad(row.stated === null ? '-' : money(row.stated), 14, true),
        pad(row.calibration === null ? '-' : `${row.calibration.toFixed(2)}x`, 12, true),
      ];
      lines.push(`  ${cells.join(' ')}`);
    }
    if (level.bands && level.bands.length > 0) lines.push(...describeBands(level.bands, money));
    if (level.difference) lines.push(...describeDifference(level.difference, money));
    lines.push(...describeOtherOrders(level));
    const targets = verdictTargetsLine(level);
    if (targets) lines.push(`  ${targets}`);
    lines.push(`  ${level.verdict.text}`);
  }
  if (r.growth) lines.push('', ...describeGrowthBacktest(r.growth, money));
  return lines.join('\n');
}

/** Our compared flags by the chance of a slide we stated: whether that chance, and the money, held in each band. */
function describeBands(bands: ChanceBand[], money: (v: number) => string): string[] {
  const lines = [
    '  Ours, by the chance of a slide stated:',
    `    ${[pad('Chance stated', 14), pad('Flags', 7, true), pad('Declined', 16, true), pad('Mean chance', 12, true), pad('Stated', 14, true), pad('Lost', 14, true), pad('Stated/lost', 16, true)].join(' ')}`,
  ];
  for (const b of bands) {
    const judged = bandJudgement(b, formatShare);
    const cells = [
      pad(chanceBandLabel(b), 14),
      pad(formatCount(b.flagged), 7, true),
      pad(judged.declined, 16, true),
      pad(b.statedChance == null ? '-' : formatShare(b.statedChance), 12, true),
      pad(b.stated === null ? '-' : money(b.stated), 14, true),
      pad(money(b.capturedLoss), 14, true),
      pad(judged.statedLost, 16, true),
    ];
    lines.push(`    ${cells.join(' ')}`);
  }
  return lines;
}

/** This run's list beside the other list orders on the same replay. */
function describeOtherOrders(level: BacktestReport['levels'][number]): string[] {
  const table = otherOrdersTable(level);
  if (!table) return [];
  const lines = [`  ${table.caption}:`, `    ${[pad('List order', 44), pad('Declined', 9, true), pad('Loss captured', 14, true), pad('vs best rule', 13, true), pad('Stated/lost', 12, true)].join(' ')}`];
  for (const r of table.rows) {
    const cells = [pad(r.label, 44), pad(formatShare(r.precision), 9, true), pad(formatShare(r.capturedShare), 14, true), pad(r.vsBest === null ? '-' : `${r.vsBest.toFixed(2)}x`, 13, true), pad(r.calibration === null ? '-' : `${r.calibration.toFixed(2)}x`, 12, true)];
    lines.push(`    ${cells.join(' ')}`);
  }
  return lines;
}

/** Our list beside the precision bar's rule: what both hold, and what each holds alone. */
function describeDifference(d: ListDifference, money: (v: number) => string): string[] {
  const table = differenceTable(d);
  const lines = [`  ${table.caption}:`, `    ${[pad('Which flags', 18), pad('Flags', 7, true), pad('Declined', 9, true), pad('Loss captured', 14, true), pad('Usual spend each', 17, true)].join(' ')}`];
  for (const { label, part } of table.rows) {
    const cells = [pad(label, 18), pad(formatCount(part.flagged), 7, true), pad(part.flagged > 0 ? formatShare(part.precision) : '-', 9, true), pad(money(part.capturedLoss), 14, true), pad(part.flagged > 0 ? money(usualSpendEach(part)) : '-', 17, true)];
    lines.push(`    ${cells.join(' ')}`);
  }
  return lines;
}

/** The growth replay's table: what the suggested customers bought next, beside the popularity rules. */
function describeGrowthBacktest(g: GrowthBacktest, money: (v: number) => string): string[] {
  const lines = [
    `Growth actions: ${formatCount(g.rows[0].suggestions)} suggested to ${formatCount(g.rows[0].customers)} customers; ${formatCount(g.activeCustomers)} active customers spent ${money(g.totalUplift)} beyond their own rates in the horizon`,
    `  ${[pad('Method', 58), pad('Suggestions', 12, true), pad('Taken up', 9, true), pad('New spend held', 22, true), pad('Stated', 14, true)].join(' ')}`,
  ];
  for (const row of g.rows) {
    const cells = [
      pad(row.label, 58),
      pad(formatCount(Math.round(row.suggestions)), 12, true),
      pad(formatShare(row.takeUpRate), 9, true),
      pad(`${formatShare(row.upliftShare)} ${money(row.uplift)}`, 22, true),
      pad(row.stated === null ? '-' : money(row.stated), 14, true),
    ];
    lines.push(`  ${cells.join(' ')}`);
  }
  lines.push(`  ${g.verdict.text}`);
  return lines;
}

/** Whether a date met a target, as a table cell: judged dates only. */
const mark = (p: DatePoint, ok: boolean | null): string => {
  const met = targetMet(p, ok);
  return met === null ? '' : met === 'met' ? ' ok' : ' MISS';
};

/** One row per as-of date (customer level), then what the dates say together. */
export function describeAcrossDates(r: BacktestAcrossDates): string {
  const header = [pad('As of', 10), pad('Flags', 7, true), pad('Capture vs best rule', 28, true), pad('Ceiling', 8, true), pad('Precision ours / bar', 22, true), pad('Stated/lost', 13, true)];
  const lines = [`Backtest across dates: ${r.points.length} as-of dates, ${r.horizonDays} days watched after each (customers: Flags counts every one flagged, the table compares the top 300 at most)`, `  ${header.join(' ')}`];
  for (const p of r.points) {
    const capture = captureText(p);
    const cells = [
      pad(p.asOf, 10),
      pad(formatCount(p.flagged), 7, true),
      pad(capture === null ? '-' : `${capture}${mark(p, p.beatsCapture)}`, 28, true),
      pad(timesText(p.ceilingRatio) ?? '-', 8, true),
      pad(p.flagged === 0 ? '-' : `${precisionText(p)}${mark(p, p.precisionOk)}`, 22, true),
      pad(p.calibration === null ? '-' : `${calibrationText(p.calibration)}${mark(p, p.calibrationOk)}`, 13, true),
    ];
    const why = whyNotJudged(p);
    lines.push(`  ${cells.join(' ')}${why ? `  (${why})` : ''}`);
  }
  lines.push(`  ${r.verdict}`);
  return lines.join('\n');
}

const { 'as-of': _analysisAsOf, ...analysisOptions } = settingsOptions;

export const backtestCommand: Command = {
  usage: 'longtail backtest --workspace FILE [--as-of YYYY-MM-DD | --dates N] [--horizon DAYS] [settings] [--json]',
  help: `
Options:
  --workspace, -w FILE        The client's workspace (with dated transactions)
  --as-of YYYY-MM-DD          Replay as of this date, with only the data up to it
                              [the latest date that leaves the whole horizon to watch]
  --dates N                   Replay at N as-of dates (2-${BACKTEST_MAX_DATES}) spread from the first the data
                              allows to the last, one row each: whether the edge over the naive
                              rules holds across dates or rests on one (slower: N whole replays)
  --horizon DAYS              Days watched after it, and the span money at risk is stated over
                              [the recovery horizon, shortened to fit the data]
  --json                      Print the whole comparison as JSON
${settingsHelp.replace(/\n\s+--as-of[^\n]*/, '').replace(/\n\s+--horizon N[^\n]*/, '')}
With no settings the latest analysis run's are used (the analysis runs first when there is none);
with settings a new run is made with them first, so the backtest replays exactly what a run shows.

Examples:
  longtail backtest --workspace acme.longtail
  longtail backtest -w acme.longtail --as-of 2025-06-30 --horizon 180 --json
  longtail backtest -w acme.longtail --dates 6 --horizon 90
`,
  options: { workspace: { type: 'string', short: 'w' }, json: { type: 'boolean' }, ...analysisOptions, 'as-of': { type: 'string' }, dates: { type: 'string' } },
  async run(args, io) {
    const workspace = args.values.workspace;
    if (typeof workspace !== 'string') throw new AppError('INVALID_INPUT', 'Give the workspace to backtest: --workspace FILE.');
    const asOf = args.values['as-of'];
    if (asOf !== undefined && (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))) {
      throw new AppError('INVALID_INPUT', `--as-of ${String(asOf)} is not a date; write it as YYYY-MM-DD.`, { flag: 'as-of', value: asOf });
    }
    const horizon = args.values.horizon === undefined ? undefined : Number(args.values.horizon);
    if (horizon !== undefined && !(Number.isInteger(horizon) && horizon >= 30 && horizon <= 730)) {
      throw new AppError('INVALID_INPUT', `--horizon ${String(args.values.horizon)} must be a whole number of days from 30 to 730.`, { flag: 'horizon', value: args.values.horizon });
    }
    const dates = args.values.dates === undefined ? undefined : Number(args.values.dates);
    if (dates !== undefined && !(Number.isInteger(dates) && dates >= 2 && dates <= BACKTEST_MAX_DATES)) {
      throw new AppError('INVALID_INPUT', `--dates ${String(args.values.dates)} must be a whole number of as-of dates from 2 to ${BACKTEST_MAX_DATES}.`, { flag: 'dates', value: args.values.dates });
    }
    if (dates !== undefined && asOf !== undefined) {
      throw new AppError('INVALID_INPUT', 'Give either --as-of (one date) or --dates (several spread over the data), not both.', { flag: 'dates', value: args.values.dates });
    }
    const replay = { ...(asOf ? { asOf } : {}), ...(horizon !== undefined ? { horizonDays: horizon } : {}) };
    checkOptions(contract['analysis-backtest'].input, replay, optionsByField({ asOf: { flag: 'as-of', given: asOf }, horizonDays: { flag: 'horizon', given: args.values.horizon, unit: 'days' } }));
    const { asOf: _ignored, recovery: givenRecovery, ...rest } = settingsFromArgs({ ...args, values: { ...args.values, 'as-of': undefined } });
    await openWorkspace(io, workspace);
    // --horizon is the backtest's own (its replay states money over what it watches), not a reason to analyse again.
    const { horizonDays: _horizon, ...recovery } = givenRecovery ?? {};
    const settings = Object.keys(recovery).length > 0 ? { ...rest, recovery } : rest;
    const runs = await io.backend.call('analysis-runs', {});
    const latest = runs.length === 0 ? null : await io.backend.call('analysis-summary', {});
    // Settings given here that the latest run already has need no new run.
    const needsRun = latest === null || (Object.keys(settings).length > 0 && settingsChanges(analysisSettingsSchema.parse(settings), latest.settings).length > 0);
    const summary = needsRun ? await io.backend.call('analysis-run', { settings }, { onProgress: progressPrinter(io) }) : (latest as AnalysisSummary);
    if (needsRun && latest !== null) {
      // The replay uses the run's settings, so these were analysed and stored first: the workbench,
      // the report and the exports now show that run, which a user who only asked for a backtest
      // would not expect.
      const changes = settingsChanges(summary.settings);
      io.err(
        `Note: analysed again first with ${changes.length === 0 ? 'the default settings' : describeChanges(changes, 'default', 'keys')}, stored as run ${summary.runId}, now the workspace's latest: the workbench, report and exports show it. \`longtail analyze -w ${workspace}\` analyses again with the defaults.`,
      );
    }
    if (dates !== undefined) {
      const across = await io.backend.call(
        'analysis-backtest-dates',
        { runId: summary.runId, dates, ...(horizon !== undefined ? { horizonDays: horizon } : {}) },
        { onProgress: progressPrinter(io) },
      );
      io.out(args.values.json ? JSON.stringify(across) : describeAcrossDates(across));
      return 0;
    }
    const report = await io.backend.call(
      'analysis-backtest',
      { runId: summary.runId, ...replay },
      { onProgress: progressPrinter(io) },
    );
    io.out(args.values.json ? JSON.stringify(report) : describeBacktest(report, summary.currency));
    return 0;
  },
};
