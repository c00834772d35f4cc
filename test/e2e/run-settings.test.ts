import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunListItem } from '../../shared/contract/analysis';
import type { AnalysisSummary } from '../../shared/model/results';
import { screenshot } from './support/browser';
import { root } from './support/serve';
import { analysedSession, type Session } from './support/session';

const SAMPLE = path.join(root, 'resources', 'sample', 'distributor.csv');

let session: Session;
let page: Page;
let first: AnalysisSummary;

const latest = () => session.served.rpc<AnalysisSummary>('analysis-summary');
const runCount = async () => (await session.served.rpc<RunListItem[]>('analysis-runs')).length;
const badge = () => page.locator('nav').getByTestId('settings-badge').innerText();

beforeAll(async () => {
  ({ session, summary: first } = await analysedSession('longtail-run-settings-', 'settings.longtail', { clientName: 'Settings Foods', currency: 'USD', file: SAMPLE }));
  page = session.page;
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('the Run settings screen', () => {
  it('changes the horizon and the smallest growth action, re-runs with them, and the badge counts both', async () => {
    await page.locator('nav [data-screen="settings"]').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Run settings');
    expect(await page.getByTestId('setting-horizon-run').innerText()).toBe(`Run ${first.runId}: 365 days`);
    // Out of range is refused on the screen, in the setting's words, and nothing is sent.
    await page.locator('#setting-horizon').fill('10');
    expect(await page.getByTestId('setting-horizon-problem').innerText()).toBe('Money at risk over must be a whole number from 30 to 730 days.');
    expect(await page.getByTestId('apply-settings').isDisabled()).toBe(true);
    await page.locator('#setting-horizon').fill('180');
    await page.locator('#setting-min-growth-value').fill('40');
    expect(await page.getByTestId('settings-pending').innerText()).toBe(`To apply: Money at risk over 180 days (run ${first.runId}: 365 days), Smallest growth action 40% (run ${first.runId}: 10%).`);
    await page.getByTestId('apply-settings').click();
    await expect.poll(runCount, { timeout: 120_000 }).toBe(2);
    const rerun = await latest();
    expect(rerun.settings.recovery.horizonDays).toBe(180);
    expect(rerun.settings.growth.minValueShare).toBe(0.4);
    // The re-run's figures are the new settings' own: a bigger bar for growth, money over half a year.
    expect(rerun.growthFloor).toBeGreaterThan(first.growthFloor ?? 0);
    expect(rerun.counts.growthActions).toBeLessThan(first.counts.growthActions);
    expect(rerun.recovery?.horizonDays).toBe(180);
    expect(rerun.recovery?.floor).toBeLessThan(first.recovery?.floor ?? 0);
    await expect.poll(badge, { timeout: 60_000 }).toBe('Custom settings: 2 changed');
    await expect.poll(() => page.getByTestId('setting-horizon-run').innerText()).toBe(`Run ${rerun.runId}: 180 days`);
    expect(await page.locator('#setting-horizon').inputValue()).toBe('180');
    await screenshot(page, 'run-settings');
    // The badge opens the screen from anywhere.
    await page.locator('nav [data-screen="overview"]').click();
    await page.getByTestId('settings-badge-link').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Run settings');
  });
});

describe('the suggested k on Profiles after another k was used', () => {
  it("re-runs with k = auto, so the badge no longer counts k, and no refusal reaches the screen", async () => {
    const before = await latest();
    await page.locator('nav [data-screen="profiles"]').click();
    await page.locator('#k-slider').waitFor();
    const other = before.k < before.settings.kMax ? before.k + 1 : before.k - 1;
    await page.locator('#k-slider').fill(String(other));
    await page.getByTestId('apply-k').click();
    await expect.poll(runCount, { timeout: 120_000 }).toBe(3);
    await expect.poll(badge, { timeout: 60_000 }).toBe('Custom settings: 3 changed');
    const pinned = await latest();
    expect(pinned.settings.k).toBe(other);
    // The slider still reaches the suggested k, whatever it is.
    expect(Number(await page.locator('#k-slider').getAttribute('min'))).toBeLessThanOrEqual(pinned.suggestedK);
    await page.getByRole('button', { name: /\(suggested\)|Use suggested k/ }).click();
    await expect.poll(runCount, { timeout: 120_000 }).toBe(4);
    const back = await latest();
    expect(back.settings.k).toBe('auto');
    expect(back.k).toBe(pinned.suggestedK);
    await expect.poll(badge, { timeout: 60_000 }).toBe('Custom settings: 2 changed');
    expect(await page.locator('.notice.error').count()).toBe(0);
  });
});

describe('the live recovery figures while new thresholds are evaluated', () => {
  it('fade and say they are the previous preview until the new answer arrives', async () => {
    // The evaluation is held back a moment, the way a large workspace takes its time.
    await page.route('**/rpc/analysis-recovery-evaluate', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.continue();
    });
    await page.locator('nav [data-screen="recovery"]').click();
    const count = page.getByTestId('live-count');
    await expect.poll(() => count.locator('.stat-value').innerText(), { timeout: 60_000 }).not.toBe('…');
    await expect.poll(() => page.getByTestId('recovery-live').getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
    await page.locator('#lateness').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => count.locator('.stat-detail').innerText()).toMatch(/^previous preview · /);
    expect(await page.getByTestId('live-at-risk').locator('.stat-detail').innerText()).toBe('previous preview');
    expect(Number(await count.locator('.stat-value').evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.5);
    await expect.poll(() => count.locator('.stat-detail').innerText(), { timeout: 60_000 }).toMatch(/^run has /);
    expect(Number(await count.locator('.stat-value').evaluate((el) => getComputedStyle(el).opacity))).toBe(1);
    await page.unroute('**/rpc/analysis-recovery-evaluate');
  });
});
