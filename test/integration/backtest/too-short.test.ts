import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/** Weekly orders of 30 customers from 2024-01-01 for `days` days. */
function history(file: string, days: number): void {
  const lines = ['Date,Customer,Category,Revenue'];
  for (let d = 0; d < days; d += 7) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    for (let c = 0; c < 30; c++) lines.push(`${date},C${c},${c % 2 ? 'Pumps' : 'Valves'},${100 + c}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('a backtest on data too short to replay', () => {
  it('says no horizon would do on two months of data, rather than asking for a shorter one', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'two-months.csv');
    history(file, 60);
    await w.backend.call('import-run', { path: file });
    await w.backend.call('analysis-run', { settings: {} });
    const outcome = await w.backend.invoke('analysis-backtest', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const message = JSON.stringify(outcome);
    expect(message).toContain('too short for any backtest. A replay needs four months of history before its date and at least 30 days to watch after it');
    expect(message).not.toContain('Choose a');
  });

  it('names the longest horizon that fits when a shorter one would do', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'seven-months.csv');
    history(file, 210);
    await w.backend.call('import-run', { path: file });
    await w.backend.call('analysis-run', { settings: {} });
    const outcome = await w.backend.invoke('analysis-backtest', { horizonDays: 200 });
    // 2024-01-01 to 2024-07-22 (29 weekly dates): 203 days, less the four months of history.
    expect(JSON.stringify(outcome)).toContain('too short for a 200-day backtest (it needs four months of history plus the horizon). Choose a horizon of at most 83 days.');
  });
});
