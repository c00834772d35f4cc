/**
 * What leakage money is over: a year, or the days the data holds before the as-of date when it is
 * younger than a year (revenue, growth and leakage then cover those days, and recovery is put on
 * their footing: Features.windowDays). Runs stored before carry no window: a year.
 */
export type LeakageSpan = {
  /** Whether the data is younger than a year at the as-of date. */
  short: boolean;
  days: number;
  /** The stretch's length: "a year", or "182 days" ("1 day"). */
  length: string;
  /** In a sentence: "a year", or "over 182 days". */
  per: string;
  /** The stretch itself in a sentence: "the last 12 months", or "the 182 days of data". */
  window: string;
  /** In a label or an axis name: "per year", or "over 182 days". */
  heading: string;
  /** The revenue the share is read against: "12-month revenue", or "revenue over 182 days". */
  revenue: string;
  /** A table column of that revenue: "Revenue 12m", or "Revenue, 182 days". */
  revenueColumn: string;
};

const YEAR = 365;

export function leakageSpan(windowDays: number | undefined): LeakageSpan {
  const days = windowDays ?? YEAR;
  if (days >= YEAR) return { short: false, days: YEAR, length: 'a year', per: 'a year', window: 'the last 12 months', heading: 'per year', revenue: '12-month revenue', revenueColumn: 'Revenue 12m' };
  const counted = `${days} day${days === 1 ? '' : 's'}`;
  const over = `over ${counted}`;
  return { short: true, days, length: counted, per: over, window: `the ${counted} of data`, heading: over, revenue: `revenue ${over}`, revenueColumn: `Revenue, ${counted}` };
}
