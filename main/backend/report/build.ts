import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { appVersion } from '../version';
import { renderReport } from './document';
import { readReportSource, visitWorkspace } from './source';
import { buildView } from './view';

export type ReportOptions = {
  workspace: string;
  appDataDir: string;
  now: () => Date;
  runId?: number;
  anonymise: boolean;
  topActions: number;
};

/** The whole client report as one HTML string. The Electron shell prints this same HTML to PDF. */
export async function buildReportHtml(options: ReportOptions): Promise<{ html: string; runId: number; asOf: string; dataHash: string }> {
  const source = await visitWorkspace(options.workspace, options, (ctx) =>
    readReportSource(ctx, { runId: options.runId, topActions: options.topActions }),
  );
  const view = buildView(source, { anonymise: options.anonymise, generatedAt: options.now().toISOString(), version: appVersion });
  return { html: renderReport(view), runId: source.summary.runId, asOf: source.summary.asOf, dataHash: source.summary.dataHash };
}

export function writeOutputFile(out: string, content: string | Buffer, overwrite: boolean): { path: string; bytes: number } {
  const file = path.resolve(out);
  if (!overwrite && fs.existsSync(file)) {
    throw new AppError('FILE_EXISTS', `${file} already exists. Choose another name or allow overwriting.`, { path: file });
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', `Could not write ${file} (${(e as Error).message}). Choose a folder you can write to.`, {
      path: file,
    });
  }
  return { path: file, bytes: fs.statSync(file).size };
}
