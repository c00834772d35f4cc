import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { AppError } from '../../../shared/contract/errors';
import { MAX_CAPACITY, type RepKind } from '../../../shared/contract/assignment';
import type { RosterEntry, RosterField } from './store';

type Field = 'name' | 'kind' | 'territory' | 'capacity' | 'active';

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const HEADERS: Record<Field, string[]> = {
  name: ['rep', 'name', 'rep name', 'sales rep', 'salesperson', 'sales person', 'representative', 'account manager', 'owner'],
  kind: ['kind', 'type', 'rep type', 'role', 'channel', 'inside outside'],
  territory: ['territory', 'region', 'area', 'district', 'zone'],
  capacity: ['capacity', 'accounts', 'max accounts', 'account capacity', 'accounts per period', 'calls'],
  active: ['active', 'status', 'enabled'],
};

const KIND_WORDS: Record<string, RepKind> = {
  inside: 'inside',
  'inside sales': 'inside',
  isr: 'inside',
  inbound: 'inside',
  telesales: 'inside',
  phone: 'inside',
  outside: 'outside',
  'outside sales': 'outside',
  osr: 'outside',
  field: 'outside',
  'field sales': 'outside',
  unknown: 'unknown',
  '': 'unknown',
};

const ACTIVE_WORDS: Record<string, boolean> = {
  '': true, yes: true, y: true, true: true, '1': true, active: true,
  no: false, n: false, false: false, '0': false, inactive: false, left: false,
};

/** Rows as text; CSV is decoded as UTF-8 ourselves so names in any script survive and '=' is never a formula. */
function readRows(file: string, sheet: string | undefined): { rows: string[][]; sheet: string | null } {
  if (!fs.existsSync(file)) {
    throw new AppError('FILE_NOT_FOUND', `No roster file at ${file}. Check the path.`, { path: file });
  }
  let wb: XLSX.WorkBook;
  try {
    if (/\.(csv|txt|tsv)$/i.test(file)) {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      wb = XLSX.read(text, { type: 'string', raw: true, dense: true });
    } else {
      wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true });
    }
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', `Could not read the roster ${path.basename(file)}: ${(e as Error).message}`, { path: file });
  }
  const name = sheet ?? wb.SheetNames[0];
  const ws = wb.Sheets[name];
  if (!ws) {
    throw new AppError('IMPORT_SHEET_NOT_FOUND', `${path.basename(file)} has no sheet "${name}". Sheets: ${wb.SheetNames.join(', ')}.`, {
      path: file,
      sheets: wb.SheetNames,
    });
  }
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: '', blankrows: false });
  return { rows: rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v).trim()))), sheet: sheet ?? null };
}

/** A roster file's reps, the fields its columns give, and what it did not read, in words. */
export type RosterFile = { entries: RosterEntry[]; fields: Set<RosterField>; warnings: string[] };

const FIELD_WORDS: Record<RosterField, string> = { kind: 'Kind', territory: 'Territory', capacity: 'Capacity', active: 'Active' };

/** What a roster without some columns does, and which of its columns were not read, in words. */
function rosterWarnings(header: readonly string[], col: Record<Field, number>): string[] {
  const warnings: string[] = [];
  const unread = header.filter((h, i) => h !== '' && !Object.values(col).includes(i));
  if (unread.length > 0) {
    const names = (Object.keys(HEADERS) as Field[]).map((f) => `"${HEADERS[f][0][0].toUpperCase()}${HEADERS[f][0].slice(1)}"`).join(', ');
    warnings.push(`Column${unread.length === 1 ? '' : 's'} ${unread.map((h) => `"${h}"`).join(', ')} ${unread.length === 1 ? 'was' : 'were'} not read: a roster's columns are ${names} (or their usual synonyms, e.g. "Type", "Region", "Accounts").`);
  }
  const missing = (Object.keys(FIELD_WORDS) as RosterField[]).filter((f) => col[f] < 0 && f !== 'active');
  if (missing.length > 0) {
    const what = missing.map((f) => FIELD_WORDS[f]).join(', ').replace(/, ([^,]*)$/, ' or $1');
    const defaults = [
      missing.includes('kind') ? 'of unknown kind (planned as outside reps)' : '',
      missing.includes('territory') ? 'with no territory of their own (the one most of their customers are in)' : '',
      missing.includes('capacity') ? "at the plan's default capacity" : '',
    ].filter(Boolean);
    warnings.push(`No ${what} column: reps already in the roster keep theirs; new reps are ${defaults.join(', ')}.`);
  }
  return warnings;
}

