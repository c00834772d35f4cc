import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace } from '../../helpers/workspace';
import { sharedData } from '../import/fixtures';
import { cyclePattern } from '../../../renderer/src/features/customer/cycle-pattern';

/*
 * The CDNOW sample starts on 1997-01-01. As of 1997-09-30 a customer's monthly chart has nine
 * months to show: the fifteen before the data began would draw as months it bought nothing in,
 * which the data cannot say.
 */

let w: Awaited<ReturnType<typeof newWorkspace>>;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'CDNOW sample' });
  await w.backend.call('import-run', { path: sharedData('cdnowElog.csv') });
  await w.backend.call('analysis-run', { settings: { asOf: '1997-09-30' } });
});
afterAll(() => w.cleanup());

describe("a customer's months on data younger than two years", () => {
  it('start with the month the data begins and end with the as-of month, each with what the file says it spent', async () => {
    // Customer 4 (masterid) bought twice in January and once in August 1997 in the published file.
    const lines = fs.readFileSync(sharedData('cdnowElog.csv'), 'utf8').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const [id, date, sales] = ['masterid', 'date', 'sales'].map((c) => header.indexOf(c));
    const spent = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      if (cells[id] !== '4' || cells[date] > '19970930') continue;
      const month = `${cells[date].slice(0, 4)}-${cells[date].slice(4, 6)}`;
      spent.set(month, (spent.get(month) ?? 0) + Number(cells[sales]));
    }
    expect(spent.size).toBeGreaterThan(1);
    const detail = await w.backend.call('analysis-customer', { code: '4' });
    expect(detail.monthly.map((m) => m.month)).toEqual(['1997-01', '1997-02', '1997-03', '1997-04', '1997-05', '1997-06', '1997-07', '1997-08', '1997-09']);
    for (const m of detail.monthly) expect(m.byCategory.reduce((a, b) => a + b, 0)).toBeCloseTo(spent.get(m.month) ?? 0, 6);
  });

  it('names no rhythm pattern for a relationship with fewer purchase days than the run judges', async () => {
    const detail = await w.backend.call('analysis-customer', { code: '4' });
    const summary = await w.backend.call('analysis-summary', {});
    const min = summary.settings.recovery.minPurchases;
    const [cdnow] = detail.cycles;
    // Three purchase days by the as-of date (1997-01-01, 01-18, 08-02), under the four a rhythm needs.
    expect(cdnow.purchases).toBe(3);
    expect(min).toBe(4);
    expect(cyclePattern(cdnow, min)).toBe('not judged: 3 of 4');
    expect(cyclePattern({ ...cdnow, purchases: 1 }, min)).toBe(`not judged: 1 of ${min}`);
    expect(cyclePattern({ purchases: 6, seasonal: true, volatile: true }, min)).toBe('seasonal, volatile');
    expect(cyclePattern({ purchases: 6, seasonal: false, volatile: false }, min)).toBe('regular');
  });
});
