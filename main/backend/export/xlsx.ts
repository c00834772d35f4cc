import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { zipEntries, type ZipEntry } from './zip';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { roundMoney, showsCents } from '../../../shared/format/numbers';
import { AppError } from '../../../shared/contract/errors';
import { dropTemp, writingTo } from './csv';

/** How a column's values are typed and shown in Excel. */
export type ColumnKind = 'text' | 'money' | 'count' | 'number' | 'share' | 'date';

export type Column<R> = {
  header: string;
  kind: ColumnKind;
  /** Width in characters. */
  width: number;
  /** text: string; date: ISO 'YYYY-MM-DD'; others: number. null leaves the cell empty. */
  value: (row: R) => string | number | null;
};

export type SheetSpec = { name: string; ws: XLSX.WorkSheet };

/**
 * A cell as a CSV writes it: money to the cent (roundMoney), shares and other fractions to six
 * places; the rep lists' CSV had carried 124873.28841986871 where Excel showed £124,873.
 */
export function csvCell<R>(column: Column<R>, row: R): string | number | null {
  const v = column.value(row);
  if (typeof v !== 'number' || !Number.isFinite(v)) return v;
  if (column.kind === 'money') return roundMoney(v);
  if (column.kind === 'share' || column.kind === 'number') return Math.round(v * 1e6) / 1e6;
  return v;
}

const DATE_FORMAT = 'yyyy-mm-dd';
const EXCEL_EPOCH_DAY = 25569; // 1970-01-01 as an Excel (1900 system) serial

/**
 * "$"#,##0 for USD, "€"#,##0 for EUR, "CHF "#,##0 where the symbol is a code: whole units, as reps
 * talk; `cents` for an amount under ten, which whole units would show as "$0" or "$1".
 */
export function currencyFormat(currency: string, cents = false): string {
  const number = cents ? '#,##0.00' : '#,##0';
  if (currency === PURCHASE_UNITS) return `${number}" units";-${number}" units"`;
  let symbol = currency;
  try {
    symbol =
      new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ??
      currency;
  } catch {
    // An unknown code is still shown, as itself.
  }
  const quoted = `"${symbol.replace(/"/g, '')}${/^[A-Z]{2,}$/.test(symbol) ? ' ' : ''}"`;
  return `${quoted}${number};-${quoted}${number}`;
}

const formatFor = (kind: ColumnKind, currency: string): string | undefined => {
  switch (kind) {
    case 'money':
      return currencyFormat(currency);
    case 'count':
      return '#,##0';
    case 'number':
      return '0.0';
    case 'share':
      return '0.0%';
    case 'date':
      return DATE_FORMAT;
    default:
      return undefined;
  }
};

export const excelSerialFromIso = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000 + EXCEL_EPOCH_DAY;

/** Rows an Excel sheet holds, its header among them. */
export const EXCEL_MAX_ROWS = 1_048_576;

const tooManyRows = (name: string): AppError =>
  new AppError(
    'EXPORT_TOO_LARGE',
    `${name} would hold more than ${(EXCEL_MAX_ROWS - 1).toLocaleString('en-US')} rows, more than an Excel sheet takes. Export CSV instead (it has no row limit), or narrow what is exported.`,
    { sheet: name, maxRows: EXCEL_MAX_ROWS - 1 },
  );

/**
 * A dense sheet with a header row, an autofilter over the table and column widths. Text is
 * always a plain string cell (t 's', never a formula), so "=HYPERLINK(...)" stays text.
 */
