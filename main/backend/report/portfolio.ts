import { GROWTH_ALONE, TOO_SHORT, unbandedWhy } from '../../../shared/format/band-words';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import path from 'node:path';
import {
  INDUSTRY_BAND,
  PORTFOLIO_METRICS,
  type BandPosition,
  type Portfolio,
  type PortfolioBacktestVerdict,
  type PortfolioMetric,
  type PortfolioRow,
} from '../../../shared/contract/report';
import { letters } from './anonymise';
import { revenueShareOfTop } from '../../../shared/analytics/tiers';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import type { ClientFacts } from './source';
import type { AnalysisSummary, BacktestReport, GrowthBacktest } from '../../../shared/model/results';

export const bandPosition = (share: number, band: { low: number; high: number } = INDUSTRY_BAND): BandPosition =>
  share < band.low ? 'below' : share > band.high ? 'above' : 'within';

/** The average month in days: a span's length in months, not the calendar months it touches. */
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Months of data from the first to the last transaction day, both counted: to one decimal under three
 * months, where a calendar count would read 56 days across three month-ends as "3 months", whole above.
 */
export function monthsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  const months = days / DAYS_PER_MONTH;
  return months < 3 ? Math.round(months * 10) / 10 : Math.round(months);
}

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** Share of the other values that `value` is above; ties count half. Null without others to compare. */
export function percentileRank(value: number, all: readonly number[]): number | null {
  if (all.length < 2) return null;
  let below = 0;
  let ties = -1; // the value itself is among `all`
  for (const v of all) {
    if (v < value) below += 1;
    else if (v === value) ties += 1;
  }
  return (below + ties / 2) / (all.length - 1);
}

/** Shares of revenue lost: churn and cross-sell together, which growth alone is not comparable with. */
const LEAKAGE_METRICS: ReadonlySet<PortfolioMetric> = new Set(['leakageShare', 'recoveryShare', 'growthShare']);

type Draft = Omit<PortfolioRow, 'id' | 'label' | 'path' | 'percentile'> & { realLabel: string; realPath: string };

function draftRow(f: ClientFacts): Draft {
  const info = f.info;
  const s = f.summary;
  const base = {
    realLabel: info?.clientName ?? f.path,
    realPath: f.path,
    currency: s?.currency ?? info?.currency ?? 'USD',
    dateFrom: info?.dateFrom ?? null,
    dateTo: info?.dateTo ?? null,
    months: monthsBetween(info?.dateFrom ?? null, info?.dateTo ?? null),
    customers: info?.customers ?? null,
  };
  if (!s) {
    return {
      ...base,
      growthOnly: false,
      status: info ? 'no-analysis' : 'unreadable',
      dataChanged: false,
      problem: f.problem ?? 'No analysis yet.',
      asOf: null,
      runId: null,
      customSettings: null,
      revenue12m: null,
      activeCustomers: null,
      longTailCustomers: null,
      longTailCustomerShare: null,
      longTailRevenueShare: null,
      topFifthRevenueShare: null,
      recovery: null,
      growth: null,
      leakage: null,
      leakageShare: null,
      recoveryShare: null,
      growthShare: null,
      band: null,
      profiles: null,
      precision: null,
      recall: null,
      lossCaptured: null,
      capturedVsBestRule: null,
      moneyCalibration: null,
      growthTakeUp: null,
      growthTakeUpVsRule: null,
      backtestVerdict: null,
      caveats: [],
    };
  }
  const l = s.leakage;
  const ranked = s.customers.strategic + s.customers.longTail;
  // A spend table's rows carry the import's day, not the data's span.
  const span = s.hasDates ? {} : { dateFrom: null, dateTo: null, months: null };
  const customerLevel = f.backtest?.levels[0];
  const judged = customerLevel && !customerLevel.verdict.tooFewDeclines ? customerLevel : null;
  return {
    ...base,
    ...span,
    growthOnly: !s.hasDates,
    status: 'ok',
    // The figures are the run's; the span and the customers known beside them are the data's now.
    dataChanged: info !== null && info.dataHash !== s.dataHash,
    problem: null,
    asOf: s.asOf,
    runId: s.runId,
    customSettings: s.settings && settingsChanges(s.settings).length > 0 ? describeChanges(settingsChanges(s.settings)) : null,
    revenue12m: s.revenue12m,
    customers: s.customers.total,
    activeCustomers: s.customers.active12m,
    longTailCustomers: s.customers.longTail,
    longTailCustomerShare: ratio(s.customers.longTail, ranked),
    longTailRevenueShare: s.revenue12m > 0 ? Math.max(0, 1 - s.strategicRevenueShare) : 0,
    topFifthRevenueShare: s.revenue12m > 0 ? revenueShareOfTop(s.pareto, 0.2) : null,
    recovery: l.recovery,
    growth: l.growth,
    leakage: l.total,
    leakageShare: l.share,
    recoveryShare: ratio(l.recovery, l.revenue12m),
    growthShare: ratio(l.growth, l.revenue12m),
    band: unbandedWhy(s.hasDates, l.windowDays) === null ? bandPosition(l.share) : null,
    profiles: s.profiles.length,
    // Too few slides to judge leave no figure to set beside another client's: blank, as the verdict says.
    precision: judged?.rows[0]?.precision ?? null,
    recall: judged?.rows[0]?.recallCount ?? null,
    lossCaptured: judged?.rows[0]?.capturedShare ?? null,
    capturedVsBestRule: judged?.verdict.capturedRatio ?? null,
    moneyCalibration: judged?.rows[0]?.calibration ?? null,
    ...growthFigures(f.backtest?.growth ?? null),
    backtestVerdict: backtestVerdict(f.backtest),
    caveats: clientCaveats(s),
  };
}

