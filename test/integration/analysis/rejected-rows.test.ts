import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/** 200 sales of 20 customers over 2024, and `guests` more lines without a customer, as a shop's till writes its walk-ins. */
function sales(file: string, guests: number): void {
  const lines = ['Date,Customer,Category,Revenue'];
  for (let i = 0; i < 200; i++) lines.push(`2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')},C${i % 20},${i % 2 ? 'Pumps' : 'Valves'},${50 + (i % 13)}`);
  for (let i = 0; i < guests; i++) lines.push(`2024-0${1 + (i % 9)}-1${i % 10},,Pumps,20`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('rows the imports rejected, beside the figures made without them', () => {
  it('are counted among the run notes with their commonest reason, and as a caveat when they are a fifth or more', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'with-walk-ins.csv');
    sales(file, 100);
    await w.backend.call('import-run', { path: file });
    const s = await w.backend.call('analysis-run', { settings: {} });
    const note = '100 of the 300 rows the imports read (33%) were rejected and count in no figure here; every one: no customer (Customer is empty). The Workspaces screen counts them by import.';
    expect(s.notes[0]).toBe(note);
    expect(s.caveats).toContain(note);
  });

  it('say nothing where few rows were rejected, and no caveat under a fifth', async () => {
    const quiet = await workspace();
    sales(path.join(quiet.dir, 'few.csv'), 5);
    await quiet.backend.call('import-run', { path: path.join(quiet.dir, 'few.csv') });
    const few = await quiet.backend.call('analysis-run', { settings: {} });
    expect(few.notes.join(' ')).not.toMatch(/were rejected and count in no figure/);

    const some = await workspace();
    sales(path.join(some.dir, 'some.csv'), 20);
    await some.backend.call('import-run', { path: path.join(some.dir, 'some.csv') });
    const s = await some.backend.call('analysis-run', { settings: {} });
    expect(s.notes[0]).toMatch(/^20 of the 220 rows the imports read \(9%\) were rejected/);
    expect(s.caveats ?? []).not.toContain(s.notes[0]);
  });
});
