import { describe, expect, it } from 'vitest';
import type { FileFilter, Outcome, WindowApi } from '../../../shared/contract';
import { ApiError } from '../../../renderer/src/api/errors';
import { canPrintPdf, reportFileName, saveReport } from '../../../renderer/src/features/portfolio/report-action';

type SaveOptions = { title: string; defaultName: string; filters: FileFilter[] };

/** A stand-in for the preload's window.api: a save dialog answering `chosen`, a printer answering `printed`. */
function desktop(chosen: string | null, printed: Outcome<{ path: string; bytes: number }>) {
  const asked: SaveOptions[] = [];
  const printedWith: unknown[] = [];
  const api: WindowApi = {
    invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'not used here' } }),
    cancel: async () => undefined,
    onProgress: () => () => undefined,
    openFile: async () => null,
    saveFile: async (options) => {
      asked.push(options);
      return chosen;
    },
    printReportPdf: async (options) => {
      printedWith.push(options);
      return printed;
    },
    pathForFile: () => '',
    onMenu: () => () => undefined,
    platform: 'linux',
  };
  return { api, asked, printedWith };
}

describe('the report action', () => {
  it('suggests a file name from the client, and none at all when anonymised', () => {
    expect(reportFileName('Harbor & Sons Foods', false, 'pdf')).toBe('harbor-sons-foods-report.pdf');
    expect(reportFileName('Harbor & Sons Foods', true, 'html')).toBe('client-report.html');
  });

  it('asks where to save a PDF, then has the desktop shell print the report there', async () => {
    const d = desktop('/reports/harbor.pdf', { ok: true, value: { path: '/reports/harbor.pdf', bytes: 52_000 } });
    expect(canPrintPdf(d.api)).toBe(true);
    await expect(saveReport('pdf', { clientName: 'Harbor', anonymise: true }, d.api)).resolves.toBe('/reports/harbor.pdf');
    expect(d.asked).toEqual([{ title: 'Save the client report as PDF', defaultName: 'client-report.pdf', filters: [{ name: 'PDF document', extensions: ['pdf'] }] }]);
    expect(d.printedWith).toEqual([{ out: '/reports/harbor.pdf', anonymise: true }]);
  });

  it('prints nothing when the user cancels the save dialog', async () => {
    const d = desktop(null, { ok: true, value: { path: 'never', bytes: 0 } });
    await expect(saveReport('pdf', { clientName: 'Harbor', anonymise: false }, d.api)).resolves.toBeNull();
    expect(d.printedWith).toEqual([]);
  });

  it('shows the shell’s refusal with its code and message', async () => {
    const d = desktop('/reports/harbor.pdf', { ok: false, error: { code: 'NO_ANALYSIS', message: 'Run an analysis first.' } });
    const failure = saveReport('pdf', { clientName: 'Harbor', anonymise: false }, d.api);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'NO_ANALYSIS', message: 'Run an analysis first.' });
  });

  it('offers no PDF in a browser and says how to get one instead', async () => {
    expect(canPrintPdf(undefined)).toBe(false);
    await expect(saveReport('pdf', { clientName: 'Harbor', anonymise: false }, undefined)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('print it to PDF from the browser'),
    });
  });
});
