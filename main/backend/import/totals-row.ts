import { foldWords } from '../../../shared/format/fold-words';

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


export const isTotalsLabel = (cell: string): boolean => cell !== '' && TOTALS.has(foldWords(cell));

/** 'Acme Total', 'Total for Acme', 'Summe Acme': a group's totals line, known as such only where it has no date (a customer may be called 'Total Supply'). */
const GROUP_TOTAL = /^(total|totals|subtotal|sub total|summe|gesamt|somme|totaal)\b|\b(total|totals|subtotal|summe|gesamt|ergebnis|result|totaal)$/;
export const looksLikeGroupTotal = (cell: string): boolean => cell !== '' && GROUP_TOTAL.test(foldWords(cell));

/** Why such a row is rejected. */
export const totalsReason = (cell: string): string =>
  `'${cell}' is a totals line of the report, not a customer: its amount repeats the sales above it, so it is not imported`;
