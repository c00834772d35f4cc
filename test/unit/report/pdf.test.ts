import { describe, expect, it } from 'vitest';
import { PRINT_WINDOW_OPTIONS, printReportToPdf, type PrintableWindow } from '../../../main/backend/report/pdf';

/** Our own stand-in for the slice of Electron's BrowserWindow that printing uses. */
function fakeWindow(fail: 'load' | 'print' | null = null) {
  const seen = { url: '', options: null as unknown, destroyed: false };
  const win: PrintableWindow = {
    loadURL: async (url) => {
      seen.url = url;
      if (fail === 'load') throw new Error('ERR_FILE_NOT_FOUND');
    },
    webContents: {
      printToPDF: async (options) => {
        seen.options = options;
        if (fail === 'print') throw new Error('printing failed');
        return new TextEncoder().encode('%PDF-1.7');
      },
    },
    destroy: () => {
      seen.destroyed = true;
    },
  };
  return { win, seen };
}

describe('printing the report to PDF', () => {
  it('loads the report file in a hidden script-less window and prints A4 with backgrounds', async () => {
    const { win, seen } = fakeWindow();
    const pdf = await printReportToPdf('/reports/acme report.html', () => win);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7');
    expect(seen.url).toBe('file:///reports/acme%20report.html');
    expect(seen.options).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(seen.destroyed).toBe(true);
    expect(PRINT_WINDOW_OPTIONS).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, nodeIntegration: false } });
  });

  it('closes the hidden window even when loading or printing fails', async () => {
    for (const fail of ['load', 'print'] as const) {
      const { win, seen } = fakeWindow(fail);
      await expect(printReportToPdf('/r.html', () => win)).rejects.toThrow();
      expect(seen.destroyed).toBe(true);
    }
  });
});
