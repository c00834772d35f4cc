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

/** "$8,400" — whole units by default: sales reps do not talk in cents. A purchase log's amounts read "8,400 units". */
export const formatMoney = (value: number, currency = 'USD', locale?: string, digits = 0): string => {
  const text = moneyFormat(currency, locale, digits).format(value);
  return currency === PURCHASE_UNITS ? `${text} units` : text;
};

/**
 * "$1.2M", "$840K" for chart axes and tiles ("1.2K units" for a purchase log). Three significant
 * digits (1,041,727 -> "$1.04M", 28,300 -> "$28.3K"), so a bar's label says as much at a million as
 * at thousands: one decimal wrote the million as "$1M".
 */
export const formatMoneyCompact = (value: number, currency = 'USD', locale?: string): string =>
  currency === PURCHASE_UNITS
    ? `${new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 }).format(value)} units`
    : new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 }).format(value);

/** 0.183 -> "18.3%" */
export const formatShare = (share: number, digits = 1, locale?: string): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(share);

export const formatCount = (value: number, locale?: string): string => new Intl.NumberFormat(locale).format(value);

/** Rounds for display in reasons: 8,437 -> 8,400; 143 -> 140; keeps two significant digits. */
export const roundForReason = (value: number): number => {
  if (value === 0 || !Number.isFinite(value)) return 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
};

/** A difference of two shares in whole points, signed: 0.05 -> "+5", -0.14 -> "-14", -0.004 -> "0". */
export const formatSignedPoints = (share: number): string => {
  const points = Math.round(share * 100);
  return points > 0 ? `+${points}` : points < 0 ? `${points}` : '0';
};
