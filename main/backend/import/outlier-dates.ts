import { findDateOutliers, outlierDateReason, type DateSpan } from '../../../shared/analytics/date-outliers';
import type { Db } from '../db/open';

/** Days whose rows are rejected as typos, with the reason for a given cell text. */
export type OutlierDays = Map<number, (value: string) => string>;

/** The date spans of earlier dated imports: already checked, they anchor what the bulk is. */
export function earlierDateSpans(db: Db): DateSpan[] {
  const rows = db
    .prepare("SELECT date_from, date_to, rows_imported FROM imports WHERE status = 'done' AND shape = 'transactions' AND date_from IS NOT NULL AND date_to IS NOT NULL")
    .all() as { date_from: number; date_to: number; rows_imported: number }[];
  return rows.map((r) => ({ from: r.date_from, to: r.date_to, rows: r.rows_imported, fixed: true }));
}

/** The days of this import lying far from every other date, among a handful of rows. */
export function outlierDays(earlier: readonly DateSpan[], rowsPerDay: ReadonlyMap<number, number>): OutlierDays {
  const spans: DateSpan[] = [...earlier];
  for (const [day, rows] of rowsPerDay) spans.push({ from: day, to: day, rows });
  const { bulk, outliers } = findDateOutliers(spans);
  const days: OutlierDays = new Map();
  if (!bulk) return days;
  for (const g of outliers) {
    for (const day of rowsPerDay.keys()) if (day >= g.from && day <= g.to) days.set(day, (value) => outlierDateReason(value, g.gapDays, bulk));
  }
  return days;
}
