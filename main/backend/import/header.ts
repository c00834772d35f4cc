import { commonestWidth, type RawRecord } from './csv-tokenizer';
import { parseDate } from './dates';
import { isBlank } from './source';

const NUMBERISH = /^[\s$€£(+-]*[\d.,]+\s*[)%-]?$/;
const DATEISH = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

const isLabel = (cell: string): boolean => {
  const t = cell.trim();
  return t !== '' && !NUMBERISH.test(t) && !DATEISH.test(t);
};

/**
 * Finds the header row under any title rows: the first row whose labelled cells span most of the
 * width the rows below it use. Returns its index in `records`, or null when nothing looks like a table.
 */
export function detectHeader(records: RawRecord[]): number | null {
  const limit = Math.min(records.length, 30);
  for (let i = 0; i < limit; i++) {
    const cells = records[i].cells;
    if (isBlank(cells)) continue;
    const labels = cells.filter(isLabel).length;
    const filled = cells.filter((c) => c.trim() !== '').length;
    if (labels < 2 || labels < filled * 0.6) continue;
    // A report's preamble says what it is in pairs ("Report:,Sales by Customer Detail"; "Period:,2023-01-01,to,2023-03-31"): no header.
    if (/:$/.test(cells.find((c) => c.trim() !== '')?.trim() ?? '')) continue;
    const below = records.slice(i + 1, i + 21).filter((r) => !isBlank(r.cells));
    const width = below.length === 0 ? filled : Math.max(...below.map((r) => r.cells.filter((c) => c.trim() !== '').length));
    // Header labels must cover the data; a title row ("Sales 2024") covers one column at most.
    if (labels >= Math.min(width, 2) && labels >= width * 0.5) return i;
  }
  return null;
}

/** Share of the rows that must have the commonest width for a table without a header row. */
const HEADERLESS_SAME_WIDTH = 0.9;
/** Share of a column's values that must read as dates: a dated table, not any list of numbers. */
const HEADERLESS_DATE_SHARE = 0.9;

/**
 * The width of rows without a header row that are still a table of dated rows (exports and
 * published logs such as CDNOW's come without one), or null: at least two data rows of one width of
 * two or more columns, nearly all of that width, and one column of dates. Then the columns are
 * named by position.
 */
export function headerlessWidth(records: RawRecord[]): number | null {
  const rows = records.slice(0, 30).filter((r) => !isBlank(r.cells));
  if (rows.length < 2) return null;
  const [width, count] = commonestWidth(rows);
  if (width < 2 || count < HEADERLESS_SAME_WIDTH * rows.length) return null;
  // Read in either day order; Excel date numbers are left out, since ids and amounts look the same.
  const isDate = (cell: string): boolean => parseDate(cell, 'mdy') !== null || parseDate(cell, 'dmy') !== null;
  for (let i = 0; i < width; i++) {
    const values = rows.map((r) => r.cells[i] ?? '').filter((v) => v.trim() !== '');
    if (values.length >= 2 && values.filter(isDate).length >= HEADERLESS_DATE_SHARE * rows.length) return width;
  }
  return null;
}

/** Names for the columns of a file without a header row: Column 1, Column 2, ... */
export const positionNames = (width: number): string[] => Array.from({ length: width }, (_, i) => `Column ${i + 1}`);

/** Header labels made unique and never empty, so every column can be named in mappings and rejects. */
export function headerNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() === '' ? `Column ${i + 1}` : raw.trim();
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * A note for every mapped field whose header is shared with another column: which one it uses
 * and the unique name to map instead ("Net Sales (2)"), so the choice is never silent.
 */
export function duplicateHeaderNotes(raw: readonly string[], headers: readonly string[], mapping: Readonly<Record<string, string | undefined>>): string[] {
  const positions = new Map<string, number[]>();
  raw.forEach((cell, i) => {
    const key = cell.trim().toLowerCase();
    if (key !== '') positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const notes: string[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (!column) continue;
    const at = headers.indexOf(column);
    const same = at < 0 ? [] : (positions.get((raw[at] ?? '').trim().toLowerCase()) ?? []);
    if (same.length < 2) continue;
    const others = same.filter((i) => i !== at).map((i) => `'${headers[i]}'`);
    notes.push(
      `${same.length} columns are headed '${raw[at].trim()}' (columns ${same.map((i) => i + 1).join(', ')}): ${field} uses column ${at + 1}, '${column}'. To use another, map ${field} to ${others.join(' or ')}.`,
    );
  }
  return notes;
}
