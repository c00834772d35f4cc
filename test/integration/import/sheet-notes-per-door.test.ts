import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { screenWords } from '../../../renderer/src/app/screen-words';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/** A workbook as a client sends it: notes and a summary before the sales, one sheet a year. */
function multiSheet(dir: string): string {
  const file = path.join(dir, 'multi.xlsx');
  const header = ['Customer', 'Date', 'Category', 'Revenue'];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Exported for the review']]), 'Notes');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Customer', 'Total'], ['C1', 300], ['C2', 200]]), 'Summary');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['C1', '2023-01-05', 'Paper', 100], ['C2', '2023-03-01', 'Pens', 200]]), 'Sales 2023');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['C1', '2024-01-05', 'Paper', 150], ['C2', '2024-03-01', 'Pens', 50]]), 'Sales 2024');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return file;
}

describe('the notes about the other sheets of a workbook', () => {
  it('name --sheet on the command line and the sheet on the import screen, each door once', async () => {
    const w = await workspace();
    const file = multiSheet(w.dir);
    const preview = await w.backend.call('import-preview', { path: file });
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s.sheet).toBe('Sales 2023');
    expect(s.warnings).toContain(
      'Read sheet "Sales 2023", the first of dated rows; "Summary" before it holds a table without dates (a summary?): choose it (--sheet "Summary") to read it instead.',
    );
    expect(s.warnings).toContain(
      'Sheet "Sales 2024" has the same columns as "Sales 2023", the one read: import it too (--sheet "Sales 2024") for the rest of the sales; lines the sheets share are stored once.',
    );
    const onScreen = (preview.warnings ?? []).map(screenWords).join(' ');
    expect(onScreen).toContain('choose it (the sheet "Summary" on the import screen) to read it instead');
    expect(onScreen).toContain('import it too (the sheet "Sales 2024" on the import screen) for the rest of the sales');
    expect(onScreen).not.toContain('--sheet');
    expect(onScreen).not.toMatch(/on the import screen[^.]*on the import screen/);
  });
});
