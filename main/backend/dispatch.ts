import path from 'node:path';
import type { z } from 'zod';
import {
  AppError,
  contract,
  isHandlerName,
  toErrorPayload,
  type HandlerInput,
  type HandlerName,
  type HandlerResult,
  type Outcome,
  type Progress,
} from '../../shared/contract';
import type { HandlerContext } from './context';
import { handlers } from './handlers';
import { Session } from './session';
import { outputError, storageError } from './db/errors';

const WORKSPACE_SIDECARS = ['', '-wal', '-shm', '-journal'];
const isWorkspacePart = (file: string, workspace: string | null): boolean =>
  workspace !== null && WORKSPACE_SIDECARS.some((s) => path.resolve(file) === path.resolve(workspace + s));

const WRITING_CALLS = new Set(['mkdir', 'rename', 'write', 'unlink', 'rmdir', 'copyfile', 'ftruncate']);

/** Said about the file it happened to: a write failure as the report says one. */
function otherFileError(e: unknown, file: string): AppError {
  const syscall = (e as { syscall: string }).syscall;
  if (WRITING_CALLS.has(syscall)) return outputError(e, file);
  return new AppError('FILE_UNREADABLE', `Longtail could not open ${file} (${(e as Error).message}). Check the file and that you may use it.`, { path: file });
}

export type CallOptions = { onProgress?: (p: Progress) => void; signal?: AbortSignal };

/** Names the door can call, for the test that holds the table to the contract. */
export const implementedHandlers = (): Record<string, unknown> => ({ ...handlers });

const describeIssues = (issues: z.core.$ZodIssue[]): string =>
  issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');

/** The one door all transports go through: name check, schema parse, call, error to payload. */
export class Backend {
  readonly session: Session;
  private readonly now: () => Date;

  /** Aborted once for the whole process (the CLI's Ctrl-C): every call after it, and every call under way, is cancelled. */
  private readonly interrupt: AbortSignal | undefined;

  constructor(options: { appDataDir: string; now?: () => Date; signal?: AbortSignal }) {
    this.session = new Session(options.appDataDir);
    this.now = options.now ?? (() => new Date());
    this.interrupt = options.signal;
  }

  async invoke(name: string, raw: unknown, options: CallOptions = {}): Promise<Outcome<unknown>> {
    try {
      return { ok: true, value: await this.dispatch(name, raw, options) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  }

  /** Typed call for the CLI and tests: throws AppError instead of returning an outcome. */
  async call<N extends HandlerName>(name: N, input: HandlerInput<N>, options: CallOptions = {}): Promise<HandlerResult<N>> {
    return (await this.dispatch(name, input, options)) as HandlerResult<N>;
  }

  close(): void {
    this.session.close();
  }

  private async dispatch(name: string, raw: unknown, options: CallOptions): Promise<unknown> {
    if (!isHandlerName(name)) {
      throw new AppError('UNKNOWN_HANDLER', `There is no handler called "${name}".`, { name });
    }
    const impl = (handlers as Partial<Record<HandlerName, unknown>>)[name];
    if (typeof impl !== 'function') {
      throw new AppError('UNKNOWN_HANDLER', `The handler "${name}" is declared but not available in this build.`, { name });
    }
    const parsed = contract[name].input.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error.issues)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    // Closing is how a cancelled command leaves things as they were, so it runs after a Ctrl-C too.
    if (this.interrupt?.aborted && name !== 'workspace-close') {
      throw new AppError('CANCELLED', 'Cancelled before it started; nothing was changed.', { name });
    }
    const signals = [options.signal, name === 'workspace-close' ? undefined : this.interrupt].filter((x): x is AbortSignal => x !== undefined);
    const ctx: HandlerContext = {
      session: this.session,
      progress: options.onProgress ?? (() => {}),
      signal: signals.length === 0 ? new AbortController().signal : signals.length === 1 ? signals[0] : AbortSignal.any(signals),
      now: this.now,
    };
    try {
      return await (impl as (c: HandlerContext, a: unknown) => unknown)(ctx, parsed.data);
    } catch (e) {
      const where = (e as { path?: unknown }).path;
      const workspace = this.session.isOpen ? this.session.path : null;
      // A file-system error on some other file (an export, an input) is no fault of the workspace's.
      if (typeof where === 'string' && typeof (e as { syscall?: unknown }).syscall === 'string' && !isWorkspacePart(where, workspace)) {
        throw otherFileError(e, where);
      }
      throw storageError(e, typeof where === 'string' ? where : (workspace ?? 'the workspace')) ?? e;
    }
  }
}
