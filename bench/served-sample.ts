/**
 * The setup both browser benches share: the seeded distributor of a given size as a CSV (generated
 * once into bench/data), imported and analysed in a fresh workspace, then served by
 * `longtail serve` with a freshly built renderer. Setup times are returned, never measured as UI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/dispatch';
import type { ImportSummary } from '../shared/contract';
import type { AnalysisSummary } from '../shared/model/results';
import { generateDistributor } from '../shared/sample';
import { writeSampleCsv } from './generate';
import { buildRenderer, root, startServe, type Served } from '../test/e2e/support/serve';

const SEED = 20261128;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await work();
  return [out, performance.now() - t];
};

export type ServedSample = { served: Served; imported: ImportSummary; importMs: number; first: AnalysisSummary; analysisMs: number; cleanup: () => Promise<void> };

export async function servedSample(customers: number, name: string): Promise<ServedSample> {
  const csv = path.join(root, 'bench', 'data', `ui-${customers}.csv`);
  if (!fs.existsSync(csv)) {
    console.error(`Generating ${customers} customers into ${csv}...`);
    await writeSampleCsv(generateDistributor({ seed: SEED, customers, endDate: '2026-10-31', months: 24 }).rows(), csv);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `longtail-${name}-bench-`));
  const home = path.join(dir, 'home');
  const workspace = path.join(dir, 'bench.longtail');
  const backend = new Backend({ appDataDir: home });
  await backend.call('workspace-create', { path: workspace, clientName: `${name} bench ${customers}`, currency: 'USD' });
  console.error('Importing...');
  const [imported, importMs] = await time(() => backend.call('import-run', { path: csv }));
  console.error(`Imported ${imported.rowsImported} rows in ${(importMs / 1000).toFixed(1)} s; analysing...`);
  const [first, analysisMs] = await time(() => backend.call('analysis-run', { settings: {} }));
  backend.close();
  const rendererDir = path.join(dir, 'renderer');
  buildRenderer(rendererDir);
  const served = await startServe({ workspace, home, rendererDir, timeoutMs: 300_000 });
  const cleanup = async () => {
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { served, imported, importMs, first, analysisMs, cleanup };
}

/** The closing line of a browser bench: whatever the page logged as an error while it ran. */
export const consoleVerdict = (problems: readonly string[]): string =>
  problems.length ? `Console problems during the bench: ${problems.join('; ')}` : 'No console error during the bench.';

/** Writes a bench's markdown to bench/results/<name>.md and prints it. */
export function writeBenchResult(name: string, lines: readonly string[]): void {
  fs.writeFileSync(path.join(root, 'bench', 'results', `${name}.md`), lines.join('\n'));
  console.log(lines.join('\n'));
}
