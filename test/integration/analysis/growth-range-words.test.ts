import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/backend/db/open';
import { formatMoney, formatShare, roundForReason } from '../../../shared/format/numbers';
import { runInNewBackend } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { ONLINE_RETAIL } from './online-retail-data';

type Row = Record<string, string>;

let t: { dir: string; cleanup: () => void };
let growth: Row[];

beforeAll(async () => {
  t = tempDir();
  const r = await runInNewBackend(['run', ONLINE_RETAIL, '--out', 'out', '--json'], t.dir, new Date('2026-01-15T09:00:00Z'));
  expect(r.code, r.err).toBe(0);
  const rows = Papa.parse<Row>(fs.readFileSync(path.join(t.dir, 'out', 'actions.csv'), 'utf8').replace(/^\uFEFF/, '').trim(), { header: true }).data;
  growth = rows.filter((a) => a.action === 'growth');
}, 300_000);
afterAll(() => t.cleanup());

/** An amount as a reason writes it: two significant digits, in pounds. */
const asReasonSays = (csvValue: string): string => formatMoney(roundForReason(Number(csvValue)), 'GBP');

const pounds = (text: string): number => Number(text.replace(/[£,]/g, ''));

/**
 * Whether a reason's amount is the column's to two significant digits. The CSV keeps pennies, so a
 * figure on a rounding edge (£52.4999 written 52.50) may round the other way from the stored one.
 */
const sameAmount = (said: string, csvValue: string): boolean => {
  const v = Number(csvValue);
  const unit = v < 10 ? 0.1 : 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.abs(pounds(said) - v) <= unit / 2 + 0.01;
};

/** Every 25th growth action and the audit's own row: a sample across the list's order. */
const sample = (): Row[] => growth.filter((a, i) => i % 25 === 0 || (a.customer_id === '17450' && a.category === 'Bag'));

describe("a growth action's likely range on Online Retail", () => {
  it('reads in the reason as the same range as its expected_low and expected_high columns, under the same name', () => {
    expect(growth.length).toBeGreaterThan(100);
    for (const a of sample()) {
      const said = /the gap is worth about (£[\d,.]+) a year \(likely range (£[\d,.]+)-(£[\d,.]+)\)$/.exec(a.reason);
      expect(said, a.reason).not.toBeNull();
      const [, expected, low, high] = said as RegExpExecArray;
      expect([sameAmount(expected, a.expected_revenue), sameAmount(low, a.expected_low), sameAmount(high, a.expected_high)], `${a.action_id}: ${a.reason}`).toEqual([true, true, true]);
    }
  });

  it('says the peers\' middle half is their spend before the weighting by the share of peers that buy it', () => {
    for (const a of sample()) {
      const weighting = formatShare(Number(a.chance), 0);
      expect(a.reason, a.action_id).toMatch(new RegExp(`\\(middle half of peers: £[\\d,]+-£[\\d,]+\\); weighted by that ${weighting}, the gap`));
      expect(a.reason.startsWith(`${weighting} of `), a.action_id).toBe(true);
    }
  });

  it("keeps the audit's row as it was priced: customer 17450's Bag, £6,141-£19,627, told as £6,100-£20,000", () => {
    const bag = growth.find((a) => a.customer_id === '17450' && a.category === 'Bag');
    expect(bag && [Number(bag.expected_low), Number(bag.expected_high)]).toEqual([6141.1, 19627.43]);
    expect([asReasonSays(bag?.expected_low ?? ''), asReasonSays(bag?.expected_high ?? '')]).toEqual(['£6,100', '£20,000']);
    expect(bag?.reason).toContain('(middle half of peers: £7,900-£25,000); weighted by that 77%, the gap is worth about £8,000 a year (likely range £6,100-£20,000)');
  });
});

describe('the client a run of online_retail.csv.gz makes', () => {
  it("is named 'online_retail', without the '.csv' a single extension left behind", () => {
    const db = openDatabase(path.join(t.dir, 'out', 'workspace.longtail'), { create: false });
    try {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'client_name'").get()).toEqual({ value: 'online_retail' });
    } finally {
      db.close();
    }
  });
});
