import { formatCount, formatMoney } from '../../../shared/format/numbers';
import { LINE_KIND_LABELS } from '../../../shared/analytics/products/non-product';
import type { ProductLevelInfo } from '../../../shared/model/products';

/** The run's first notes: which product level it used and why, and what was left out as not a product. */
export function levelNotes(level: ProductLevelInfo | null, currency: string): string[] {
  if (!level) return [];
  const notes = [level.reason];
  const excluded = level.nonProduct.filter((l) => l.excluded);
  if (excluded.length > 0) {
    const top = excluded
      .slice(0, 6)
      .map((l) => `${l.code}${l.name && l.name !== l.code ? ` (${l.name})` : ''}: ${LINE_KIND_LABELS[l.kind]}, ${formatMoney(l.revenue, currency)}`)
      .join('; ');
    const credits = level.sameDayCredits;
    const rebills = credits?.rebills;
    const withRebills = rebills
      ? `, with the ${formatCount(rebills.rows)} charge${rebills.rows === 1 ? '' : 's'} on such lines booked the same days (${formatMoney(rebills.revenue, currency)}: a credit and its re-bill net to nothing)`
      : '';
    const except = credits
      ? ` Except ${formatCount(credits.rows)} credit${credits.rows === 1 ? '' : 's'} of adjustments and discounts (${formatMoney(credits.revenue, currency)}) booked on a day the same customer bought goods${withRebills}: ${credits.rows === 1 && !rebills ? 'it nets' : 'they net'} that day's goods, as a same-day return does (a manual credit voiding a mistyped line is no sale).`
      : '';
    notes.push(
      `${formatCount(excluded.length)} non-product line${excluded.length === 1 ? '' : 's'} (${formatCount(level.nonProductRows)} rows, net ${formatMoney(level.nonProductRevenue, currency)}) left out of revenue, tiers, profiles, actions and leakage: ${top}${excluded.length > 6 ? `; and ${formatCount(excluded.length - 6)} more` : ''}.${except}`,
    );
  }
  return notes;
}
