// CSV as Excel reads it: UTF-8, comma, CRLF, RFC 4180 quoting.

/**
 * OWASP CSV injection: a cell starting with = + - @ (or tab / CR) is run as a formula by
 * spreadsheets, so such text gets a leading apostrophe. Numbers are written as numbers and are
 * never touched, so negative revenue stays numeric.
 */
export const neutraliseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Excel opens a CSV without it in the machine's code page: "Zoë" and 中文 come out garbled. */
export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;

export const toCsv = (header: readonly string[], rows: Iterable<readonly CsvValue[]>): string => {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
};
