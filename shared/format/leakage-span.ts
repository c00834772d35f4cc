/**
 * What leakage money is over: a year, or the days the data holds before the as-of date when it is
 * younger than a year (revenue, growth and leakage then cover those days, and recovery is put on
 * their footing: Features.windowDays). Runs stored before carry no window: a year.
 */
export type LeakageSpan = {
  /** Whether the data is younger than a year at the as-of date. */
  short: boolean;
  days: number;
  /** "a year", or "over 182 days". */
  per: string;
  /** The revenue the share is read against: "12-month revenue", or "revenue over 182 days". */
  revenue: string;
};

const YEAR = 365;

export function leakageSpan(windowDays: number | undefined): LeakageSpan {
  const days = windowDays ?? YEAR;
  if (days >= YEAR) return { short: false, days: YEAR, per: 'a year', revenue: '12-month revenue' };
  return { short: true, days, per: `over ${days} days`, revenue: `revenue over ${days} days` };
}
