import type { Dataset } from '../model/dataset';
import { formatMoney, formatShare } from '../format/numbers';
import { isoFromDay } from '../format/dates';

/** A line carrying at least this share of the window's revenue is worth a second look... */
const SHARE = 0.25;
/** ...among at least this many lines: in a file of a dozen, one line can honestly be a quarter. */
const MIN_LINES = 100;
const WINDOW_DAYS = 365;

export type OutsizedLine = { customer: number; category: number; day: number; revenue: number; share: number };

/**
 * The one sale line carrying a quarter or more of the 12 months' revenue to the as-of day, if any:
 * an extra zero or a quantity typed as a price. Left unremarked it sets its customer's tier, money
 * at risk and growth, and the business's own trend, as if it were real (one $10,000,000 line among
 * $100 ones made leakage read 140%). One pass over the lines.
 */
export function outsizedLine(ds: Dataset, asOfDay: number): OutsizedLine | null {
  const { customer, category, day, revenue } = ds.tx;
  const from = asOfDay - WINDOW_DAYS;
  let total = 0;
  let lines = 0;
  let top = -1;
  for (let i = 0; i < revenue.length; i++) {
    if (day[i] <= from || day[i] > asOfDay || !(revenue[i] > 0)) continue;
    total += revenue[i];
    lines++;
    if (top < 0 || revenue[i] > revenue[top]) top = i;
  }
  if (top < 0 || lines < MIN_LINES || revenue[top] < SHARE * total) return null;
  return { customer: customer[top], category: category[top], day: day[top], revenue: revenue[top], share: revenue[top] / total };
}

export const outsizedLineNote = (ds: Dataset, line: OutsizedLine): string =>
  `One sale line carries ${formatShare(line.share, 0)} of the 12 months' revenue: ${ds.customers[line.customer].code}, ${ds.categories[line.category]}, ${isoFromDay(line.day)}, ${formatMoney(line.revenue, ds.currency)}. If it is a typo (an extra zero, a quantity in the price column), fix it and import again: as it stands it sets that customer's tier, money at risk and growth, and the whole business's trend.`;
