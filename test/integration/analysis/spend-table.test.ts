import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';

const WHOLESALE = path.join(import.meta.dirname, '../../fixtures/analysis/wholesale_customers.csv');
let w: Awaited<ReturnType<typeof newWorkspace>>;
let summary: AnalysisSummary;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Wholesale', currency: 'EUR' });
  await w.backend.call('import-run', { path: WHOLESALE, shape: 'spend-table', asOf: '2025-12-31' });
  summary = await w.backend.call('analysis-run', { settings: { kMax: 6 } });
});
afterAll(() => w.cleanup());

describe('a spend-table workspace (UCI Wholesale, no dates)', () => {
  it('runs profiles and growth only and says why in the summary', () => {
    expect(summary.hasDates).toBe(false);
    expect(summary.customers.total).toBe(440);
    expect(summary.categories).toHaveLength(6);
    expect(summary.counts.recoveryActions).toBe(0);
    expect(summary.counts.growthActions).toBeGreaterThan(0);
    expect(summary.notes.join(' ')).toMatch(/no dates.*only profiles and growth/);
    // Its categories are its amount columns, not "no category column".
    expect(summary.notes).toContain("The imported category level: the spend table's columns (6 values).");
    expect(summary.notes.join(' ')).not.toContain('No category or product column');
  });

  it('answers recovery re-evaluation and the backtest, at one date or several, with NO_DATES and what to do', async () => {
    for (const [name, args] of [['analysis-recovery-evaluate', {}], ['analysis-backtest', {}], ['analysis-backtest-dates', { dates: 4 }]] as const) {
      const outcome = await w.backend.invoke(name, args);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_DATES' } });
      expect(!outcome.ok && outcome.error.message).toMatch(/Import dated transactions/);
    }
  });

  it('still shows a customer with its mix, profile and growth actions but no cycles', async () => {
    const [top] = (await w.backend.call('analysis-actions', { kind: 'growth', limit: 1 })).rows;
    const detail = await w.backend.call('analysis-customer', { code: top.customerCode });
    expect(detail.cycles).toEqual([]);
    expect(detail.profile?.id).toBe(detail.customer.profile);
    expect(detail.customer.pAlive).toBeNull();
    expect(detail.actions.map((a) => a.id)).toContain(top.id);
  });

  it('reports its leakage as growth alone, not against the band of churn and cross-sell together, and says the data has no dates', async () => {
    const out = path.join(w.dir, 'report.html');
    await w.backend.call('report-build', { out });
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<dt>Data</dt><dd>a spend table, no dates</dd>');
    expect(html).toMatch(/of the table's revenue, from growth alone: recovery needs dated sales, so it is not set against the 7%-30% band/);
    expect(html).not.toContain('band that B2B vendors report.</p>');
    expect(html).toContain('Revenue in the table');
    expect(html).not.toContain('Revenue, last 12 months');
    expect(html).not.toContain('alt="Leakage share against the industry band"');
  });

  it('has no products to group: the product-groups view holds none, at the level of its imported columns', async () => {
    const view = await w.backend.call('products-groups-view', {});
    expect(view.products).toEqual([]);
    expect(view.groups).toEqual([]);
    expect(view.level).toMatchObject({ level: 'categories', source: 'imported', column: "the spend table's columns", rawValues: 6, values: 6, nonProductRows: 0, reason: "The imported category level: the spend table's columns (6 values)." });
  });
});
