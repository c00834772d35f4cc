import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../../shared/contract/report';
import { runCli } from '../../../main/cli/main';
import { Backend } from '../../../main/backend/dispatch';
import { tempDir } from '../../helpers/workspace';
import { sharedData } from '../import/fixtures';

// UCI's Wholesale table (no dates: growth alone) beside two dated logs, CDNOW's sample and the grocery panel.
describe('a spend-table client in a benchmark', () => {
  let t: ReturnType<typeof tempDir>;
  const files: string[] = [];
  let portfolio: Portfolio;
  let backend: Backend;
  let young = '';

  beforeAll(async () => {
    t = tempDir();
    backend = new Backend({ appDataDir: path.join(t.dir, 'app') });
    for (const [name, file] of [['Wholesale', 'wholesale_customers.csv'], ['CDNOW', 'cdnowElog.csv'], ['Grocery', 'grocery_elog.csv']] as const) {
      const workspace = path.join(t.dir, `${name}.longtail`);
      await backend.call('workspace-create', { path: workspace, clientName: name });
      await backend.call('import-run', { path: sharedData(file) });
      await backend.call('analysis-run', { settings: {} });
      await backend.call('workspace-close', {});
      files.push(workspace);
    }
    // CDNOW's first month alone: 31 days of data, too few to set against the band.
    young = path.join(t.dir, 'CDNOW January.longtail');
    await backend.call('workspace-create', { path: young, clientName: 'CDNOW January' });
    await backend.call('import-run', { path: sharedData('cdnowElog.csv') });
    await backend.call('analysis-run', { settings: { asOf: '1997-01-31' } });
    await backend.call('workspace-close', {});
    portfolio = await backend.call('portfolio-summarise', { paths: [...files, young] });
  }, 120_000);
  afterAll(() => {
    backend.close();
    t.cleanup();
  });

  it('is set against neither the band nor the other clients, and has no span of dates', () => {
    const wholesale = portfolio.rows.find((r) => r.label === 'Wholesale');
    expect(wholesale).toMatchObject({ status: 'ok', growthOnly: true, band: null, dateFrom: null, dateTo: null, months: null, recovery: 0 });
    expect(wholesale?.percentile.leakageShare).toBeNull();
    // Dollars beside the grocery panel's purchase counts: revenue is ranked across neither.
    expect(portfolio.currencies).toEqual(['USD', 'XXX']);
    expect(portfolio.rows.map((r) => r.percentile.revenue12m)).toEqual([null, null, null, null]);
    const dated = portfolio.rows.filter((r) => r.label !== 'Wholesale' && r.label !== 'CDNOW January');
    for (const r of dated) expect(r).toMatchObject({ growthOnly: false, band: expect.any(String) });
    expect(dated.map((r) => r.percentile.leakageShare).sort()).toEqual([0, 1]);
    const shares = dated.map((r) => r.leakageShare ?? 0).sort((a, b) => a - b);
    expect(portfolio.leakageShareRange).toMatchObject({ min: shares[0], max: shares[1] });
  });

  it('leaves a client with a month of data out of the leakage ranking and range, as it is not set against the band', () => {
    const young = portfolio.rows.find((r) => r.label === 'CDNOW January');
    expect(young).toMatchObject({ status: 'ok', growthOnly: false, band: null });
    expect(young?.percentile.leakageShare).toBeNull();
    const shares = portfolio.rows.filter((r) => r.band !== null).map((r) => r.leakageShare ?? 0);
    expect(portfolio.leakageShareRange).toMatchObject({ min: Math.min(...shares), max: Math.max(...shares) });
  });

  it('reads so on the command line and in the comparison file', async () => {
    const out = path.join(t.dir, 'comparison.csv');
    const lines: string[] = [];
    const io = { backend, cwd: t.dir, out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), interactive: false };
    expect(await runCli(['benchmark', ...files, young, '--out', out], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/Wholesale: revenue 12m \$14,619,500, leakage \$[\d,]+ = 1\.4% \(growth alone: recovery needs dated sales: a spend table, so set against neither the 7-30% band nor the other clients\)/);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.split(/\r?\n/).find((l) => l.startsWith('Wholesale,'))).toContain(',growth alone: recovery needs dated sales,');
    expect(lines.join('\n')).toMatch(/CDNOW January: revenue 12m .*\(under a quarter of data, so set against neither the 7-30% band nor the other clients\)/);
    // The grocery panel's amounts are purchase counts: its currency cell says so, not 'XXX'.
    expect(csv.split(/\r?\n/).find((l) => l.startsWith('Grocery,'))).toContain(',none: purchase counts (units),');
    expect(csv.split(/\r?\n/).find((l) => l.startsWith('CDNOW January,'))).toContain(',under a quarter of data,');
    expect(lines.join('\n')).toContain('Clients count in USD and purchase counts (units): amounts are not converted, so revenue is not ranked across them; compare their shares.');
  });
});
