import { pathToFileURL } from 'node:url';

/**
 * The slice of Electron's BrowserWindow that printing needs. The Electron shell passes a real one in;
 * the backend never imports 'electron' (it runs in a worker and in plain Node).
 */
export type PrintableWindow = {
  loadURL: (url: string) => Promise<void>;
  webContents: {
    printToPDF: (options: {
      printBackground?: boolean;
      pageSize?: 'A4' | 'Letter';
      /** Inches, as Electron's PrintToPDFMargins takes them. */
      margins?: { top?: number; bottom?: number; left?: number; right?: number };
      displayHeaderFooter?: boolean;
    }) => Promise<Uint8Array>;
  };
  destroy: () => void;
};

/** Options for the hidden window: the report has no script, so it runs with none. */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  width: 1024,
  height: 1400,
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
} as const;

/** Prints a report HTML file (from report-build) to PDF bytes in a hidden, script-less window. */
export async function printReportToPdf(htmlPath: string, createWindow: () => PrintableWindow): Promise<Uint8Array> {
  const win = createWindow();
  try {
    await win.loadURL(pathToFileURL(htmlPath).href);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
  } finally {
    win.destroy();
  }
}
