import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { ensureSampleWorkspace } from '../../../main/backend/sample-workspace';
import { tempDir } from '../../helpers/workspace';

function writeSample(resources: string, months: number): void {
  fs.mkdirSync(path.join(resources, 'sample'), { recursive: true });
  const lines = ['Customer,Order Date,Product Group,Net Sales,Sales Rep,Region'];
  for (let m = 1; m <= months; m++) {
    for (let c = 1; c <= 20; c++) lines.push(`C${c},2025-${String(m).padStart(2, '0')}-1${c % 9},G${c % 4},${c * 10 + m}.00,R${c % 3},T${c % 2}`);
  }
  fs.writeFileSync(path.join(resources, 'sample', 'distributor.csv'), `${lines.join('\n')}\n`);
}

describe('the bundled sample workspace', () => {
  let dir: string;
  let cleanup: () => void;
  let backend: Backend;
  let appData: string;
  let resources: string;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    appData = path.join(dir, 'app-data');
    resources = path.join(dir, 'resources');
    backend = new Backend({ appDataDir: appData, now: () => new Date('2026-01-15T09:00:00Z') });
  });

  afterEach(() => {
    backend.close();
    cleanup();
  });

  it('names the missing sample file and says what to do instead', async () => {
    await expect(ensureSampleWorkspace(backend, appData, { resourcesDir: resources })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringMatching(/distributor\.csv is missing\. Reinstall Longtail, or open a workspace with --workspace/),
    });
  });

  it('builds sample.longtail through the real handlers once, analysed, then reopens it untouched', async () => {
    writeSample(resources, 6);
    const first = await ensureSampleWorkspace(backend, appData, { resourcesDir: resources });
    expect(first).toMatchObject({ rebuilt: true, analysed: true });
    expect(first.warning).toBeUndefined();
    expect(first.info).toMatchObject({ path: path.join(appData, 'sample.longtail'), clientName: 'Sample distributor', transactions: 120, customers: 20 });
    expect(first.info.lastAnalysis).not.toBeNull();

    backend.close();
    const again = await ensureSampleWorkspace(backend, appData, { resourcesDir: resources });
    expect(again).toMatchObject({ rebuilt: false, analysed: true });
    expect(again.info).toMatchObject({ transactions: 120, imports: 1, createdAt: first.info.createdAt });
  });

  it('leaves the sample out of the recent workspaces Portfolio compares, but compares it when chosen by file', async () => {
    writeSample(resources, 6);
    await ensureSampleWorkspace(backend, appData, { resourcesDir: resources });
    await backend.call('workspace-create', { path: path.join(dir, 'client.longtail'), clientName: 'Real Client' });
    const csv = path.join(dir, 'client.csv');
    fs.writeFileSync(csv, 'Customer,Date,Category,Revenue\nA,2025-01-05,Dairy,10.00\nB,2025-02-06,Bakery,12.00\n');
    await backend.call('import-run', { path: csv });
    const recent = await backend.call('workspace-recent', {});
    expect(recent.map((r) => path.basename(r.path))).toEqual(expect.arrayContaining(['sample.longtail', 'client.longtail']));
    const compared = await backend.call('portfolio-summarise', { anonymise: false, backtest: false });
    expect(compared.rows.map((r) => r.label)).toEqual(['Real Client']);
    const chosen = await backend.call('portfolio-summarise', { paths: [path.join(appData, 'sample.longtail')], anonymise: false, backtest: false });
    expect(chosen.rows.map((r) => r.label)).toEqual(['Sample distributor']);
  });

  it('rebuilds the sample when the bundled data changed or an earlier build never finished', async () => {
    writeSample(resources, 6);
    await ensureSampleWorkspace(backend, appData, { resourcesDir: resources, analyse: false });
    writeSample(resources, 7);
    const changed = await ensureSampleWorkspace(backend, appData, { resourcesDir: resources, analyse: false });
    expect(changed).toMatchObject({ rebuilt: true, info: { transactions: 140 } });

    fs.rmSync(path.join(appData, 'sample.longtail.json'));
    const interrupted = await ensureSampleWorkspace(backend, appData, { resourcesDir: resources, analyse: false });
    expect(interrupted).toMatchObject({ rebuilt: true, info: { transactions: 140, imports: 1 } });
  });

  it('ships the roster beside the sample, so the first assignment plan knows every rep\'s kind and capacity', async () => {
    writeSample(resources, 6);
    fs.writeFileSync(path.join(resources, 'sample', 'roster.csv'), 'Rep,Kind,Territory,Capacity\nR0,outside,T0,6\nR1,inside,T1,30\nR2,outside,T1,6\n');
    await ensureSampleWorkspace(backend, appData, { resourcesDir: resources });
    const roster = await backend.call('roster-list', {});
    expect(roster.map((r) => [r.name, r.kind, r.territory, r.capacity])).toEqual([
      ['R0', 'outside', 'T0', 6],
      ['R1', 'inside', 'T1', 30],
      ['R2', 'outside', 'T1', 6],
    ]);

    // A changed roster is a changed sample: it is built again with the new one.
    fs.writeFileSync(path.join(resources, 'sample', 'roster.csv'), 'Rep,Kind,Territory,Capacity\nR0,outside,T0,9\nR1,inside,T1,30\nR2,outside,T1,6\n');
    const again = await ensureSampleWorkspace(backend, appData, { resourcesDir: resources });
    expect(again.rebuilt).toBe(true);
    expect((await backend.call('roster-list', {})).find((r) => r.name === 'R0')?.capacity).toBe(9);
  });
});
