import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../shared/model/results';
import { formatMoney } from '../../shared/format/numbers';
import { NONE_KEY } from '../../shared/model/slice';
import { screenshot } from './support/browser';
import { chartsDrawn } from './support/charts';
import { root } from './support/serve';
import { analysedSession, type Session } from './support/session';

// UCI's Wholesale customers: one row per customer, six columns of annual spend, no dates, no products.
const WHOLESALE = path.join(root, '..', 'shared', 'data', 'wholesale_customers.csv');

let session: Session;
let page: Page;
let summary: AnalysisSummary;

beforeAll(async () => {
  ({ session, summary } = await analysedSession('longtail-spend-', 'wholesale.longtail', { clientName: 'Wholesale', currency: 'EUR', file: WHOLESALE }));
  page = session.page;
}, 300_000);

afterAll(async () => {
  await session?.close();
});

const open = async (hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect.poll(() => page.locator('h1').first().innerText()).not.toBe('');
};

describe('a workspace holding a spend table (no dates, no products)', () => {
  it('states its leakage on Overview as growth alone, with no industry band and no trailing 12 months', async () => {
    await open('#/overview');
    await page.getByTestId('overview-stats').waitFor({ timeout: 60_000 });
    expect(summary.hasDates).toBe(false);
    expect(await page.getByTestId('stat-revenue').innerText()).toContain('Revenue in the table');
    expect(await page.getByTestId('stat-revenue').innerText()).toContain(formatMoney(summary.revenue12m, 'EUR', 'en-US'));
    expect(await page.getByTestId('stat-leakage-share').innerText()).toContain('growth alone: recovery needs dated sales');
    expect(await page.locator('.screen-head .muted').first().innerText()).toContain('a spend table, no dates');
    expect(await page.getByTestId('chart-band').count()).toBe(0);
    await chartsDrawn(page);
    await screenshot(page, 'spend-table-overview');
  });

  it('gives a breakdown the data lacks one line under the charts instead of a half-empty panel', async () => {
    // The file has regions (territories) and no reps: three charts, the last across the whole row.
    expect(summary.leakage.by.rep.every((r) => r.key === NONE_KEY)).toBe(true);
    expect(summary.leakage.by.territory.some((r) => r.key !== NONE_KEY)).toBe(true);
    expect(await page.getByTestId('chart-rep').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Leakage by rep' }).count()).toBe(0);
    expect(await page.getByTestId('no-reps').innerText()).toContain('No customer has a rep in this data');
    expect(await page.getByTestId('chart-territory').count()).toBe(1);
    expect(await page.getByTestId('no-territories').count()).toBe(0);
    const wide = page.locator('.grid-2 > .panel.span-all');
    expect(await wide.count()).toBe(1);
    expect(await wide.getAttribute('aria-label')).toMatch(/^Leakage by /);
    const [row, last] = await Promise.all([page.locator('.grid-2').boundingBox(), wide.boundingBox()]);
    expect(last?.width).toBeCloseTo(row?.width ?? 0, 0);
  });

  it('says on Recovery what it needs, with no thresholds or figures waiting for an answer', async () => {
    await open('#/recovery');
    await page.getByTestId('recovery-no-dates').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recovery-live').count()).toBe(0);
    expect(await page.getByTestId('run-backtest').count()).toBe(0);
    await screenshot(page, 'spend-table-recovery');
    await page.getByRole('button', { name: 'Import dated transactions' }).click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Import data');
  });

  it('shows a customer its mix, profile and growth actions, without months, purchases or rhythm', async () => {
    await open('#/customer?code=334');
    await page.getByTestId('customer-undated').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('customer-revenue').innerText()).toContain('Spend in the table');
    expect(await page.getByTestId('chart-customer-mix').count()).toBe(1);
    for (const gone of ['chart-customer-monthly', 'chart-customer-timeline', 'customer-palive', 'customer-at-risk']) expect(await page.getByTestId(gone).count()).toBe(0);
    await chartsDrawn(page);
    await screenshot(page, 'spend-table-customer');
  });

  it('has no product groups to edit, and says what the analysis works on instead', async () => {
    await open('#/products');
    await page.getByTestId('no-products').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('no-products').innerText()).toContain('profiles and growth actions work on its imported categories');
    expect(await page.getByTestId('group-table').count()).toBe(0);
  });

  it('raised no page error', () => {
    expect(session.w.problems).toEqual([]);
  });
});
