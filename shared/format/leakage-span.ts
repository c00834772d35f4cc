import { PURCHASE_UNITS } from './currency';

/**
 * What leakage money is over: a year, or the days the data holds before the as-of date when it is
 * younger than a year (revenue, growth and leakage then cover those days, and recovery is put on
 * their footing: Features.windowDays). Runs stored before carry no window: a year. A spend table has
 * no dates at all: its money is the table's, over whatever stretch the table sums, never "12 months".
 * A purchase log without money counts purchases, so its "revenue" is purchases.
 */
export type LeakageSpan = {
  /** Whether the data is younger than a year at the as-of date. */
  short: boolean;
  /** Whether the data has dates; a spend table has none, and no stretch to name. */
  dated: boolean;
  days: number;
  /** The stretch's length: "a year", "182 days" ("1 day"), or "the table's span". */
  length: string;
  /** In a sentence: "a year", "over 182 days", or nothing for a spend table (its money is the table's). */
  per: string;
  /** The stretch itself in a sentence: "the last 12 months", "the 182 days of data", or "the table". */
  window: string;
  /** In a label or an axis name: "per year", "over 182 days", or nothing for a spend table. */
  heading: string;
  /** What the amounts are, for a label: "revenue", or "purchases" for a purchase log. */
  amount: 'revenue' | 'purchases';
  /** The revenue the share is read against: "12-month revenue", "revenue over 182 days", "the table's revenue" ("12-month purchases"...). */
  revenue: string;
  /** A table column of that revenue: "Revenue 12m", "Revenue, 182 days", "Revenue in the table" ("Purchases 12m"...). */
  revenueColumn: string;
};

/** How the data is read: without dates (a spend table), and in what its amounts count. */
export type SpanOptions = { hasDates?: boolean; currency?: string };

const YEAR = 365;

export function leakageSpan(windowDays: number | undefined, options: SpanOptions = {}): LeakageSpan {
  const amount = options.currency === PURCHASE_UNITS ? 'purchases' : 'revenue';
  const Amount = amount === 'purchases' ? 'Purchases' : 'Revenue';
  if (options.hasDates === false) {
    return { short: false, dated: false, days: YEAR, length: "the table's span", per: '', window: 'the table', heading: '', amount, revenue: `the table's ${amount}`, revenueColumn: `${Amount} in the table` };
  }
  const days = windowDays ?? YEAR;
  if (days >= YEAR) return { short: false, dated: true, days: YEAR, length: 'a year', per: 'a year', window: 'the last 12 months', heading: 'per year', amount, revenue: `12-month ${amount}`, revenueColumn: `${Amount} 12m` };
  const counted = `${days} day${days === 1 ? '' : 's'}`;
  const over = `over ${counted}`;
  return { short: true, dated: true, days, length: counted, per: over, window: `the ${counted} of data`, heading: over, amount, revenue: `${amount} ${over}`, revenueColumn: `${Amount}, ${counted}` };
}

/** Words joined by single spaces, leaving out empty ones: "Leakage" + a spend table's empty `per`. */
export const spanWords = (...words: string[]): string => words.filter((w) => w !== '').join(' ');

/** A run's span, from its summary: its revenue window, whether it has dates, what its amounts count. */
export const runSpan = (s: { leakage: { windowDays?: number }; hasDates: boolean; currency: string }): LeakageSpan =>
  leakageSpan(s.leakage.windowDays, { hasDates: s.hasDates, currency: s.currency });

/** A chart's or list's span: given whole, or only as days (a dated run's window; a year when none). */
export const spanOf = (span: LeakageSpan | number | undefined): LeakageSpan => (typeof span === 'object' ? span : leakageSpan(span));
