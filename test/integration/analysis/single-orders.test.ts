import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../../main/cli/commands/analyze';
import { seededRandom } from '../../../shared/analytics/rng';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

/** A shop's export: 300 customers, each one order in one of four departments over 2024. */
function singleOrders(file: string): void {
  const random = seededRandom(20261206);
  const lines = ['Order Date,Customer,Department,Amount'];
  for (let i = 0; i < 300; i++) {
    const day = 1 + Math.floor(random() * 360);
    const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
    lines.push(`${date},S${i},${['Books', 'Garden', 'Kitchen', 'Toys'][Math.floor(random() * 4)]},${(15 + random() * 200).toFixed(2)}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('a shop whose customers each placed one order in one department', () => {
  it('says its profiles come from every active customer and name the department each bought, not buying patterns', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'single-orders.csv');
    singleOrders(file);
    await w.backend.call('import-run', { path: file });
    const s = await w.backend.call('analysis-run', { settings: {} });
    // Nobody bought in three departments, so the best-customer setting gave way to every active customer.
    expect(s.customers).toMatchObject({ best: 300, bestRelaxed: true });
    expect(s.k).toBeGreaterThan(1);
    expect(s.structure?.state).toBe('weak');
    expect(s.structure?.reason).toMatch(/^Weak buying patterns: 100% of the 300 customers the profiles were built from bought in one category only/);
    // The verdict on the profiles comes before how they were built, so it is among the notes Overview shows unfolded.
    const verdictAt = s.notes.indexOf(s.structure?.reason ?? '');
    expect(verdictAt).toBeGreaterThanOrEqual(0);
    expect(verdictAt).toBeLessThan(s.notes.findIndex((n) => n.startsWith('Fewer than 20 customers met the best-customer setting')));
    expect(describeSummary(s)).toContain('weak buying patterns, see the notes) from all 300 active customers');
    // Nobody's peers buy anything they lack: growth lists nothing, and says why.
    expect(s.counts.growthActions).toBe(0);
    expect(s.growthNone).toBe(
      "No growth actions: in no profile do at least 50% of its best customers buy a category some of them lack, so no peers point anywhere new. Every category is bought by all of a profile's best customers or by none of them.",
    );
    expect(s.notes).toContain(s.growthNone);
  });
});
