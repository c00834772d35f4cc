import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../../main/cli/commands/analyze';
import { seededRandom } from '../../../shared/analytics/rng';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/** Counts of one, said in the singular: a consultant's first look at a client is often a one-account or one-day extract. */
describe('a run whose counts are one', () => {
  it('says "1 customer" and "the one active customer" for a client with a single account', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'one-account.csv');
    const lines = ['Date,Customer,Category,Revenue'];
    for (let week = 0; week < 100; week++) {
      const date = new Date(Date.UTC(2023, 5, 5 + week * 7)).toISOString().slice(0, 10);
      lines.push(`${date},Acme Supply,${week % 2 ? 'Fasteners' : 'Abrasives'},${100 + (week % 5) * 10}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await w.backend.call('import-run', { path: file });
    const s = await w.backend.call('analysis-run', { settings: {} });
    expect(s.customers).toMatchObject({ total: 1, active12m: 1, strategic: 1 });
    const text = describeSummary(s);
    expect(text).toMatch(/ from 1 active of 1 customer$/m);
    expect(text).toContain('Strategic: 1 customer makes 100.0% of revenue');
    expect(text).toContain('from the one active customer');
    expect(text).toMatch(/^ {2}1\. .*: 1 customer, /m);
    expect(s.notes).toContain('Only one best customer: too few to look for buying patterns.');
    expect(`${text}\n${s.notes.join('\n')}`).not.toMatch(/\b1 (customers|days)\b|\ball 1\b/);
  });

  it('says "the 1 day of data" for an extract of a single day', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'one-day.csv');
    const random = seededRandom(20261207);
    const lines = ['Date,Customer,Category,Revenue'];
    for (let c = 0; c < 40; c++) lines.push(`2025-03-14,C${c},${['Fasteners', 'Abrasives', 'Safety'][c % 3]},${(50 + random() * 900).toFixed(2)}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await w.backend.call('import-run', { path: file });
    const s = await w.backend.call('analysis-run', { settings: {} });
    const text = describeSummary(s);
    expect(text).toContain('Revenue, the 1 day of data: ');
    expect(text).toMatch(/^Leakage over 1 day: /m);
    expect(s.notes.some((n) => n.startsWith('The data begins on the as-of date, so 12-month revenue, growth and leakage cover that day, not a year'))).toBe(true);
    expect(`${text}\n${s.notes.join('\n')}`).not.toMatch(/\b1 days\b/);
  });
});
