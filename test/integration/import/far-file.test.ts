import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();
const PATHS = [{ parseInWorkerAboveMb: 1e6 }, { engine: 'duckdb' as const }];

/** A workspace holding 1,000 sales from December 2010 to November 2011, as Online Retail's: a file of 10 rows is 1% of them. */
async function retail2010(w: Awaited<ReturnType<typeof workspace>>): Promise<void> {
  const lines = ['Customer,Date,Category,Revenue'];
  for (let i = 0; i < 1000; i++) lines.push(`C${i % 40},${new Date(Date.UTC(2010, 11, 1 + Math.floor(i * 0.36))).toISOString().slice(0, 10)},Lights,${(10 + (i % 9)).toFixed(2)}`);
  const file = path.join(w.dir, 'retail-2010.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await w.backend.call('import-run', { path: file });
}

const fileOfYear = (dir: string, year: number): string => {
  const file = path.join(dir, `sales-${year}.csv`);
  const rows = ['01-05', '02-08', '03-11', '04-02', '05-17', '06-20', '07-07', '09-02', '10-10', '12-14'].map((d, i) => `N${i % 4},${year}-${d},Paper,${100 + i}.00`);
  fs.writeFileSync(file, `Customer,Date,Category,Revenue\n${rows.join('\n')}\n`);
  return file;
};

describe('a whole file dated far from the workspace', () => {
  it('is refused as likely the wrong workspace when eleven years lie between, not called a typo of a few rows', async () => {
    for (const options of PATHS) {
      const w = await workspace();
      await retail2010(w);
      const outcome = await w.backend.invoke('import-run', { path: fileOfYear(w.dir, 2023), ...options });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_A_TABLE' } });
      const message = outcome.ok ? '' : outcome.error.message;
      expect(message).toBe(
        "None of the 10 rows of sales-2023.csv was imported: the whole file is dated 2023, 11 years after this workspace's sales (2010-2011): is this the right workspace? Import another client's file into its own workspace; if the file is this client's, its years are wrong: fix them and import it again.",
      );
      expect(message).not.toContain('typo');
    }
  });

  it('still reads a handful of rows a year or more off as typos in the year', async () => {
    const w = await workspace();
    await retail2010(w);
    const file = path.join(w.dir, 'three.csv');
    fs.writeFileSync(file, 'Customer,Date,Category,Revenue\nN1,2021-01-05,Paper,10\nN2,2021-01-06,Paper,20\nN3,2021-02-01,Paper,30\n');
    const outcome = await w.backend.invoke('import-run', { path: file });
    expect(outcome.ok ? '' : outcome.error.message).toContain('only a few rows are dated near it: most likely a typo in the year');
  });

  it("imports a whole file after a gap of a year or two as the client's next period, saying so", async () => {
    for (const options of PATHS) {
      const w = await workspace();
      await retail2010(w);
      const s = await w.backend.call('import-run', { path: fileOfYear(w.dir, 2013), ...options });
      expect(s).toMatchObject({ rowsImported: 10, rowsRejected: 0 });
      expect(s.warnings).toContain(
        "The whole file is dated 2013, 13 months after this workspace's sales (2010-2011), with no sale between: it was imported as another period of the same client's sales. If it is another client's, remove this import and import the file into its own workspace.",
      );
    }
  });
});
