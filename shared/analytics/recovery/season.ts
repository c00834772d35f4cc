// Seasonality of one relationship, and the "season clock" that judges it.
//
// A category bought only in some months (say June to August) looks late every September if its gap
// is compared to its in-season rhythm. We detect such relationships from their own history and then
// count only in-season days: the off-season gap costs nothing, while a season that opens and passes
// without an order keeps adding days, so missing a season is caught. Detection asks for evidence
// across at least two seasons and for a real rhythm inside them, so a slow buyer whose orders
// happen to fall in a few months (every 120 days: January, May, September) is not called seasonal.

/**
 * Days are judged by calendar month: `monthOf(day)` must answer 0..11 for any day passed in. A month
 * table may also count a span's in-season days itself (`seasonDays`, the same count as seasonDays
 * below), from running totals per month instead of a day at a time.
 */
export type MonthOf = ((day: number) => number) & { seasonDays?: (a: number, b: number, mask: number) => number };

/** An off-season: at least this many consecutive calendar months without an order, in every year seen. */
const MIN_OFF_SEASON_MONTHS = 3;
/** An interval this long that spans the off-season marks the start of another season. */
const MIN_SEASON_BREAK_DAYS = 60;
/** A season has a rhythm only with this many orders per season on average. */
const MIN_ORDERS_PER_SEASON = 2;

/** Bit m set = month m (0 = January) had at least one order among the first n days. */
export function monthMask(days: ArrayLike<number>, monthOf: MonthOf, n = days.length): number {
  let mask = 0;
  for (let i = 0; i < n; i++) mask |= 1 << monthOf(days[i]);
  return mask;
}

/** Longest circular run of months missing from the mask. */
export function longestEmptyRun(mask: number): number {
  if (mask === 0) return 12;
  let best = 0;
  let run = 0;
  for (let i = 0; i < 24; i++) {
    if (mask & (1 << i % 12)) run = 0;
    else best = Math.max(best, ++run);
  }
  return Math.min(best, 12);
}

/**
 * The in-season month mask, or 0 when the relationship is not seasonal. `days` are distinct
 * order days, ascending: the first n of a buffer that may be longer.
 */
export function detectSeason(days: ArrayLike<number>, monthOf: MonthOf, n = days.length): number {
  if (n < 2 * MIN_ORDERS_PER_SEASON) return 0;
  const mask = monthMask(days, monthOf, n);
  if (longestEmptyRun(mask) < MIN_OFF_SEASON_MONTHS) return 0;
  // The off-season must have been lived through: an interval spanning it, with orders on both sides.
  let breaks = 0;
  for (let i = 1; i < n; i++) if (days[i] - days[i - 1] >= MIN_SEASON_BREAK_DAYS && spansEmptyRun(days[i - 1], days[i], mask, monthOf)) breaks++;
  if (breaks === 0) return 0;
  // Orders per season; a yearly buyer has one per "season" and is judged by its plain cycle instead.
  if (n / (breaks + 1) < MIN_ORDERS_PER_SEASON) return 0;
  return mask;
}

/** True when at least four weeks of off-season lie strictly between the orders on days a and b. */
function spansEmptyRun(a: number, b: number, mask: number, monthOf: MonthOf): boolean {
  const between = b - a - 1;
  return between - seasonDays(a, b - 1, mask, monthOf) >= 28;
}

/** Number of in-season days in (a, b]. */
export function seasonDays(a: number, b: number, mask: number, monthOf: MonthOf): number {
  if (monthOf.seasonDays) return monthOf.seasonDays(a, b, mask);
  let count = 0;
  for (let d = a + 1; d <= b; d++) if (mask & (1 << monthOf(d))) count++;
  return count;
}

/**
 * The season clock's gap since the last order on day `last`, as of `asOf`: in-season days after it,
 * less the rest of the season it was bought in once that season has closed. A buyer that orders
 * twice early each December and stops has done its December, not gone quiet for its last weeks:
 * counted, those weeks made every such buyer late from January to November (13.5 "cycles" of a
 * two-day in-season rhythm). Within the season still running the days count, and every later
 * season passed without an order counts whole.
 */
export function seasonClockGap(last: number, asOf: number, mask: number, monthOf: MonthOf): number {
  const inSeason = seasonDays(last, asOf, mask, monthOf);
  if (inSeason === asOf - last) return inSeason;
  let rest = 0;
  for (let d = last + 1; d <= asOf && mask & (1 << monthOf(d)); d++) rest++;
  return inSeason - rest;
}

/** "Jun-Aug" or "Nov-Feb": the in-season months as one circular range when they form one. */
export function seasonLabel(mask: number): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const months: number[] = [];
  // Start right after an empty month so a wrapping season reads in order.
  let start = 0;
  for (let m = 0; m < 12; m++) if (!(mask & (1 << m)) && mask & (1 << (m + 1) % 12)) start = (m + 1) % 12;
  for (let i = 0; i < 12; i++) if (mask & (1 << (start + i) % 12)) months.push((start + i) % 12);
  const contiguous = months.every((m, i) => i === 0 || m === (months[i - 1] + 1) % 12);
  if (contiguous && months.length > 1) return `${names[months[0]]}-${names[months[months.length - 1]]}`;
  return months.map((m) => names[m]).join(', ');
}
