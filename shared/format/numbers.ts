import { PURCHASE_UNITS } from './currency';
// One place for how money, shares and counts read, so the UI, reasons and exports agree.
const moneyFormats = new Map<string, Intl.NumberFormat>();

const moneyFormat = (currency: string, locale: string | undefined, digits: number): Intl.NumberFormat => {
  const key = `${currency}|${locale ?? ''}|${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const places = { maximumFractionDigits: digits, minimumFractionDigits: digits };
    f = new Intl.NumberFormat(locale, currency === PURCHASE_UNITS ? places : { style: 'currency', currency, ...places });
    moneyFormats.set(key, f);
  }
  return f;
};

/**
 * Places for an amount under 10: two significant digits and never fewer than two places, so a
 * file priced in small units (H&M's scaled prices, a ledger in thousands) reads "$0.19", not "$0".
 */
const smallAmountPlaces = (value: number): number => {
  const size = Math.abs(value);
  if (size >= 10 || size === 0 || !Number.isFinite(size)) return 0;
  return Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(size))));
};

/** Whether an amount is written with its cents (under ten, not zero): the rule of formatMoney, for a spreadsheet's cell format too. */
export const showsCents = (value: number): boolean => smallAmountPlaces(value) > 0;

/**
 * "$8,400" — whole units by default: sales reps do not talk in cents. Amounts under 10 keep two
 * significant digits ("$4.50", "$0.19"). A purchase log's amounts read "8,400 units", and a whole
 * count under ten "5 units" ("5.00 units in the last 90 days against 43 units" read as two scales).
 */
export const formatMoney = (value: number, currency = 'USD', locale?: string, digits?: number): string => {
  const places = digits ?? (currency === PURCHASE_UNITS && Number.isInteger(value) ? 0 : smallAmountPlaces(value));
  const text = moneyFormat(currency, locale, places).format(value);
  return currency === PURCHASE_UNITS ? `${text} units` : text;
};

/**
 * "$1.2M", "$840K" for chart axes and tiles ("1.2K units" for a purchase log). Three significant
 * digits (1,041,727 -> "$1.04M", 28,300 -> "$28.3K"), so a bar's label says as much at a million as
 * at thousands: one decimal wrote the million as "$1M". Under a thousand, where compact notation
 * shortens nothing, an amount reads as formatMoney writes it: Explore's bar had read "£14.5" beside
 * its table's "£15".
 */
export const formatMoneyCompact = (value: number, currency = 'USD', locale?: string): string => {
  if (Math.abs(value) < 1000) return formatMoney(value, currency, locale);
  return currency === PURCHASE_UNITS
    ? `${new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 }).format(value)} units`
    : new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 }).format(value);
};

/** 0.183 -> "18.3%" */
export const formatShare = (share: number, digits = 1, locale?: string): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(share);

export const formatCount = (value: number, locale?: string): string => new Intl.NumberFormat(locale).format(value);

/**
 * The fewest decimals, from `digits` up to `digits + 2`, at which two figures read apart: a figure
 * that missed its bar must not be printed as the bar (1.199x is no "1.20x" beside "at least 1.2x").
 */
export function digitsToTell(value: number, bar: number, digits: number): number {
  for (let d = digits; d < digits + 2; d++) if (value.toFixed(d) !== bar.toFixed(d)) return d;
  return digits + 2;
}

/** "1 customer", "2,310 customers": a small client's run has ones, and "1 customers" reads as a bug. */
export const formatCounted = (value: number, noun: string, plural = `${noun}s`, locale?: string): string =>
  `${formatCount(value, locale)} ${value === 1 ? noun : plural}`;

/**
 * Money as an export keeps it: to the cent, which also clears a long sum's float noise
 * (5126197.249999997); below one, to four significant digits, so a file priced in small units
 * keeps 0.0343 rather than 0.03.
 */
export const roundMoney = (v: number): number => (Math.abs(v) >= 1 || v === 0 || !Number.isFinite(v) ? Math.round(v * 100) / 100 : Number(v.toPrecision(4)));

/** Rounds for display in reasons, to two significant digits: 8,437 -> 8,400; 143 -> 140; 0.187 -> 0.19. */
export const roundForReason = (value: number): number => {
  if (value === 0 || !Number.isFinite(value)) return 0;
  const exponent = Math.floor(Math.log10(Math.abs(value))) - 1;
  // Dividing by a negative power of ten keeps 0.19 exact where multiplying by 0.01 gives 0.19000000000000003.
  return exponent >= 0 ? Math.round(value / 10 ** exponent) * 10 ** exponent : Math.round(value * 10 ** -exponent) / 10 ** -exponent;
};

/** A difference of two shares in whole points, signed: 0.05 -> "+5", -0.14 -> "-14", -0.004 -> "0". */
export const formatSignedPoints = (share: number): string => {
  const points = Math.round(share * 100);
  return points > 0 ? `+${points}` : points < 0 ? `${points}` : '0';
};

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 33rd: a percentile read as an English ordinal. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
