import type { RepLoad, TerritoryLoad } from '../../../shared/contract/assignment';
import { aboutSheet } from './about';
import { leakageSpan, spanWords, type LeakageSpan } from '../../../shared/format/leakage-span';
import { activeWords, type PlanExportData } from './assignments';
import { amountsIn } from '../../../shared/format/currency';
import { writeCsv } from './csv';
import type { ExportTarget } from './target';
import { buildSheet, csvCell, writeWorkbook, type Column } from './xlsx';

/**
 * The territories' columns, their money over a year, over the days of data when the data is younger,
 * or over a spend table's own stretch (leakageSpan), where there is no recovery column: without dates
 * there is no recovery, and its leakage is growth alone.
 */
const territoryColumns = (span: LeakageSpan): Column<TerritoryLoad>[] => [
  { header: 'Territory', kind: 'text', width: 20, value: (t) => t.territory },
  { header: 'Reps', kind: 'count', width: 7, value: (t) => t.reps },
  { header: 'Outside reps', kind: 'count', width: 12, value: (t) => t.outsideReps },
  { header: 'Inside reps', kind: 'count', width: 11, value: (t) => t.insideReps },
  { header: 'Accounts with actions', kind: 'count', width: 12, value: (t) => t.accounts },
  { header: 'Assigned', kind: 'count', width: 10, value: (t) => t.assigned },
  { header: "Of them, to other territories' reps", kind: 'count', width: 14, value: (t) => t.assignedElsewhere ?? null },
  { header: 'Unassigned', kind: 'count', width: 11, value: (t) => t.unassigned },
  { header: 'Capacity', kind: 'count', width: 10, value: (t) => t.capacity },
  { header: 'Capacity use', kind: 'share', width: 12, value: (t) => t.capacityUse },
  { header: 'Expected value assigned', kind: 'money', width: 16, value: (t) => t.expectedRevenue },
  ...(span.dated ? [{ header: `Recovery at risk ${span.per}`, kind: 'money', width: 14, value: (t) => t.recovery } satisfies Column<TerritoryLoad>] : []),
  { header: spanWords('Growth', span.per), kind: 'money', width: 14, value: (t) => t.growth },
  { header: spanWords('Leakage', span.per), kind: 'money', width: 14, value: (t) => t.leakage },
  { header: span.revenueColumn, kind: 'money', width: 16, value: (t) => t.revenue12m },
  // No revenue in the span: a share of nothing is left empty, not written as 0%.
  { header: 'Leakage share', kind: 'share', width: 13, value: (t) => (t.revenue12m > 0 ? t.leakageShare : null) },
];

const repColumns: Column<RepLoad>[] = [
  { header: 'Territory', kind: 'text', width: 20, value: (r) => r.territory },
  { header: 'Rep', kind: 'text', width: 24, value: (r) => r.rep },
  { header: 'Kind', kind: 'text', width: 9, value: (r) => r.kind },
  // An inactive rep is listed for the accounts it still holds; its capacity counts nowhere.
  { header: 'Active', kind: 'text', width: 12, value: activeWords },
  { header: 'Accounts', kind: 'count', width: 10, value: (r) => r.accounts },
  // Kept strategic accounts use no capacity unless the plan says so: without them "79 accounts, capacity 30" read as overloaded.
  { header: 'Strategic kept', kind: 'count', width: 10, value: (r) => r.keptAccounts },
  { header: 'Capacity', kind: 'count', width: 10, value: (r) => r.capacity },
  { header: 'Capacity use', kind: 'share', width: 12, value: (r) => r.capacityUse },
  { header: 'Expected value', kind: 'money', width: 16, value: (r) => r.expectedRevenue },
];

const byTerritory = (reps: readonly RepLoad[]): RepLoad[] =>
  [...reps].sort((a, b) => (a.territory ?? '\uffff').localeCompare(b.territory ?? '\uffff') || b.expectedRevenue - a.expectedRevenue);

/** The territory plan: one row per territory, then its reps; CSV carries the territory table only. */
export function writeTerritories(target: ExportTarget, data: PlanExportData): { files: string[]; rows: number } {
  const { summary } = data;
  const columns = territoryColumns(leakageSpan(data.revenueWindowDays, { hasDates: data.hasDates, currency: summary.currency }));
  if ('dir' in target) throw new Error('The territory plan is one file');
  if (target.format === 'csv') {
    // Each row names its currency, as the rep lists and actions.csv do.
    const unit = amountsIn(summary.currency);
    const rows = writeCsv(
      target.file,
      [...columns.map((c) => c.header), 'Currency'],
      summary.territories.map((t) => [...columns.map((c) => csvCell(c, t)), unit]),
    );
    return { files: [target.file], rows };
  }
  const reps = byTerritory(summary.reps);
  writeWorkbook(
    target.file,
    [
      { name: 'Territories', ws: buildSheet(columns, summary.territories, summary.currency) },
      { name: 'Reps', ws: buildSheet(repColumns, reps, summary.currency) },
      aboutSheet(data.clientName, summary, 'Territory plan', data),
    ],
    2,
  );
  return { files: [target.file], rows: summary.territories.length + reps.length };
}
