import type { ImportPlan } from '../plan';

/** A currency's sign (£, $, €) or an ISO code against the digits (USD1,234.56; 1.234,50 EUR). */
const CURRENCY = /\p{Sc}|^[A-Z]{3}\s?[-(]?[0-9]|[0-9.,]\s?[A-Z]{3}$/u;

/**
 * Why DuckDB's pass would sum next to nothing of this file, or null: when most of the sample's
 * amounts carry a currency symbol (£1,234.50), its reader takes every such row for doubtful, and
 * each is read again line by line after the pass, a second read for no gain. A few such amounts
 * among plain ones are left to that second read, which rejects or reads each with its row.
 */
export function currencyAmounts(plan: ImportPlan): string | null {
  const m = plan.mapping;
  const column = m.revenue ?? m.unitPrice;
  const at = column === undefined ? -1 : plan.headers.indexOf(column);
  if (at < 0) return null;
  const written = plan.dataSample.map((cells) => (cells[at] ?? '').trim()).filter((v) => v !== '');
  const marked = written.filter((v) => CURRENCY.test(v));
  if (marked.length === 0 || marked.length * 2 <= written.length) return null;
  return `its amounts carry a currency symbol or code (${marked[0]}), which DuckDB's reader does not parse`;
}
