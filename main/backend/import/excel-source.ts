import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { AppError } from '../../../shared/contract/errors';
import { DEFAULT_MAX_UNPACKED_MB } from '../../../shared/contract/import';
import { zipDamage, zipUnpackedSize } from './zip-size';
import { isoFromDay } from '../../../shared/format/dates';
import type { RawRecord } from './csv-tokenizer';
import { DateOrderDetector, excelSerialToDay } from './dates';
import { normaliseHeader } from './mapping';
import { detectHeader } from './header';
import { isBlank, type SourceFormat, type TableSource } from './source';
import { SAMPLE_RECORDS } from './text-source';

const BATCH = 5000;

const MB = 1024 * 1024;

/**
 * Refuses a zipped workbook (xlsx, xlsb, ods) that unpacks to more than the limit, before anything
 * inflates it (SheetJS, or the damage check): it holds the whole unpacked sheet and its cells in memory, about six times the
 * unpacked size (a 10.8 MB xlsx unpacking to 200 MB took 1.26 GB).
 */
function refuseIfTooBig(file: string, bytes: Buffer, maxUnpackedMb: number): void {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null || unpacked <= maxUnpackedMb * MB) return;
  const mb = (n: number): string => `${Math.round(n / MB).toLocaleString('en-US')} MB`;
  throw new AppError(
    'IMPORT_TOO_LARGE',
    `${path.basename(file)} is ${mb(bytes.length)} but unpacks to ${mb(unpacked)}, more than the ${mb(maxUnpackedMb * MB)} a workbook may unpack to (reading it would take several GB of memory). Save the sheet as CSV (File > Save As > CSV UTF-8), which is read as a stream in little memory, or raise the limit with --max-unpacked-mb.`,
    { path: file, bytes: bytes.length, unpackedBytes: unpacked, maxUnpackedMb },
  );
}

async function readWorkbook(file: string, maxUnpackedMb: number): Promise<XLSX.WorkBook> {
  const bytes = fs.readFileSync(file);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    refuseIfTooBig(file, bytes, maxUnpackedMb);
    const damage = await zipDamage(bytes);
    if (damage) throw corruptWorkbook(file, damage);
  }
  try {
    return XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellText: false, cellDates: false });
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/password|encrypt/i.test(message)) {
      throw new AppError('IMPORT_PASSWORD_PROTECTED', `${path.basename(file)} is protected by a password. Open it in Excel, remove the password (File > Info > Protect Workbook), save, and import again.`, { path: file });
    }
    throw corruptWorkbook(file, message);
  }
}

const corruptWorkbook = (file: string, message: string): AppError =>
  new AppError('IMPORT_CORRUPT_WORKBOOK', `${path.basename(file)} could not be read as a workbook (${message}). Open and re-save it in Excel, or export the sheet as CSV.`, { path: file });

/** A damaged workbook can parse into sheets that are missing or malformed: that is the file's fault. */
function blameTheWorkbook<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw corruptWorkbook(file, (e as Error).message ?? String(e));
  }
}

/** Excel's error codes as it shows them, for cells stored without their text. */
const EXCEL_ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'n': {
      const v = cell.v as number;
      // A number shown with a date format is a date serial: give it to the date parser as ISO.
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) return isoFromDay(excelSerialToDay(v, date1904));
      return String(v);
    }
    case 'd': {
      const d = cell.v as Date;
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      // The error as Excel shows it (#N/A, #DIV/0!): the checks reject its row saying so, rather than that the cell is empty.
      return typeof cell.w === 'string' ? cell.w : (EXCEL_ERRORS[cell.v as number] ?? '#ERROR');
    default:
      return String(cell.v);
  }
}

/** A sheet's rows, turned into text cells one batch at a time so a big sheet is not held twice. */
/** `merged`: cells that took the value of a merge down their column (mergedDown). */
type SheetRows = { count: number; merged?: number; slice: (from: number, to: number) => RawRecord[]; numberFormats?: (rows: number) => (string | null)[][] };

/** Row x stride + column keys a cell: a sheet has at most 16,384 columns. */
const MERGE_STRIDE = 16_384;

/**
 * Cells covered by a merge down one column (a customer merged over its lines, as a formatted report
 * shows it), each to the row of the merge's top cell that holds the value: Excel shows that value on
 * every line, and read cell by cell the lines below had been rejected as having no customer. Merges
 * across columns (a title over the table) are left alone.
 */
function mergedDown(ws: XLSX.WorkSheet): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of ws['!merges'] ?? []) {
    if (m.s.c !== m.e.c || m.e.r <= m.s.r) continue;
    for (let r = m.s.r + 1; r <= m.e.r; r++) out.set(r * MERGE_STRIDE + m.s.c, m.s.r);
  }
  return out;
}

