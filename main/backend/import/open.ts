import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { openParquetSource } from './duckdb/parquet-source';
import { openExcelSource } from './excel-source';
import type { TableSource } from './source';
import { openTextSource } from './text-source';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const EXCEL_EXT = new Set(['xlsx', 'xlsm', 'xls', 'xlsb', 'ods']);

const startsWith = (head: Buffer, magic: number[]): boolean => magic.every((b, i) => head[i] === b);

/** Opens any supported file as a table, telling formats apart by their first bytes, not only the name. */
export async function openSource(file: string, sheet: string | undefined): Promise<{ source: TableSource; size: number; name: string; absolute: string }> {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `There is no file at ${absolute}. Check the path and try again.`, { path: absolute });
  }
  if (!stat.isFile()) throw new AppError('FILE_UNREADABLE', `${absolute} is a folder, not a file. Choose a CSV or Excel file.`, { path: absolute });
  if (stat.size === 0) throw new AppError('IMPORT_EMPTY', `${absolute} is empty. Choose a file with a header row and data rows.`, { path: absolute });
  const head = Buffer.alloc(8);
  const fd = fs.openSync(absolute, 'r');
  try {
    fs.readSync(fd, head, 0, 8, 0);
  } finally {
    fs.closeSync(fd);
  }
  const ext = absolute.toLowerCase().split('.').pop() ?? '';
  const workbook = startsWith(head, ZIP) || startsWith(head, CFB) || EXCEL_EXT.has(ext);
  const parquet = startsWith(head, PARQUET) || ext === 'parquet';
  const source = parquet ? await openParquetSource(absolute, stat.size) : workbook ? openExcelSource(absolute, stat.size, sheet) : await openTextSource(absolute, stat.size);
  return { source, size: stat.size, name: path.basename(absolute), absolute };
}
