import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const lines = (n: number, row: (i: number) => string, header: string): string => [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';

describe('DuckDB and amounts it cannot sum as they stand', () => {
  it('says in words that every amount carries a currency symbol, and imports the file line by line, never quoting a JavaScript error', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'pounds.csv');
    fs.writeFileSync(file, lines(40, (i) => `C${i % 7},2025-01-${String(2 + (i % 20)).padStart(2, '0')},Cat${i % 3},"£1,2${i % 10}4.50"`, 'Customer,Date,Category,Amount'));
    const s = await w.backend.call('import-run', { path: file, engine: 'duckdb', currency: 'GBP' });
    expect(s).toMatchObject({ rowsRead: 40, rowsImported: 40, rowsRejected: 0 });
    expect(s.warnings).toContain("Imported line by line, not through DuckDB: its amounts carry a currency symbol or code (£1,204.50), which DuckDB's reader does not parse.");
    expect(s.warnings.join(' ')).not.toMatch(/could not read|iterable|intermediate value/);
  });

  it('sums nothing but fails nothing when every row is one DuckDB doubts (quantities grouping their thousands): each is checked line by line', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'thousands.csv');
    fs.writeFileSync(file, lines(30, (i) => `C${i % 5},2025-02-${String(1 + (i % 20)).padStart(2, '0')},Cat${i % 2},"1,${100 + i}",${10 + i}.00`, 'Customer,Date,Category,Quantity,Amount'));
    const s = await w.backend.call('import-run', { path: file, engine: 'duckdb' });
    expect(s).toMatchObject({ engine: 'duckdb', rowsRead: 30, rowsImported: 30, rowsRejected: 0, customers: 5, revenue: 30 * 10 + (29 * 30) / 2 });
    expect(s.warnings.join(' ')).not.toMatch(/could not read|iterable|intermediate value/);
    expect(s.warnings.join(' ')).toMatch(/30 rows it doubted .* were checked line by line/);
  });
});
