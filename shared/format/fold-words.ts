/**
 * A label as words to compare: accents and case folded, every run of other characters one space
 * ("Total général:" -> "total general", "Złoty" -> "zloty"). Currency names and a report's totals
 * labels are matched on it.
 */
export const foldWords = (cell: string): string =>
  cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
