import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

const LF = 10;
const CR = 13;
/** The most of an unterminated last line kept to quote it: its last value is what a reader checks. */
const TAIL_BYTES = 1 << 16;

/**
 * The file's sha256 and the numbers of its empty lines, in one read. DuckDB's CSV reader passes over
 * empty lines without a word, so the importer finds them itself: they count as blank rows, and every
 * row after one sits a line further down than DuckDB's row number says. Quoted values spanning lines
 * are not followed: `lines` (the file's line count) tells the caller whether any record spans lines.
 * `unterminated`: the file's last line when no line ending follows it (see recordFeed), as UTF-8 text.
 */
export async function scanFile(
  file: string,
  signal: AbortSignal,
): Promise<{ sha256: string; blankLines: number[]; lines: number; unterminated: { line: number; text: string } | null }> {
  const hash = crypto.createHash('sha256');
  const blankLines: number[] = [];
  let line = 1;
  let lineStart = true;
  let onlyCr = false;
  let tail = Buffer.alloc(0);
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  raw.on('data', (chunk) => hash.update(chunk as Buffer));
  const text = file.toLowerCase().endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw;
  for await (const chunk of text as AsyncIterable<Buffer>) {
    if (signal.aborted) break;
    let at = 0;
    while (at < chunk.length) {
      if (lineStart) {
        const b = chunk[at];
        if (b === LF) {
          blankLines.push(line);
          line++;
          at++;
          continue;
        }
        if (b === CR && !onlyCr) {
          onlyCr = true;
          at++;
          continue;
        }
        lineStart = false;
        onlyCr = false;
      }
      const next = chunk.indexOf(LF, at);
      if (next < 0) break;
      line++;
      lineStart = true;
      onlyCr = false;
      at = next + 1;
    }
    const lf = chunk.lastIndexOf(LF);
    tail = Buffer.from(lf >= 0 ? chunk.subarray(lf + 1) : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES));
  }
  if (!raw.destroyed) raw.destroy();
  const last = tail.toString('utf8');
  const unterminated = !lineStart && line > 1 && tail[tail.length - 1] !== CR && last.trim() !== '' ? { line, text: last } : null;
  return { sha256: hash.digest('hex'), blankLines, lines: lineStart ? line - 1 : line, unterminated };
}