function sheetRows(ws: XLSX.WorkSheet | undefined, date1904: boolean): SheetRows {
  if (!ws) throw new Error('a sheet listed in the workbook is missing');
  const ref = ws['!ref'];
  if (!ref) return { count: 0, slice: () => [] };
  const range = XLSX.utils.decode_range(ref);
  const dense = (ws as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? [];
  const merged = mergedDown(ws);
  const record = (r: number): RawRecord => {
    const row = dense[r];
    const cells: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const from = merged.get(r * MERGE_STRIDE + c);
      cells.push(cellText(from === undefined ? row?.[c] : dense[from]?.[c], date1904));
    }
    return { line: r + 1, cells };
  };
  // Trailing blank rows are sheet formatting, not data rows.
  let last = range.e.r;
  while (last >= range.s.r && isBlank(record(last).cells)) last--;
  const count = last - range.s.r + 1;
  return {
    count,
    merged: merged.size,
    numberFormats: (rows) => {
      const out: (string | null)[][] = [];
      for (let c = range.s.c; c <= range.e.c; c++) out.push([]);
      for (let r = range.s.r; r < range.s.r + Math.min(rows, count); r++) {
        const row = dense[r];
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = row?.[c];
          // Dates are number cells too: their format is read as a date (cellText), never as money.
          if (cell?.t !== 'n' || (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z))) continue;
          out[c - range.s.c].push(typeof cell.z === 'string' && cell.z !== 'General' ? cell.z : null);
        }
      }
      return out;
    },
    slice: (from, to) => {
      const out: RawRecord[] = [];
      for (let i = from; i < Math.min(to, count); i++) out.push(record(range.s.r + i));
      return out;
    },
  };
}

const formatOf = (file: string): SourceFormat => {
  const ext = file.toLowerCase().split('.').pop() ?? '';
  return ext === 'xls' || ext === 'xlsb' || ext === 'ods' ? ext : 'xlsx';
};

/** A sheet's header cells, normalised, or null when it has no header row. */
function headerOf(rows: SheetRows): string | null {
  const sample = rows.slice(0, 200);
  const at = detectHeader(sample);
  return at === null ? null : sample[at].cells.map(normaliseHeader).join('|');
}

/** How to choose each sheet, in the command line's words (--sheet "Name"), which the import screen says its own way. */
const sheetChoices = (names: readonly string[], joiner: string): string => names.map((name) => `--sheet "${name}"`).join(joiner);

/**
 * Other sheets with the columns of the one read: a workbook split by year (as UCI's Online Retail II
 * is) holds the rest of the sales there, and one import reads one sheet, so the import says so.
 */
function sameLayoutNotes(wb: XLSX.WorkBook, chosen: string, rows: SheetRows, date1904: boolean): string[] {
  const header = headerOf(rows);
  if (header === null) return [];
  const same = wb.SheetNames.filter((name) => name !== chosen && headerOf(sheetRows(wb.Sheets[name], date1904)) === header);
  if (same.length === 0) return [];
  const names = same.map((name) => `"${name}"`).join(', ');
  // Said in the command line's words only: the import screen puts its own control in place of each --sheet (screenWords).
  return [
    `${same.length === 1 ? 'Sheet' : 'Sheets'} ${names} ${same.length === 1 ? 'has' : 'have'} the same columns as "${chosen}", the one read: import ${same.length === 1 ? 'it' : 'each'} too (${sheetChoices(same, ', then ')}) for the rest of the sales; lines the sheets share are stored once.`,
  ];
}

type SheetLook = { name: string; rows: SheetRows; data: boolean; dated: boolean; monthly: boolean };

/** A month's first day written as a date: a pivot by month dates its rows so. */
const FIRST_OF_MONTH = /^\d{4}-\d{2}-01\b/;

/**
 * Whether some column of a sheet's first rows below its header is nearly all dates, and whether
 * those dates are months (each a month's first day, or a month without a day): a pivot or summary
 * by month rather than sales lines.
 */
function datedRows(records: readonly RawRecord[]): { dated: boolean; monthly: boolean } {
  const width = Math.max(0, ...records.map((r) => r.cells.length));
  for (let c = 0; c < width; c++) {
    const dates = new DateOrderDetector();
    const filled = records.map((r) => (r.cells[c] ?? '').trim()).filter((v) => v !== '');
    for (const v of filled) dates.observe(v);
    if (dates.dateShare < 0.9) continue;
    const firsts = filled.filter((v) => FIRST_OF_MONTH.test(v)).length;
    return { dated: true, monthly: dates.decide().months === true || (filled.length >= 3 && firsts >= 0.95 * filled.length) };
  }
  return { dated: false, monthly: false };
}

/**
 * The sheet to read when none is asked for: the first table of dated rows (sales lines), else the
 * first table with rows, else the first with a header. A workbook with a 'Summary' sheet of totals
 * per customer before its 'Lines' had been read as a spend table dated today, and one with 'Cover'
 * and 'Targets' before 'Data' refused as a header without rows.
 */
