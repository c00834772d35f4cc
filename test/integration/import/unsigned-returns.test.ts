import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE, warehouseCube } from './fixtures';

const workspace = freshWorkspaces();

/**
 * An ERP's sales lines where a return carries a negative quantity and its amount as a positive
 * number (the document's sign is in the quantity), beside returns written negative on both.
 */
function linesWithReturns(file: string): { revenue: number; returns: number } {
  const lines = ['Invoice,Date,Customer,Category,Quantity,Net Amount'];
  let revenue = 0;
  let returns = 0;
  for (let i = 0; i < 300; i++) {
    const quantity = i % 6 === 5 ? -1 - (i % 3) : 1 + (i % 4);
    const amount = Math.abs(quantity) * 12.5;
    // Every other return writes its amount negative too: both must read as the same credit.
    const written = quantity < 0 && i % 12 === 11 ? -amount : amount;
    if (quantity < 0) returns++;
    revenue += quantity < 0 ? -amount : amount;
    lines.push(`INV${5000 + i},2024-04-${String((i % 28) + 1).padStart(2, '0')},K${i % 17},${i % 2 ? 'Pumps' : 'Seals'},${quantity},${written.toFixed(2)}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { revenue, returns };
}

describe('returns whose amount is written without its sign', () => {
  it('reads a negative quantity with a positive amount as a return, line by line, in the parser thread, through DuckDB and in the warehouse query alike', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'erp-lines.csv');
    const truth = linesWithReturns(file);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s).toMatchObject({ rowsRead: 300, rowsImported: 300, rowsRejected: 0, engine });
      expect(s.revenue).toBeCloseTo(truth.revenue, 2);
      // DuckDB's rows are sums: a day's returns are one row, so only lines count them one by one.
      if (engine === 'lines') expect(s.returns).toBe(truth.returns);
    }
    const cube = path.join(w.dir, 'cube.csv');
    await warehouseCube(file, { customer: 'Customer', date: 'Date', category: 'Category', quantity: 'Quantity', revenue: 'Net Amount', invoice: 'Invoice' }, cube);
    const fromCube = await w.backend.call('import-run', { path: cube, dryRun: true });
    expect(fromCube.revenue).toBeCloseTo(truth.revenue, 2);
  });
});
