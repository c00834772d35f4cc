import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Backend } from '../../../main/backend/dispatch';
import { runCommand } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { sharedData } from '../import/fixtures';

/** The report's text with every chart's SVG decoded into it, so axis names can be read. */
const withCharts = (html: string): string =>
  html + [...html.matchAll(/src="data:image\/svg\+xml;base64,([^"]*)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n');

// The grocery panel (dates, no money: purchase counts) and UCI's Wholesale table (money, no dates).
describe('a report on purchase counts, and one on a spend table', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  const html: Record<string, string> = {};
  const workspaces: Record<string, string> = {};

  beforeAll(async () => {
    t = tempDir();
    backend = new Backend({ appDataDir: path.join(t.dir, 'app') });
    for (const [name, file] of [['Grocery', 'grocery_elog.csv'], ['Wholesale', 'wholesale_customers.csv']] as const) {
      const workspace = path.join(t.dir, `${name}.longtail`);
      await backend.call('workspace-create', { path: workspace, clientName: name });
      await backend.call('import-run', { path: sharedData(file) });
      await backend.call('analysis-run', { settings: {} });
      const out = path.join(t.dir, `${name}.html`);
      await backend.call('report-build', { out });
      html[name] = withCharts(fs.readFileSync(out, 'utf8'));
      await backend.call('workspace-close', {});
      workspaces[name] = workspace;
    }
  }, 240_000);
  afterAll(() => t.cleanup());

  it('says before the headline that a purchase log counts purchases, and labels its figures purchases, never revenue or XXX', () => {
    const g = html.Grocery;
    const note = g.indexOf('Amounts are purchase counts, not money');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(g.indexOf('class="lead"'));
    expect(g).toMatch(/of 12-month purchases: above the 7%-30% band of revenue that B2B vendors report\. The band is a share of revenue and this is a share of purchases/);
    expect(g).toContain('Purchases, last 12 months');
    expect(g).toContain('Purchases at risk a year (recovery)');
    expect(g).toContain('Purchases 12m');
    expect(g).toContain('Leakage a year (purchases)');
    expect(g).toContain('Leakage as a share of 12-month purchases');
    expect(g).not.toContain('XXX');
    expect(g).not.toContain('Revenue, last 12 months');
    expect(g).not.toContain('Revenue at risk');
    expect(g).not.toContain('Revenue 12m');
  });

  it("reads a spend table's money as the table's, says recovery needs dates, and never calls it 12 months", () => {
    const w = html.Wholesale;
    expect(w).toContain('<div class="tile-value">n/a: no dates</div>');
    expect(w).not.toContain('0 actions</div></div>\n<div class="tile"><div class="tile-label">Expected growth');
    expect(w).toContain('Revenue in the table');
    expect(w).toContain("Share of the table&#39;s revenue");
    expect(w).toMatch(/this customer bought \$[\d,]+ in the table/);
    expect(w).not.toContain('in the last 12 months');
    expect(w).not.toContain('Revenue 12m');
    expect(w).not.toContain('Share of 12-month revenue');
    expect(w).toContain('Leakage (USD)');
  });

  it('keeps each breakdown chart with its table on a printed page, and names the band chart axis', () => {
    expect(html.Grocery).toContain('.breakdown { break-inside: avoid; }');
    expect(html.Grocery).toMatch(/<div class="breakdown"><h3>By tier<\/h3><img [^>]*>.*?<table>/s);
  });

  it('benchmarks them naming the spend table left out of the spread, the one client compared, and the purchase counts', async () => {
    const out = path.join(t.dir, 'comparison.xlsx');
    const r = await runCommand(['benchmark', workspaces.Grocery, workspaces.Wholesale, '--out', out], backend, t.dir);
    expect(r.code).toBe(0);
    const text = `${r.out}\n${r.err}`;
    expect(text).toMatch(/Leakage share: one client is set against the band, Grocery, at \d+\.\d%\./);
    expect(text).not.toMatch(/ranges (\d+\.\d%)-\1/);
    expect(text).toContain('Left out of the leakage share\'s spread and ranking: Wholesale (growth alone: recovery needs dated sales (a spend table))');
    expect(text).toMatch(/Grocery:.*purchase counts, not money: a share of purchases/);

    const notes = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(fs.readFileSync(out), { type: 'buffer' }).Sheets.Notes);
    const note = (label: string) => notes.find((n) => n.Note === label);
    expect(note('Leakage share, the one client compared')?.['What it means']).toMatch(/^Grocery: the only client/);
    expect(note('Leakage share, lowest client')).toBeUndefined();
    expect(note('Leakage share, left out')?.['What it means']).toMatch(/^Wholesale \(growth alone/);
    expect(note('Purchase counts')?.['What it means']).toMatch(/^Grocery: no money in the data/);
    const caveats = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(fs.readFileSync(out), { type: 'buffer' }).Sheets.Caveats);
    expect(caveats.some((c) => c.Client === 'Grocery' && String(c.Caveat).startsWith('Purchase counts, not money'))).toBe(true);
  }, 120_000);

  it("writes the territory plan in each one's terms: purchases for the log, and for the spend table the table's growth alone, never a year or a recovery column", async () => {
    const sheets = async (name: string) => {
      const out = path.join(t.dir, `${name}-territories.xlsx`);
      const r = await runCommand(['export', '-w', workspaces[name], '--plan', 'territories', '--out', out], backend, t.dir);
      expect(r.code).toBe(0);
      const book = XLSX.read(fs.readFileSync(out), { type: 'buffer' });
      const headers = (XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Territories, { header: 1 })[0] ?? []).map(String);
      const about = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.About);
      return { headers, money: String(about.find((f) => f.What === 'Money')?.Text) };
    };
    const grocery = await sheets('Grocery');
    expect(grocery.headers).toEqual(expect.arrayContaining(['Recovery at risk a year', 'Growth a year', 'Leakage a year', 'Purchases 12m']));
    expect(grocery.headers).not.toContain('Revenue 12m');
    const wholesale = await sheets('Wholesale');
    expect(wholesale.headers).toEqual(expect.arrayContaining(['Growth', 'Leakage', 'Revenue in the table', 'Leakage share']));
    expect(wholesale.headers.filter((h) => /recovery|a year|12m/i.test(h))).toEqual([]);
    expect(wholesale.money).toMatch(/^The data is a spend table, without dates: growth is a share of what peers spend in the table/);
    expect(wholesale.money).not.toMatch(/12 months|a year of/);
  }, 120_000);
});
