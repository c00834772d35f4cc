import { handlerNames, isAppError, toErrorPayload, type FileFilter, type Outcome } from '../../shared/contract';
import { writtenFiles } from '../backend/bridge/files';
import type { PathPolicy } from '../backend/access/path-policy';
import { CHANNELS, RPC_PREFIX } from './channels';
import { isTrustedSender } from './security';

type IpcEvent = { senderFrame?: { url: string; parent: unknown } | null };
/** The part of Electron's ipcMain we use; passed in so registration is testable without Electron. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void;
};

export type IpcBackend = {
  invoke: (name: string, input: unknown, options: { jobId?: string }) => Promise<Outcome<unknown>>;
  cancel: (jobId: string) => void;
};

/** What the shell does itself, beside forwarding calls: native dialogs and printing the report. */
export type Dialogs = {
  openFile: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  /** Checks its own input (see report-pdf.ts): it writes where the page says. */
  printReportPdf: (input: unknown) => Promise<Outcome<unknown>>;
};

const JOB_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const refused: Outcome<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'This call did not come from the Longtail window and was refused.' },
};

function refusal(check: () => void): Outcome<never> | null {
  try {
    check();
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { ok: false, error: toErrorPayload(e) };
  }
}

const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length <= 500 ? v : fallback);

function filters(v: unknown): FileFilter[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((f): f is { name: unknown; extensions: unknown } => typeof f === 'object' && f !== null)
    .map((f) => ({
      name: text(f.name, 'Files'),
      extensions: Array.isArray(f.extensions) ? f.extensions.filter((e): e is string => typeof e === 'string' && /^[\w*]{1,10}$/.test(e)) : [],
    }));
}

/**
 * One ipcMain.handle per contract entry, each checking that the sender is the top frame of our
 * own page before anything else; the worker backend then parses the input with the entry's schema.
 * Returns the channels it registered (a test checks them against the contract).
 */
export function registerIpc(ipcMain: IpcMainLike, backend: IpcBackend, dialogs: Dialogs, access: PathPolicy, devServerUrl?: string): string[] {
  const channels: string[] = [];
  const handle = (channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown, whenRefused: unknown): void => {
    ipcMain.handle(channel, (event, ...args) => (isTrustedSender(event, devServerUrl) ? listener(event, ...args) : whenRefused));
    channels.push(channel);
  };

  for (const name of handlerNames) {
    handle(
      `${RPC_PREFIX}${name}`,
      async (_event, input, jobId) => {
        const denied = refusal(() => access.check(name, input));
        if (denied) return denied;
        const outcome = await backend.invoke(name, input, { jobId: typeof jobId === 'string' && JOB_ID.test(jobId) ? jobId : undefined });
        if (outcome.ok) for (const file of writtenFiles(name, outcome.value)) access.recordWritten(file);
        return outcome;
      },
      refused,
    );
  }
  handle(
    CHANNELS.cancel,
    (_event, jobId) => {
      if (typeof jobId === 'string' && JOB_ID.test(jobId)) backend.cancel(jobId);
    },
    undefined,
  );
  handle(
    CHANNELS.openFile,
    async (_event, options) => {
      const o = (options ?? {}) as Record<string, unknown>;
      const chosen = await dialogs.openFile({ title: text(o.title, 'Open'), filters: filters(o.filters) });
      if (chosen) access.grant(chosen, 'read');
      return chosen;
    },
    null,
  );
  handle(
    CHANNELS.saveFile,
    async (_event, options) => {
      const o = (options ?? {}) as Record<string, unknown>;
      // The save dialog asked the user before replacing an existing file: the path is theirs to write.
      const chosen = await dialogs.saveFile({ title: text(o.title, 'Save'), defaultName: text(o.defaultName, 'export'), filters: filters(o.filters) });
      if (chosen) access.grant(chosen, 'write');
      return chosen;
    },
    null,
  );
  handle(
    CHANNELS.printReportPdf,
    (_event, input) => {
      const out = typeof input === 'object' && input !== null ? (input as { out?: unknown }).out : undefined;
      const denied = typeof out === 'string' && out ? refusal(() => access.checkPath(out, 'write')) : null;
      return denied ?? dialogs.printReportPdf(input);
    },
    refused,
  );
  // Only the preload calls this, with the path Electron itself read off a dropped File object.
  handle(
    CHANNELS.fileDropped,
    (_event, file) => {
      if (typeof file === 'string' && file.length > 0 && file.length <= 4096) access.grant(file, 'read');
    },
    undefined,
  );
  return channels;
}
