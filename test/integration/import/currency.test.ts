import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Backend } from '../../../main/backend/dispatch';
import { runCli } from '../../../main/cli/main';
import { freshWorkspaces, tempDir } from '../../helpers/workspace';
import { fixture, storeCounts } from './fixtures';

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

  it('refuses a file whose amounts say EUR into a workspace holding amounts in GBP read from its first file, and changes nothing', async () => {
    const w = await workspaceWithoutCurrency();
    try {
      const pounds = path.join(w.dir, 'pounds.csv');
      fs.writeFileSync(pounds, 'Customer,Date,Category,Revenue\nC1,2023-01-02,Paper,"£1,030.75"\nC2,2023-01-09,Ink,"£1,141.75"\n');
      const euros = path.join(w.dir, 'euros.csv');
      fs.writeFileSync(euros, 'Customer;Date;Category;Revenue\nZ1;2023-01-02;Paper;1.030,75 €\nZ2;2023-01-09;Ink;1.141,75 €\n');
      await w.backend.call('import-run', { path: pounds });
      const before = storeCounts(w.backend);
      const preview = await w.backend.call('import-preview', { path: euros });
      expect(preview.currency).toMatchObject({ code: 'GBP', source: 'workspace' });
      const outcome = await w.backend.invoke('import-run', { path: euros });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_OTHER_CURRENCY', details: { currency: 'EUR' } } });
      const message = outcome.ok ? '' : outcome.error.message;
      expect(message).toBe(
        "euros.csv is in EUR (amounts in 'Revenue' are written with €), but this workspace holds amounts in GBP, read from the files imported before: summed with them, or relabelling them as EUR, its amounts would be wrong. Nothing was imported. Import euros.csv into a workspace of its own, or, if its amounts are in GBP after all, import it with --currency GBP.",
      );
      expect(preview.warnings).toContain(message);
      expect(storeCounts(w.backend)).toEqual(before);
      expect(await w.backend.call('workspace-info', {})).toMatchObject({ currency: 'GBP', currencySource: 'data' });
      // Once nothing is stored the workspace takes the next file's currency, as an empty one does.
      w.backend.session.db.exec('DELETE FROM transactions');
      expect((await w.backend.call('import-run', { path: euros })).currency).toMatchObject({ code: 'EUR', source: 'data' });
    } finally {
      w.cleanup();
    }
  });

  it("takes the currency a file's amounts show over one guessed from this computer's region, saying the amounts stored before now read in it", async () => {
    const w = await workspaceWithoutCurrency();
    try {
      const plain = path.join(w.dir, 'plain.csv');
      fs.writeFileSync(plain, 'Customer,Date,Category,Revenue\nC1,2023-01-02,Paper,10.25\nC2,2023-01-09,Ink,47.25\n');
      const pounds = path.join(w.dir, 'pounds.csv');
      fs.writeFileSync(pounds, 'Customer,Date,Category,Revenue\nC3,2023-02-02,Paper,"£1,030.75"\nC4,2023-02-09,Ink,"£1,141.75"\n');
      const first = await w.backend.call('import-run', { path: plain });
      const guessed = first.currency?.code ?? '';
      expect(first.currency?.source).toMatch(/^(locale|default)$/);
      const s = await w.backend.call('import-run', { path: pounds });
      expect(s.currency).toMatchObject({ code: 'GBP', source: 'data' });
      expect(s.warnings.find((text) => text.startsWith('The workspace currency is now GBP'))).toMatch(new RegExp(`it was ${guessed}, only guessed .* whose amounts now read as GBP too`));
    } finally {
      w.cleanup();
    }
  });

  it('reads GBP and EUR from the number formats of a workbook\'s amounts, and a second sheet in the same pounds keeps the workspace GBP without a word', async () => {
    const w = await workspaceWithoutCurrency();
    try {
      const file = path.join(w.dir, 'formatted.xlsx');
      const sheet = (year: number, format: string): XLSX.WorkSheet => {
        const ws = XLSX.utils.aoa_to_sheet([['Customer', 'Date', 'Category', 'Revenue'], ...[1, 2, 3].map((m) => [`X${m}`, `${year}-0${m}-02`, 'Paper', 1000 + m])]);
        for (const r of [2, 3, 4]) (ws[`D${r}`] as XLSX.CellObject).z = format;
        return ws;
      };
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, sheet(2023, '"£"#,##0.00'), '2023');
      XLSX.utils.book_append_sheet(wb, sheet(2024, '"£"#,##0.00'), '2024');
      XLSX.utils.book_append_sheet(wb, sheet(2024, '#,##0.00 [$€-407]'), 'Euro');
      fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
      const first = await w.backend.call('import-run', { path: file, sheet: '2023' });
      expect(first.currency).toEqual({ code: 'GBP', source: 'data', reason: 'amounts in \'Revenue\' are shown with £ by their number format ("£"#,##0.00)' });
      const second = await w.backend.call('import-run', { path: file, sheet: '2024' });
      expect(second.currency).toMatchObject({ code: 'GBP' });
      expect(second.warnings.some((text) => /currency|GBP|USD/.test(text))).toBe(false);
      expect((await w.backend.call('import-preview', { path: file, sheet: 'Euro' })).warnings?.join(' ')).toContain("is in EUR (amounts in 'Revenue' are shown with € by their number format (#,##0.00 [$€-407]))");
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
