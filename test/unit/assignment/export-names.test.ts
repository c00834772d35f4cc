import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildSheet, csvCell, currencyFormat, excelSerialFromIso, sheetName, type Column } from '../../../main/backend/export/xlsx';
import { resolveTarget, safeFileName } from '../../../main/backend/export/target';

describe('export names and formats', () => {
  it('makes sheet names Excel accepts: no \\ / ? * : [ ], at most 31 characters, unique ignoring case', () => {
    const used = new Set<string>(['summary']);
    expect(sheetName('Summary', used)).toBe('Summary (2)');
    expect(sheetName('West/East: [North]?', used)).toBe('West East North');
    expect(sheetName('A very long representative name, Esq.', used)).toBe('A very long representative name');
    expect(sheetName('A VERY LONG REPRESENTATIVE NAME, again', used)).toBe('A VERY LONG REPRESENTATIVE (2)');
    expect(sheetName("'quoted'", used)).toBe('quoted');
    expect(sheetName('   ', used)).toMatch(/^Sheet \d+$/);
    expect(sheetName('History', used)).toMatch(/^Sheet \d+$/);
    expect(sheetName('شركة الأمل', used)).toBe('شركة الأمل');
  });

  it('keeps an emoji whole when a sheet name is cut', () => {
    const name = sheetName(`${'x'.repeat(30)}😀😀`, new Set());
    expect(Array.from(name)).toHaveLength(31);
    expect(name.endsWith('😀')).toBe(true);
  });

  it('makes file names every OS accepts, unique ignoring case', () => {
    const used = new Set<string>();
    expect(safeFileName('a/b:c*?', used, 'csv')).toBe('a_b_c__.csv');
    expect(safeFileName('A_B_C__', used, 'csv')).toBe('A_B_C__ (2).csv');
    expect(safeFileName('CON', used, 'csv')).toBe('_CON.csv');
    expect(safeFileName('..', used, 'csv')).toBe('_.csv');
    expect(safeFileName('Crème Brûlée SARL', used, 'csv')).toBe('Crème Brûlée SARL.csv');
  });

  it('writes money in the workspace currency, whole units', () => {
    expect(currencyFormat('USD')).toBe('"$"#,##0;-"$"#,##0');
    expect(currencyFormat('EUR')).toBe('"€"#,##0;-"€"#,##0');
    expect(currencyFormat('CHF')).toBe('"CHF "#,##0;-"CHF "#,##0');
  });

  it('shows an amount under ten to the cent and keeps its digits below one, where whole units would read "$0"', () => {
    const ws = buildSheet([{ header: 'At risk', kind: 'money', width: 10, value: (v: number) => v }], [5_126_197.249999997, 9.5, 0.0343], 'USD');
    const cell = (r: number) => (ws['!data'] as XLSX.CellObject[][])[r][0];
    expect([cell(1).v, cell(1).z]).toEqual([5_126_197.25, '"$"#,##0;-"$"#,##0']);
    expect([cell(2).v, cell(2).z]).toEqual([9.5, '"$"#,##0.00;-"$"#,##0.00']);
    expect([cell(3).v, XLSX.SSF.format(String(cell(3).z), Number(cell(3).v))]).toEqual([0.0343, '$0.03']);
  });

  it('writes CSV cells as the workbook shows them: money to the cent, shares to six places, no float tails', () => {
    const row = { money: 124873.28841986871, tiny: 0.034312, use: 0.3157894736842105, n: 3, name: 'West' };
    const col = (kind: Column<typeof row>['kind'], key: keyof typeof row): Column<typeof row> => ({ header: key, kind, width: 8, value: (r) => r[key] });
    expect([csvCell(col('money', 'money'), row), csvCell(col('money', 'tiny'), row), csvCell(col('share', 'use'), row), csvCell(col('count', 'n'), row), csvCell(col('text', 'name'), row)]).toEqual([
      124873.29, 0.03431, 0.315789, 3, 'West',
    ]);
  });

  it("refuses an output named like another kind of file: 'plan.txt' is no folder to fill", () => {
    expect(() => resolveTarget('/tmp/no-such-dir/plan.txt', undefined, false, 'assignments')).toThrow(/ends in \.txt: an export is a \.xlsx or \.csv file, or a folder/);
    expect(resolveTarget('/tmp/no-such-dir/exports.2024', undefined, false, 'assignments')).toEqual({ format: 'xlsx', file: '/tmp/no-such-dir/exports.2024/assignments.xlsx' });
  });

  it('turns ISO days into Excel serial dates', () => {
    expect(excelSerialFromIso('1970-01-01')).toBe(25569);
    expect(excelSerialFromIso('2025-06-30')).toBe(45838);
  });
});
