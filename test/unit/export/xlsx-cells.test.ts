import { describe, expect, it } from 'vitest';
import { buildSheet, type Column } from '../../../main/backend/export/xlsx';

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
});
