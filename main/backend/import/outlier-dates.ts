import { farFileReason, findDateOutliers, OUTLIER_MAX_ROWS, outlierDateReason, WRONG_WORKSPACE_GAP_DAYS, type DateSpan } from '../../../shared/analytics/date-outliers';
import type { Db } from '../db/open';
import { isoFromDay } from '../../../shared/format/dates';

/** Days whose rows are rejected as typos, with the reason for a given cell text. */
export type OutlierDays = Map<number, (value: string) => string>;

/** The date spans of earlier dated imports: already checked, they anchor what the bulk is. */
export function earlierDateSpans(db: Db): DateSpan[] {
  const rows = db
    .prepare("SELECT date_from, date_to, rows_imported FROM imports WHERE status = 'done' AND shape = 'transactions' AND date_from IS NOT NULL AND date_to IS NOT NULL")
    .all() as { date_from: number; date_to: number; rows_imported: number }[];
  return rows.map((r) => ({ from: r.date_from, to: r.date_to, rows: r.rows_imported, fixed: true }));
}

/**
 * A day this far past the importing machine's today is no sale yet: a sale dated in the future is a
 * typo or a scheduled order, and left in it becomes the as-of date, every customer silent since.
 * One day of slack: a file written where the date has already turned.
 */
const FUTURE_SLACK_DAYS = 1;

const futureReason = (value: string, today: number): string =>
  `'${value}' is after today (${isoFromDay(today)}): a sale cannot have happened yet. Fix the date (a typo in the year or month?) and import the row again; leave scheduled orders out`;

/**
 * The days of this import lying far from every other date, among a handful of rows, and (given the
 * day the import runs) the days after it.
 */
export function outlierDays(earlier: readonly DateSpan[], rowsPerDay: ReadonlyMap<number, number>, today?: number): OutlierDays {
  const spans: DateSpan[] = [...earlier];
  for (const [day, rows] of rowsPerDay) spans.push({ from: day, to: day, rows });
  const { bulk, outliers } = findDateOutliers(spans);
  const days: OutlierDays = new Map();
  // A file of more than a handful of rows whose every day lies in one far group is not a few typos
  // but a whole file far from the workspace: its rows agree with each other. Rejected, saying so,
  // only when the gap is too long for the client's next period; a shorter one is imported (and
  // noted by runImport). A handful of rows is still read as typos in the year.
  let fileRows = 0;
  for (const n of rowsPerDay.values()) fileRows += n;
  const whole = fileRows > OUTLIER_MAX_ROWS ? outliers.find((g) => [...rowsPerDay.keys()].every((day) => day >= g.from && day <= g.to)) : undefined;
  if (bulk && whole) {
    if (Math.abs(whole.gapDays) >= WRONG_WORKSPACE_GAP_DAYS) {
      const file = { from: Math.min(...rowsPerDay.keys()), to: Math.max(...rowsPerDay.keys()) };
      for (const day of rowsPerDay.keys()) if (today === undefined || day <= today + FUTURE_SLACK_DAYS) days.set(day, (value) => farFileReason(value, file, bulk, whole.gapDays));
    }
  } else if (bulk) {
    for (const g of outliers) {
      for (const day of rowsPerDay.keys()) if (day >= g.from && day <= g.to) days.set(day, (value) => outlierDateReason(value, g.gapDays, bulk));
    }
  }
  // A typo years off says so first; what is left after today is a date not reached yet.
  if (today !== undefined) {
    for (const day of rowsPerDay.keys()) if (day > today + FUTURE_SLACK_DAYS && !days.has(day)) days.set(day, (value) => futureReason(value, today));
  }
  return days;
}
