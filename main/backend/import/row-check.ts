import type { DateFormat } from '../../../shared/contract/import';
import { closingPeriod, describeDateFormat, parseDate, withoutItsOrder } from './dates';
import { contradictsDecimalStyle, decimalReason, DEFAULT_MAX_AMOUNT, implausibleAmount, parseAmount, type DecimalStyle } from './numbers';
import type { ImportPlan, Mapping } from './plan';
import type { OutlierDays } from './outlier-dates';
import { namesCredit, namesNoSale } from '../../../shared/model/sale-status';
import { otherCurrencyIn } from '../../../shared/format/currency';
import { isTotalsLabel, looksLikeGroupTotal, totalsReason } from './totals-row';
import { ownString } from './source';
import { isMissingMarker, markerReason, unlessMarker, unlessRegionMarker } from './missing-markers';

/**
 * What the checks of a sale row need from the plan, and nothing that cannot cross to another
 * thread: the parser worker receives it as it is.
 */
export type CheckPlan = {
  headers: string[];
  mapping: Mapping;
  decimals: [string, DecimalStyle][];
  dateFormat: DateFormat | null;
  maxAmount: number;
  creditInvoices: boolean;
  /** The day of day 1 when dates are day numbers. */
  dayOne?: number;
  /** Rows whose currency column names another currency than the import's are rejected (ImportPlan.currencyRows). */
  currencyRows?: { column: string; code: string };
  /** The values a line may hold (ImportPlan.fieldLimit, and the joined date); a line with more non-blank ones is rejected. */
  fields?: number;
};

export const checkPlanOf = (plan: ImportPlan): CheckPlan => ({
  headers: plan.headers,
  mapping: plan.mapping,
  decimals: [...plan.decimals],
  dateFormat: plan.date.detected,
  maxAmount: plan.maxAmount ?? DEFAULT_MAX_AMOUNT,
  creditInvoices: plan.creditInvoices,
  dayOne: plan.dayOne,
  currencyRows: plan.currencyRows,
  ...(plan.fieldLimit !== undefined ? { fields: plan.fieldLimit + (plan.joinedDate ? 1 : 0) } : {}),
});

/**
 * The first non-blank value past the header's width, or -1: a line with more values than the
 * header names was split where it should not be (an unquoted '1,234.00'), its values after the
 * split each one column off.
 */
export function beyondHeader(cells: readonly string[], width: number): number {
  for (let k = width; k < cells.length; k++) if (cells[k].trim() !== '') return k;
  return -1;
}

/** How many values a line holds, blank ones after the last left out (a trailing delimiter is none). */
function valuesIn(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1].trim() === '') n--;
  return n;
}

/** A line's values as a reason quotes them: "C2 | 2023-01-06 | Widgets", cut at 100 characters. */
const quoted = (values: readonly string[]): string => {
  const shown = values.map((c) => c.trim()).join(' | ');
  return shown.length > 100 ? `${shown.slice(0, 100)}...` : shown;
};

/** Why a line with more values than its header is rejected, in words. */
export const beyondHeaderReason = (cells: readonly string[], width: number): string => {
  const values = cells.slice(0, valuesIn(cells));
  return `the line has ${values.length} values where the header names ${width} (${quoted(values)}): a value holding the delimiter without quotes (an amount written 1,234.00, say) splits in two and every value after it sits one column off; quote that value or export the file again`;
};

/**
 * Why a line with fewer values than its header is rejected, where a column it needs is missing
 * altogether: "no revenue (Amount is empty)" read as a blank amount on a line cut short.
 */
export const shortLineReason = (cells: readonly string[], width: number, column: string): string =>
  `the line has ${cells.length} value${cells.length === 1 ? '' : 's'} where the header names ${width} (${quoted(cells)}), so it has no ${column} at all: a line cut short or a delimiter missing; export the file again`;

/** Where checked rows go: to the store in this thread, or into a batch for the thread that stores. */
export type CheckedRows = {
  reject: (line: number, column: string | null, value: string | null, reason: string) => void;
  /** A row skipped because its status says it is no sale (a view, a cancelled order), before any check. */
  noSale: (status: string) => void;
  /** The first text a day was written as, told once per day: a row taken back later is quoted with it. */
  dayText: (day: number, text: string) => void;
  /** A row that passed every check, its text trimmed; orders is 0 outside cubes. */
  store: (
    line: number,
    customer: string,
    customerName: string,
    day: number,
    category: string,
    product: string,
    productName: string,
    quantity: number | null,
    revenue: number,
    rep: string,
    territory: string,
    segment: string,
    invoice: string,
    orders: number,
  ) => void;
};

