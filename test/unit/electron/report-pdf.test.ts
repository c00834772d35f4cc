// The PDF route of the Electron shell, run without the Electron binary: a real backend builds the
// report, our stand-in window "prints" whatever HTML it was given. report-pdf.ts imports no
// 'electron' at all, so the rule against shell imports in tests does not apply to it.
/* eslint-disable no-restricted-imports */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import type { PrintableWindow } from '../../../main/backend/report/pdf';
import { reportPdfPrinter } from '../../../main/electron/report-pdf';
import { tempDir } from '../../helpers/workspace';
import { analysedClient, NOW } from '../../integration/report/clients';

const CLIENT = 'Harbor Provisions';

/** Records what it loaded; its "PDF" is a marker plus the HTML, so tests can see what was printed. */
function printingWindow() {
  const seen = { windows: 0, html: '', destroyed: 0 };
  const make = (): PrintableWindow => {
    seen.windows += 1;
    let loaded = '';
    return {
      loadURL: async (url) => {
        loaded = fs.readFileSync(new URL(url), 'utf8');
        seen.html = loaded;
      },
      webContents: { printToPDF: async () => new TextEncoder().encode(`%PDF-1.7\n${loaded.length}`) },
      destroy: () => {
        seen.destroyed += 1;
      },
    };
  };
  return { make, seen };
}

describe('the report as PDF in the Electron shell', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let scratchRoot: string;

  beforeAll(async () => {
    t = tempDir();
    const client = await analysedClient(t.dir, { clientName: CLIENT, seed: 5, customers: 60, churnShare: 0.2 });
    backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => NOW });
    await backend.call('workspace-open', { path: client.file });
    scratchRoot = path.join(t.dir, 'scratch');
    fs.mkdirSync(scratchRoot);
  }, 60_000);
  afterAll(() => {
    backend.close();
    t.cleanup();
  });

  it('builds the open workspace’s report, prints it in one hidden window and writes only the PDF where the user chose', async () => {
    const { make, seen } = printingWindow();
    const out = path.join(t.dir, 'harbor report.pdf');
    const written = await reportPdfPrinter(backend, make, scratchRoot)({ out });
    expect(written).toEqual({ ok: true, value: { path: out, bytes: fs.statSync(out).size } });
    expect(fs.readFileSync(out, 'utf8')).toBe(`%PDF-1.7\n${seen.html.length}`);
    expect(seen.html).toContain(CLIENT);
    expect(seen).toMatchObject({ windows: 1, destroyed: 1 });
    // The intermediate HTML does not outlive the call.
    expect(fs.readdirSync(scratchRoot)).toEqual([]);
  });

  it('prints the anonymised report without the client’s name when asked', async () => {
    const { make, seen } = printingWindow();
    const written = await reportPdfPrinter(backend, make, scratchRoot)({ out: path.join(t.dir, 'anonymous.pdf'), anonymise: true });
    expect(written.ok).toBe(true);
    expect(seen.html.length).toBeGreaterThan(1000);
    expect(seen.html).not.toContain(CLIENT);
  });

  it.each([
    [{ out: 'report.pdf' }, /not a full path/],
    [{ out: '/tmp/report.html' }, /does not end in \.pdf/],
    [{}, /Choose where to save the PDF/],
    [null, /Choose where to save the PDF/],
  ])('refuses %j with INVALID_INPUT before building or printing anything', async (input, message) => {
    const { make, seen } = printingWindow();
    const outcome = await reportPdfPrinter(backend, make, scratchRoot)(input);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect(seen.windows).toBe(0);
  });

  it('passes the backend’s refusal through and opens no window when no workspace is open', async () => {
    const empty = new Backend({ appDataDir: path.join(t.dir, 'other-app-data') });
    const { make, seen } = printingWindow();
    const out = path.join(t.dir, 'nothing.pdf');
    const outcome = await reportPdfPrinter(empty, make, scratchRoot)({ out });
    empty.close();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    expect(seen.windows).toBe(0);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(scratchRoot)).toEqual([]);
  });
});
