import type { FileFilter, WindowApi } from '../../../../shared/contract';
import { call } from '../../api/client';
import { ApiError } from '../../api/errors';
import { saveExport } from '../../api/files';

export type ReportFormat = 'html' | 'pdf';

const FILTERS: Record<ReportFormat, FileFilter[]> = {
  html: [{ name: 'Web page (HTML)', extensions: ['html'] }],
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'client';

/** The suggested file name; an anonymised report never carries the client's name, not even there. */
export const reportFileName = (clientName: string, anonymise: boolean, format: ReportFormat): string =>
  `${anonymise ? 'client' : slug(clientName)}-report.${format}`;

/** PDF needs Electron's hidden print window; a browser prints the HTML report itself. */
export const canPrintPdf = (api: WindowApi | undefined = globalThis.api): boolean => typeof api?.printReportPdf === 'function';

/**
 * Writes the open workspace's client report and returns where, or null when the user cancelled
 * the save dialog. HTML: report-build through the native dialog or as a browser download.
 * PDF (Electron only): the shell builds the HTML, prints it and writes the PDF at the chosen path.
 */
export async function saveReport(format: ReportFormat, options: { clientName: string; anonymise: boolean }, api: WindowApi | undefined = globalThis.api): Promise<string | null> {
  const request = { defaultName: reportFileName(options.clientName, options.anonymise, format), filters: FILTERS[format] };
  if (format === 'html') {
    return saveExport({ title: 'Save the client report', ...request }, (out) => call('report-build', { out, anonymise: options.anonymise }));
  }
  if (!api || !canPrintPdf(api)) {
    throw new ApiError({ code: 'INVALID_INPUT', message: 'PDF reports are written by the desktop app. Save the HTML report and print it to PDF from the browser.' });
  }
  const out = await api.saveFile({ title: 'Save the client report as PDF', ...request });
  if (!out) return null;
  const written = await api.printReportPdf({ out, anonymise: options.anonymise });
  if (!written.ok) throw new ApiError(written.error);
  return written.value.path;
}
