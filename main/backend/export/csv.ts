import fs from 'node:fs';
import path from 'node:path';
import { csvLine, UTF8_BOM, type CsvValue } from '../../../shared/format/csv';

const CHUNK = 1 << 20;

/**
 * UTF-8 with a byte-order mark (so Excel reads Arabic or accented names right), written in chunks
 * so a big export never sits in memory as one string, then renamed into place.
 */
export function writeCsv(file: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let count = 0;
  try {
    let buffer = `${UTF8_BOM}${csvLine(header)}`;
    for (const row of rows) {
      buffer += csvLine(row);
      count += 1;
      if (buffer.length >= CHUNK) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return count;
}
