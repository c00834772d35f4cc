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
    notes.push(
      `${formatCount(excluded.length)} non-product line${excluded.length === 1 ? '' : 's'} (${formatCount(level.nonProductRows)} rows, net ${formatMoney(level.nonProductRevenue, currency)}) left out of profiles, actions and leakage: ${top}${excluded.length > 6 ? '; ...' : ''}.`,
    );
  }
  return notes;
}