const ONE_CATEGORY =
  'One category, so no growth side: leakage here is recovery alone, set against a 7-30% band (and clients) that count missed cross-sell too. Import a category or product column to measure growth.';

/**
 * A purchase log's share is of purchases, not revenue. It is still ranked and set against the band,
 * the nearest reading its data allows, with this beside it wherever the client's place is read.
 */
export const PURCHASE_COUNTS_CAVEAT =
  'Purchase counts, not money: its leakage share is a share of purchases, set against the 7-30% band of revenue and ranked beside the other clients\' revenue shares only as a rough guide (as far as a purchase is worth about the same across customers).';

/**
 * What weakens a client's figures: the run's own caveats, and what a comparison reads doubtfully
 * beside the others (a share with no growth side, a share over too few days for the band).
 */
function clientCaveats(s: AnalysisSummary): string[] {
  const short = s.hasDates ? unbandedWhy(true, s.leakage.windowDays) : null;
  return [
    ...(s.currency === PURCHASE_UNITS ? [PURCHASE_COUNTS_CAVEAT] : []),
    ...(s.hasDates && s.categories.length === 1 ? [ONE_CATEGORY] : []),
    ...(short ? [`${short[0].toUpperCase()}${short.slice(1)}: its leakage share is not set against the band or the other clients.`] : []),
    ...(s.caveats ?? []),
  ];
}

/** The customer level's targets as the verdict judged them; nothing judged is no miss, so it says why. */
function backtestVerdict(b: BacktestReport | null): PortfolioBacktestVerdict | null {
  const level = b?.levels[0];
  if (!level) return null;
  const v = level.verdict;
  if (level.flagged === 0) return { judged: false, why: 'no customers flagged' };
  if (v.tooFewDeclines || v.beatsCapture === null || v.precisionOk === null || v.calibrationOk === null) return { judged: false, why: 'too few declines' };
  return { judged: true, capture: v.beatsCapture, precision: v.precisionOk, money: v.calibrationOk };
}

/** Growth's backtest in two figures: take-up, and take-up over the better popularity rule's. */
function growthFigures(g: GrowthBacktest | null): Pick<PortfolioRow, 'growthTakeUp' | 'growthTakeUpVsRule'> {
  const ours = g?.rows.find((r) => r.method === 'model');
  if (!g || !ours || ours.suggestions === 0) return { growthTakeUp: null, growthTakeUpVsRule: null };
  return { growthTakeUp: ours.takeUpRate, growthTakeUpVsRule: g.verdict.takeUpRatio };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Client names, with the workspace file's name beside any name two workspaces share (two years of
 * one client, or a copy to try other settings): otherwise the table and both charts show two bars
 * called the same.
 */
