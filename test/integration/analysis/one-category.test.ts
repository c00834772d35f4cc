import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CUSTOMERS_LABEL } from '../../../shared/analytics/profiles';
import { describeSummary } from '../../../main/cli/commands/analyze';
import { DATA_DIR } from '../../helpers/elog';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

describe('a sales file with one category (CDNOW: customer, date, CDs, dollars)', () => {
  it('gives everyone one peer group and says why, instead of empty profiles and a growth floor for nothing', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: path.join(DATA_DIR, 'cdnowElog.csv') });
    const s = await w.backend.call('analysis-run', { settings: {} });
    expect(s.k).toBe(1);
    expect(s.profiles).toHaveLength(1);
    expect(s.profiles[0]).toMatchObject({ label: ALL_CUSTOMERS_LABEL, members: s.customers.active12m });
    expect(s.structure).toMatchObject({ state: 'none', reason: expect.stringMatching(/^One category: customers have no buying mix to tell apart/) });
    // Breadth above the one category there is cannot be asked of anyone: the top spenders are the best customers.
    expect(s.customers.best).toBeGreaterThan(20);
    expect(s.customers.best).toBeLessThan(s.customers.active12m);
    expect(s.notes.some((n) => n.startsWith('Fewer than 20 customers met the best-customer setting'))).toBe(false);
    expect(s.notes[0]).toBe("No category or product column: every sale is in one category, 'All products', so each customer is judged as a whole.");
    // Nothing to cross-sell, so no floor on what growth lists is worth a note.
    expect(s.notes.some((n) => n.startsWith('Growth actions expected'))).toBe(false);
    expect(describeSummary(s)).toContain('Profiles: one peer group, no clear buying patterns (no split was looked for: see the notes)');
    // A year and more of data: its revenue and leakage are the last 12 months'.
    expect(describeSummary(s)).toMatch(/^Revenue, last 12 months: .*\n[\s\S]*^Leakage: .* of 12-month revenue \(recovery/m);
  });
});