function pickSheet(wb: XLSX.WorkBook, sheets: readonly string[], date1904: boolean): { name: string; rows: SheetRows; note: string | null } | null {
  const looks: SheetLook[] = [];
  for (const name of sheets) {
    const rows = sheetRows(wb.Sheets[name], date1904);
    const head = rows.slice(0, 200);
    const at = detectHeader(head);
    if (at === null) continue;
    const below = head.slice(at + 1).filter((r) => !isBlank(r.cells)).slice(0, 50);
    const seen = below.length > 0 ? datedRows(below) : { dated: false, monthly: false };
    looks.push({ name, rows, data: below.length > 0, ...seen });
  }
  // Sales lines are dated by the day: a pivot by month placed first had been read instead of the lines after it.
  const pick = looks.find((l) => l.dated && !l.monthly) ?? looks.find((l) => l.dated) ?? looks.find((l) => l.data) ?? looks[0];
  if (!pick) return null;
  const before = looks.slice(0, looks.indexOf(pick)).filter((l) => l.data);
  const monthly = before.filter((l) => l.monthly);
  const undated = before.filter((l) => !l.dated);
  const names = (ls: readonly SheetLook[]): string => ls.map((l) => `"${l.name}"`).join(', ');
  const notes = [
    ...(monthly.length > 0
      ? [`Read sheet "${pick.name}", the first dated by the day; ${names(monthly)} before it ${monthly.length === 1 ? 'holds' : 'hold'} rows dated by the month (a pivot or summary?): choose ${monthly.length === 1 ? 'it' : 'one'} (${sheetChoices(monthly.map((l) => l.name), ' or ')}) to read it instead.`]
      : []),
    ...(undated.length > 0
      ? [`Read sheet "${pick.name}", the first of dated rows; ${names(undated)} before it ${undated.length === 1 ? 'holds' : 'hold'} a table without dates (a summary?): choose ${undated.length === 1 ? 'it' : 'one'} (${sheetChoices(undated.map((l) => l.name), ' or ')}) to read it instead.`]
      : []),
  ];
  return { name: pick.name, rows: pick.rows, note: notes.length > 0 ? notes.join(' ') : null };
}

/** Reads a workbook and picks the sheet: the one asked for, else the first table of dated rows (pickSheet). */
export async function openExcelSource(file: string, totalBytes: number, wantedSheet: string | undefined, maxUnpackedMb = DEFAULT_MAX_UNPACKED_MB): Promise<TableSource> {
  const wb = await readWorkbook(file, maxUnpackedMb);
  return blameTheWorkbook(file, () => workbookSource(file, wb, totalBytes, wantedSheet));
}

function workbookSource(file: string, wb: XLSX.WorkBook, totalBytes: number, wantedSheet: string | undefined): TableSource {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets = wb.SheetNames;
  let chosen: string | undefined;
  let rows: SheetRows = { count: 0, slice: () => [] };
  let pickNote: string | null = null;
  if (wantedSheet !== undefined) {
    chosen = sheets.find((s) => s === wantedSheet) ?? sheets.find((s) => s.toLowerCase() === wantedSheet.toLowerCase());
    if (!chosen) {
      throw new AppError('IMPORT_SHEET_NOT_FOUND', `${path.basename(file)} has no sheet called "${wantedSheet}". Its sheets are: ${sheets.join(', ')}.`, { path: file, sheets });
    }
    rows = sheetRows(wb.Sheets[chosen], date1904);
  } else {
    const picked = pickSheet(wb, sheets, date1904);
    chosen = picked?.name ?? sheets[0];
    if (picked) rows = picked.rows;
    else if (chosen) rows = sheetRows(wb.Sheets[chosen], date1904);
    if (picked?.note) pickNote = picked.note;
  }
  return {
    format: formatOf(file),
    encoding: null,
    delimiter: null,
    sheets,
    sheet: chosen ?? null,
    notes: [
      ...(pickNote ? [pickNote] : []),
      ...(chosen ? sameLayoutNotes(wb, chosen, rows, date1904) : []),
      ...(rows.merged ? [`${rows.merged.toLocaleString('en-US')} cell${rows.merged === 1 ? '' : 's'} of sheet "${chosen}" ${rows.merged === 1 ? 'lies' : 'lie'} under a merged cell above ${rows.merged === 1 ? 'it' : 'them'} (a customer merged over its lines, say): each took the merged cell's value, as Excel shows it.`] : []),
    ],
    totalBytes,
    sample: rows.slice(0, SAMPLE_RECORDS),
    sampleIsAll: rows.count <= SAMPLE_RECORDS,
    ...(rows.numberFormats ? { numberFormats: rows.numberFormats(SAMPLE_RECORDS) } : {}),
    read: async (onBatch, options) => {
      for (let i = 0; i < rows.count; i += BATCH) {
        if (options.signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');
        const batch = blameTheWorkbook(file, () => rows.slice(i, i + BATCH));
        onBatch(batch);
        options.onProgress({ bytes: Math.round((totalBytes * Math.min(rows.count, i + BATCH)) / rows.count), totalBytes });
        // Let a cancel message in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
