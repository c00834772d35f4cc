import fs from 'node:fs';
import path from 'node:path';
import { csvLine, UTF8_BOM, type CsvValue } from '../../../shared/format/csv';
import { outputError } from '../db/errors';

const CHUNK = 1 << 20;

/** Runs one file-system step of writing `file`, a failure said about the file the user chose. */
export function writingTo<T>(file: string, step: () => T, stage: 'write' | 'replace' = 'write'): T {
  try {
    return step();
  } catch (e) {
    throw outputError(e, file, stage);
  }
}

/** Leaves no half-written temp file beside the user's file. */
export function dropTemp(tmp: string): void {
  try {
    fs.rmSync(tmp, { force: true });
  } catch {
    // Nothing more can be done about a temp file that will not go.
  }
}

/**
 * UTF-8 with a byte-order mark (so Excel reads Arabic or accented names right), written in chunks
 * so a big export never sits in memory as one string, then renamed into place.
 */
export function writeCsv(file: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>): number {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = writingTo(file, () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return fs.openSync(tmp, 'w');
  });
  const put = (text: string): void => {
    writingTo(file, () => fs.writeSync(fd, text));
  };
  let count = 0;
  try {
    try {
      let buffer = `${UTF8_BOM}${csvLine(header)}`;
      for (const row of rows) {
        buffer += csvLine(row);
        count += 1;
        if (buffer.length >= CHUNK) {
          put(buffer);
          buffer = '';
        }
      }
      put(buffer);
    } finally {
      fs.closeSync(fd);
    }
    writingTo(file, () => fs.renameSync(tmp, file), 'replace');
  } catch (e) {
    dropTemp(tmp);
    throw e;
  }
  return count;
}