/** The store's side of checked rows: also takes the parser worker's rows, their texts by code. */
export type StoredRows = CheckedRows & {
  /** What store does for row i of a parser batch. */
  storeCoded: (line: number, texts: CodedTexts, i: number, day: number, quantity: number | null, revenue: number, invoice: string, orders: number) => void;
};

/** What one row of a purchase log (no revenue or price column, see countsPurchases) is worth: one purchase. */
export const PURCHASE_UNIT = 1;

/** The text fields of a checked row, by position in a parser batch's codes and dictionaries. */
export const TEXT = { customer: 0, customerName: 1, category: 2, product: 3, productName: 4, rep: 5, territory: 6, segment: 7 } as const;
export const TEXT_FIELDS = 8;

/** Texts that crossed from the parser worker as codes: the row's text of field f is dictionaries[f][codes[f][i]]. */
export type CodedTexts = { codes: Int32Array[]; dictionaries: string[][] };

/** The columns a sale row is read from, by position (-1: the file has no such column). */
export type SaleColumns = ReturnType<typeof saleColumns>;

export function saleColumns(headers: string[], m: Mapping) {
  const col = (c: string | undefined): number => (c === undefined ? -1 : headers.indexOf(c));
  return {
    customer: col(m.customer),
    customerName: m.customerName === m.customer ? -1 : col(m.customerName),
    date: col(m.date),
    category: col(m.category),
    product: col(m.product),
    productName: col(m.productName),
    quantity: col(m.quantity),
    unitPrice: col(m.unitPrice),
    revenue: col(m.revenue),
    rep: col(m.rep),
    territory: col(m.territory),
    segment: col(m.segment),
    invoice: col(m.invoice),
    orders: col(m.orders),
    status: col(m.status),
  };
}

const text = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());

/** A cell holding a spreadsheet formula's error instead of a value. */
const EXCEL_ERROR = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|GETTING_DATA|ERROR)$/;

/** The first mapped cell of a row that holds a formula's error (#N/A), or -1. */
function errorCell(cells: readonly string[], at: readonly number[]): number {
  for (const i of at) {
    const v = cells[i];
    if (v !== undefined && v.charCodeAt(0) === 35 && EXCEL_ERROR.test(v.trim())) return i;
  }
  return -1;
}

/** Why a row in another currency is rejected, and what to do about it. */
export const inAnotherCurrency = (other: string, code: string): string =>
  `an amount in ${other}, but this import is in ${code}: amounts in two currencies cannot be summed. Convert the ${other} rows to ${code} first, or import them into a workspace of their own`;

/**
 * Checks one sale (or cube) row: every value parsed and validated, the first problem rejected
 * with its column, raw value and reason. Pure: it runs in the import's thread or in the parser
 * worker, and both hand the same calls to `out`. `farDays` (dates found far from the rest before
 * the rows come) is only known where DuckDB counted the dates, in the import's thread.
 * `toldDays`: the days whose first text was told, shared with the parser worker's byte reader.
 */
