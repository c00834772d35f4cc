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

/**
 * What joining same-day credits to goods moved: the credits' rows and their (negative) revenue, and
 * the same day's re-bills on the same kinds of line that joined with them.
 */
export type SameDayCredits = { rows: number; revenue: number; rebills?: { rows: number; revenue: number } };

/** `credit` marks: a credit that may net the day's goods, and a charge on the same kinds of line (a re-bill when a credit shares its day). */
export const CREDIT_LINE = 1;
export const REBILL_LINE = 2;

/**
 * A credit on an adjustment or discount line, booked on a day the same customer bought goods, joins
 * the category of that day's largest goods line, so the day nets as a same-day return does. Left
 * out, a customer who mistyped a £38,970 line and had it voided by a manual credit the same hour
 * (Online Retail, customer 15098) read as a £40,000 one-time buyer: a strategic account and the
 * second call on the recovery list, with £32,000 at risk, though it bought £650 of goods.
 *
 * A charge on the same kinds of line that day joins with them: a manual credit and its manual
 * re-bill (Online Retail's 12365 bought £320.69, was credited £320.69 and billed £320.69 again by
 * hand the same day) net to nothing, where the credit alone had wiped out the day's goods and made
 * the customer inactive. A charge on a day without a credit stays out, as the rest of its line.
 *
 * `order` runs customer by customer and day by day; `category` is each row's final category (-1:
 * left out), written over for the rows that join; `credit` marks the rows that may (CREDIT_LINE,
 * REBILL_LINE).
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
  const rebills = { rows: 0, revenue: 0 };
  for (let start = 0; start < order.length; ) {
    const c = customer[order[start]];
    const d = day[order[start]];
    let end = start;
    let largest = 0;
    let into = -1;
    let credits = false;
    for (; end < order.length && customer[order[end]] === c && day[order[end]] === d; end++) {
      const row = order[end];
      if (credit[row] === CREDIT_LINE) credits = true;
      else if (credit[row] === REBILL_LINE) continue;
      else if (category[row] >= 0 && revenue[row] > largest) {
        largest = revenue[row];
        into = category[row];
      }
    }
    if (credits && into >= 0) {
      for (let i = start; i < end; i++) {
        const row = order[i];
        if (credit[row] === 0) continue;
        category[row] = into;
        const tally = credit[row] === CREDIT_LINE ? joined : rebills;
        tally.rows++;
        tally.revenue += revenue[row];
      }
    }
    start = end;
  }
  return rebills.rows > 0 ? { ...joined, rebills } : joined;
}
