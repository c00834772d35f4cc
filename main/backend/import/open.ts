import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { openParquetSource } from './duckdb/parquet-source';
import { openExcelSource } from './excel-source';
import type { TableSource } from './source';
import { openTextSource } from './text-source';
import { sniffEncoding } from './encoding';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const EXCEL_EXT = new Set(['xlsx', 'xlsm', 'xls', 'xlsb', 'ods']);

const startsWith = (head: Buffer, magic: number[]): boolean => magic.every((b, i) => head[i] === b);

// Files people pick by mistake, by their first bytes: reading them as text would only produce rejects.
const NOT_TABLES: { kind: string; magic: number[] }[] = [
  { kind: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a PDF document', magic: [0x25, 0x50, 0x44, 0x46] },
  { kind: 'a program', magic: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'a program', magic: [0x4d, 0x5a] },
  { kind: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf] },
  { kind: 'a RAR archive', magic: [0x52, 0x61, 0x72, 0x21] },
  { kind: 'a SQLite database (a Longtail workspace, perhaps)', magic: [...Buffer.from('SQLite format 3')] },
];

/** What a file that cannot be a table is, or null: known magic numbers, else NUL bytes outside UTF-16 text. */
export function binaryKind(head: Buffer, gzip: boolean): string | null {
  if (gzip) return null;
  for (const { kind, magic } of NOT_TABLES) if (startsWith(head, magic)) return kind;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || sniffEncoding(head, false).encoding.startsWith('utf-16');
  if (!utf16 && head.includes(0)) return 'a binary file';
  return null;
}

/** Opens any supported file as a table, telling formats apart by their first bytes, not only the name. */
export async function openSource(file: string, sheet: string | undefined, maxUnpackedMb?: number): Promise<{ source: TableSource; size: number; name: string; absolute: string }> {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `There is no file at ${absolute}. Check the path and try again.`, { path: absolute });
  }
  // Messages name the file as the user knows it; the full path (in the browser, a scratch folder) stays in details.
  const shown = path.basename(absolute);
  if (!stat.isFile()) throw new AppError('FILE_UNREADABLE', `${shown} is a folder, not a file. Choose a CSV or Excel file.`, { path: absolute });
  if (stat.size === 0) throw new AppError('IMPORT_EMPTY', `${shown} is empty. Choose a file with a header row and data rows.`, { path: absolute });
  const head = Buffer.alloc(Math.min(4096, stat.size));
  const fd = fs.openSync(absolute, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const ext = absolute.toLowerCase().split('.').pop() ?? '';
  const workbookMagic = startsWith(head, ZIP) || startsWith(head, CFB);
  const parquet = startsWith(head, PARQUET) || ext === 'parquet';
  const binary = workbookMagic || parquet ? null : binaryKind(head, ext === 'gz');
  if (binary) {
    throw new AppError(
      'IMPORT_BINARY_FILE',
      `${path.basename(absolute)} is ${binary}, not a CSV or Excel file. Choose the sales export itself (.csv, .xlsx, .xls, .ods).`,
      { path: absolute, kind: binary },
    );
  }
  // A text file named .xlsx (ERP exports often are) is read as the text it is, with a warning.
  // HTML and XML spreadsheets saved as .xls are left to the workbook reader, which knows them.
  const markup = /^\s*</.test(head.subarray(0, 64).toString('latin1'));
  const renamedText = EXCEL_EXT.has(ext) && !workbookMagic && !markup;
  const workbook = workbookMagic || (EXCEL_EXT.has(ext) && !renamedText);
  const source = parquet ? await openParquetSource(absolute, stat.size) : workbook ? await openExcelSource(absolute, stat.size, sheet, maxUnpackedMb) : await openTextSource(absolute, stat.size);
  if (renamedText) source.notes.push(`${path.basename(absolute)} is named .${ext} but holds plain text: it was read as a CSV file.`);
  return { source, size: stat.size, name: path.basename(absolute), absolute };
}
