import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { formatCount, formatMoney, formatMoneyCompact, formatShare } from '../../../shared/format/numbers';

/** Formatting bound to the workspace currency and the user's locale, so every screen reads alike. */
export type Formatters = {
  currency: string;
  /** What amounts are counted in, for axis titles: the currency code, or "units" for a purchase log. */
  unit: string;
  locale: string | undefined;
  money: (v: number) => string;
  moneyCompact: (v: number) => string;
  share: (v: number, digits?: number) => string;
  count: (v: number) => string;
  number: (v: number, digits?: number) => string;
  /** ISO day -> the user's short date. */
  date: (iso: string | null) => string;
  /** "1 category", "12 categories": a count with its noun. */
  counted: (n: number, one: string, many?: string) => string;
  /** A date range that says one date when both ends are the same day. */
  range: (from: string | null, to: string | null) => string;
};

export function makeFormatters(currency: string, locale: string | undefined): Formatters {
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return {
    currency,
    unit: currency === PURCHASE_UNITS ? 'units' : currency,
    locale,
    money: (v) => formatMoney(v, currency, locale),
    moneyCompact: (v) => formatMoneyCompact(v, currency, locale),
    share: (v, digits = 1) => formatShare(v, digits, locale),
    count: (v) => formatCount(v, locale),
    number: (v, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v),
    date: (iso) => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'),
    counted: (n, one, many = `${one}s`) => `${formatCount(n, locale)} ${n === 1 ? one : many}`,
    range: (from, to) => {
      if (!from) return '—';
      const a = dateFormat.format(new Date(`${from.slice(0, 10)}T00:00:00Z`));
      const b = to ? dateFormat.format(new Date(`${to.slice(0, 10)}T00:00:00Z`)) : a;
      return a === b ? a : `${a} – ${b}`;
    },
  };
}
