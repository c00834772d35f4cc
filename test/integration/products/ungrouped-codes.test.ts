import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UNGROUPED_CATEGORIES } from '../../../shared/analytics/products/level';
import { seededRandom } from '../../../shared/analytics/rng';
import type { AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';

/**
 * A fashion shop's transactions as a public data set gives them (H&M's t_dat, customer_id,
 * article_id, price): article codes with no description and no category, 6,000 of them, most bought
 * once, and 30 basics that many customers buy. Seeded, so the file is the same on every run.
 */
function articleLog(file: string): { buyersOf: Map<string, Set<string>>; revenueOf: Map<string, number> } {
  const rand = seededRandom(20261206);
  const buyersOf = new Map<string, Set<string>>();
  const revenueOf = new Map<string, number>();
  const lines = ['t_dat,customer_id,article_id,price'];
  const start = Date.UTC(2019, 0, 1);
  for (let c = 0; c < 800; c++) {
    const customer = `cust${String(c).padStart(5, '0')}`;
    const visits = 2 + Math.floor(rand() * 8);
    for (let v = 0; v < visits; v++) {
      const date = new Date(start + Math.floor(rand() * 600) * 86_400_000).toISOString().slice(0, 10);
      const article = rand() < 0.15 ? `0${100000100 + Math.floor(rand() * 30)}` : `0${500000000 + Math.floor(rand() * 6000)}`;
      const price = 0.01 + rand() * 0.1;
      lines.push(`${date},${customer},${article},${price.toFixed(6)}`);
      buyersOf.set(article, (buyersOf.get(article) ?? new Set()).add(customer));
      revenueOf.set(article, (revenueOf.get(article) ?? 0) + Number(price.toFixed(6)));
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { buyersOf, revenueOf };
}

describe('article codes too many and too rarely bought to group, with nothing to group them by', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let truth: ReturnType<typeof articleLog>;
  let summary: AnalysisSummary;

  beforeAll(async () => {
    w = await newWorkspace({ clientName: 'Article Codes' });
    const file = path.join(w.dir, 'transactions.csv');
    truth = articleLog(file);
    await w.backend.call('import-run', { path: file });
    summary = await w.backend.call('analysis-run', { settings: {} });
  }, 300_000);
  afterAll(() => w?.cleanup());

  it('keeps the most widely bought as categories and pools the rest as one catch-all, and says so', () => {
    expect(truth.buyersOf.size).toBeGreaterThan(MAX_UNGROUPED_CATEGORIES + 1000);
    expect(summary.categories).toHaveLength(MAX_UNGROUPED_CATEGORIES + 1);
    expect(summary.categories.at(-1)).toBe('Other products');
    // Every one of the 30 basics, each bought by dozens of customers, is kept by name.
    const basics = [...truth.buyersOf.keys()].filter((a) => a.startsWith('01000001'));
    expect(basics).toHaveLength(30);
    for (const a of basics) expect(summary.categories).toContain(a);
    const pooled = [...truth.buyersOf.keys()].filter((a) => !summary.categories.includes(a));
    expect(pooled).toHaveLength(truth.buyersOf.size - MAX_UNGROUPED_CATEGORIES);
    const total = [...truth.revenueOf.values()].reduce((s, v) => s + v, 0);
    const share = pooled.reduce((s, a) => s + (truth.revenueOf.get(a) ?? 0), 0) / total;
    expect(summary.productLevel?.pooled?.values).toBe(pooled.length);
    expect(summary.productLevel?.pooled?.revenueShare).toBeCloseTo(share, 3);
    expect(summary.notes.join(' ')).toContain(
      `The ${MAX_UNGROUPED_CATEGORIES} bought by the most customers are kept as they are, and the other ${pooled.length.toLocaleString('en-US')} (${(share * 100).toFixed(1)}% of revenue) are one category, 'Other products', which gets no cross-sell.`,
    );
  });

  it('finds no buying pattern where the catch-all holds most of the spend, and offers no cross-sell into it', async () => {
    expect(summary.structure?.state).toBe('none');
    expect(summary.structure?.reason).toMatch(/^\d+% of the best customers' spend is in 'Other products', a catch-all rather than a category/);
    expect(summary.profiles).toHaveLength(1);
    const actions = (await w.backend.call('analysis-actions', { limit: 100_000 })).rows;
    expect(actions.filter((a) => a.kind === 'growth' && a.category === 'Other products')).toEqual([]);
  });
});
