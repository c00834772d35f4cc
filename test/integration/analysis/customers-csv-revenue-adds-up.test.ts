import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewBackend, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let t: { dir: string; cleanup: () => void };
let csv: string;

// A generated distributor, and one customer whose returns in the last 12 months outran its sales there.
beforeAll(() => {
  t = tempDir();
  csv = path.join(t.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 4, customers: 120, categories: 6 });
  const [first, second] = fs.readFileSync(csv, 'utf8').split('\n');
  const header = first.split(',');
  const category = second.split(',')[header.indexOf('Category')];
  const row = (date: string, revenue: number): string => {
    const cells: Record<string, string | number> = { Invoice: `NEG-${date}`, Date: date, 'Customer ID': 'NEG-1', 'Customer Name': 'Returns Galore', Category: category, Product: 'P-NEG', Quantity: 1, 'Unit Price': revenue, Revenue: revenue };
    return header.map((h) => String(cells[h] ?? '')).join(',');
  };
  const lines = [row('2024-03-10', 900), row('2025-06-10', 200), row('2025-09-10', -650)];
  fs.appendFileSync(csv, `\n${lines.join('\n')}\n`);
});
afterAll(() => t.cleanup());

const cli = (args: string[]): Promise<CliResult> => runInNewBackend(args, t.dir, new Date('2026-01-15T09:00:00Z'));
const parse = (file: string): string[][] => Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim(), { header: false }).data;

describe('customers.csv from longtail run', () => {
  it("adds its revenue_12m up to the headline's 12-month revenue, and keeps a customer's negative net in net_12m before the currency", async () => {
    const r = await cli(['run', csv, '--out', 'out', '--k', '3', '--json']);
    expect(r.code).toBe(0);
    const rows = parse(path.join(t.dir, 'out', 'customers.csv'));
    const header = rows[0];
    expect(header).toEqual(['customer_id', 'customer_name', 'tier', 'profile', 'revenue_12m', 'categories_bought', 'p_alive', 'at_risk_revenue', 'growth_revenue', 'current_rep', 'territory', 'profile_label', 'assigned_rep', 'net_12m', 'currency']);
    const col = (name: string) => header.indexOf(name);
    const summary = JSON.parse(fs.readFileSync(path.join(t.dir, 'out', 'summary.json'), 'utf8')) as { revenue_12m: number };
    const total = rows.slice(1).reduce((sum, row) => sum + Number(row[col('revenue_12m')]), 0);
    expect(total).toBeCloseTo(summary.revenue_12m, 1);

    const negative = rows.find((row) => row[0] === 'NEG-1') as string[];
    expect(Number(negative[col('net_12m')])).toBeCloseTo(-450, 2);
    expect(Number(negative[col('revenue_12m')])).toBe(0);
    expect(negative[col('tier')]).toBe('inactive');
    for (const row of rows.slice(1)) expect(Number(row[col('revenue_12m')])).toBeGreaterThanOrEqual(0);
  });
});
