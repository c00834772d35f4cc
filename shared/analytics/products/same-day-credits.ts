import type { NonProductLine } from '../../model/products';
import type { LineKind } from './non-product';

/**
 * Kinds of non-product line whose credits take money off goods: a manual adjustment voiding a
 * mistyped line, a discount. Postage refunds, fees, commission and vouchers move money that was
 * never goods, so their credits stay out with the rest of the line.
 */
const CREDITS_AGAINST_GOODS: ReadonlySet<LineKind> = new Set<LineKind>(['adjustment', 'discount']);

/** Codes of the lines left out as not products whose credits can net a day's goods. */
export const goodsCreditCodes = (lines: readonly NonProductLine[]): Set<string> =>
  new Set(lines.filter((l) => l.excluded && CREDITS_AGAINST_GOODS.has(l.kind)).map((l) => l.code));

/** What joining same-day credits to goods moved: rows and their (negative) revenue. */
export type SameDayCredits = { rows: number; revenue: number };

/**
 * A credit on an adjustment or discount line, booked on a day the same customer bought goods, joins
 * the category of that day's largest goods line, so the day nets as a same-day return does. Left
 * out, a customer who mistyped a £38,970 line and had it voided by a manual credit the same hour
 * (Online Retail, customer 15098) read as a £40,000 one-time buyer: a strategic account and the
 * second call on the recovery list, with £32,000 at risk, though it bought £650 of goods.
 *
 * `order` runs customer by customer and day by day; `category` is each row's final category (-1:
 * left out), written over for the credits that join; `credit` marks the rows that may.
 */
export function joinSameDayCredits(
  order: ArrayLike<number>,
  customer: ArrayLike<number>,
  day: ArrayLike<number>,
  revenue: ArrayLike<number>,
  category: Int32Array,
  credit: Uint8Array,
): SameDayCredits {
  const joined: SameDayCredits = { rows: 0, revenue: 0 };
  for (let start = 0; start < order.length; ) {
    const c = customer[order[start]];
    const d = day[order[start]];
    let end = start;
    let largest = 0;
    let into = -1;
    let credits = false;
    for (; end < order.length && customer[order[end]] === c && day[order[end]] === d; end++) {
      const row = order[end];
      if (credit[row] === 1) credits = true;
      else if (category[row] >= 0 && revenue[row] > largest) {
        largest = revenue[row];
        into = category[row];
      }
    }
    if (credits && into >= 0) {
      for (let i = start; i < end; i++) {
        const row = order[i];
        if (credit[row] !== 1) continue;
        category[row] = into;
        joined.rows++;
        joined.revenue += revenue[row];
      }
    }
    start = end;
  }
  return joined;
}
