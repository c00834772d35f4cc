import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { ONLINE_RETAIL } from './online-retail-data';
import type { BgNbdFitReport } from '../../../shared/model/bgnbd';

let t: { dir: string; cleanup: () => void };
let rows: string[][];

beforeAll(() => {
  t = tempDir();
  rows = Papa.parse<string[]>(zlib.gunzipSync(fs.readFileSync(ONLINE_RETAIL)).toString('utf8'), { skipEmptyLines: true }).data;
});
afterAll(() => t.cleanup());

/** Online Retail cut down to these customers, written as a CSV file and run through `longtail run`. */
async function runOn(name: string, customers: string[]): Promise<{ out: string; fit: BgNbdFitReport; pAlive: string[] }> {
  const [header, ...body] = rows;
  const id = header.indexOf('CustomerID');
  const file = path.join(t.dir, `${name}.csv`);
  fs.writeFileSync(file, Papa.unparse([header, ...body.filter((r) => customers.includes(r[id]))]));
  const r = await runInNewBackend(['run', file, '--out', name], t.dir, new Date('2026-01-15T09:00:00Z'));
  expect(r.code).toBe(0);
  const summary = JSON.parse(fs.readFileSync(path.join(t.dir, name, 'summary.json'), 'utf8')) as { bgnbd: BgNbdFitReport };
  const table = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(t.dir, name, 'customers.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return { out: r.out, fit: summary.bgnbd, pAlive: table.map((c) => c.p_alive) };
}

describe('a BG/NBD fit on too few customers to pin down four parameters', () => {
  it('is not used for one customer: the verdict says why, nothing is gated on it and its P(alive) is blank', async () => {
    const { out, fit, pAlive } = await runOn('one', ['17850']);
    expect(fit).toMatchObject({ customers: 1, verdict: 'degenerate', gateApplied: false, holdout: null });
    expect(fit.reasons).toEqual([expect.stringMatching(/^too few customers to fit: 1 \(1 bought more than once\); four parameters need at least 40 customers and 20 repeat buyers$/)]);
    expect(out).toContain('too few customers to fit: 1');
    expect(out).not.toContain('Healthy');
    expect(out).toContain('Not used: too few customers to fit: 1');
    expect(out).not.toContain('Degenerate: too few');
    // Its last purchase is the as-of day: a P(alive) of 1e-38 there was the optimiser's accident.
    expect(pAlive).toEqual(['']);
  });

  it('is not used for a handful of customers that each bought many times', async () => {
    const { fit, pAlive } = await runOn('handful', ['17850', '13047', '12583', '13748', '15100']);
    expect(fit).toMatchObject({ customers: 5, repeatBuyers: 5, verdict: 'degenerate', gateApplied: false });
    expect(fit.reasons).toEqual([expect.stringMatching(/^too few customers to fit: 5 /)]);
    expect(pAlive).toEqual(['', '', '', '', '']);
  });
});
