import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../shared/model/results';
import { screenshot } from './support/browser';
import { root } from './support/serve';
import { analysedSession, type Session } from './support/session';

// CDNOW's 2,357-customer sample: one category, so there is no mix to find buying patterns in.
const CDNOW = path.join(root, '..', 'shared', 'data', 'cdnowElog.csv');

let session: Session;
let page: Page;
let summary: AnalysisSummary;

beforeAll(async () => {
  ({ session, summary } = await analysedSession('longtail-no-patterns-', 'cdnow.longtail', { clientName: 'CDNOW', currency: 'USD', file: CDNOW }));
  page = session.page;
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('profiles on data where no split was tried', () => {
  it('says why in the notice and in place of the error and silhouette curves, and draws no empty chart', async () => {
    expect(summary.quality).toEqual([]);
    expect(summary.structure?.state).toBe('none');
    await page.evaluate(() => (window.location.hash = '#/profiles'));
    await page.getByTestId('structure-notice').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('structure-notice').innerText()).toContain(summary.structure?.reason ?? '?');
    expect(await page.getByTestId('no-k-sweep').innerText()).toBe(
      'No split into profiles was tried on this data (the notice above says why), so there is no error or silhouette curve to draw.',
    );
    expect(await page.getByTestId('chart-elbow').count()).toBe(0);
    expect(await page.getByTestId('chart-silhouette').count()).toBe(0);
    // Every k gives one peer group here: the slider and its re-run are off, and the screen says why.
    expect(await page.locator('#k-slider').isDisabled()).toBe(true);
    expect(await page.getByTestId('apply-k').isDisabled()).toBe(true);
    expect(await page.getByTestId('k-one-category').innerText()).toContain('With one category there is no buying mix to split');
    await screenshot(page, 'no-patterns-profiles');
  });
});

describe('growth on data with one category', () => {
  it('says why there are no growth actions, and that the run has none rather than that the filters hide them', async () => {
    expect(summary.counts.growthActions).toBe(0);
    expect(summary.growthNone).toMatch(/^No growth actions: every sale is in one category/);
    // The run's notes already say there is one category: the reason is not repeated among them.
    expect(summary.notes).not.toContain(summary.growthNone);
    await page.evaluate(() => (window.location.hash = '#/growth'));
    await page.getByTestId('growth-none').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('growth-none').innerText()).toBe(summary.growthNone);
    await expect.poll(() => page.getByText('No growth actions in this run.').count()).toBe(1);
    expect(await page.getByText('No growth actions for these filters.').count()).toBe(0);
    await screenshot(page, 'no-patterns-growth');
  });
});

describe('Portfolio before any client workspace is known', () => {
  it('says how to get clients to compare, in place of the comparison, and shows no error', async () => {
    // As on a first start, where only the bundled sample (not a client) has been opened.
    fs.rmSync(path.join(session.dir, 'home', 'recent-workspaces.json'), { force: true });
    await page.evaluate(() => (window.location.hash = '#/portfolio'));
    await page.getByTestId('portfolio-empty').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('portfolio-empty').innerText()).toContain("Import each client's sales into its own workspace");
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('portfolio-stats').count()).toBe(0);
    await screenshot(page, 'portfolio-no-clients');
  });
});
