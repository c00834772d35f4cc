/**
 * One record of a text table: the physical line it starts on (1-based) and its cells. `openQuote`
 * marks a record holding a runaway quote: the line it opened on and the index of its cell.
 * `unterminated` marks the file's last record when no line ending follows it: a file cut short
 * ends so, mid-value (see recordFeed).
 */
export type RawRecord = { line: number; cells: string[]; openQuote?: { line: number; column: number }; unterminated?: true };

/** A quoted value longer than this many lines is a quote someone forgot to close, not a comment. */
export const MAX_QUOTED_LINES = 100;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 tokenizer fed with decoded text in chunks of any size: quoted fields may hold the
 * delimiter, doubled quotes and newlines, and a chunk may end anywhere (even between \r and \n).
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly width: number;
  /** Columns aligned with spaces: a run of them is one separator, and spaces before the first cell or after the last separate nothing. */
  private readonly spaced: boolean;
  private carry = '';
  private line: number;

  /**
   * `width`: the usual number of fields per record, when known; it helps tell a runaway quote.
   * `line`: the file line the first text pushed starts on (the byte reader hands a file over midway).
   */
  constructor(delimiter: string, width = 0, line = 1) {
    this.delimiter = delimiter.charCodeAt(0);
    this.spaced = delimiter === SPACED;
    this.width = width;
    this.line = line;
  }

  /** True while text of an unfinished record waits for the next chunk. */
  get pending(): boolean {
    return this.carry !== '';
  }

  /**
   * Whether the quoted text text[open+1, close) (close = -1: not closed yet) is a runaway quote: it
   * never closes, spans more than MAX_QUOTED_LINES lines, or holds a whole line that looks like a
   * record of its own (as many delimiters as a record has), which a real multi-line value rarely
   * does. null: cannot tell before more text arrives.
   */
  private runaway(text: string, open: number, close: number, final: boolean): boolean | null {
    const end = close === -1 ? text.length : close;
    const undecided = close === -1 ? (final ? true : null) : false;
    let nl = text.indexOf('\n', open + 1);
    const needed = this.width >= 3 ? this.width - 1 : Infinity;
    let lines = 0;
    while (nl !== -1 && nl < end) {
      lines++;
      if (lines > MAX_QUOTED_LINES) return true;
      const next = text.indexOf('\n', nl + 1);
      const lineEnd = next === -1 || next >= end ? end : next;
      // The text after the last newline is a whole line only once the quote has closed.
      if (lineEnd !== end || close !== -1) {
        let count = 0;
        for (let i = nl + 1; i < lineEnd && count < needed; i++) if (text.charCodeAt(i) === this.delimiter) count++;
        if (count >= needed) return true;
      }
      nl = next;
    }
    return undecided;
  }

  /** A finished record; with space-aligned columns, the empty cells the runs of spaces left are not cells. */
  private record(cells: string[], openQuote: RawRecord['openQuote'], unterminated = false): RawRecord {
    const kept = this.spaced ? cells.filter(filled) : cells;
    const r: RawRecord = openQuote ? { line: this.line, cells: kept, openQuote } : { line: this.line, cells: kept };
    if (unterminated) r.unterminated = true;
    return r;
  }

  /** Returns the records completed by this chunk; an unfinished one waits for the next chunk. */
  push(chunk: string, out: RawRecord[] = []): RawRecord[] {
    const text = this.carry + chunk;
    const consumed = this.scan(text, out, false);
    this.carry = text.slice(consumed);
    return out;
  }

  /** Flushes the last record when the file does not end with a newline. */
  end(out: RawRecord[] = []): RawRecord[] {
    if (this.carry !== '') {
      const text = this.carry;
      this.carry = '';
      this.scan(text, out, true);
    }
    return out;
  }

  private scan(text: string, out: RawRecord[], final: boolean): number {
    const n = text.length;
    const d = this.delimiter;
    let pos = 0;
    let recordStart = 0;
    let cells: string[] = [];
    let openQuote: RawRecord['openQuote'];
    let lines = 0;
    const delimiter = String.fromCharCode(d);
    let nextQuote = -2;
    let nextCr = -2;
    let nextDelimiter = -2;
    while (pos <= n) {
      if (cells.length === 0 && pos < n) {
        // Fast path for the common line with no quotes: let the engine find the line end and split it.
        const nl = text.indexOf('\n', pos);
        if (nl !== -1) {
          if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
          if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
          // nextCr is -1 when the text has no CR: an empty line at the text's start (nl 0) must not match it.
          const end = nextCr >= 0 && nextCr === nl - 1 ? nl - 1 : nl;
          if ((nextQuote === -1 || nextQuote > nl) && (nextCr === -1 || nextCr >= end)) {
            // Cut at each delimiter found by indexOf (twice as fast as slice + split); the next
            // delimiter's position is remembered, so text with few delimiters is searched once.
            const line: string[] = [];
            let from = pos;
            for (;;) {
              if (nextDelimiter !== -1 && nextDelimiter < from) nextDelimiter = text.indexOf(delimiter, from);
              if (nextDelimiter === -1 || nextDelimiter > end) break;
              line.push(text.slice(from, nextDelimiter));
              from = nextDelimiter + 1;
            }
            line.push(text.slice(from, end));
            out.push({ line: this.line, cells: this.spaced ? line.filter(filled) : line });
            this.line++;
            pos = nl + 1;
            recordStart = pos;
            continue;
          }
        }
      }
      if (pos === n) {
        if (final && cells.length > 0) out.push(this.record(cells, openQuote, true));
        return final ? n : recordStart;
      }
      let c = text.charCodeAt(pos);
      if (c === QUOTE) {
        // Quoted field: find the closing quote, unescaping doubled quotes.
        let value = '';
        let from = pos + 1;
        let close = -1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) break;
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 === n && !final) break;
          value += text.slice(from, q);
          close = q;
          break;
        }
        const runaway = this.runaway(text, pos, close, final);
        if (runaway === null) return recordStart;
        let end: number;
        if (runaway) {
          // Read the quote as a plain character up to the end of its field, so the lines it would
          // swallow are read as the records they are; the record carries where the quote opened.
          openQuote = { line: this.line + lines, column: cells.length };
          value = '';
          end = pos;
        } else {
          for (let i = pos + 1; i < close; i++) if (text.charCodeAt(i) === LF) lines++;
          pos = close + 1;
          end = pos;
        }
        // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
        while (end < n) {
          const e = text.charCodeAt(end);
          if (e === d || e === LF || e === CR) break;
          end++;
        }
        if (end === n && !final) return recordStart;
        if (end > pos) value += text.slice(pos, end);
        pos = end;
        cells.push(value);
      } else {
        let end = pos;
        while (end < n) {
          c = text.charCodeAt(end);
          if (c === d || c === LF || c === CR) break;
          end++;
        }
        if (end === n && !final) return recordStart;
        cells.push(text.slice(pos, end));
        pos = end;
      }
      if (pos >= n) continue;
      c = text.charCodeAt(pos);
      if (c === d) {
        pos++;
        if (pos === n && final) {
          cells.push('');
          out.push(this.record(cells, openQuote, true));
          return n;
        }
        continue;
      }
      // End of record: CR, LF or CRLF.
      if (c === CR) {
        if (pos + 1 === n && !final) return recordStart;
        pos += pos + 1 < n && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else pos++;
      out.push(this.record(cells, openQuote));
      this.line += 1 + lines;
      lines = 0;
      cells = [];
      openQuote = undefined;
      recordStart = pos;
    }
    return recordStart;
  }
}