function distinctLabels(drafts: readonly Draft[]): Map<Draft, string> {
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) groups.set(d.realLabel, [...(groups.get(d.realLabel) ?? []), d]);
  const labels = new Map<Draft, string>();
  for (const [name, group] of groups) {
    if (group.length === 1) {
      labels.set(group[0], name);
      continue;
    }
    // The fewest trailing path parts that tell the group's files apart: the file name, then its folder...
    const parts = group.map((d) => path.resolve(d.realPath).split(path.sep).filter(Boolean));
    const longest = Math.max(...parts.map((p) => p.length));
    let take = 1;
    while (take < longest && new Set(parts.map((p) => p.slice(-take).join('/'))).size < group.length) take++;
    group.forEach((d, i) => labels.set(d, `${name} (${parts[i].slice(-take).join('/')})`));
  }
  return labels;
}

/**
 * Places each client against the industry band and against the other clients. Rows come highest
 * leakage share first; anonymised labels follow that order, so a letter says nothing about a name.
 */
export function summarisePortfolio(facts: readonly ClientFacts[], options: { anonymise: boolean }): Portfolio {
  const drafts = facts.map(draftRow);
  const usable = drafts.filter((d) => d.status === 'ok');
  const others = drafts.filter((d) => d.status !== 'ok');
  usable.sort((a, b) => (b.leakageShare ?? 0) - (a.leakageShare ?? 0) || a.realPath.localeCompare(b.realPath));
  others.sort((a, b) => a.realPath.localeCompare(b.realPath));

  // Amounts in two currencies are not converted: revenue is ranked only where every client counts in one.
  const currencies = [...new Set(usable.map((d) => d.currency))].sort();
  // Growth alone is no leakage share to rank beside churn and cross-sell together, nor is one read
  // over too few days to set against the band (a client of one day's data read 0.0%, the median's floor).
  const comparable = (d: Draft, m: PortfolioMetric): boolean => d.status === 'ok' && !((d.growthOnly || d.band === null) && LEAKAGE_METRICS.has(m)) && !(m === 'revenue12m' && currencies.length > 1);
  const values = Object.fromEntries(
    PORTFOLIO_METRICS.map((m) => [m, usable.filter((d) => comparable(d, m)).map((d) => d[m] ?? 0)]),
  ) as Record<PortfolioMetric, number[]>;

  const named = distinctLabels([...usable, ...others]);
  const rows = [...usable, ...others].map((d, i): PortfolioRow => {
    const { realLabel: _name, realPath, ...rest } = d;
    const realLabel = named.get(d) as string;
    const percentile = Object.fromEntries(
      PORTFOLIO_METRICS.map((m) => [m, comparable(d, m) ? percentileRank(d[m] ?? 0, values[m]) : null]),
    ) as Record<PortfolioMetric, number | null>;
    return {
      id: `client-${i + 1}`,
      label: options.anonymise ? `Client ${letters(i)}` : realLabel,
      path: options.anonymise ? null : realPath,
      ...rest,
      // A problem message may quote the file path, and with it the client's name.
      problem: options.anonymise && rest.problem !== null ? anonymousProblem(rest.status) : rest.problem,
      percentile,
    };
  });

  const shares = values.leakageShare.slice().sort((a, b) => a - b);
  return {
    band: { low: INDUSTRY_BAND.low, high: INDUSTRY_BAND.high },
    rows,
    leakageShareRange: shares.length ? { min: shares[0], max: shares[shares.length - 1], median: median(shares) } : null,
    anonymised: options.anonymise,
    ...(currencies.length > 1 ? { currencies } : {}),
  };
}

const anonymousProblem = (status: PortfolioRow['status']): string =>
  status === 'no-analysis' ? 'No analysis yet: run the analysis in this workspace.' : 'The workspace could not be read.';

/**
 * Which analysed clients the leakage share's lowest, median and highest cover, and which it leaves
 * out and why: growth alone (a spend table) and a share over too few days are not set beside the
 * others. A comparison that dropped them silently read as if it covered every client.
 */
export function leakageShareCoverage(p: Portfolio): { compared: PortfolioRow[]; leftOut: { row: PortfolioRow; why: string }[]; purchaseCounts: PortfolioRow[] } {
  const analysed = p.rows.filter((r) => r.status === 'ok');
  const compared = analysed.filter((r) => !r.growthOnly && r.band !== null);
  const leftOut = analysed
    .filter((r) => r.growthOnly || r.band === null)
    .map((row) => ({ row, why: row.growthOnly ? `${GROWTH_ALONE} (a spend table)` : TOO_SHORT }));
  return { compared, leftOut, purchaseCounts: compared.filter((r) => r.currency === PURCHASE_UNITS) };
}
