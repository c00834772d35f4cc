import { PURCHASE_UNITS } from '../../../shared/format/currency';
import type { AssignmentPlanSummary } from '../../../shared/contract/assignment';
import { horizonOtherThanYear } from '../../../shared/analytics/recovery/risk-reasons';
import { leakageSpan } from '../../../shared/format/leakage-span';
import { rosterCoverage, rosterCoverageWarning } from '../../../shared/analytics/assignment-loads';
import { buildSheet, type Column, type SheetSpec } from './xlsx';

type Fact = { label: string; text: string | null; date: string | null; amount: number | null };

const columns: Column<Fact>[] = [
  { header: 'What', kind: 'text', width: 34, value: (f) => f.label },
  { header: 'Text', kind: 'text', width: 40, value: (f) => f.text },
  { header: 'Date', kind: 'date', width: 12, value: (f) => f.date },
  { header: 'Number', kind: 'count', width: 12, value: (f) => f.amount },
];

const fact = (label: string, value: { text?: string; date?: string; amount?: number }): Fact => ({
  label,
  text: value.text ?? null,
  date: value.date ?? null,
  amount: value.amount ?? null,
});

/**
 * What a workbook's money is over: growth a year, recovery the run's horizon, territory leakage a
 * year of both; where the data is younger than a year, growth and leakage cover the days it holds.
 */
export function moneyWords(recoveryHorizonDays: number | undefined, revenueWindowDays?: number, hasDates?: boolean): string {
  if (hasDates === false) {
    return "The data is a spend table, without dates: growth is a share of what peers spend in the table, over whatever stretch it sums, not a year. There is no recovery (it needs the date of each sale), so territory leakage is growth alone.";
  }
  const span = horizonOtherThanYear(recoveryHorizonDays) ?? '12 months';
  const window = leakageSpan(revenueWindowDays);
  if (window.short) {
    const one = window.days === 1;
    return `The data holds ${window.length} before the as-of date. Growth: what peers buy over ${one ? 'that day' : 'those days'}. Recovery: money at risk over the next ${span} (the run's horizon). Territory leakage: both over ${one ? 'that day' : `those ${window.days} days`}, as on the overview.`;
  }
  return `Growth: a year of what peers buy. Recovery: money at risk over the next ${span} (the run's horizon). Territory leakage: a year of both, as on the overview.`;
}

/** What the workbook is, and the settings the plan was made with, so it can be explained later. */
export function aboutSheet(
  clientName: string,
  s: AssignmentPlanSummary,
  title: string,
  run: { analysisSettings?: string; recoveryHorizonDays?: number; revenueWindowDays?: number; hasDates?: boolean; caveats?: readonly string[] } = {},
): SheetSpec {
  const { analysisSettings } = run;
  const rosterWarning = rosterCoverageWarning(rosterCoverage(s.reps, s.territories, s.settings.unknownKindAs));
  const facts: Fact[] = [
    fact('Workbook', { text: title }),
    fact('Client', { text: clientName }),
    // A roster of other territories than the data's plans nothing where it should: the first thing a reader of the lists must know.
    ...(rosterWarning ? [fact('Roster warning', { text: rosterWarning })] : []),
    fact('Analysis as of', { date: s.asOf }),
    fact('Plan made', { date: s.createdAt.slice(0, 10) }),
    fact('Plan', { amount: s.planId }),
    fact('Analysis run', { amount: s.runId }),
    // Figures from other than the default method say so wherever they travel.
    ...(analysisSettings ? [fact('Analysis settings', { text: analysisSettings })] : []),
    // A purchase log has no money: its amounts count purchases, and 'XXX' (the code for no currency) says nothing to a reader.
    fact('Currency', { text: s.currency === PURCHASE_UNITS ? 'none: amounts are counts of purchases (units)' : s.currency }),
    fact('Money', { text: moneyWords(run.recoveryHorizonDays, run.revenueWindowDays, run.hasDates) }),
    // What weakens the figures (a degenerate P(alive) fit, the learned model not used, no clear
    // profiles) is said where the figures go: the screens say it, and a workbook travels without them.
    ...(run.caveats ?? []).map((c) => fact('Caveat', { text: c })),
    fact('Accounts with actions', { amount: s.totals.accounts }),
    fact('Unassigned accounts', { amount: s.totals.unassigned }),
    fact('Manager overrides', { amount: s.overrides.length }),
    fact('Default outside rep capacity', { amount: s.settings.outsideCapacity }),
    fact('Default inside rep capacity', { amount: s.settings.insideCapacity }),
    fact('Least value for an outside call', { amount: s.settings.minOutsideValue }),
    fact('Reps without a kind count as', { text: s.settings.unknownKindAs }),
    fact('Kept strategic accounts use capacity', { text: s.settings.strategicUsesCapacity ? 'yes' : 'no' }),
  ];
  return { name: 'About', ws: buildSheet(columns, facts, s.currency) };
}