export function rowChecker(check: CheckPlan, out: CheckedRows, farDays?: OutlierDays, toldDays = new Set<number>()): (line: number, cells: string[]) => void {
  const m = check.mapping;
  const ix = saleColumns(check.headers, m);
  const decimals = new Map(check.decimals);
  const style = (c: string | undefined): DecimalStyle => (c ? (decimals.get(c) ?? 'dot') : 'dot');
  const qtyStyle = style(m.quantity);
  const priceStyle = style(m.unitPrice);
  const revenueStyle = style(m.revenue);
  const { maxAmount, dateFormat, creditInvoices: credits, dayOne } = check;
  const dateWords = dateFormat ? describeDateFormat(dateFormat) : 'a date';
  const single = ix.category < 0 && ix.product < 0;
  let lastDateText = '';
  let lastDay: number | null = null;
  const dayCache = new Map<string, number | null>();
  const currency = check.currencyRows;
  const currencyIx = currency ? check.headers.indexOf(currency.column) : -1;
  // Files come grouped by customer: a line mostly repeats the customer of the line before.
  let lastCustomer = '';
  let lastIsTotals = false;
  let lastIsMarker = false;

  const width = check.fields;
  const checked = [ix.customer, ix.date, ix.category, ix.product, ix.quantity, ix.unitPrice, ix.revenue].filter((i) => i >= 0);
  return (line, cells) => {
    const broken = errorCell(cells, checked);
    if (broken >= 0) return out.reject(line, check.headers[broken] ?? null, cells[broken].trim(), `'${cells[broken].trim()}' is a spreadsheet formula's error, not a value: fix the formula (or paste values) and import again`);
    if (width !== undefined && cells.length > width) {
      const k = beyondHeader(cells, width);
      if (k >= 0) return out.reject(line, `column ${k + 1} (past the header)`, cells[k].trim(), beyondHeaderReason(cells, width));
    }
    if (width !== undefined && cells.length < width) {
      const cut = [ix.customer, ix.date, ix.revenue, ix.unitPrice, ix.quantity].find((k) => k >= cells.length);
      if (cut !== undefined) return out.reject(line, check.headers[cut] ?? null, '', shortLineReason(cells, width, check.headers[cut] ?? `column ${cut + 1}`));
    }
    if (ix.status >= 0) {
      const status = cells[ix.status] ?? '';
      if (namesNoSale(status)) return out.noSale(status);
    }
    if (currency && currencyIx >= 0) {
      const written = text(cells, currencyIx);
      const other = otherCurrencyIn(written, currency.code);
      if (other) return out.reject(line, currency.column, written, inAnotherCurrency(other, currency.code));
    }
    const customer = text(cells, ix.customer);
    if (customer === '') {
      // A report's heading, totals or footer line ('Acme Inc' above its invoices, 'Total for Acme Inc') has neither.
      if (ix.date >= 0 && text(cells, ix.date) === '') return out.reject(line, m.customer ?? null, '', `no customer and no date (${m.customer} and ${m.date} are empty): a heading, totals or note line of the report, not a sale`);
      return out.reject(line, m.customer ?? null, '', `no customer (${m.customer} is empty)`);
    }
    if (customer !== lastCustomer) {
      lastCustomer = customer;
      lastIsTotals = isTotalsLabel(customer);
      lastIsMarker = isMissingMarker(customer);
    }
    if (lastIsMarker) return out.reject(line, m.customer ?? null, customer, markerReason('customer', m.customer, customer));
    if (lastIsTotals) return out.reject(line, m.customer ?? null, customer, totalsReason(customer));
    const dateText = text(cells, ix.date);
    let day = dateText === lastDateText ? lastDay : dayCache.get(dateText);
    if (day === undefined) {
      day = parseDate(dateText, dateFormat, dayOne);
      // A file has a few thousand distinct dates at most; the bound only guards odd files.
      if (dayCache.size > 50_000) dayCache.clear();
      dayCache.set(ownString(dateText), day);
    }
    lastDateText = dateText;
    lastDay = day;
    if (day === null) {
      if (dateText === '') {
        if (looksLikeGroupTotal(customer)) return out.reject(line, m.customer ?? null, customer, `'${customer}' with no date is a group's totals line of the report, not a sale`);
        return out.reject(line, m.date ?? null, dateText, `no date (${m.date} is empty)`);
      }
      // A report repeats its header on every page: say so, rather than that 'Date' is no date.
      if (dateText.toLowerCase() === (m.date ?? '').trim().toLowerCase()) return out.reject(line, m.date ?? null, dateText, 'the header line again, as a report repeats it on each page: not a sale');
      // A panel's day numbers (dunnhumby's DAY 1..711) or an id: no calendar date to read them by.
      if (/^\d{1,4}$/.test(dateText)) {
        return out.reject(
          line,
          m.date ?? null,
          dateText,
          `'${dateText}' is not a date but a whole number: a count of days from an unknown start, or an id. Map a column of calendar dates, or read the numbers as days counted from a date you give (--date-format day-number --day-one YYYY-MM-DD)`,
        );
      }
      const closing = closingPeriod(dateText);
      if (closing !== null) return out.reject(line, m.date ?? null, dateText, `'${dateText}' is closing period ${closing} of its fiscal year, a year-end posting with no month to date it in`);
      if (dateFormat !== null && dateFormat !== 'mdy' && dateFormat !== 'dmy' && withoutItsOrder(dateText)) {
        const dayFirst = parseDate(dateText, 'dmy') !== null;
        const monthFirst = parseDate(dateText, 'mdy') !== null;
        // A day above 12 settles the order: say which it is, not that it has none.
        if (dayFirst !== monthFirst) {
          const order = dayFirst ? 'dmy' : 'mdy';
          return out.reject(line, m.date ?? null, dateText, `'${dateText}' is written ${dayFirst ? 'day' : 'month'} first, and this import reads ${dateWords}: to read such dates, import with --date-format ${order}`);
        }
        if (dayFirst) {
          return out.reject(line, m.date ?? null, dateText, `'${dateText}' is day and month without their order, and this import reads ${dateWords}: to read such dates, import with --date-format dmy (day first) or mdy (month first)`);
        }
      }
      return out.reject(line, m.date ?? null, dateText, `'${dateText}' is not a valid date (expected ${dateWords})`);
    }
    const far = farDays?.get(day);
    if (far) return out.reject(line, m.date ?? null, dateText, far(dateText));
    if (!toldDays.has(day)) {
      toldDays.add(day);
      out.dayText(day, ownString(dateText));
    }
    let quantity: number | null = null;
    if (ix.quantity >= 0) {
      const raw = text(cells, ix.quantity);
      quantity = raw === '' ? null : parseAmount(raw, qtyStyle);
      if (raw !== '' && quantity === null) return out.reject(line, m.quantity ?? null, raw, `'${raw}' is not a number`);
    }
    let revenue: number | null;
    if (ix.revenue >= 0) {
      const raw = text(cells, ix.revenue);
      revenue = parseAmount(raw, revenueStyle);
      if (revenue === null) return out.reject(line, m.revenue ?? null, raw, raw === '' ? `no revenue (${m.revenue} is empty)` : `'${raw}' is not a number`);
      if (contradictsDecimalStyle(raw, revenueStyle)) return out.reject(line, m.revenue ?? null, raw, decimalReason(raw, revenueStyle, m.revenue));
      // A line taking goods back (negative quantity) with its amount written unsigned is a return.
      if (quantity !== null && quantity < 0 && revenue > 0) revenue = -revenue;
    } else if (ix.unitPrice < 0) {
      revenue = PURCHASE_UNIT;
    } else {
      const raw = text(cells, ix.unitPrice);
      const price = parseAmount(raw, priceStyle);
      if (price === null) return out.reject(line, m.unitPrice ?? null, raw, raw === '' ? `no unit price (${m.unitPrice} is empty)` : `'${raw}' is not a number`);
      if (contradictsDecimalStyle(raw, priceStyle)) return out.reject(line, m.unitPrice ?? null, raw, decimalReason(raw, priceStyle, m.unitPrice));
      if (quantity === null) return out.reject(line, m.quantity ?? null, '', `no quantity (${m.quantity} is empty)`);
      revenue = quantity * price;
    }
    const absurd = implausibleAmount(revenue, maxAmount);
    if (absurd) return out.reject(line, (ix.revenue >= 0 ? m.revenue : m.unitPrice) ?? null, text(cells, ix.revenue >= 0 ? ix.revenue : ix.unitPrice), `the amount ${absurd}`);
    const invoice = ix.invoice >= 0 ? text(cells, ix.invoice) : '';
    // A credit note ("C536379") is a return even when its amounts were typed positive.
    if (credits && invoice !== '' && (invoice.charCodeAt(0) === 67 || invoice.charCodeAt(0) === 99) && revenue > 0) revenue = -revenue;
    // ...and so is a row whose type says it is a credit memo or a refund.
    if (ix.status >= 0 && revenue > 0 && namesCredit(cells[ix.status] ?? '')) revenue = -revenue;
    const productCode = text(cells, ix.product);
    let category = '';
    if (ix.category >= 0) {
      category = text(cells, ix.category);
      if (category === '') return out.reject(line, m.category ?? null, '', `no category (${m.category} is empty)`);
      if (isMissingMarker(category)) return out.reject(line, m.category ?? null, category, markerReason('category', m.category, category));
    } else if (!single && productCode === '') {
      return out.reject(line, m.product ?? null, '', `no product (${m.product} is empty; it is the category level)`);
    } else if (!single && isMissingMarker(productCode)) {
      return out.reject(line, m.product ?? null, productCode, `${markerReason('product', m.product, productCode)}; it is the category level`);
    }
    let orders = 0;
    if (ix.orders >= 0) {
      const raw = text(cells, ix.orders);
      const parsed = raw === '' ? null : parseAmount(raw, 'dot');
      if (parsed === null || parsed < 0 || !Number.isInteger(parsed)) {
        return out.reject(line, m.orders ?? null, raw, raw === '' ? `no orders (${m.orders} is empty)` : `'${raw}' is not a whole number of orders`);
      }
      orders = parsed;
    }
    out.store(
      line,
      customer,
      unlessMarker(text(cells, ix.customerName)),
      day,
      category,
      unlessMarker(productCode),
      unlessMarker(text(cells, ix.productName)),
      quantity,
      revenue,
      unlessMarker(text(cells, ix.rep)),
      unlessRegionMarker(text(cells, ix.territory)),
      unlessRegionMarker(text(cells, ix.segment)),
      invoice,
      orders,
    );
  };
}
