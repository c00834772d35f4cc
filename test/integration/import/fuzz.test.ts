import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { seededRandom } from '../../../shared/analytics/rng';
import { ERROR_CODES } from '../../../shared/contract/errors';
import { newWorkspace } from '../../helpers/workspace';
import { storeCounts } from './fixtures';

/**
 * Seeded, bounded fuzzing of the CSV and XLSX importers: mutations of one small valid file
 * (truncations, stray bytes, quotes, delimiters, encodings, huge numbers). Whatever the file, an
 * import either fails with a stable, non-internal error code and changes nothing, or accounts for
 * every row it read and names row, column and value for every row it rejected.
 */
const HEADER = ['Invoice', 'Date', 'Customer', 'Category', 'Quantity', 'Net Sales'];
const VALID: string[][] = Array.from({ length: 14 }, (_, i) => [
  `INV${1000 + i}`,
  `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
  `C${(i % 5) + 1}`,
  ['Tools', 'Paint', 'Café & Co', 'Garden "Pro"'][i % 4],
  String((i % 7) + 1),
  `${(i + 1) * 12.5}`,
]);
const WEIRD_VALUES = ['1e308', '-1e400', '99999999999999999999999', 'NaN', 'Infinity', '0x1F', '1,2,3', '"', '""', '\r', '\n', '', ' ', '€1.234,56', '(12.00)', '2925-01-01', '0000-00-00', '40544', '\u0000', '\uFFFD', '💥', '=cmd|/C calc!A0'];
const ENCODINGS = ['utf8', 'utf16le', 'latin1'] as const;

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvText = (rows: string[][], delimiter = ','): string => `${[HEADER, ...rows].map((r) => r.map(csvCell).join(delimiter)).join('\r\n')}\r\n`;

type Mutation = { name: string; bytes: Buffer };

function csvMutation(random: () => number, n: number): Mutation {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const at = (len: number): number => Math.floor(random() * len);
  const base = Buffer.from(csvText(VALID));
  switch (n % 9) {
    case 0: {
      const cut = at(base.length);
      return { name: `truncated at byte ${cut}`, bytes: base.subarray(0, cut) };
    }
    case 1: {
      const bytes = Buffer.from(base);
      const k = 1 + at(6);
      for (let i = 0; i < k; i++) bytes[at(bytes.length)] = at(256);
      return { name: `${k} random bytes`, bytes };
    }
    case 2: {
      const text = base.toString('utf8');
      const i = at(text.length);
      return { name: `stray quote at ${i}`, bytes: Buffer.from(text.slice(0, i) + '"' + text.slice(i)) };
    }
    case 3: {
      const d = pick([';', '\t', '|']);
      const text = csvText(VALID, d);
      // One line keeps the comma: a file assembled from two exports.
      const lines = text.split('\r\n');
      const j = 1 + at(lines.length - 2);
      lines[j] = lines[j].split(d).join(',');
      return { name: `delimiter ${JSON.stringify(d)} with line ${j + 1} in commas`, bytes: Buffer.from(lines.join('\r\n')) };
    }
    case 4: {
      const encoding = pick(ENCODINGS);
      const bom = random() < 0.5;
      const body = Buffer.from(csvText(VALID), encoding);
      const mark = encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : encoding === 'utf8' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
      return { name: `${encoding}${bom ? ' with BOM' : ''}`, bytes: bom ? Buffer.concat([mark, body]) : body };
    }
    case 5: {
      const rows = VALID.map((r) => [...r]);
      const k = 1 + at(8);
      for (let i = 0; i < k; i++) rows[at(rows.length)][at(HEADER.length)] = pick(WEIRD_VALUES);
      return { name: `${k} odd values`, bytes: Buffer.from(csvText(rows)) };
    }
    case 6: {
      const text = base.toString('utf8');
      const lines = text.split('\r\n');
      const j = 1 + at(lines.length - 2);
      lines[j] = pick(['', ',,,,,', lines[j] + ',extra,cells', lines[j].slice(0, at(lines[j].length)), '\t', '#comment']);
      return { name: `line ${j + 1} broken`, bytes: Buffer.from(lines.join(pick(['\r\n', '\n', '\r']))) };
    }
    case 7: {
      const rows = VALID.map((r) => [...r]);
      rows[at(rows.length)][5] = `${'9'.repeat(20 + at(400))}.${'9'.repeat(at(50))}`;
      rows[at(rows.length)][4] = `-${'1'.repeat(30)}`;
      return { name: 'huge numbers', bytes: Buffer.from(csvText(rows)) };
    }
    default: {
      const bytes = Buffer.concat([base.subarray(0, at(base.length)), Buffer.from(Array.from({ length: 1 + at(64) }, () => at(256))), base.subarray(at(base.length))]);
      return { name: 'spliced with random bytes', bytes };
    }
  }
}

function xlsxBytes(rows: (string | number | boolean | null)[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([HEADER, ...rows]), 'Sales');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

function xlsxMutation(random: () => number, n: number): Mutation {
  const at = (len: number): number => Math.floor(random() * len);
  const typed = (): (string | number | boolean | null)[][] => VALID.map((r) => [r[0], r[1], r[2], r[3], Number(r[4]), Number(r[5])]);
  switch (n % 4) {
    case 0: {
      const rows = typed();
      const odd = [1e308, -1e308, Number.MAX_SAFE_INTEGER * 1e6, 40544, -5, true, false, null, '', '"', '2925-01-01', 'n/a', 0.1 + 0.2];
      const k = 1 + at(8);
      for (let i = 0; i < k; i++) rows[at(rows.length)][at(HEADER.length)] = odd[at(odd.length)];
      return { name: `${k} odd cells`, bytes: xlsxBytes(rows) };
    }
    case 1: {
      const bytes = xlsxBytes(typed());
      const cut = at(bytes.length);
      return { name: `workbook truncated at byte ${cut}`, bytes: bytes.subarray(0, cut) };
    }
    case 2: {
      const bytes = Buffer.from(xlsxBytes(typed()));
      const k = 1 + at(8);
      for (let i = 0; i < k; i++) bytes[at(bytes.length)] = at(256);
      return { name: `workbook with ${k} random bytes`, bytes };
    }
    default: {
      const rows = typed();
      rows.splice(at(rows.length), 0, [null, null, null, null, null, null]);
      rows[at(rows.length)].length = at(HEADER.length);
      return { name: 'blank and short rows', bytes: xlsxBytes(rows) };
    }
  }
}

let w: Awaited<ReturnType<typeof newWorkspace>>;
beforeAll(async () => {
  w = await newWorkspace();
});
afterAll(() => w.cleanup());

type Outcome = { name: string; code: string | null };

/** Imports one mutated file and checks the invariants, whatever happens. */
async function importAndCheck(m: Mutation, ext: string, n: number): Promise<Outcome> {
  const file = path.join(w.dir, `fuzz-${n}.${ext}`);
  fs.writeFileSync(file, m.bytes);
  const before = storeCounts(w.backend);
  try {
    const s = await w.backend.call('import-run', { path: file, force: true });
    const label = `${m.name}: ${JSON.stringify({ read: s.rowsRead, imported: s.rowsImported, rejected: s.rowsRejected, skipped: s.rowsSkipped })}`;
    expect(s.rowsRead, label).toBe(s.rowsImported + s.rowsRejected + s.rowsSkipped);
    expect(Number.isFinite(s.revenue), label).toBe(true);
    const after = storeCounts(w.backend);
    expect(after.imports - before.imports, label).toBe(1);
    expect(after.rejects - before.rejects, label).toBe(s.rowsRejected);
    if (s.shape === 'transactions') expect(after.transactions - before.transactions, label).toBe(s.rowsImported);
    const rejects = w.backend.session.db.prepare('SELECT source_row, column_name, raw_value, reason FROM rejects WHERE import_id = ?').all(s.importId) as {
      source_row: number;
      column_name: string | null;
      raw_value: string | null;
      reason: string;
    }[];
    for (const r of rejects) {
      expect(r.source_row, label).toBeGreaterThan(0);
      expect(r.column_name, `${label} ${r.reason}`).toEqual(expect.any(String));
      expect(r.column_name?.length, label).toBeGreaterThan(0);
      expect(r.raw_value, `${label} ${r.reason}`).toEqual(expect.any(String));
      expect(r.reason.length, label).toBeGreaterThan(0);
    }
    return { name: m.name, code: null };
  } catch (e) {
    const error = e as { code?: string; message?: string };
    expect(error.code, `${m.name}: ${error.message}`).toBeDefined();
    expect(ERROR_CODES, `${m.name}: ${error.message}`).toContain(error.code);
    expect(error.code, `${m.name}: ${error.message}`).not.toBe('INTERNAL');
    expect(error.message?.length, m.name).toBeGreaterThan(0);
    expect(storeCounts(w.backend), `${m.name} changed the workspace although it failed`).toEqual(before);
    return { name: m.name, code: error.code ?? null };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('the importers under seeded fuzzing', () => {
  it('never fail with an internal error on 180 mutated CSV files, account for every row and change nothing when they fail', async () => {
    const random = seededRandom(20261201);
    const outcomes: Outcome[] = [];
    for (let n = 0; n < 180; n++) outcomes.push(await importAndCheck(csvMutation(random, n), 'csv', n));
    // The run exercised both sides: most files import, some are refused with a clean code.
    expect(outcomes.filter((o) => o.code === null).length).toBeGreaterThan(100);
    expect(new Set(outcomes.map((o) => o.code)).size).toBeGreaterThan(1);
  }, 240_000);

  it('never fail with an internal error on 60 mutated workbooks, and refuse damaged ones with a clean code', async () => {
    const random = seededRandom(20261202);
    const outcomes: Outcome[] = [];
    for (let n = 0; n < 60; n++) outcomes.push(await importAndCheck(xlsxMutation(random, n), 'xlsx', 1000 + n));
    expect(outcomes.filter((o) => o.code === null).length).toBeGreaterThan(20);
    expect(outcomes.some((o) => o.code !== null)).toBe(true);
  }, 240_000);
});
