// Amounts as people type them: $1,234.50  1.234,50 €  (120.00)  120-  CHF 1'200  1,234.50 CR
const PLAIN = /^-?\d+(\.\d+)?$/;
// A code stands apart from letters, not from digits: 'USD1,234.56' is written so too.
const CURRENCY = /[$€£¥₹₩₽¤]|(?<![A-Za-z])(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|BRL|MXN|ZAR)(?![A-Za-z])/gi;
/** What may group a column's thousands: the other decimal mark, spaces and apostrophes (Swiss 1'234, typed or typographic). */
const MARK_CLASS: Record<DecimalStyle, string> = { dot: "[,\\s\\u00a0\\u202f'’]", comma: "[.\\s\\u00a0\\u202f'’]" };
const GROUP_MARKS: Record<DecimalStyle, RegExp> = { dot: new RegExp(MARK_CLASS.dot, 'g'), comma: new RegExp(MARK_CLASS.comma, 'g') };
/** Digits grouped in thousands (1,234,567) or the Indian way (12,34,567), before any decimals. */
const groupedBy = (mark: string): RegExp => new RegExp(`^\\d{1,3}(?:(?:${mark}\\d{3})+|(?:${mark}\\d{2})*${mark}\\d{3})$`);
const GROUPED_BY: Record<DecimalStyle, RegExp> = { dot: groupedBy(MARK_CLASS.dot), comma: groupedBy(MARK_CLASS.comma) };
/** A whole amount written with its cents as a dash, as German prices are (3,- and 3,--). */
const DASHED_CENTS = /^(\d[\d.\s\u00a0\u202f'’]*)[,.]-{1,2}$/;
const DIGITS = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const CREDIT_DEBIT = /(?<=\d)\s*(cr|dr)\.?$/i;

/** How a column writes its decimals, decided from its values (one 1.234,50 settles it). */
export type DecimalStyle = 'dot' | 'comma';

/**
 * PLAIN.test(text) by hand (-12, 345.60): most amounts of a big file are written so, and the loop
 * costs a third of the regular expression on each of millions of rows.
 */
function isPlain(text: string): boolean {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46) return false;
  const fraction = ++i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i === n && i > fraction;
}

/**
 * An amount read under its column's decimal style; with none given (guessing what a column holds),
 * the dot first, then the comma: '120,50' is a number to a guess, though no dot-decimal amount.
 */
export function parseAmount(raw: string, decimal?: DecimalStyle): number | null {
  return decimal ? amountIn(raw, decimal) : (amountIn(raw, 'dot') ?? amountIn(raw, 'comma'));
}

function amountIn(raw: string, decimal: DecimalStyle): number | null {
  // In a decimal-comma column a dot groups thousands: 1.500 is fifteen hundred there.
  if (isPlain(raw) && (decimal === 'dot' || raw.indexOf('.') === -1)) return Number(raw);
  let t = raw.trim();
  if (t === '') return null;
  if (isPlain(t) && (decimal === 'dot' || t.indexOf('.') === -1)) return Number(t);
  let negative = false;
  // Excel's accounting format puts the symbol outside the brackets: $ (1,234.56).
  const bracketed = t.replace(CURRENCY, '').trim();
  if (bracketed.startsWith('(') && bracketed.endsWith(')')) {
    negative = true;
    t = bracketed.slice(1, -1).trim();
  }
  t = t.replace(CURRENCY, '').trim();
  // Ledgers mark a credit CR and a debit DR after the amount (1,234.56 CR).
  const side = CREDIT_DEBIT.exec(t);
  if (side) {
    if (side[1].toLowerCase() === 'cr') negative = !negative;
    t = t.slice(0, side.index).trim();
  }
  const dashed = DASHED_CENTS.exec(t);
  if (dashed) t = dashed[1].trim();
  else if (t.endsWith('-')) {
    negative = !negative;
    t = t.slice(0, -1).trim();
  } else if (/^[-−]/.test(t)) {
    negative = !negative;
    t = t.slice(1).trim();
  } else if (t.startsWith('+')) t = t.slice(1).trim();
  t = t.replace(CURRENCY, '').trim();
  // An accounting format writes zero as a dash ('-', '$ -').
  if (t === '' && /^[(\s]*[-−–][)\s]*$/.test(raw.replace(CURRENCY, ''))) return 0;
  if (t === '') return null;
  // Marks between the digits must group them as thousands do: '1,2345' is no amount, not 12,345.
  const mark = decimal === 'comma' ? ',' : '.';
  const whole = t.indexOf(mark) === -1 ? t : t.slice(0, t.indexOf(mark));
  const marks = GROUP_MARKS[decimal];
  if (whole.search(marks) !== -1 && !GROUPED_BY[decimal].test(whole)) return null;
  t = t.replace(marks, '');
  if (decimal === 'comma') t = t.replace(',', '.');
  if (!DIGITS.test(t)) return null;
  const value = Number(t);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

const COMMA_DECIMAL = [/\d\.\d{3},\d/, /^[^.]*\d,\d{1,2}\D*$/];
const DOT_DECIMAL = [/\d,\d{3}\.\d/, /^[^,]*\d\.\d{1,2}\D*$/];

/**
 * True when a value is written in the other decimal style than its column: in a column of
 * 2,345.75 the value 3.456,25 would otherwise be read as 3.45625 without a word.
 */
export function contradictsDecimalStyle(raw: string, style: DecimalStyle): boolean {
  // Every pattern of the other style needs its decimal mark: most values have none and end here.
  if (raw.indexOf(style === 'dot' ? ',' : '.') === -1) return false;
  const t = raw.trim();
  return (style === 'dot' ? COMMA_DECIMAL : DOT_DECIMAL).some((r) => r.test(t));
}

/** Why a value in the other decimal style than its column is rejected, in words. */
export const decimalReason = (raw: string, style: DecimalStyle, column: string | undefined): string =>
  style === 'dot'
    ? `'${raw}' writes its decimals with a comma, but the other values of ${column} use a dot (1,234.50); fix the value or export the column in one style`
    : `'${raw}' writes its decimals with a dot, but the other values of ${column} use a comma (1.234,50); fix the value or export the column in one style`;

/** The default ceiling on one row's amount: no B2B invoice line is worth a hundred billion. */
export const DEFAULT_MAX_AMOUNT = 1e11;

/** Why an amount cannot be stored as it is, or null: past the cap it would swamp (or overflow) every total. */
export function implausibleAmount(value: number, max: number): string | null {
  if (!Number.isFinite(value)) return 'is not a finite number';
  if (Math.abs(value) > max) return `is beyond the largest amount accepted per row (${max.toLocaleString('en-US')}); if it is real, raise the limit with --max-amount`;
  return null;
}

/** Watches a column's values and says whether its decimal mark is a dot or a comma. */
export class DecimalDetector {
  private comma = 0;
  private dot = 0;

  observe(raw: string): void {
    const t = raw.trim();
    if (t === '' || PLAIN.test(t) && !t.includes('.')) return;
    if (/\d\.\d{3},\d/.test(t) || /^[^.]*\d,\d{1,2}\D*$/.test(t) || /^[^.]*\d,\d{4,}\D*$/.test(t)) this.comma++;
    else if (/\d,\d{3}\.\d/.test(t) || /^[^,]*\d\.\d{1,2}\D*$/.test(t) || /^[^,]*\d\.\d{4,}\D*$/.test(t)) this.dot++;
  }

  decide(hint: DecimalStyle = 'dot'): DecimalStyle {
    if (this.comma > this.dot) return 'comma';
    if (this.dot > this.comma) return 'dot';
    return hint;
  }
}
