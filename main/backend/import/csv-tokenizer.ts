/** One record of a text table: the physical line it starts on (1-based) and its cells. */
export type RawRecord = { line: number; cells: string[] };

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 tokenizer fed with decoded text in chunks of any size: quoted fields may hold the
 * delimiter, doubled quotes and newlines, and a chunk may end anywhere (even between \r and \n).
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private carry = '';
  private line = 1;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
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
    let lines = 0;
    const delimiter = String.fromCharCode(d);
    let nextQuote = -2;
    let nextCr = -2;
    while (pos <= n) {
      if (cells.length === 0 && pos < n) {
        // Fast path for the common line with no quotes: let the engine find the line end and split it.
        const nl = text.indexOf('\n', pos);
        if (nl !== -1) {
          if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
          if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
          const end = nextCr === nl - 1 ? nl - 1 : nl;
          if ((nextQuote === -1 || nextQuote > nl) && (nextCr === -1 || nextCr >= end)) {
            out.push({ line: this.line, cells: text.slice(pos, end).split(delimiter) });
            this.line++;
            pos = nl + 1;
            recordStart = pos;
            continue;
          }
        }
      }
      if (pos === n) {
        if (final && cells.length > 0) out.push({ line: this.line, cells });
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
        if (close === -1) {
          if (!final) return recordStart;
          // An unterminated quote at the end of the file: keep what there is rather than lose it.
          value += text.slice(from);
          close = n - 1;
        }
        for (let i = pos + 1; i < close; i++) if (text.charCodeAt(i) === LF) lines++;
        pos = close + 1;
        // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
        let end = pos;
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
          out.push({ line: this.line, cells });
          return n;
        }
        continue;
      }
      // End of record: CR, LF or CRLF.
      if (c === CR) {
        if (pos + 1 === n && !final) return recordStart;
        pos += pos + 1 < n && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else pos++;
      out.push({ line: this.line, cells });
      this.line += 1 + lines;
      lines = 0;
      cells = [];
      recordStart = pos;
    }
    return recordStart;
  }
}

const CANDIDATES = [',', ';', '\t', '|'];

/**
 * Picks the delimiter that splits the first lines into the same number of fields most often,
 * preferring more fields; quotes are respected by tokenizing each candidate.
 */
export function sniffDelimiter(sample: string): string {
  const cut = sample.lastIndexOf('\n') > 0 ? sample.slice(0, sample.lastIndexOf('\n') + 1) : sample;
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const records = new CsvTokenizer(d).push(cut).slice(0, 50).filter((r) => r.cells.some((c) => c !== ''));
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    let modeWidth = 1;
    let modeCount = 0;
    for (const [w, k] of counts) if (k > modeCount || (k === modeCount && w > modeWidth)) [modeWidth, modeCount] = [w, k];
    if (modeWidth < 2) continue;
    const score = (modeCount / records.length) * 1000 + modeWidth;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}
