import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskThreadPays } from '../../../main/backend/analysis/risk-thread';
import { newWorkspace } from '../../helpers/workspace';

// Big enough for the risk stage's thread (200,000 rows) and for a save in bulk (50,000 customers),
// whose journal switch the analysis makes while that thread still runs.
const ROWS = 240_000;
const CUSTOMERS = 60_000;

let w: Awaited<ReturnType<typeof newWorkspace>>;

/** A narrow sales file: every customer buys four times over two years, in one of eight categories. */
function writeSales(file: string): void {
  const lines = ['Customer ID,Date,Category,Revenue'];
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + ((i * 37) % 700))).toISOString().slice(0, 10);
    lines.push(`B${i % CUSTOMERS},${day},Cat${(i * 5) % 8},${(i % 113) + 0.5}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

const journal = () => String(w.backend.session.db.pragma('journal_mode', { simple: true }));
const foreignKeys = () => Number(w.backend.session.db.pragma('foreign_keys', { simple: true }));

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Bulk Save Wholesale' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSales(csv);
  const imported = await w.backend.call('import-run', { path: csv, engine: 'lines' });
  expect(imported.rowsImported).toBe(ROWS);
});
afterAll(() => w.cleanup());

describe('an analysis whose save is big enough to write in bulk', () => {
  it('runs its risk stage on a thread here, so the switch is made while that thread works', () => {
    expect(riskThreadPays(ROWS)).toBe(true);
  });

  it('stores the run and leaves the workspace in WAL with foreign keys on', async () => {
    const summary = await w.backend.call('analysis-run', { settings: {} });
    expect(summary.customers.total).toBe(CUSTOMERS);
    const stored = w.backend.session.db.prepare('SELECT count(*) AS n FROM run_customers WHERE run_id = ?').get(summary.runId) as { n: number };
    expect(stored.n).toBe(CUSTOMERS);
    expect([journal(), foreignKeys()]).toEqual(['wal', 1]);
  });

  it('puts WAL and foreign keys back when cancelled after the switch, and saves nothing', async () => {
    const cancel = new AbortController();
    const before = (await w.backend.call('analysis-runs', {})).map((r) => r.runId);
    // Another horizon, so the risk stage has to run again (on its thread); its turn comes after the
    // switch, and cancelling there stops the thread and fails the run.
    const outcome = await w.backend.invoke('analysis-run', { settings: { recovery: { horizonDays: 180 } } }, { signal: cancel.signal, onProgress: (p) => p.phase === 'risk' && cancel.abort() });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await w.backend.call('analysis-runs', {})).map((r) => r.runId)).toEqual(before);
    expect([journal(), foreignKeys()]).toEqual(['wal', 1]);
  });
});
