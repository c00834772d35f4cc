/**
 * What a client report and a portfolio cost next to the analysis they summarise. Two generated
 * clients (500 and 2,000 customers, 24 months) are imported and analysed through the handlers; the
 * analysis-run time of each is the reference. Figures: report-build (first call in the process, and
 * again warm) against that reference, the report's size, and portfolio-summarise over both clients
 * against opening each workspace and reading its info and summary directly (the same reads, no portfolio).
 *
 *   node --import tsx bench/report.bench.ts
 * writes bench/results/report.md
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/dispatch';
import { toCsv } from '../shared/format/csv';
import { generateDistributor } from '../shared/sample';

const NOW = new Date('2026-01-15T09:00:00Z');
const HEADER = ['Invoice', 'Date', 'Customer ID', 'Customer Name', 'Category', 'Product', 'Quantity', 'Unit Price', 'Net Sales', 'Sales Rep', 'Territory', 'Segment'];

const time = async <T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
};

async function analysedClient(dir: string, name: string, seed: number, customers: number) {
  const data = generateDistributor({ seed, customers, endDate: '2025-12-31', months: 24, categories: 12 });
  const csv = path.join(dir, `${name}.csv`);
  const rows = [...data.rows()].map((r) => [r.invoice, r.date, r.customerId, r.customerName, r.category, r.product, r.quantity, r.unitPrice, r.revenue, r.rep, r.territory, r.segment]);
  fs.writeFileSync(csv, toCsv(HEADER, rows));
  const file = path.join(dir, `${name}.longtail`);
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => NOW });
  await backend.call('workspace-create', { path: file, clientName: name });
  await backend.call('import-run', { path: csv });
  const analysis = await time(() => backend.call('analysis-run', {}));
  backend.close();
  return { file, rows: rows.length, customers, analysisMs: analysis.ms };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-report-bench-'));
  try {
    const clients = [await analysedClient(dir, 'small', 31, 500), await analysedClient(dir, 'large', 32, 2000)];
    const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => NOW });
    const lines: string[] = [];
    for (const c of clients) {
      const cold = await time(() => backend.call('report-build', { workspace: c.file, out: path.join(dir, 'cold.html') }));
      const warm = await time(() => backend.call('report-build', { workspace: c.file, out: path.join(dir, 'warm.html') }));
      lines.push(
        `| ${c.customers.toLocaleString('en')} customers, ${c.rows.toLocaleString('en')} rows | ${(c.analysisMs / 1000).toFixed(2)} s | ${(cold.ms / c.analysisMs).toFixed(3)}x | ${(warm.ms / c.analysisMs).toFixed(3)}x | ${(warm.value.bytes / 1024).toFixed(0)} KiB |`,
      );
    }
    const direct = await time(async () => {
      for (const c of clients) {
        const b = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => NOW });
        b.session.open(c.file);
        await b.call('workspace-info', {});
        await b.call('analysis-summary', {});
        b.close();
      }
    });
    const portfolio = await time(() => backend.call('portfolio-summarise', { paths: clients.map((c) => c.file) }));
    backend.close();
    const md = [
      '## Client report and portfolio (bench/report.bench.ts)',
      '',
      'Reference: the analysis-run of the same workspace, timed in the same process.',
      '',
      '| client | analysis-run (reference) | report-build, first call | report-build, warm | report size |',
      '|---|---|---|---|---|',
      ...lines,
      '',
      `Portfolio over both clients: ${portfolio.ms.toFixed(0)} ms, ${(portfolio.ms / direct.ms).toFixed(2)}x opening each workspace and reading its info and summary directly (${direct.ms.toFixed(0)} ms).`,
      '',
    ].join('\n');
    fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
    fs.writeFileSync(path.resolve('bench/results/report.md'), md);
    console.log(md);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
