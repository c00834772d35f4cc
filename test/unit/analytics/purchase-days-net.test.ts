import fs from 'node:fs';
import zlib from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../shared/analytics/features';
import { dayFromIso } from '../../../shared/format/dates';
import { ONLINE_RETAIL, familyOf } from '../../integration/analysis/online-retail-data';
import { makeDataset, type Row } from './make-dataset';

const asOf = dayFromIso('2011-12-09');
const daysAgo = (iso: string): number => asOf - dayFromIso(iso);

describe('a purchase day is a day whose lines net above zero', () => {
  const ds = makeDataset([
    // 17404-like: a sale and its credit the same minute, the last lines on file.
    { customer: 'voided', date: '2011-11-14', category: 'Home decor', revenue: 300 },
    { customer: 'voided', date: '2011-12-05', category: 'Tableware', revenue: 238 },
    { customer: 'voided', date: '2011-12-05', category: 'Tableware', revenue: -238 },
    // 15749-like: a credit larger than the day's re-invoice, after a single real order.
    { customer: 'rebilled', date: '2011-01-11', category: 'Home decor', revenue: 23_000 },
    { customer: 'rebilled', date: '2011-04-18', category: 'Home decor', revenue: 21_535.9 },
    { customer: 'rebilled', date: '2011-04-18', category: 'Bags', revenue: -22_998.4 },
  ]);
  const f = computeFeatures(ds, asOf);
  const [rebilled, voided] = [0, 1];

  it('does not count a sale cancelled the same day as the last purchase', () => {
    expect(f.recencyDays[voided]).toBe(daysAgo('2011-11-14'));
    expect(f.purchases[voided]).toBe(1);
  });

  it('does not count a day netting below zero, whichever category its lines fall in', () => {
    expect(f.purchases[rebilled]).toBe(1);
    expect(f.recencyDays[rebilled]).toBe(daysAgo('2011-01-11'));
    expect(f.tenureDays[rebilled]).toBe(daysAgo('2011-01-11'));
  });
});

/** Every line of these customers in UCI Online Retail, credits included (the cleaned loader drops them). */
function uciCustomers(codes: readonly string[]): Row[] {
  const text = zlib.gunzipSync(fs.readFileSync(ONLINE_RETAIL)).toString('utf8');
  const [header, ...lines] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const at = (name: string) => header.indexOf(name);
  return lines
    .filter((row) => codes.includes(row[at('CustomerID')]))
    .map((row) => ({
      customer: row[at('CustomerID')],
      date: row[at('InvoiceDate')].slice(0, 10),
      category: familyOf(row[at('Description')] ?? ''),
      revenue: Number(row[at('Quantity')]) * Number(row[at('UnitPrice')]),
    }));
}

describe.runIf(fs.existsSync(ONLINE_RETAIL))('purchase days of UCI Online Retail customers with same-day credits', () => {
  const ds = makeDataset(uciCustomers(['15749', '17404']));
  const f = computeFeatures(ds, asOf);
  const at = (code: string) => ds.customers.findIndex((c) => c.code === code);

  it('reads 17404 as last buying 25 days before the end, not on the day invoice 580704 was credited back', () => {
    expect(f.recencyDays[at('17404')]).toBe(25);
  });

  it('reads 15749 as bought once, 332 days before the end: 2011-04-18 nets to -1,462.50', () => {
    expect(f.purchases[at('15749')]).toBe(1);
    expect(f.recencyDays[at('15749')]).toBe(332);
  });
});
