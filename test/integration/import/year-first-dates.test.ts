import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE } from './fixtures';

const workspace = freshWorkspaces();

/** Online Retail's layout: 200 lines dated year first, the 71st written `31/12/2009 10:00` as a hand-edited line would be. */
function onlineRetailWithOneSlashDate(): string {
  const lines = ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'];
  for (let i = 0; i < 200; i++) {
    const date = i === 70 ? '31/12/2009 10:00' : `2009-12-${String(1 + (i % 20)).padStart(2, '0')} 07:45:00`;
    lines.push(`${489434 + Math.floor(i / 4)},8504${i % 10},GLASS BALL ${i},2,${date},6.95,${13085 + (i % 17)},United Kingdom`);
  }
  return `${lines.join('\n')}\n`;
}

async function withFile(text: string) {
  const w = await workspace();
  const file = path.join(w.dir, 'one.csv');
  fs.writeFileSync(file, text);
  return { w, file };
}

describe('a year-first file with one date written as day and month', () => {
  it('is read year first line by line and in the parser thread, and rejects the odd date saying the import reads YYYY-MM-DD, not DD/MM/YYYY', async () => {
    const { w, file } = await withFile(onlineRetailWithOneSlashDate());
    const preview = await w.backend.call('import-preview', { path: file });
    expect(preview.dateFormat.detected).toBe('iso');
    // Asked for DuckDB, this file is still read line by line: the first two engines are its paths.
    for (const [options, engine] of EVERY_ENGINE.slice(0, 2)) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s.dateFormat).toBe('iso');
      expect(s).toMatchObject({ rowsRead: 200, rowsImported: 199, rowsRejected: 1 });
      expect(s.rejectsSample[0]).toMatchObject({ row: 72, value: '31/12/2009 10:00' });
      // A day above 12 settles the order: the reason says which it is, and the one format that reads it.
      expect(s.rejectsSample[0].reason).toBe("'31/12/2009 10:00' is written day first, and this import reads YYYY-MM-DD: to read such dates, import with --date-format dmy");
      expect(s.rejectsSample[0].reason).not.toContain('expected DD/MM/YYYY');
      expect(s.warnings.join('\n')).toContain('Dates read as YYYY-MM-DD: dates are written year first; the one written as day and month (31/12/2009 10:00) is rejected');
    }
  });

  it('reads the odd date too when the analyst chooses day first, as the rejection advises', async () => {
    const { w, file } = await withFile(onlineRetailWithOneSlashDate());
    const s = await w.backend.call('import-run', { path: file, dryRun: true, dateFormat: 'dmy' });
    expect(s).toMatchObject({ rowsImported: 200, rowsRejected: 0, dateTo: '2009-12-31' });
  });
});
