import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../helpers/cli';
import { workspaceWithPlan } from './plan-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A CSV's header and rows, split on commas outside quotes. */
function readCsv(file: string): { header: string[]; rows: string[][] } {
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')).slice(0, -1) ?? [];
  const [header, ...rows] = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  return { header: split(header), rows: rows.map(split) };
}

describe('the rep lists and the territory plan as CSV', () => {
  it('name the currency on every row of every per-rep file, last, as actions.csv does', async () => {
    const w = await workspaceWithPlan('GBP');
    cleanups.push(w.cleanup);
    const r = await runCommand(['export', '-w', w.file, '--format', 'csv', '--per-rep', '--out', 'lists', '--json'], w.backend, w.dir);
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.out) as { files: string[] }).files;
    expect(files.length).toBeGreaterThan(1);
    let rows = 0;
    for (const file of files) {
      const csv = readCsv(file);
      expect(csv.header.at(-1), path.basename(file)).toBe('Currency');
      for (const row of csv.rows) expect(row.at(-1)).toBe('GBP');
      rows += csv.rows.length;
    }
    expect(rows).toBe(w.actions.length);
  });

  it('names it in the combined list and in the territory table too', async () => {
    const w = await workspaceWithPlan('EUR');
    cleanups.push(w.cleanup);
    for (const args of [['--out', 'all.csv'], ['--plan', 'territories', '--out', 'territories.csv']]) {
      expect((await runCommand(['export', '-w', w.file, ...args], w.backend, w.dir)).code).toBe(0);
      const csv = readCsv(path.join(w.dir, args.at(-1) as string));
      expect(csv.header.at(-1)).toBe('Currency');
      expect(csv.rows.length).toBeGreaterThan(0);
      for (const row of csv.rows) expect(row.at(-1)).toBe('EUR');
    }
  });
});
