import { describe, expect, it } from 'vitest';
import { buildSheet, EXCEL_MAX_ROWS, type Column } from '../../../main/backend/export/xlsx';

type Row = { rep: string; recovery: number; share: number };

const columns: Column<Row>[] = [
  { header: 'Rep', kind: 'text', width: 10, value: (r) => r.rep },
  { header: 'Recovery', kind: 'money', width: 10, value: (r) => r.recovery },
  { header: 'Capacity use', kind: 'share', width: 10, value: (r) => r.share },
];

describe('spreadsheet cells', () => {
  it('hold money to the cent, not the float noise of a long sum, and leave other numbers as they are', () => {
    const ws = buildSheet(columns, [{ rep: 'Ben Carter', recovery: 5126197.249999997, share: 0.123456 }], 'USD');
    const row = (ws['!data'] as { v: unknown; z?: unknown }[][])[1];
    expect(row[1].v).toBe(5126197.25);
    expect(row[1].z).toBeDefined();
    expect(row[2].v).toBe(0.123456);
  });

  it('refuses a sheet past the rows Excel takes, naming it and the way out, before any of it is written', () => {
    function* rows(n: number): Generator<Row> {
      for (let i = 0; i < n; i++) yield { rep: 'Ben Carter', recovery: i, share: 0 };
    }
    expect(() => buildSheet(columns, rows(EXCEL_MAX_ROWS - 1), 'USD')).not.toThrow();
    expect(() => buildSheet(columns, rows(EXCEL_MAX_ROWS), 'USD', 'The Unassigned sheet')).toThrow(
      expect.objectContaining({ code: 'EXPORT_TOO_LARGE', message: expect.stringMatching(/^The Unassigned sheet would hold more than 1,048,575 rows.*Export CSV instead/) }),
    );
  });
});
