import type { Outcome } from './errors';
import type { Progress } from './progress';

/**
 * The two ways the renderer reaches the backend. Both carry the same Outcome envelopes from the
 * same handler table; only the wire differs.
 *
 * 1. Electron: the preload exposes `window.api` (below) over IPC.
 * 2. Browser (`longtail serve`): HTTP on 127.0.0.1 with a per-run random token:
 *    - POST {BRIDGE.rpc}<name>   body: JSON input; header x-longtail-job: <jobId> (optional) -> JSON Outcome
 *    - GET  {BRIDGE.events}      Server-Sent Events, each `data:` line a JSON ProgressEvent
 *    - POST {BRIDGE.cancel}<jobId>
 *    - POST {BRIDGE.upload}?name=<file name>  raw file body -> JSON Outcome<{ path: string }> (a file
 *      the backend can read, for import-preview / import-run, since a browser has no file paths)
 *    - POST {BRIDGE.exportTarget}?name=<file name>  -> JSON Outcome<{ path: string }>: a fresh path
 *      inside the run's exports folder, for an export or report handler's `out` (a browser has no
 *      save dialog); the page then downloads the written file from there
 *    - GET  {BRIDGE.download}?path=<path>   a file the backend wrote this session (exports, reports)
 *    Every request carries the token as header x-longtail-token (or ?token= for SSE and downloads);
 *    without it the answer is 401 before anything else happens.
 */
export const BRIDGE = {
  rpc: '/rpc/',
  events: '/events',
  cancel: '/cancel/',
  upload: '/upload',
  exportTarget: '/export-target',
  download: '/download',
  tokenHeader: 'x-longtail-token',
  jobHeader: 'x-longtail-job',
} as const;

export type ProgressEvent = { jobId: string; progress: Progress };

export type FileFilter = { name: string; extensions: string[] };

export type MenuCommand =
  | 'workspace-new'
  | 'workspace-open'
  | 'import-data'
  | 'export-plan'
  | 'export-reps'
  | 'report'
  | 'open-recent';

/** What the Electron preload exposes as window.api: nothing more. */
export type WindowApi = {
  invoke: (name: string, input: unknown, jobId?: string) => Promise<Outcome<unknown>>;
  cancel: (jobId: string) => Promise<void>;
  onProgress: (listener: (event: ProgressEvent) => void) => () => void;
  /** Native dialogs; resolve to null when the user cancels. */
  openFile: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  /**
   * The open workspace's client report as PDF at `out` (from the save dialog): the shell builds the
   * report with 'report-build' into a temp HTML file, prints it in a hidden script-less window and
   * writes only the PDF. Same sender check as every other channel; INVALID_INPUT unless `out` is an
   * absolute .pdf path.
   */
  printReportPdf: (options: { out: string; anonymise?: boolean }) => Promise<Outcome<{ path: string; bytes: number }>>;
  /** Path of a file dropped on the window (Electron's webUtils.getPathForFile). */
  /** Takes a DOM File; typed loosely because shared/ has no DOM types. */
  pathForFile: (file: unknown) => string;
  onMenu: (listener: (command: MenuCommand, arg?: string) => void) => () => void;
  platform: string;
};
