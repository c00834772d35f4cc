import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import { appVersion } from '../../../main/backend/version';
import { formatMoney, formatShare } from '../../../shared/format/numbers';
import { tempDir } from '../../helpers/workspace';
import { analysedClient, NOW } from './clients';

/** The report as a reader sees it: tags dropped, entities decoded. */
const visibleText = (html: string): string =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const CLIENT = 'Harbor & Sons <Foods>';

describe('longtail report from an analysed workspace', () => {
  let t: ReturnType<typeof tempDir>;
  let client: Awaited<ReturnType<typeof analysedClient>>;
  let backend: Backend;

  beforeAll(async () => {
    t = tempDir();
    client = await analysedClient(t.dir, { clientName: CLIENT, seed: 11, customers: 140, churnShare: 0.15 });
    backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => NOW });
    await backend.call('workspace-open', { path: client.file });
  });
  afterAll(() => {
    backend.close();
    t.cleanup();
  });

  it('writes one HTML file whose figures match the store: revenue, leakage, top actions, as-of, hash, version', async () => {
    const out = path.join(t.dir, 'report.html');
    const built = await backend.call('report-build', { out, topActions: 10 });
    const summary = await backend.call('analysis-summary', {});
    const top = await backend.call('analysis-actions', { sort: 'expectedRevenue', dir: 'desc', limit: 10 });
    const html = fs.readFileSync(out, 'utf8');
    const text = visibleText(html);

    expect(built).toMatchObject({ path: out, bytes: fs.statSync(out).size, asOf: summary.asOf, dataHash: summary.dataHash, version: appVersion });
    expect(summary.revenue12m).toBeGreaterThan(0);
    expect(top.rows.length).toBeGreaterThan(0);
    expect(text).toContain(`Revenue leakage report: ${CLIENT}`);
    expect(text).toContain(formatMoney(summary.revenue12m, 'USD'));
    expect(text).toContain(formatMoney(summary.leakage.total, 'USD'));
    expect(text).toContain(formatShare(summary.leakage.share));
    for (const a of top.rows) {
      expect(text).toContain(a.customerName);
      expect(text).toContain(formatMoney(a.expectedRevenue, 'USD'));
    }
    expect(text).toContain(`As of ${summary.asOf}`);
    expect(text).toContain(summary.dataHash);
    expect(text).toContain(`Longtail ${appVersion}`);
    expect(html).not.toContain('<Foods>');
    // What priced recovery's money: the learned model's out-of-fold check, or its caveat among the notes.
    const model = summary.recovery?.model.customer;
    if (model?.usable) expect(text).toContain(`with an AUC of ${model.auc.toFixed(2)} (0.5 is chance)`);
    else for (const n of summary.recovery?.notes ?? []) expect(text).toContain(n);
  });

  it('builds the report of another workspace without closing or switching the open one', async () => {
    const other = tempDir();
    try {
      const second = await analysedClient(other.dir, { clientName: 'Second Client', seed: 12, customers: 60, churnShare: 0 });
      const out = path.join(other.dir, 'second.html');
      await backend.call('report-build', { workspace: second.file, out });
      expect(visibleText(fs.readFileSync(out, 'utf8'))).toContain('Second Client');
      expect((await backend.call('workspace-info', {})).clientName).toBe(CLIENT);
    } finally {
      other.cleanup();
    }
  });

  it('leaves out the client name and every customer name when anonymised', async () => {
    const out = path.join(t.dir, 'anonymous.html');
    await backend.call('report-build', { out, anonymise: true, topActions: 50 });
    const html = fs.readFileSync(out, 'utf8');
    const text = visibleText(html);
    expect(text).toContain('Customer 1');
    for (const secret of [CLIENT, 'Harbor &amp; Sons', ...client.customerNames]) {
      expect(html).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(path.basename(client.file));
  });

  it('longtail report writes the file from the command line and says what it wrote', async () => {
    const lines: string[] = [];
    const io = { backend, cwd: t.dir, out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), interactive: false };
    expect(await runCli(['report', '--workspace', client.file, '--out', 'cli-report.html', '--top', '5'], io)).toBe(0);
    const summary = await backend.call('analysis-summary', {});
    expect(lines.at(-1)).toContain(`as of ${summary.asOf}, data hash ${summary.dataHash}, Longtail ${appVersion}`);
    expect(fs.existsSync(path.join(t.dir, 'cli-report.html'))).toBe(true);
    expect(await runCli(['report', '--workspace', client.file], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/Give both --workspace FILE and --out report\.html/);
    // HTML is what it writes: a .pdf name would hold HTML, so it is refused before anything is written.
    expect(await runCli(['report', '--workspace', client.file, '--out', 'cli-report.pdf'], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/the report is an HTML file, so name it \.html/);
    expect(fs.existsSync(path.join(t.dir, 'cli-report.pdf'))).toBe(false);
  });

  it('answers NO_ANALYSIS with what to do when the workspace was never analysed', async () => {
    const fresh = tempDir();
    try {
      const b = new Backend({ appDataDir: path.join(fresh.dir, 'app-data'), now: () => NOW });
      const file = path.join(fresh.dir, 'empty.longtail');
      await b.call('workspace-create', { path: file, clientName: 'Empty' });
      const outcome = await b.invoke('report-build', { out: path.join(fresh.dir, 'r.html') });
      b.close();
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_ANALYSIS' } });
      expect(!outcome.ok && outcome.error.message).toMatch(/Run the analysis/);
    } finally {
      fresh.cleanup();
    }
  });
});