const CANDIDATES = [',', ';', '\t', '|'];
/** The delimiter of columns aligned with spaces: a run of spaces separates two cells. */
export const SPACED = ' ';
const filled = (cell: string): boolean => cell !== '';

/** The number of fields most records have, and how many have it; the wider on a tie. */
export function commonestWidth(records: readonly RawRecord[]): [width: number, count: number] {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let width = 1;
  let count = 0;
  for (const [w, k] of counts) if (k > count || (k === count && w > width)) [width, count] = [w, k];
  return [width, count];
}

/**
 * Picks the delimiter that splits the first lines into the same number of fields most often,
 * preferring more fields; quotes are respected by tokenizing each candidate. `width` is that
 * usual number of fields.
 */
export function sniffTable(sample: string): { delimiter: string; width: number } {
  const cut = sample.lastIndexOf('\n') > 0 ? sample.slice(0, sample.lastIndexOf('\n') + 1) : sample;
  let best = { delimiter: ',', width: 0 };
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const records = new CsvTokenizer(d).push(cut).slice(0, 50).filter((r) => r.cells.some((c) => c !== ''));
    if (records.length === 0) continue;
    const [modeWidth, modeCount] = commonestWidth(records);
    if (modeWidth < 2) continue;
    const score = (modeCount / records.length) * 1000 + modeWidth;
    if (score > bestScore) [best, bestScore] = [{ delimiter: d, width: modeWidth }, score];
  }
  if (bestScore < 0) {
    // No separator character splits the lines: columns aligned with spaces (CDNOW's master file,
    // fixed-width exports) are read when most lines split into the same two or more cells.
    const spaced = new CsvTokenizer(SPACED).push(cut).slice(0, 50).filter((r) => r.cells.length > 0);
    const [width, count] = commonestWidth(spaced);
    if (width >= 2 && count >= spaced.length * 0.8) return { delimiter: SPACED, width };
  }
  return best;
}

export const sniffDelimiter = (sample: string): string => sniffTable(sample).delimiter;
