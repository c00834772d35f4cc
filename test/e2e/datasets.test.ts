import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { servedSession, type Session } from './support/session';

const HEADER = 'Customer,Date,Category,Net Sales';
let session: Session;
let page: Page;

// A workspace of two imports: the right sales, then a file imported by mistake (two of its rows rejected).
beforeAll(async () => {
  session = await servedSession('longtail-datasets-', 'client.longtail', async (backend, workspace, dir) => {
    await backend.call('workspace-create', { path: workspace, clientName: 'Datasets Ltd', currency: 'EUR' });
    const right = path.join(dir, 'sales-2025.csv');
    const rows = Array.from({ length: 120 }, (_, i) => `C${i % 12},2025-${String(1 + (i % 12)).padStart(2, '0')}-10,${i % 3 ? 'Dairy' : 'Meat'},${50 + i}`);
    fs.writeFileSync(right, `${HEADER}\n${rows.join('\n')}\n`);
    await backend.call('import-run', { path: right });
    const wrong = path.join(dir, 'other-client.csv');
    fs.writeFileSync(wrong, `${HEADER}\nX1,2025-06-01,Toys,900\nX2,2025-06-02,Toys,800\nX3,someday,Toys,5\nX4,2025-06-03,Toys,lots\n`);
    await backend.call('import-run', { path: wrong });
    await backend.call('analysis-run', {});
  });
  page = session.page;
  await page.goto(`${session.served.url}#/workspaces`);
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('an import, chosen later on Workspaces', () => {
  it("shows what it read and its rejected rows with their reasons, long after the import's own screen", async () => {
    await page.getByTestId('dataset-choice').waitFor({ timeout: 60_000 });
    const choice = page.getByTestId('dataset-choice');
    await choice.selectOption({ label: '2. other-client.csv: 2 rows, 2 rejected' });
    expect(await page.getByTestId('dataset-detail').innerText()).toContain('4 rows read = 2 imported + 2 rejected + 0 skipped');
    const rejects = page.locator('[data-table="Rejected rows"]');
    await expect.poll(() => rejects.innerText()).toContain('someday');
    expect(await rejects.innerText()).toContain('lots');
    await screenshot(page, 'datasets-detail');
  });

  it('removes it after a confirmation, says what went, and leaves the other import as it was', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('remove-import').click();
    await expect.poll(() => page.getByTestId('import-removed').innerText().catch(() => '')).toContain('Removed other-client.csv: 2 rows, 2 customers and 1 category no other import held');
    const table = page.locator('[data-table="Imported datasets"]');
    await expect.poll(() => table.innerText()).not.toContain('other-client.csv');
    expect(await table.innerText()).toContain('sales-2025.csv');
  });

  it("says on the analysis screens that the run is of the data before the removal, until it is run again", async () => {
    await page.evaluate(() => (window.location.hash = '#/overview'));
    const stale = page.getByTestId('stale-run');
    await stale.waitFor({ timeout: 30_000 });
    expect(await stale.innerText()).toContain('The data changed since run 1 was made');
    await stale.getByRole('button', { name: 'Re-run analysis' }).click();
    await expect.poll(() => stale.count(), { timeout: 60_000 }).toBe(0);
    expect(session.w.problems).toEqual([]);
  });
});
