import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type Watched } from './support/browser';
import { chartsDrawn } from './support/charts';
import { root } from './support/serve';
import { servedSession, type Session } from './support/session';

const SAMPLE = path.join(root, 'resources', 'sample', 'distributor.csv');
// Each hostile name marks what it would inject, so the test can look for any trace of it.
const hostile = (tag: string, name: string): string => `<img src=x data-pwned=${tag} onerror=alert(1)>${name}`;
const CUSTOMERS = 500;

/** The sample's first customers with every category, customer, rep and territory named as markup. */
function hostileCsv(file: string): void {
  const [header, ...lines] = fs.readFileSync(SAMPLE, 'utf8').trim().split(/\r?\n/);
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    // The sample has no quoted commas in these columns; names with commas are quoted below.
    const cells = line.split(',');
    if (cells.length !== 12) continue;
    seen.add(cells[2]);
    if (seen.size > CUSTOMERS) break;
    cells[3] = quote(hostile('customer', cells[3]));
    cells[4] = quote(hostile('category', cells[4]));
    cells[9] = quote(`<svg data-pwned=rep onload=alert(1)>${cells[9]}`);
    cells[10] = quote(`<b data-pwned=territory>${cells[10]}</b>`);
    kept.push(cells.join(','));
  }
  fs.writeFileSync(file, [header, ...kept].join('\n'));
}

let session: Session;
let w: Watched;
let page: Page;

beforeAll(async () => {
  session = await servedSession('longtail-hostile-', 'hostile.longtail', async (backend, workspace, dir) => {
    const csv = path.join(dir, 'hostile.csv');
    hostileCsv(csv);
    await backend.call('workspace-create', { path: workspace, clientName: '<img src=x data-pwned=client>Client', currency: 'USD' });
    await backend.call('import-run', { path: csv });
    await backend.call('analysis-run', {});
  });
  ({ w, page } = session);
  await page.goto(session.served.url);
}, 300_000);

afterAll(async () => {
  await session?.close();
});

/** Sweeps the mouse over every chart so its tooltips render; returns the tooltip texts seen. */
async function hoverEveryChart(p: Page): Promise<string[]> {
  const texts = new Set<string>();
  const charts = await p.locator('.chart').all();
  for (const chart of charts) {
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) continue;
    for (let yi = 1; yi < 7; yi++) {
      for (let xi = 1; xi < 8; xi++) {
        await p.mouse.move(box.x + (box.width * xi) / 8, box.y + (box.height * yi) / 7, { steps: 2 });
        // ECharts shows a tooltip on the next frame.
        await p.waitForTimeout(40);
        const shown = await chart.evaluate((host) =>
          [...host.querySelectorAll('div')]
            .filter((d) => d.style.zIndex === '9999999' && d.style.display !== 'none')
            .map((d) => d.textContent ?? ''),
        );
        for (const t of shown) if (t) texts.add(t);
      }
    }
  }
  return [...texts];
}

const injected = (p: Page): Promise<number> => p.evaluate(() => document.querySelectorAll('[data-pwned], img[src="x"]').length);

describe('charts with hostile names in the data', () => {
  const screens: { screen: string; hash: string; showsNames: boolean }[] = [
    { screen: 'overview', hash: '#/overview', showsNames: false },
    { screen: 'profiles', hash: '#/profiles', showsNames: true },
    { screen: 'recovery', hash: '#/recovery', showsNames: false },
    { screen: 'growth', hash: '#/growth', showsNames: true },
    { screen: 'customer', hash: '#/customer?code=C00001', showsNames: true },
    { screen: 'assignment', hash: '#/assignment', showsNames: false },
  ];

  it.each(screens)('shows the names on $screen as text and injects no element', async ({ screen, hash, showsNames }) => {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await expect.poll(() => page.locator('h1').first().innerText()).not.toBe('');
    if ((await page.locator('.chart').count()) > 0) await chartsDrawn(page);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(1500);
    const tooltips = await hoverEveryChart(page);
    await screenshot(page, `hostile-${screen}`);
    if (showsNames) expect(tooltips.some((t) => t.includes('<img src=x data-pwned='))).toBe(true);
    expect(await injected(page)).toBe(0);
  });

  it('ran no injected script and raised no page error', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(w.problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
  });
});