/**
 * Reads a roster (CSV or a workbook sheet): columns like Rep/Name, Kind/Type, Territory/Region,
 * Capacity. A bad value is refused with the file, row, column and value so it can be fixed.
 */
export function readRosterFile(file: string, sheet?: string): RosterFile {
  const { rows } = readRows(file, sheet);
  const base = path.basename(file);
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY', `${base} is empty: give a header row and one row per rep.`, { path: file });
  const header = rows[0];
  const col = {} as Record<Field, number>;
  for (const field of Object.keys(HEADERS) as Field[]) {
    col[field] = header.findIndex((h) => HEADERS[field].includes(norm(h)));
  }
  if (col.name < 0) {
    throw new AppError(
      'IMPORT_MAPPING_INCOMPLETE',
      `${base} has no rep name column. Name one of the columns "Rep" or "Name" (found: ${header.join(', ')}).`,
      { path: file, headers: header },
    );
  }
  const fail = (row: number, field: Field, value: string, what: string): never => {
    throw new AppError('INVALID_INPUT', `${base}, row ${row}, column "${header[col[field]]}": "${value}" ${what}`, {
      path: file,
      row,
      column: header[col[field]],
      value,
    });
  };
  const cell = (r: string[], field: Field) => (col[field] < 0 ? '' : (r[col[field]] ?? ''));
  const seen = new Map<string, number>();
  const out: RosterEntry[] = [];
  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    const name = cell(r, 'name');
    if (name === '') return;
    const kindText = norm(cell(r, 'kind'));
    const kind = KIND_WORDS[kindText];
    if (kind === undefined) fail(row, 'kind', cell(r, 'kind'), 'is not a rep kind: use inside or outside.');
    const capText = cell(r, 'capacity').replace(/[\s,]/g, '');
    let capacity: number | null = null;
    if (capText !== '') {
      capacity = Number(capText);
      if (!Number.isInteger(capacity) || capacity < 0) fail(row, 'capacity', cell(r, 'capacity'), 'is not a whole number of accounts (0 or more).');
      // Refused here, at the row: stored, it made every later save of the roster fail without naming the rep.
      if (capacity > MAX_CAPACITY) fail(row, 'capacity', cell(r, 'capacity'), `is more than ${MAX_CAPACITY.toLocaleString('en-US')} accounts, the most a rep can be given: give a smaller capacity, or leave it empty for the plan's default.`);
    }
    const active = ACTIVE_WORDS[norm(cell(r, 'active'))];
    if (active === undefined) fail(row, 'active', cell(r, 'active'), 'is not yes or no.');
    const earlier = seen.get(name);
    if (earlier !== undefined) fail(row, 'name', name, `is listed twice (also row ${earlier}).`);
    seen.set(name, row);
    const territory = cell(r, 'territory');
    out.push({ name, kind: kind as RepKind, territory: territory === '' ? null : territory, capacity, active: active as boolean });
  });
  if (out.length === 0) throw new AppError('IMPORT_EMPTY', `${base} lists no reps under its header row.`, { path: file });
  const fields = new Set((Object.keys(FIELD_WORDS) as RosterField[]).filter((f) => col[f] >= 0));
  return { entries: out, fields, warnings: rosterWarnings(header, col) };
}
