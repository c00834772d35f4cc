import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type Outcome } from '../../shared/contract/errors';
import type { Progress } from '../../shared/contract/progress';
import type { WorkspaceInfo } from '../../shared/contract/workspace';
import { appVersion } from './version';

/** Both Backend and WorkerBackend fit: the sample goes through the same door as every user action. */
export type InvokingBackend = {
  invoke: (name: string, input: unknown, options?: { onProgress?: (p: Progress) => void }) => Promise<Outcome<unknown>>;
};

export type SampleOptions = {
  /** Folder holding sample/distributor.csv: resources/ in a clone, process.resourcesPath when packaged. */
  resourcesDir?: string;
  /** Skip the analysis (faster start; the overview then asks for a run). */
  analyse?: boolean;
  onProgress?: (step: string, p?: Progress) => void;
};

/** `warning`: the sample was imported but its analysis failed; the workbench opens it unanalysed. */
export type SampleResult = { info: WorkspaceInfo; rebuilt: boolean; analysed: boolean; warning?: string };

export const SAMPLE_FILE = 'sample.longtail';
const STAMP_FILE = 'sample.longtail.json';
const defaultResources = fileURLToPath(new URL('../../resources/', import.meta.url));

type Stamp = { csvSha256: string; appVersion: string; analysed: boolean; rosterSha256?: string | null };

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

async function must<T>(name: string, outcome: Promise<Outcome<unknown>>): Promise<T> {
  const result = await outcome;
  if (!result.ok) {
    throw new AppError(result.error.code, `Preparing the sample workspace failed at ${name}: ${result.error.message}`, result.error.details);
  }
  return result.value as T;
}

/**
 * Opens <appData>/sample.longtail, first building it from the bundled distributor CSV through
 * the real handlers when it is missing, half-built, or made from another CSV or app version.
 * A stamp written last marks a complete build, so an interrupted one is redone, never trusted.
 */
export async function ensureSampleWorkspace(backend: InvokingBackend, appDataDir: string, options: SampleOptions = {}): Promise<SampleResult> {
  const csv = path.join(options.resourcesDir ?? defaultResources, 'sample', 'distributor.csv');
  if (!fs.existsSync(csv)) {
    throw new AppError('FILE_NOT_FOUND', `The bundled sample data ${csv} is missing. Reinstall Longtail, or open a workspace with --workspace.`);
  }
  const analyse = options.analyse ?? true;
  const target = path.join(appDataDir, SAMPLE_FILE);
  const stampFile = path.join(appDataDir, STAMP_FILE);
  // The sample's roster (kinds and capacities) makes the first assignment plan a sensible one.
  const roster = path.join(path.dirname(csv), 'roster.csv');
  const rosterSha256 = fs.existsSync(roster) ? sha256(roster) : null;
  const want: Stamp = { csvSha256: sha256(csv), appVersion, analysed: analyse, rosterSha256 };
  const have = readStamp(stampFile);
  const fresh =
    fs.existsSync(target) &&
    have?.csvSha256 === want.csvSha256 &&
    have.appVersion === want.appVersion &&
    (have.rosterSha256 ?? null) === rosterSha256 &&
    (have.analysed || !analyse);

  if (fresh) {
    const info = await must<WorkspaceInfo>('workspace-open', backend.invoke('workspace-open', { path: target }));
    return { info, rebuilt: false, analysed: info.lastAnalysis !== null };
  }

  fs.mkdirSync(appDataDir, { recursive: true });
  fs.rmSync(stampFile, { force: true });
  const progress = (step: string) => (p: Progress) => options.onProgress?.(step, p);
  options.onProgress?.('workspace-create');
  await must('workspace-create', backend.invoke('workspace-create', {
    path: target,
    clientName: 'Sample distributor',
    currency: 'USD',
    overwrite: true,
  }));
  options.onProgress?.('import-run');
  await must('import-run', backend.invoke('import-run', { path: csv }, { onProgress: progress('import-run') }));
  if (rosterSha256 !== null) {
    options.onProgress?.('roster-import');
    await must('roster-import', backend.invoke('roster-import', { path: roster }));
  }
  let warning: string | undefined;
  if (analyse) {
    options.onProgress?.('analysis-run');
    const run = await backend.invoke('analysis-run', {}, { onProgress: progress('analysis-run') });
    // The imported sample is still worth opening; the next start tries the analysis again.
    if (!run.ok) warning = `The sample was imported but not analysed: ${run.error.message}`;
  }
  const analysed = analyse && warning === undefined;
  fs.writeFileSync(stampFile, JSON.stringify({ ...want, analysed }));
  const info = await must<WorkspaceInfo>('workspace-info', backend.invoke('workspace-info', {}));
  return warning === undefined ? { info, rebuilt: true, analysed } : { info, rebuilt: true, analysed, warning };
}
