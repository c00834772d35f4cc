import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../../shared/contract/errors';
import { CsvTokenizer, sniffTable, type RawRecord } from './csv-tokenizer';
import { settleEncoding, sniffEncoding, type TextEncoding } from './encoding';
import type { TableSource, TextTable } from './source';

const CHUNK = 1 << 18;
/**
 * Bytes decoded and tokenized at a time. V8 puts a string above 128 KB in its large-object space,
 * which maps fresh memory for each one: a 256 KB chunk's text cost about ten times more to make
 * than four 32 KB ones (two-byte text doubles the size, so 64 KB would already be too much).
 */
const PIECE = 1 << 15;
const SAMPLE_BYTES = 1 << 20;
export const SAMPLE_RECORDS = 2000;

const isGzip = (file: string): boolean => file.toLowerCase().endsWith('.gz');

function rawStream(file: string): { stream: NodeJS.ReadableStream; counter: fs.ReadStream } {
  const counter = fs.createReadStream(file, { highWaterMark: CHUNK });
  return { stream: isGzip(file) ? counter.pipe(zlib.createGunzip({ chunkSize: CHUNK })) : counter, counter };
}

/** Reads the first bytes of the (decompressed) file without reading the rest. */
async function readHead(file: string, limit: number): Promise<Buffer> {
  const { stream, counter } = rawStream(file);
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', `Could not read ${path.basename(file)}: ${(e as Error).message}. Check that the file is complete and not compressed in another format.`, { path: file });
  } finally {
    counter.destroy();
  }
  return Buffer.concat(parts);
}

/** Streams a delimited text file (optionally .gz) as records, decoding and tokenizing chunk by chunk. */
export async function openTextSource(file: string, totalBytes: number): Promise<TableSource> {
  const head = await readHead(file, SAMPLE_BYTES);
  const { encoding, bom, note } = settleEncoding(head, sniffEncoding(head, head.length < SAMPLE_BYTES), head.length < SAMPLE_BYTES);
  const headText = new TextDecoder(encoding).decode(head.subarray(bom));
  const { delimiter, width } = sniffTable(headText.slice(0, 256 * 1024));
  const wholeFile = head.length < SAMPLE_BYTES;
  const tokenizer = new CsvTokenizer(delimiter, width);
  const sample = tokenizer.push(headText);
  if (wholeFile) tokenizer.end(sample);
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheets: [],
    sheet: null,
    totalBytes,
    sample: sample.slice(0, SAMPLE_RECORDS),
    sampleIsAll: wholeFile && sample.length <= SAMPLE_RECORDS,
    notes: note ? [note] : [],
    read: (onBatch, options) => streamRecords({ file, encoding, bom, delimiter, width, totalBytes }, onBatch, options),
    text: { file, encoding, bom, delimiter, width, totalBytes },
  };
}

/**
 * A streaming decoder that copies pure-ASCII pieces straight into strings: in UTF-8 and
 * windows-1252 an ASCII byte is its own character, and TextDecoder takes ten times longer for
 * them. Only while the decoder holds no bytes of a character cut at a piece's end, which is
 * so after any ASCII piece it decoded.
 */
function streamDecoder(encoding: TextEncoding): { decode: (bytes: Buffer) => string; end: () => string } {
  const decoder = new TextDecoder(encoding);
  const asciiCompatible = encoding === 'utf-8' || encoding === 'windows-1252';
  let pending = false;
  return {
    decode(bytes) {
      const ascii = asciiCompatible && isAscii(bytes);
      if (ascii && !pending) return bytes.toString('latin1');
      pending = !ascii;
      return decoder.decode(bytes, { stream: true });
    },
    end: () => decoder.decode(),
  };
}

/**
 * Streams the bytes of a text table (decompressed, BOM skipped) to `onChunk`, and calls `onEnd`
 * after the last; either may return a promise: the next piece of the file is read once it settles.
 * Cancel, progress, the raw bytes for the hash and read errors are handled here for every reader.
 */
export async function streamChunks(
  table: TextTable,
  onChunk: (bytes: Buffer) => void | Promise<void>,
  onEnd: () => void | Promise<void>,
  options: Parameters<TableSource['read']>[1],
): Promise<void> {
  const { file, bom, totalBytes } = table;
  const { stream, counter } = rawStream(file);
  let skip = bom;
  let bytes = 0;
  const gz = stream !== counter;
  // Progress and the file hash follow the bytes on disk, which for .gz are the compressed ones.
  const countRaw = (chunk: Buffer | string): void => {
    if (typeof chunk === 'string') return;
    bytes += chunk.length;
    options.onBytes?.(chunk);
  };
  if (gz) counter.on('data', countRaw);
  try {
    for await (const chunk of stream) {
      if (options.signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');
      let buf = chunk as Buffer;
      if (!gz) countRaw(buf);
      if (skip > 0) {
        const cut = Math.min(skip, buf.length);
        buf = buf.subarray(cut);
        skip -= cut;
      }
      const wait = onChunk(buf);
      if (wait) await wait;
      options.onProgress({ bytes, totalBytes });
    }
    await onEnd();
    options.onProgress({ bytes: totalBytes, totalBytes });
  } catch (e) {
    // A failure of the workspace the rows go to (a full disk, a lock) is not the input file's fault.
    if (e instanceof AppError || (e as Error).name === 'SqliteError') throw e;
    throw new AppError('FILE_UNREADABLE', `Could not read ${path.basename(file)}: ${(e as Error).message}. Check that the file is complete.`, { path: file });
  } finally {
    counter.destroy();
  }
}

/**
 * Decodes and tokenizes a text table's bytes from a record's start on, `line` being that record's
 * file line; `records` gets the records each piece completes.
 */
export function textRecords(table: TextTable, line = 1): { push: (bytes: Buffer, records: RawRecord[]) => void; end: (records: RawRecord[]) => void } {
  const text = streamDecoder(table.encoding);
  const tokenizer = new CsvTokenizer(table.delimiter, table.width, line);
  return {
    push(bytes, records) {
      for (let at = 0; at < bytes.length; at += PIECE) tokenizer.push(text.decode(bytes.subarray(at, at + PIECE)), records);
    },
    end(records) {
      tokenizer.push(text.end(), records);
      tokenizer.end(records);
    },
  };
}

/**
 * Reads the records of a text table (another thread can read it again from this description).
 * `onBatch` may return a promise: the next piece of the file is read once it settles.
 */
export async function streamRecords(
  table: TextTable,
  onBatch: (records: RawRecord[]) => void | Promise<void>,
  options: Parameters<TableSource['read']>[1],
): Promise<void> {
  const reader = textRecords(table);
  await streamChunks(
    table,
    (bytes) => {
      const records: RawRecord[] = [];
      reader.push(bytes, records);
      if (records.length > 0) return onBatch(records);
    },
    () => {
      const last: RawRecord[] = [];
      reader.end(last);
      if (last.length > 0) return onBatch(last);
    },
    options,
  );
}
