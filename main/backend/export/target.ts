import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';

export type ExportFormat = 'xlsx' | 'csv';
export type ExportTarget = { format: ExportFormat; file: string } | { format: 'csv'; dir: string };

/**
 * Where an export goes: a .xlsx or .csv path is a file (its extension sets the format); anything
 * else is a folder that gets `<baseName>.xlsx`, `<baseName>.csv`, or one CSV per rep.
 */
export function resolveTarget(out: string, format: ExportFormat | undefined, perRep: boolean, baseName: string): ExportTarget {
  const resolved = path.resolve(out);
  const ext = path.extname(resolved).toLowerCase();
  const isDir = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
  if (!isDir && (ext === '.xlsx' || ext === '.csv')) {
    const fromExt: ExportFormat = ext === '.xlsx' ? 'xlsx' : 'csv';
    if (format !== undefined && format !== fromExt) {
      throw new AppError('INVALID_INPUT', `${resolved} ends in ${ext} but the format asked for is ${format}. Change one of them.`, {
        path: resolved,
        format,
      });
    }
    if (perRep) {
      throw new AppError('INVALID_INPUT', `One CSV per rep needs a folder, not the file ${resolved}. Give a folder as the output.`, {
        path: resolved,
      });
    }
    return { format: fromExt, file: resolved };
  }
  // 'plan.txt' names a file, not a folder: it had become a folder holding assignments.xlsx.
  if (!isDir && /^\.[a-z]{2,5}$/i.test(ext)) {
    throw new AppError('INVALID_INPUT', `${resolved} ends in ${ext}: an export is a .xlsx or .csv file, or a folder. Name the file .xlsx or .csv.`, { path: resolved });
  }
  const f = format ?? 'xlsx';
  if (perRep && f === 'csv') return { format: 'csv', dir: resolved };
  if (perRep) {
    throw new AppError('INVALID_INPUT', 'One file per rep is a CSV option: ask for the csv format, or drop the per-rep option.');
  }
  return { format: f, file: path.join(resolved, `${baseName}.${f}`) };
}

const FORBIDDEN = new Set(['<', '>', ':', '"', '/', '\\', '|', '?', '*']);
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name any OS accepts, unique within `used` (case-insensitive, as on Windows and macOS). */
export function safeFileName(wanted: string, used: Set<string>, ext: string): string {
  let base = Array.from(wanted, (ch) => (ch.charCodeAt(0) < 32 || FORBIDDEN.has(ch) ? '_' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  if (base === '' || WINDOWS_RESERVED.test(base)) base = `_${base}`;
  base = Array.from(base).slice(0, 100).join('');
  let name = `${base}.${ext}`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).${ext}`;
  used.add(name.toLowerCase());
  return name;
}
