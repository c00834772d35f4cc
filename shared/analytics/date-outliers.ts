import { isoFromDay } from '../format/dates';

/**
 * Dates a year or more away from every other date, carried by a handful of rows, are typos (2925 for
 * 2025, 2021 for 2011), not a second history: left in, the latest would become the as-of date and
 * every customer would look lapsed. The same rule serves the importer (which rejects those rows)
 * and the analysis (which warns when an older workspace still holds such a date).
 */
export const OUTLIER_GAP_DAYS = 365;
/** A group this small (at most this many rows, or 1% of all rows) beside a larger one is doubtful. */
export const OUTLIER_MAX_ROWS = 5;
export const OUTLIER_MAX_SHARE = 0.01;

/** Rows dated from..to; `fixed` spans (earlier imports, already checked) are never outliers. */
export type DateSpan = { from: number; to: number; rows: number; fixed?: boolean };

export type DateGroup = { from: number; to: number; rows: number; fixed: boolean };

export type DateOutliers = {
  /** The dates the bulk of the rows lie in (every group that is not an outlier). */
  bulk: { from: number; to: number } | null;
  /** Groups of typo-like dates, each with the distance to the bulk in days (positive: after it). */
  outliers: (DateGroup & { gapDays: number })[];
};

export const isOutlierGroup = (rows: number, total: number, largest: number): boolean =>
  rows < largest && rows <= Math.max(OUTLIER_MAX_ROWS, OUTLIER_MAX_SHARE * total);

/** Groups spans lying within OUTLIER_GAP_DAYS of each other, then finds the small, far ones. */
export function findDateOutliers(spans: readonly DateSpan[]): DateOutliers {
  const sorted = spans.filter((s) => s.rows > 0).sort((a, b) => a.from - b.from);
  const groups: DateGroup[] = [];
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    if (last && s.from - last.to <= OUTLIER_GAP_DAYS) {
      last.to = Math.max(last.to, s.to);
      last.rows += s.rows;
      last.fixed ||= Boolean(s.fixed);
    } else groups.push({ from: s.from, to: s.to, rows: s.rows, fixed: Boolean(s.fixed) });
  }
  if (groups.length === 0) return { bulk: null, outliers: [] };
  const total = groups.reduce((sum, g) => sum + g.rows, 0);
  const largest = Math.max(...groups.map((g) => g.rows));
  const kept = groups.filter((g) => g.fixed || !isOutlierGroup(g.rows, total, largest));
  const bulk = { from: Math.min(...kept.map((g) => g.from)), to: Math.max(...kept.map((g) => g.to)) };
  const outliers = groups
    .filter((g) => !kept.includes(g))
    .map((g) => ({ ...g, gapDays: g.from > bulk.to ? g.from - bulk.to : g.to < bulk.from ? g.to - bulk.from : 0 }));
  return { bulk, outliers };
}

const distance = (days: number): string => {
  const d = Math.abs(days);
  return d >= 730 ? `${Math.round(d / 365.25)} years` : `${Math.round(d / 30.44)} months`;
};

/** Why a row dated in an outlier group is doubtful, in words. */
export const outlierDateReason = (value: string, gapDays: number, bulk: { from: number; to: number }): string =>
  `'${value}' is ${distance(gapDays)} ${gapDays > 0 ? 'after' : 'before'} the rest of the dates (${isoFromDay(bulk.from)} to ${isoFromDay(bulk.to)}) and only a few rows are dated near it: most likely a typo in the year; fix the date and import the row again`;

/**
 * A whole file whose dates agree with each other but lie this far from the workspace's sales is
 * another client's file (or one with every year wrong), not the client's next period: a year or two
 * missing between exports happens; eleven years does not.
 */
export const WRONG_WORKSPACE_GAP_DAYS = 3 * 365;

const years = (span: { from: number; to: number }): string => {
  const [a, b] = [isoFromDay(span.from).slice(0, 4), isoFromDay(span.to).slice(0, 4)];
  return a === b ? a : `${a}-${b}`;
};

/** The signed distance in days from the file's span to the nearest of the workspace's spans (positive: after them), 0 when they meet. */
export function gapToSpans(file: { from: number; to: number }, spans: readonly { from: number; to: number }[]): number {
  let nearest = Infinity;
  for (const s of spans) {
    const gap = file.from > s.to ? file.from - s.to : file.to < s.from ? file.to - s.from : 0;
    if (Math.abs(gap) < Math.abs(nearest)) nearest = gap;
  }
  return nearest === Infinity ? 0 : nearest;
}

/** The words that mark farFileReason's reason among the others. */
export const FAR_FILE_REASON = 'the whole file is dated';

/** Why a row of a file dated, as a whole, too far from the workspace's sales is rejected (see WRONG_WORKSPACE_GAP_DAYS). */
export const farFileReason = (value: string, file: { from: number; to: number }, bulk: { from: number; to: number }, gapDays: number): string =>
  `'${value}': ${FAR_FILE_REASON} ${years(file)}, ${distance(gapDays)} ${gapDays > 0 ? 'after' : 'before'} this workspace's sales (${years(bulk)}): is this the right workspace? Import another client's file into its own workspace; if the file is this client's, its years are wrong: fix them and import it again`;

/**
 * What an import says when its whole file lies a year or more from every sale the workspace held
 * before (and was kept: a new period after a gap is plausible), null otherwise.
 */
export function farFileNote(file: { from: number; to: number }, earlier: readonly DateSpan[]): string | null {
  if (earlier.length === 0) return null;
  const gapDays = gapToSpans(file, earlier);
  if (Math.abs(gapDays) < OUTLIER_GAP_DAYS) return null;
  const held = { from: Math.min(...earlier.map((s) => s.from)), to: Math.max(...earlier.map((s) => s.to)) };
  return `The whole file is dated ${years(file)}, ${distance(gapDays)} ${gapDays > 0 ? 'after' : 'before'} this workspace's sales (${years(held)}), with no sale between: it was imported as another period of the same client's sales. If it is another client's, remove this import and import the file into its own workspace.`;
}

/**
 * The analysis' check on its default as-of date (the last transaction day): whether the latest days
 * are a small group a year or more after all the others. One pass over the days, no sorting.
 */
export function isolatedLastDays(days: ArrayLike<number>, lastDay: number): { rows: number; before: number } | null {
  const edge = lastDay - OUTLIER_GAP_DAYS;
  let recent = 0;
  let recentFirst = lastDay;
  let before = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d > edge) {
      recent++;
      if (d < recentFirst) recentFirst = d;
    } else if (d > before) before = d;
  }
  if (before === -Infinity || recentFirst - before <= OUTLIER_GAP_DAYS) return null;
  return isOutlierGroup(recent, days.length, days.length - recent) ? { rows: recent, before } : null;
}
