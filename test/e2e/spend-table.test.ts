import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../main/backend/dispatch';
import type { AnalysisSummary } from '../../shared/model/results';
import { formatMoney } from '../../shared/format/numbers';
import { launch, openPage, screenshot, type Watched } from './support/browser';
import { chartsDrawn } from './support/charts';
import { buildRenderer, root, startServe, type Served } from './support/serve';

// UCI's Wholesale customers: one row per customer, six columns of annual spend, no dates, no products.
const WHOLESALE = path.join(root, '..', 'shared', 'data', 'wholesale_customers.csv');

let dir: string;
let served: Served;
let browser: Browser;
let w: Watched;
let page: Page;
let summary: AnalysisSummary;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-spend-'));
  const home = path.join(dir, 'home');
  const workspace = path.join(dir, 'wholesale.longtail');
  const backend = new Backend({ appDataDir: home });
  await backend.call('workspace-create', { path: workspace, clientName: 'Wholesale', currency: 'EUR' });
  await backend.call('import-run', { path: WHOLESALE });
  summary = await backend.call('analysis-run', {});
  backend.close();
  const rendererDir = path.join(dir, 'renderer');
  buildRenderer(rendererDir);
  served = await startServe({ workspace, home, rendererDir });
  browser = await launch();
  w = await openPage(browser);
  page = w.page;
  await page.goto(served.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
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
    expect(w.problems).toEqual([]);
  });
});
