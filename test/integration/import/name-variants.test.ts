import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/*
 * Names typed by hand into an ERP come back as "Ben Carter", "BEN CARTER" and "Ben  Carter": one rep
 * or territory written three ways, which would otherwise split a rep's list and a territory plan.
 * Categories are stored as written: the analysis reads their spellings as one category, named by
 * the tidiest (test/integration/products/messy-patterns.test.ts).
 */
const FILE = [
  'Customer,Date,Category,Revenue,Sales Rep,Territory',
  'A,2024-01-05,Dairy,10.00,Ben Carter,North',
  'A,2024-02-05,DAIRY,12.00,BEN CARTER,north',
  'B,2024-01-06,dairy,9.00,Ben  Carter,North',
  'B,2024-01-07,Paper & Disposables,5.00,Ana Ruiz,South',
  'C,2024-03-01,paper  &  disposables,7.00,Ana Ruiz,South',
  'C,2024-03-02,Bakery,4.00,ana ruiz,SOUTH',
].join('\n');

type Named = { name: string; revenue: number };

describe('rep and territory names that differ only in case or spacing', () => {
  it('are one rep and one territory on every path, kept as first written, and the import says so', async () => {
    const seen: { reps: Named[]; territories: Named[] }[] = [];
    for (const options of [{ parseInWorkerAboveMb: 1e6 }, { parseInWorkerAboveMb: 0 }, { engine: 'duckdb' as const }]) {
      const w = await workspace();
      const file = path.join(w.dir, 'sales.csv');
      fs.writeFileSync(file, `${FILE}\n`);
      const s = await w.backend.call('import-run', { path: file, ...options });
      expect(s.rowsRead).toBe(6);
      expect(s.rowsImported).toBe(6);
      expect(s.warnings.some((x) => x.includes('category names differ'))).toBe(false);
      expect(s.warnings).toEqual(
        expect.arrayContaining([
          "3 rep names differ from another only in case or spacing and were read as the same rep ('BEN CARTER' as 'Ben Carter', 'Ben  Carter' as 'Ben Carter', 'ana ruiz' as 'Ana Ruiz').",
          "2 territory names differ from another only in case or spacing and were read as the same territory ('north' as 'North', 'SOUTH' as 'South').",
        ]),
      );
      const db = w.backend.session.db;
      const by = (table: string, column: string): Named[] =>
        db.prepare(`SELECT d.name AS name, sum(t.revenue) AS revenue FROM transactions t JOIN ${table} d ON d.id = t.${column} GROUP BY d.name ORDER BY d.name`).all() as Named[];
      seen.push({ reps: by('reps', 'rep_id'), territories: by('territories', 'territory_id') });
    }
    expect(seen[0].reps).toEqual([
      { name: 'Ana Ruiz', revenue: 16 },
      { name: 'Ben Carter', revenue: 31 },
    ]);
    expect(seen[0].territories).toEqual([
      { name: 'North', revenue: 31 },
      { name: 'South', revenue: 16 },
    ]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });
});
