import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outcome } from '../../shared/contract';
import { printReportToPdf, type PrintableWindow } from '../backend/report/pdf';

export type ReportPdfRequest = { out: string; anonymise: boolean };
export type ReportPdfWritten = { path: string; bytes: number };

type Backend = { invoke: (name: string, input: unknown) => Promise<Outcome<unknown>> };

const refuse = (message: string): Outcome<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message } });

/** Checks what the page sent before anything runs: the renderer is not trusted with file paths it made up. */
export function reportPdfRequest(input: unknown): ReportPdfRequest | Outcome<never> {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof o.out !== 'string' || !o.out || o.out.length > 4096) return refuse('Choose where to save the PDF.');
  if (!path.isAbsolute(o.out)) return refuse(`${o.out} is not a full path. Choose where to save the PDF in the dialog.`);
  if (path.extname(o.out).toLowerCase() !== '.pdf') return refuse(`${path.basename(o.out)} does not end in .pdf. Save the report as a .pdf file.`);
  return { out: o.out, anonymise: o.anonymise === true };
}

/**
 * The report as PDF: report-build writes the self-contained HTML into a private temp folder, a
 * hidden script-less window prints it, and only the PDF lands where the user chose. The window
 * maker is a parameter so this runs (and is tested) without the Electron binary.
 */
export function reportPdfPrinter(backend: Backend, makeWindow: () => PrintableWindow, tempRoot = os.tmpdir()) {
  return async (input: unknown): Promise<Outcome<ReportPdfWritten>> => {
    const request = reportPdfRequest(input);
    if ('ok' in request) return request;
    const scratch = fs.mkdtempSync(path.join(tempRoot, 'longtail-report-'));
    try {
      const html = path.join(scratch, 'report.html');
      const built = await backend.invoke('report-build', { out: html, anonymise: request.anonymise });
      if (!built.ok) return built;
      const pdf = await printReportToPdf(html, makeWindow);
      try {
        fs.writeFileSync(request.out, pdf);
      } catch (e) {
        return {
          ok: false,
          error: { code: 'FILE_UNREADABLE', message: `Could not write ${request.out} (${(e as Error).message}). Choose another folder.`, details: { path: request.out } },
        };
      }
      return { ok: true, value: { path: request.out, bytes: pdf.byteLength } };
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `Printing the report to PDF failed: ${(e as Error).message}` } };
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  };
}
