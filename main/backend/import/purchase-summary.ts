import { normaliseHeader } from './mapping';

/*
 * Lifetime-value tools (BTYD, lifetimes, BTYDplus) summarise each customer's purchases in a few
 * statistics: repeat purchases (x, frequency), when the last fell (t_x, recency), the customer's age
 * (T) and mean spend (zbar, monetary_value), with holdout counts beside them (x_star). Such a table
 * has one row per customer and only numbers, so it reads like a spend table; summed as spend by
 * category it states purchase counts and weeks as money (CDNOW's summary read as $2.9M of "spend" in
 * categories named ID, x, t_x and T).
 */
const COUNTS: ReadonlySet<string> = new Set(['x', 'frequency', 'xcal', 'frequencycal', 'xstar', 'frequencyholdout', 'repeats', 'repeatpurchases']);
const TIMES: ReadonlySet<string> = new Set(['tx', 'recency', 't', 'tcal', 'tstar', 'recencycal', 'tcalibration', 'durationholdout']);
const SPENDS: ReadonlySet<string> = new Set(['zbar', 'mx', 'monetary', 'monetaryvalue', 'monetaryvaluecal', 'averagespend', 'meanspend']);

/**
 * The columns of `headers` that name purchase statistics, when they make a purchase summary (a count
 * of purchases and a time beside it); null when the headers are no such summary.
 */
export function purchaseSummaryColumns(headers: readonly string[]): string[] | null {
  const names = headers.map(normaliseHeader);
  if (!names.some((n) => COUNTS.has(n)) || !names.some((n) => TIMES.has(n))) return null;
  return headers.filter((_, i) => COUNTS.has(names[i]) || TIMES.has(names[i]) || SPENDS.has(names[i]));
}
