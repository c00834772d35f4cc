import { parseAmount } from './numbers';
import { median } from '../../../shared/analytics/sorted';

/**
 * Which of an amount column and a price column is money and which counts items, where a file has
 * both and no quantity column: Ta-Feng's AMOUNT (the number of items) beside its SALES_PRICE (the
 * line's total) had summed the items as the revenue.
 */

/** An "amount" whose values are this small and whole may count items. */
const MAX_COUNT_MEDIAN = 10;
/** A price above the amount on this share of rows: a line's total is never below its own unit price. */
const PRICE_ABOVE_SHARE = 0.9;
/** A price written with cents on this share of rows is money, where the amount beside it never has cents. */
const PRICE_CENTS_SHARE = 0.5;
/** Rank correlation of the price with the count: a line's total grows with it, a unit price does not. */
const MOVES_WITH_COUNT = 0.5;
const STAYS_PUT = 0;

/**
 * Headers that say a column is money, whatever else they say: "Amount" alone is ambiguous (Ta-Feng
 * counts items in it), "Revenue" or "Line Value" are not.
 */
const NAMES_MONEY = /(revenue|turnover|dollar|usd|eur|gbp|value|total|net|umsatz|erloes|montantht|chiffredaffaires|fatturato|omzet)/;
/** A price header that also names the sale or the line (SALES_PRICE, Line Price, Extended Price): the line's amount. */
const PRICE_OF_THE_LINE = /(sales|total|value|amount|line|extended|revenue)/;

export type AmountColumns = {
  /** The column guessed as the revenue, its header normalised, and its sampled values. */
  amount: { column: string; header: string; values: readonly string[] };
  price: { column: string; header: string; values: readonly string[] };
  /** The product of each sampled row, where a product column was found. */
  products: readonly string[] | null;
};

export type CountedAmount = {
  /** Why the amount is a count, for the quantity's reason. */
  countReason: string;
  /** Whether the price is each line's total (the revenue) rather than a price per unit, and why. */
  lineTotal: boolean;
  priceReason: string;
};

/**
 * Whether a price column is each line's total rather than a price per unit, by the products the
 * sample shows at two quantities: a total moves with the quantity, a unit price stays. Null when no
 * product says.
 */
export function priceIsLineTotal(quantities: readonly string[], prices: readonly string[], products: readonly string[] | null): boolean | null {
  if (!products) return null;
  const seen = new Map<string, { q: number; p: number }>();
  let total = 0;
  let unit = 0;
  products.forEach((product, row) => {
    const q = parseAmount(quantities[row] ?? '');
    const p = parseAmount(prices[row] ?? '');
    if (!product.trim() || q === null || p === null || q <= 0 || p <= 0) return;
    const before = seen.get(product);
    if (!before) {
      seen.set(product, { q, p });
      return;
    }
    if (before.q === q) return;
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 0.02 * Math.max(a, b);
    if (close(before.p / before.q, p / q)) total++;
    else if (close(before.p, p)) unit++;
  });
  if (total + unit < 3) return null;
  return total > unit;
}

/** Ranks with ties sharing their mean rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation; 0 when either side does not vary. */
export function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (a.length - 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < ra.length; i++) {
    cov += (ra[i] - mean) * (rb[i] - mean);
    va += (ra[i] - mean) ** 2;
    vb += (rb[i] - mean) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

/**
 * The amount counts items when its sampled values are whole numbers with a median of
 * MAX_COUNT_MEDIAN or under and the price beside it is money by one sign at least: above the amount
 * on nearly every row, written with cents where the amount never is, or moving with the amount for
 * the same product. Cheap items make the first fail (a sixth of Online Retail's lines cost under 1),
 * so it cannot be the only one. An amount whose header names money outright is never a count.
 * Null when the amount is money.
 */
export function amountThatCounts({ amount, price, products }: AmountColumns): CountedAmount | null {
  if (NAMES_MONEY.test(amount.header)) return null;
  const counts: number[] = [];
  const paired: number[] = [];
  let above = 0;
  let cents = 0;
  for (const [row, written] of amount.values.entries()) {
    const n = parseAmount(written);
    if (n === null) continue;
    if (!Number.isInteger(n)) return null;
    counts.push(Math.abs(n));
    const p = parseAmount(price.values[row] ?? '');
    paired.push(p === null ? Number.NaN : Math.abs(p));
    if (p === null) continue;
    if (Math.abs(p) > Math.abs(n)) above++;
    if (!Number.isInteger(p)) cents++;
  }
  const middle = median(counts);
  if (counts.length < 5 || middle > MAX_COUNT_MEDIAN) return null;
  const lineByProduct = priceIsLineTotal(amount.values, price.values, products);
  const share = (k: number): number => Math.round((k / counts.length) * 100);
  const signs = [
    above >= PRICE_ABOVE_SHARE * counts.length ? `below '${price.column}' on ${share(above)}% of rows` : null,
    cents >= PRICE_CENTS_SHARE * counts.length ? `while '${price.column}' has cents on ${share(cents)}% of rows` : null,
    lineByProduct === true ? `'${price.column}' moving with it for the same product` : null,
  ].filter((s): s is string => s !== null);
  if (signs.length === 0) return null;
  const countReason = `'${amount.column}' holds small whole numbers (median ${middle}) ${signs[0]}: a count of items, not money`;
  const both = counts.map((c, i) => [c, paired[i]] as const).filter(([, p]) => !Number.isNaN(p));
  const moves = rankCorrelation(
    both.map(([c]) => c),
    both.map(([, p]) => p),
  );
  const alternative = (total: boolean): string =>
    total ? `map '${price.column}' as the unit price if it is one` : `map '${price.column}' as revenue if it is the line's total`;
  if (lineByProduct !== null) {
    return lineByProduct
      ? { countReason, lineTotal: true, priceReason: `'${price.column}' moves with '${amount.column}' for the same product: each line's amount, not a price per unit (${alternative(true)})` }
      : { countReason, lineTotal: false, priceReason: `each line is '${amount.column}' x '${price.column}', which stays put for a product bought at two counts (${alternative(false)})` };
  }
  // Without products, the rows as a whole: a line's total rises with the count, a unit price does
  // not (cheap items are the ones bought by the dozen).
  if (moves >= MOVES_WITH_COUNT) {
    return { countReason, lineTotal: true, priceReason: `'${price.column}' rises with '${amount.column}' across the rows (rank correlation ${moves.toFixed(2)}): each line's amount, not a price per unit (${alternative(true)})` };
  }
  if (moves > STAYS_PUT && PRICE_OF_THE_LINE.test(price.header.replace(/price$/, ''))) {
    return { countReason, lineTotal: true, priceReason: `'${price.column}' names the sale, not a price per unit: each line's amount (${alternative(true)})` };
  }
  return { countReason, lineTotal: false, priceReason: `each line is '${amount.column}' x '${price.column}' (${alternative(false)})` };
}
