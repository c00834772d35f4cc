import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentPlan } from '../../shared/contract/assignment';
import { screenshot } from './support/browser';
import { root } from './support/serve';
import { servedSession, type Session } from './support/session';

const SAMPLE = path.join(root, 'resources', 'sample', 'distributor.csv');
const ROSTER = path.join(root, 'test', 'fixtures', 'assignment', 'roster-with-email.csv');

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await servedSession('longtail-e2e-roster-', 'roster.longtail', async (backend, workspace) => {
    await backend.call('workspace-create', { path: workspace, clientName: 'Roster Foods', currency: 'USD' });
    await backend.call('import-run', { path: SAMPLE });
    await backend.call('analysis-run', {});
    await backend.call('assignment-plan', { limit: 1 });
  });
  page = session.page;
  // A laptop's width, where the territory table had cut names to "High …".
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${session.served.url}#/assignment`);
  await page.getByTestId('plan-meta').waitFor({ timeout: 60_000 });
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('the roster on the Assignment screen', () => {
  it('shows territory names whole at 1280 pixels', async () => {
    const cells = page.getByRole('grid', { name: 'Territory plan' }).locator('.table-row:not(.table-head) > div:first-child');
    await expect.poll(() => cells.count()).toBeGreaterThan(3);
    const cut = await cells.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(cut).toEqual([]);
    // Nor does the table scroll sideways to give them room.
    expect(await page.getByRole('grid', { name: 'Territory plan' }).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  it('keeps what an import read and its warnings in view, marks the plan as made with an earlier roster, and plans again before an export', async () => {
    const before = await session.served.rpc<AssignmentPlan>('assignment-get', { limit: 1 });
    expect(before.reps.map((r) => r.rep)).not.toContain('Nia New');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('roster-import').click()]);
    await chooser.setFiles(ROSTER);
    await page.getByTestId('roster-note').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('roster-note').innerText()).toContain('roster-with-email.csv: 2 reps read, 1 new, 1 updated.');
    expect(await page.getByTestId('roster-warnings').innerText()).toContain('Column "Email" was not read');
    expect(await page.getByTestId('plan-roster-stale').innerText()).toContain('This plan was planned with an earlier roster: Plan again');
    await screenshot(page, 'assignment-roster-imported');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-reps-xlsx').click()]);
    const file = path.join(session.dir, 'lists.xlsx');
    await download.saveAs(file);
    const summary = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(fs.readFileSync(file)).Sheets.Summary);
    // The new rep is in the lists: the export planned again with the roster as it is now.
    expect(summary.find((r) => r.Rep === 'Nia New')).toMatchObject({ Capacity: 25 });
    const after = await session.served.rpc<AssignmentPlan>('assignment-get', { limit: 1 });
    expect(after.planId).toBeGreaterThan(before.planId);
    expect(await page.getByTestId('export-replanned').innerText()).toBe(`Planned again with the current roster (plan ${after.planId}) before writing.`);
    await expect.poll(() => page.getByTestId('plan-roster-stale').count()).toBe(0);
    // The note on what the import did stays until the page is left.
    expect(await page.getByTestId('roster-note').innerText()).toContain('2 reps read');
  });

  it('holds back a capacity above 100,000 in the roster and in the plan settings, naming the rep and marking the field', async () => {
    const field = page.getByLabel('Capacity of Nia New');
    await field.fill('1000000');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('roster-problems').innerText()).toContain('Capacity of Nia New: 1,000,000 is more than 100,000 accounts, the most a rep can be given');
    expect(await page.getByTestId('roster-save').isDisabled()).toBe(true);
    await field.fill('25');
    const outside = page.locator('#as-outside');
    await outside.fill('1000000');
    expect(await outside.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('plan-settings-problems').innerText()).toContain('Default outside capacity: 1,000,000 is more than 100,000 accounts');
    expect(await page.getByTestId('assignment-plan').isDisabled()).toBe(true);
    await outside.fill('40');
  });
});
