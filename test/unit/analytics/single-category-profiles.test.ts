import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../shared/analytics/features';
import { buildProfiles, sweepProfiles } from '../../../shared/analytics/profiles';
import { seededRandom } from '../../../shared/analytics/rng';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import { makeDataset, type Row } from './make-dataset';

const CATS = ['Books', 'Garden', 'Kitchen', 'Toys'];

/** A marketplace's year: every customer one order in one category, `mixed` of them in two or three. */
function marketplace(customers: number, mixed: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const rows: Row[] = [];
  for (let i = 0; i < customers; i++) {
    const customer = `M${String(i).padStart(4, '0')}`;
    const bought = i < mixed ? 2 + (i % 2) : 1;
    const first = Math.floor(random() * CATS.length);
    for (let c = 0; c < bought; c++) rows.push({ customer, date: '2025-06-01', category: CATS[(first + c) % CATS.length], revenue: Math.round(20 + random() * 180) });
  }
  return rows;
}

const profilesOf = (rows: Row[]) => {
  const ds = makeDataset(rows, { hasDates: false, categories: CATS });
  const f = computeFeatures(ds, ds.lastDay);
  return buildProfiles(f, sweepProfiles(f, defaultAnalysisSettings()), 'auto', CATS);
};

describe('profiles of customers who each bought in one category', () => {
  it('are called weak, saying they name the category bought rather than a mix, however well the split scores', () => {
    const p = profilesOf(marketplace(400, 20, 7));
    expect(p.k).toBeGreaterThan(1);
    // The split itself scores as clear: one-category mixes sit far apart at the corners.
    expect(Math.max(...p.quality.map((q) => q.silhouette))).toBeGreaterThan(0.5);
    expect(p.structure.state).toBe('weak');
    expect(p.structure.reason).toBe(
      `Weak buying patterns: 95% of the 400 customers the profiles were built from bought in one category only in the 12 months, so each of the ${p.k} profiles mostly names the category its customers bought rather than a mix they share (such mixes are far apart, which is all the split's score reads). Treat the profiles as buyers of a category, not as buying patterns; with so few mixes, growth has little to go on.`,
    );
  });

  it('keep their verdict where most customers buy in several', () => {
    const p = profilesOf(marketplace(400, 200, 7));
    expect(p.structure.reason).not.toMatch(/bought in one category only/);
  });
});
