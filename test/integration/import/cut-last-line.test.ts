import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

const PATHS = [{ parseInWorkerAboveMb: 1e6 }, { parseInWorkerAboveMb: 0 }, { engine: 'duckdb' as const }];
const LINES = ['Customer,Date,Category,Revenue', 'C001,2024-06-01,Paper,120.50', 'C002,2024-06-03,Coffee,403.62', 'C003,2024-06-05,Pens,212.10', 'C015,2024-06-07,Pens,664.37'];
const UNENDED = /^The file's last line \(row \d+\) has no line ending/;

describe('a file whose last line has no line ending', () => {
  it('keeps the row of a file cut mid-number but names the row and the value to check, on every path a CSV takes', async () => {
    for (const options of PATHS) {
      const w = await workspace();
      const file = path.join(w.dir, 'cut.csv');
      // An interrupted copy: '664.37' stopped after '66'.
      fs.writeFileSync(file, `${LINES.join('\n')}\n`.slice(0, -5));
      const s = await w.backend.call('import-run', { path: file, ...options });
      expect(s).toMatchObject({ rowsRead: 4, rowsImported: 4, rowsRejected: 0 });
      expect(s.warnings).toContain(
        "The file's last line (row 5) has no line ending, while the lines before it end with one: if the file was cut short (an interrupted download or copy), its last value, '66' in 'Revenue', may be incomplete. Check that row against the source, or export the file again if it is shorter than it should be.",
      );
    }
  });

  it('imports a whole file that simply ends without a final newline in full, with the same note, and says nothing when the last line ends', async () => {
    for (const options of PATHS) {
      const w = await workspace();
      const bare = path.join(w.dir, 'hand-made.csv');
      fs.writeFileSync(bare, LINES.join('\r\n'));
      const s = await w.backend.call('import-run', { path: bare, ...options });
      expect(s).toMatchObject({ rowsRead: 4, rowsImported: 4, rowsRejected: 0, revenue: 1400.59 });
      expect(s.warnings.filter((x) => UNENDED.test(x))).toHaveLength(1);
      const ended = path.join(w.dir, 'ended.csv');
      fs.writeFileSync(ended, `${LINES.join('\n').replace(/2024-06/g, '2024-07')}\n`);
      const t = await w.backend.call('import-run', { path: ended, ...options });
      expect(t.warnings.some((x) => UNENDED.test(x))).toBe(false);
    }
  });

  it('rejects a cut that leaves too few values, saying the line may be cut short', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'cut-early.csv');
    fs.writeFileSync(file, `${LINES.join('\n')}\n`.slice(0, -15));
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 4, rowsImported: 3, rowsRejected: 1 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 5 });
    expect(s.rejectsSample[0].reason).toContain('cut short');
  });
});