export function buildSheet<R>(columns: readonly Column<R>[], rows: Iterable<R>, currency: string, name = 'the sheet'): XLSX.WorkSheet {
  const formats = columns.map((c) => formatFor(c.kind, currency));
  const centsFormat = currencyFormat(currency, true);
  const data: XLSX.CellObject[][] = [columns.map((c) => ({ t: 's', v: c.header }))];
  for (const row of rows) {
    // Excel opens no sheet past its last row: refused here, before anything is written, rather than a workbook it calls damaged.
    if (data.length >= EXCEL_MAX_ROWS) throw tooManyRows(name);
    const line: XLSX.CellObject[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      const v = col.value(row);
      if (v === null || v === '') continue;
      if (col.kind === 'text') line[i] = { t: 's', v: String(v) };
      else if (col.kind === 'date') line[i] = { t: 'n', v: excelSerialFromIso(String(v)), z: formats[i] };
      // Money rounded: a sum of many amounts ends in float noise (5126197.249999997) that the
      // cell's format hides but its formula bar and a copy show.
      else if (typeof v === 'number' && Number.isFinite(v) && col.kind === 'money')
        line[i] = { t: 'n', v: roundMoney(v), z: showsCents(v) ? centsFormat : formats[i] };
      else if (typeof v === 'number' && Number.isFinite(v)) line[i] = { t: 'n', v, z: formats[i] };
      else line[i] = { t: 's', v: String(v) };
    }
    data.push(line);
  }
  const lastCol = XLSX.utils.encode_col(Math.max(columns.length - 1, 0));
  const ref = `A1:${lastCol}${Math.max(data.length, 1)}`;
  const ws: XLSX.WorkSheet = { '!data': data, '!ref': ref };
  ws['!autofilter'] = { ref };
  ws['!cols'] = columns.map((c) => ({ wch: c.width }));
  return ws;
}

const FORBIDDEN = new Set(['\\', '/', '?', '*', ':', '[', ']']);
const scrub = (s: string): string => Array.from(s, (ch) => (ch.charCodeAt(0) < 32 || FORBIDDEN.has(ch) ? ' ' : ch)).join('');

/** Excel sheet names: no \ / ? * : [ ], not blank, <= 31 characters, unique ignoring case. */
export function sheetName(wanted: string, used: Set<string>): string {
  let base = scrub(wanted).replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = `Sheet ${used.size + 1}`;
  // Slicing by code points keeps a surrogate pair (e.g. an emoji) whole.
  const clip = (s: string, n: number) => Array.from(s).slice(0, n).join('').trim();
  let name = clip(base, 31);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${clip(base, 31 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

// SheetJS community builds do not write frozen panes, so the header freeze is put into each sheet's XML.
const FROZEN_HEADER =
  '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/** Re-packs SheetJS's uncompressed output, freezing the header row of the first `sheetsToFreeze` sheets. */
function packWithFrozenHeaders(stored: Buffer, sheetsToFreeze: number): Buffer {
  // The bundled types give CFB as `any`; this is the part of its container we read.
  const cfb = XLSX.CFB.read(stored, { type: 'buffer' }) as { FullPaths: string[]; FileIndex: { type: number; content?: Uint8Array }[] };
  const entries: ZipEntry[] = [];
  cfb.FileIndex.forEach((entry, i) => {
    const name = cfb.FullPaths[i].replace(/^Root Entry\//, '');
    // type 2 = a file; SheetJS keeps a placeholder stream whose name starts with \u0001.
    if (entry.type !== 2 || !entry.content || name.startsWith('\u0001')) return;
    let data = Buffer.from(entry.content);
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (sheet && Number(sheet[1]) <= sheetsToFreeze) {
      data = Buffer.from(data.toString('utf8').replace(/<sheetView workbookViewId="0"\s*\/>/, FROZEN_HEADER), 'utf8');
    }
    entries.push({ name, data });
  });
  // Content types first, as Office writes it; some readers sniff the first entry.
  entries.sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'));
  return zipEntries(entries);
}

/**
 * Writes the workbook atomically (a temp file renamed into place) so a half-written export never
 * replaces a good one. The first `frozen` sheets get their header row frozen.
 */
export function writeWorkbook(file: string, sheets: readonly SheetSpec[], frozen = sheets.length): void {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, s.ws, s.name);
  // Stored uncompressed first: the zip is opened again to freeze panes, and compressed once on the way out.
  const raw = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: false }) as Buffer;
  const out = packWithFrozenHeaders(raw, frozen);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writingTo(file, () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, out);
    });
    writingTo(file, () => fs.renameSync(tmp, file), 'replace');
  } catch (e) {
    dropTemp(tmp);
    throw e;
  }
}
