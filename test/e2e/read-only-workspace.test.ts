import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedSession, type Session } from './support/session';
import { makeReadOnly } from '../helpers/read-only';

const HEADER = 'Customer,Date,Category,Net Sales';
let session: Session;
let page: Page;
let undo: (() => void) | null = null;


beforeAll(async () => {
  session = await servedSession('longtail-read-only-', 'client.longtail', async (backend, workspace, dir) => {
    await backend.call('workspace-create', { path: workspace, clientName: 'Archive Ltd', currency: 'EUR' });
    const sales = path.join(dir, 'sales.csv');
    const rows = Array.from({ length: 120 }, (_, i) => `C${i % 12},2025-${String(1 + (i % 12)).padStart(2, '0')}-10,${i % 3 ? 'Dairy' : 'Meat'},${50 + i}`);
    fs.writeFileSync(sales, `${HEADER}\n${rows.join('\n')}\n`);
    await backend.call('import-run', { path: sales });
    await backend.call('analysis-run', {});
    // Closed first, so the file is whole (no write-ahead log beside it) before it is locked.
    backend.close();
    undo = makeReadOnly(workspace);
  });
  page = session.page;
  await page.goto(`${session.served.url}#/workspaces`);
}, 300_000);

afterAll(async () => {
  undo?.();
  await session?.close();
});

describe('a workspace Longtail may only read', () => {
  it('is marked read-only where it is named, before anything is clicked', async (ctx) => {
    if (!undo) return ctx.skip();
    const rail = page.locator('.rail-foot');
    await rail.getByTestId('read-only-mark').waitFor({ timeout: 60_000 });
    expect(await rail.getByTestId('read-only-mark').innerText()).toBe('Read-only');
    expect(await page.locator('.main').getByTestId('read-only-mark').count()).toBeGreaterThan(0);
  });

  it('offers no action that would change it, each saying why and what to do instead', async (ctx) => {
    if (!undo) return ctx.skip();
    for (const name of ['Import data…', 'Re-run analysis', 'Save']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toContain('copy it to a folder you can write to');
    }
  });
});
