import type { RawRecord } from './csv-tokenizer';
import { isBlank } from './source';

/** Where the records of a table go once the header is behind: counted, skipped, rejected or handed on as a row. */
export type RecordsOut = {
  read: () => void;
  skip: () => void;
  reject: (line: number, column: string | null, value: string | null, reason: string) => void;
  warn: (text: string) => void;
  row: (line: number, cells: string[]) => void;
};

/**
 * Sorts the records below the header line: every one is read; a blank one is skipped; one holding a
 * runaway quote is rejected (once with a warning saying what happened); the others are rows. The same
 * in the import's thread and in the parser worker.
 */
export function recordFeed(headerLine: number, headers: string[], out: RecordsOut): (records: RawRecord[]) => void {
  let warned = false;
  /**
   * A quote that never closes would make one value of every line after it; the tokenizer read those
   * lines on their own, and the row the quote opened on is rejected with where the quote is.
   */
  const rejectRunawayQuote = (r: RawRecord): void => {
    const at = r.openQuote ?? { line: r.line, column: 0 };
    const column = headers[at.column] ?? `column ${at.column + 1}`;
    const value = r.cells[at.column] ?? '';
    const shown = value.length > 60 ? `${value.slice(0, 60)}...` : value;
    if (!warned) {
      warned = true;
      out.warn(
        `Unclosed quote: line ${at.line} opens a quote in '${column}' that is never closed, so it would swallow the lines after it. That row was rejected and the lines after it were read on their own; close the quote (or write it as "" inside a quoted value) and import the row again.`,
      );
    }
    out.reject(r.line, column, shown, `a quote opens on line ${at.line} in '${shown}' and is never closed (it would swallow the lines after it); close the quote or remove it`);
  };
  return (records) => {
    for (const r of records) {
      if (r.line <= headerLine) continue;
      out.read();
      if (r.openQuote) rejectRunawayQuote(r);
      else if (isBlank(r.cells)) out.skip();
      else {
        out.row(r.line, r.cells);
        if (r.unterminated && r.line > 1) out.warn(unterminatedLastLine(r.line, headers, r.cells));
      }
    }
  };
}

/**
 * A last line with no line ending after lines that all have one is how a file cut short (an
 * interrupted download or copy) ends, often mid-number: '664.37' read as '66' passes every check.
 * Many whole files end so too (hand-made ones, some exporters), so the row is kept and the user
 * told which value to check; a cut that leaves too few values is rejected by the row checks.
 */
export function unterminatedLastLine(line: number, headers: readonly string[], cells: readonly string[]): string {
  let at = cells.length - 1;
  while (at > 0 && (cells[at] ?? '').trim() === '') at--;
  const value = (cells[at] ?? '').trim();
  const shown = value.length > 60 ? `${value.slice(0, 60)}...` : value;
  const column = headers[at] ?? `column ${at + 1}`;
  return `The file's last line (row ${line.toLocaleString('en-US')}) has no line ending, while the lines before it end with one: if the file was cut short (an interrupted download or copy), its last value, '${shown}' in '${column}', may be incomplete. Check that row against the source, or export the file again if it is shorter than it should be.`;
}
