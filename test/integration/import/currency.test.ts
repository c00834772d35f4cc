import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import { freshWorkspaces, tempDir } from '../../helpers/workspace';
import { fixture } from './fixtures';

const workspace = freshWorkspaces();

async function workspaceWithoutCurrency(): Promise<{ backend: Backend; cleanup: () => void; dir: string }> {
  const t = tempDir();
  const backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => new Date('2026-01-15T09:00:00Z') });
  await backend.call('workspace-create', { path: path.join(t.dir, 'uk.longtail'), clientName: 'UK Client' });
  return { backend, dir: t.dir, cleanup: () => (backend.close(), t.cleanup()) };
}

describe('the currency of a workspace', () => {
  it('is read from the first file when nobody chose one: UK customers make it GBP, and the preview and summary say why', async () => {
    const w = await workspaceWithoutCurrency();
    try {
      expect((await w.backend.call('workspace-info', {})).currencySource).toMatch(/^(locale|default)$/);
      const preview = await w.backend.call('import-preview', { path: fixture('uk-country.csv') });
      expect(preview.currency).toEqual({ code: 'GBP', source: 'data', reason: "75% of the rows in 'Country' are in GBP countries" });
      const summary = await w.backend.call('import-run', { path: fixture('uk-country.csv') });
      expect(summary.currency).toMatchObject({ code: 'GBP', source: 'data' });
      expect(await w.backend.call('workspace-info', {})).toMatchObject({ currency: 'GBP', currencySource: 'data' });
    } finally {
      w.cleanup();
    }
  });

  it("is the customers' country's dollar when amounts say only '$', and every row is kept in it", async () => {
    const w = await workspaceWithoutCurrency();
    try {
      const file = path.join(w.dir, 'toronto.csv');
      const lines = ['Date,Customer,Country,Category,Amount,Currency'];
      for (let i = 0; i < 40; i++) lines.push(`2024-0${1 + (i % 9)}-1${i % 10},C${i % 12},Canada,${i % 2 ? 'Pumps' : 'Valves'},$${(100 + i).toFixed(2)},${i % 3 ? '$' : 'CAD'}`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const summary = await w.backend.call('import-run', { path: file });
      expect(summary.currency).toEqual({ code: 'CAD', source: 'data', reason: "the 'Currency' column says dollars, and 100% of the rows in 'Country' are in CAD countries" });
      expect(summary).toMatchObject({ rowsRead: 40, rowsImported: 40, rowsRejected: 0 });
      expect((await w.backend.call('workspace-info', {})).currency).toBe('CAD');
    } finally {
      w.cleanup();
    }
  });

  it("takes the amount converted into one currency over each row's own, and keeps every row", async () => {
    const w = await workspaceWithoutCurrency();
    try {
      const ledger = path.join(w.dir, 'ledger.csv');
      fs.writeFileSync(ledger, 'Customer ID,Invoice Date,Category,Currency,Amount,Amount (EUR)\nC1,2023-01-05,W,SEK,1000,100\nC2,2023-01-16,W,USD,2000,200\nC3,2023-01-17,G,EUR,300,300\n');
      const s = await w.backend.call('import-run', { path: ledger, dryRun: true });
      expect(s).toMatchObject({ rowsImported: 3, rowsRejected: 0, revenue: 600, currency: { code: 'EUR' } });
      expect(s.mapping.revenue).toBe('Amount (EUR)');
      const preview = await w.backend.call('import-preview', { path: ledger });
      expect(preview.mapping.find((g) => g.field === 'revenue')?.reason).toBe("'Amount (EUR)' holds every row in EUR; 'Amount' is in each row's own currency (SEK, USD, EUR), which cannot be summed");
      const local = path.join(w.dir, 'local.csv');
      fs.writeFileSync(local, 'Customer ID,Invoice Date,Category,Amount (local),Amount (EUR)\nC1,2023-01-05,W,1000,100\nC2,2023-01-16,W,2000,200\n');
      expect((await w.backend.call('import-run', { path: local, dryRun: true })).mapping.revenue).toBe('Amount (EUR)');
    } finally {
      w.cleanup();
    }
  });

  it('keeps a currency the user chose, and warns when the file looks like another one', async () => {
    const w = await workspace();
    const summary = await w.backend.call('import-run', { path: fixture('uk-country.csv') });
    expect(summary.currency).toEqual({ code: 'USD', source: 'workspace', reason: 'set for this workspace' });
    expect(summary.warnings.join(' ')).toMatch(/looks like GBP .* set to USD\. Change it on the Workspaces screen, or import with --currency GBP/);
    expect((await w.backend.call('workspace-info', {})).currency).toBe('USD');
  });

  it('takes a currency given with the import, and a dry run changes nothing', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('uk-country.csv'), currency: 'EUR', dryRun: true });
    expect((await w.backend.call('workspace-info', {})).currency).toBe('USD');
    const summary = await w.backend.call('import-run', { path: fixture('uk-country.csv'), currency: 'EUR' });
    expect(summary.currency).toEqual({ code: 'EUR', source: 'given', reason: 'given with the import' });
    expect(await w.backend.call('workspace-info', {})).toMatchObject({ currency: 'EUR', currencySource: 'user' });
  });

  it('is given on the command line with --currency, and `longtail import` prints the currency and its reason', async () => {
    const t = tempDir();
    const backend = new Backend({ appDataDir: path.join(t.dir, 'app-data') });
    const out: string[] = [];
    try {
      const io = { backend, out: (x: string) => out.push(x), err: (x: string) => out.push(x), interactive: false, cwd: t.dir };
      expect(await runCli(['import', fixture('uk-country.csv'), '-w', 'uk.longtail'], io)).toBe(0);
      expect(out.join('\n')).toContain("currency GBP: 75% of the rows in 'Country' are in GBP countries");
      expect(await runCli(['import', fixture('basic.csv'), '-w', 'other.longtail', '--currency', 'chf'], io)).toBe(0);
      expect(out.join('\n')).toContain('currency CHF: given with the import');
      expect((await backend.call('workspace-info', {})).currency).toBe('CHF');
    } finally {
      backend.close();
      t.cleanup();
    }
  });
});
