import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { benchmarkCsv } from '../../../main/backend/report/benchmark';
import { tempDir } from '../../helpers/workspace';
import { analysedClient, NOW } from './clients';

const STALE = /The data changed since run 1 was made/;

describe('a run made before the last import, read away from the screens', () => {
  let t: ReturnType<typeof tempDir>;
  let client: Awaited<ReturnType<typeof analysedClient>>;
  let backend: Backend;

  beforeAll(async () => {
    t = tempDir();
    client = await analysedClient(t.dir, { clientName: 'Late Ledger Ltd', seed: 31, customers: 60, churnShare: 0.1 });
    backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => NOW });
    await backend.call('workspace-open', { path: client.file });
    // A big late sale from a new customer: the stored run knows nothing of it.
    const extra = path.join(t.dir, 'late-sale.csv');
    fs.writeFileSync(extra, 'Invoice,Date,Customer ID,Customer Name,Category,Net Sales\nX-1,2025-12-30,NEW-1,Newcomer Catering,Produce,5000000\n');
    await backend.call('import-run', { path: extra });
  });
  afterAll(() => {
    backend.close();
    t.cleanup();
  });

  it('is marked in the benchmark: the row says its data changed, and its caveats lead with it', async () => {
    const p = await backend.call('portfolio-summarise', { paths: [client.file] });
    const [row] = p.rows;
    expect(row.status).toBe('ok');
    expect(row.dataChanged).toBe(true);
    expect(row.caveats?.[0]).toMatch(STALE);
    const [header, line] = benchmarkCsv(p).trim().split(/\r?\n/);
    const status = header.split(',').indexOf('Status');
    expect(line.split(',')[status]).toBe('data changed since its run');
  });

  it('leads the report with it, among the caveats', async () => {
    const out = path.join(t.dir, 'report.html');
    await backend.call('report-build', { out });
    expect(fs.readFileSync(out, 'utf8')).toMatch(STALE);
  });

  it('says it on the About sheet of a territory plan', async () => {
    const out = path.join(t.dir, 'territories.xlsx');
    await backend.call('export-territories', { out });
    const about = XLSX.utils.sheet_to_json<{ What: string; Text: string | null }>(XLSX.read(fs.readFileSync(out)).Sheets.About);
    expect(about.filter((f) => f.What === 'Caveat').map((f) => f.Text)).toContainEqual(expect.stringMatching(STALE));
  });

  it('is not said once the analysis has been run again', async () => {
    await backend.call('analysis-run', { settings: { kMax: 6, restarts: 2 } });
    const [row] = (await backend.call('portfolio-summarise', { paths: [client.file] })).rows;
    expect(row.dataChanged).toBe(false);
    expect(row.caveats?.some((c) => /The data changed since run/.test(c))).toBe(false);
    const out = path.join(t.dir, 'report-2.html');
    await backend.call('report-build', { out });
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/The data changed since run/);
  });
});
