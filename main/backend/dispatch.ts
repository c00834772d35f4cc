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
import { storageError } from './db/errors';

export type CallOptions = { onProgress?: (p: Progress) => void; signal?: AbortSignal };

/** Names the door can call, for the test that holds the table to the contract. */
export const implementedHandlers = (): Record<string, unknown> => ({ ...handlers });

const describeIssues = (issues: z.core.$ZodIssue[]): string =>
  issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');

/** The one door all transports go through: name check, schema parse, call, error to payload. */
export class Backend {
  readonly session: Session;
  private readonly now: () => Date;

  constructor(options: { appDataDir: string; now?: () => Date }) {
    this.session = new Session(options.appDataDir);
    this.now = options.now ?? (() => new Date());
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
    const ctx: HandlerContext = {
      session: this.session,
      progress: options.onProgress ?? (() => {}),
      signal: options.signal ?? new AbortController().signal,
      now: this.now,
    };
    try {
      return await (impl as (c: HandlerContext, a: unknown) => unknown)(ctx, parsed.data);
    } catch (e) {
      const where = (e as { path?: unknown }).path;
      throw storageError(e, typeof where === 'string' ? where : this.session.isOpen ? this.session.path : 'the workspace') ?? e;
    }
  }
}
