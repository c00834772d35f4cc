import type { CustomerDetail } from '../../../../shared/contract/analysis';

type Cycle = CustomerDetail['cycles'][number];

/**
 * A relationship with fewer purchase days than the run's rhythm needs is not judged at all, so it
 * has no pattern to name: one bought once had read "regular" beside "no rhythm yet".
 */
export function cyclePattern(c: Pick<Cycle, 'purchases' | 'seasonal' | 'volatile'>, minPurchases: number): string {
  if (c.purchases < minPurchases) return `not judged: ${c.purchases} of ${minPurchases}`;
  return [c.seasonal ? 'seasonal' : '', c.volatile ? 'volatile' : ''].filter(Boolean).join(', ') || 'regular';
}

/**
 * The usual cycle as recovery judges it (the mean gap, which the due date adds to the last
 * purchase), and the median gap beside it where the two differ by a fifth or more: showing the
 * median alone had read "11 days" beside a due date 16 days after the last purchase.
 */
export function cycleWords(c: Pick<Cycle, 'cycleDays' | 'medianIntervalDays'>, fmt: { number: (v: number, digits?: number) => string }): string {
  if (c.cycleDays === null) return 'no rhythm yet';
  const days = (v: number): string => `${fmt.number(v, 0)} day${Math.round(v) === 1 ? '' : 's'}`;
  const median = c.medianIntervalDays;
  const apart = median !== null && median > 0 && Math.abs(c.cycleDays - median) >= 0.2 * Math.min(c.cycleDays, median);
  return apart ? `${days(c.cycleDays)} (median ${fmt.number(median, 0)})` : days(c.cycleDays);
}

/**
 * The Usual cycle column's width, fixed rather than a share of the table: at 1280 px a share left
 * "30 days (median …" and hid the median. It holds the longest words above, "365 days (median 120)".
 */
export const CYCLE_COLUMN_WIDTH = '13rem';
