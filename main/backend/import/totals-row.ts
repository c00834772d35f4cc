import { foldWords } from '../../../shared/format/fold-words';
import { parseAmount, type DecimalStyle } from './numbers';

/**
 * A report's totals line where a customer should be: 'Total', 'Grand Total', SAP BW's 'Overall
 * Result' or 'Gesamtergebnis'. Imported as a customer, its amount counts every sale above it a
 * second time (a two-month export with a 'Total' line a month read twice its revenue). Only whole
 * labels: 'Total Supply Co' is a customer.
 */
const TOTALS = new Set(
  [
    'total', 'totals', 'grand total', 'sub total', 'subtotal', 'overall total', 'total overall', 'sum', 'sum total', 'result', 'overall result',
    'summe', 'gesamt', 'gesamtsumme', 'zwischensumme', 'summe gesamt', 'ergebnis', 'gesamtergebnis', 'endsumme',
    'somme', 'total general', 'sous total', 'totale', 'totale generale', 'subtotale', 'suma', 'suma total', 'total geral',
    'totaal', 'eindtotaal', 'subtotaal', 'totalt', 'summa', 'razem', 'celkem', 'yhteensa',
  ],
);
/**
 * Words a report puts beside its totals label ('Total Sales', 'Report Total', 'Totaal generaal',
 * 'TOTAL USD', 'Grand total (EUR)'): with only these around it, the label is still the whole cell.
 * 'Total Supply Co' keeps words that are none of them, and stays a customer.
 */
const BESIDE_TOTALS = new Set([
  'report', 'sales', 'revenue', 'amount', 'amounts', 'net', 'gross', 'all', 'customers', 'overall', 'final', 'general', 'generaal', 'generale',
  'usd', 'eur', 'gbp', 'chf', 'cad', 'aud', 'sek', 'nok', 'dkk', 'pln', 'czk', 'jpy', 'inr', 'umsatz', 'verkauf', 'ventes',
]);
/** Longer than any label above with its words beside it, accents and a colon: a customer, not folded at all. */
const LONGEST = 40;

const isTotalsWords = (folded: string): boolean => {
  if (TOTALS.has(folded)) return true;
  const words = folded.split(' ');
  const kept = words.filter((w) => !BESIDE_TOTALS.has(w));
  return kept.length < words.length && kept.length > 0 && TOTALS.has(kept.join(' '));
};

/** Whether a customer cell is a totals label. Ids (a digit first) and long names are customers without folding: this runs on every line. */
export const isTotalsLabel = (cell: string): boolean => {
  if (cell === '' || cell.length > LONGEST) return false;
  const first = cell.charCodeAt(0);
  return !(first >= 48 && first <= 57) && isTotalsWords(foldWords(cell));
};

/** 'Acme Total', 'Total for Acme', 'Summe Acme': a group's totals line, known as such only where it has no date (a customer may be called 'Total Supply'). */
const GROUP_TOTAL = /^(total|totals|subtotal|sub total|summe|gesamt|somme|totaal)\b|\b(total|totals|subtotal|summe|gesamt|ergebnis|result|totaal)$/;
export const looksLikeGroupTotal = (cell: string): boolean => cell !== '' && GROUP_TOTAL.test(foldWords(cell));

/** Why such a row is rejected. */
export const totalsReason = (cell: string): string =>
  `'${cell}' is a totals line of the report, not a customer: its amount repeats the sales above it, so it is not imported`;

/**
 * The last line of a spend table when each of its amounts is the sum of the lines above it: a totals
 * line with no label to know it by (a table whose customers are numbered by their row). Imported, it
 * is one customer who bought everything. Null unless two or more columns say so.
 */
export function spendTotalsLine(rows: readonly { line: number; cells: string[] }[], columns: readonly { index: number; style: DecimalStyle }[]): number | null {
  if (rows.length < 3 || columns.length === 0) return null;
  const last = rows[rows.length - 1];
  let matched = 0;
  for (const c of columns) {
    const total = parseAmount((last.cells[c.index] ?? '').trim(), c.style);
    if (total === null) return null;
    let sum = 0;
    for (let r = 0; r < rows.length - 1; r++) {
      const raw = (rows[r].cells[c.index] ?? '').trim();
      const v = raw === '' ? 0 : parseAmount(raw, c.style);
      if (v === null) return null;
      sum += v;
    }
    // A table may write its totals without the cents of the lines.
    if (Math.abs(total - sum) > Math.max(0.5, Math.abs(sum) * 1e-9)) return null;
    if (sum !== 0) matched++;
  }
  return matched >= 2 ? last.line : null;
}

export const spendTotalsReason = 'each amount is the sum of the lines above it: a totals line of the table, not a customer';
