import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const returnsFile = (dir: string): string => {
  const file = path.join(dir, 'credit-notes.csv');
  const lines = ['Customer,Date,Category,Revenue'];
  for (let i = 0; i < 30; i++) lines.push(`C${i % 7},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2 ? 'Desks' : 'Chairs'},-${(10 + i).toFixed(2)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('a file of returns or credit notes only', () => {
  it('is imported with a warning naming the amount column, on every path a CSV takes', async () => {
    for (const options of [{ parseInWorkerAboveMb: 1e6 }, { parseInWorkerAboveMb: 0 }, { engine: 'duckdb' as const }]) {
      const w = await workspace();
      const s = await w.backend.call('import-run', { path: returnsFile(w.dir), ...options });
      expect(s).toMatchObject({ rowsImported: 30, revenue: -735 });
      expect(s.warnings).toContain(
        "Every amount in 'Revenue' is negative or zero (30 rows, -735.00 in all): the file holds returns or credit notes only, or 'Revenue' is not the sales amount. The analysis needs sales: import the sales file too, or remove this import and map the column that holds the sales amounts.",
      );
    }
  });

  it('leaves the analysis of a workspace without a single sale refused with NO_SALES, and allowed once sales come', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: returnsFile(w.dir) });
    const refused = await w.backend.invoke('analysis-run', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'NO_SALES' } });
    expect(refused.ok ? '' : refused.error.message).toContain('This workspace has no sales: none of its 30 transactions has an amount above zero');
    const sales = path.join(w.dir, 'sales.csv');
    fs.writeFileSync(sales, 'Customer,Date,Category,Revenue\nC1,2024-02-01,Desks,500\nC2,2024-02-03,Chairs,300\n');
    const s = await w.backend.call('import-run', { path: sales });
    expect(s.warnings.some((x) => x.startsWith('Every amount in'))).toBe(false);
    expect(await w.backend.invoke('analysis-run', {})).toMatchObject({ ok: true });
  });
});
