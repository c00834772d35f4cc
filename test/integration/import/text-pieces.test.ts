import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTextSource } from '../../../main/backend/import/text-source';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-pieces-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Rows of plain ASCII padding, then one row whose accented name sits across byte `at`, then more padding. */
function fileAround(name: string, at: number, encode: (text: string) => Buffer): { file: string; rows: string[][] } {
  const rows: string[][] = [['customer', 'name']];
  let bytes = 'customer,name\n'.length;
  while (bytes < at - 40) {
    const row = [`C${rows.length}`, 'plain ascii padding name'];
    rows.push(row);
    bytes += row.join(',').length + 1;
  }
  // The accented letter starts one byte before the cut, so its UTF-8 bytes fall on both sides.
  const pad = 'x'.repeat(at - bytes - 'K1,'.length - 1);
  rows.push(['K1', `${pad}é${name}`]);
  for (let i = 0; i < 3000; i++) rows.push([`D${i}`, 'more plain ascii after it']);
  const file = path.join(dir, `${name}-${at}.csv`);
  fs.writeFileSync(file, encode(`${rows.map((r) => r.join(',')).join('\n')}\n`));
  return { file, rows };
}

async function readAll(file: string): Promise<string[][]> {
  const source = await openTextSource(file, fs.statSync(file).size);
  const rows: string[][] = [];
  await source.read((batch) => rows.push(...batch.map((r) => r.cells)), { signal: new AbortController().signal, onProgress: () => {} });
  return rows;
}

describe('a big text file read in pieces', () => {
  it('keeps a UTF-8 character cut between two pieces whole, among pieces of plain ASCII', async () => {
    for (const at of [1 << 15, 1 << 18, (1 << 18) + (1 << 15)]) {
      const { file, rows } = fileAround('Müller', at, (t) => Buffer.from(t, 'utf8'));
      const read = await readAll(file);
      expect(read).toEqual(rows);
      expect(read.find((r) => r[0] === 'K1')?.[1]).toMatch(/xéMüller$/);
    }
  });

  it('reads windows-1252 text with an accented letter at a piece boundary as the same letters', async () => {
    const { file, rows } = fileAround('Séverine', 1 << 15, (t) => Buffer.from(t, 'latin1'));
    const read = await readAll(file);
    expect(read).toEqual(rows);
  });

  it('reads a byte that starts a character no byte finishes, past the sampled head, as TextDecoder does: a replacement character', async () => {
    const at = (1 << 20) + (1 << 15);
    const { file } = fileAround('Ok', at, (t) => Buffer.from(t, 'utf8'));
    const bytes = fs.readFileSync(file);
    // Cut the é to its first byte, which the next (ASCII) piece does not finish.
    const broken = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    fs.writeFileSync(file, broken);
    const expected = new TextDecoder('utf-8').decode(broken).split('\n').slice(0, -1).map((l) => l.split(','));
    const read = await readAll(file);
    expect(read).toEqual(expected);
    expect(read.find((r) => r[0] === 'K1')?.[1]).toMatch(/x\uFFFDOk$/);
  });
});
