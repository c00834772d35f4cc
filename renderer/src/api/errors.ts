import type { ErrorCode, ErrorPayload } from '../../../shared/contract';

/** A backend or transport failure the UI can show: `message` says what happened and what to do. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.details = payload.details;
  }
}

export const isCancelled = (e: unknown): boolean => e instanceof ApiError && e.code === 'CANCELLED';

/** Any thrown value as something to show: ApiErrors keep their message, the rest get a next step. */
export function describeError(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof ApiError) return { code: e.code, message: e.message };
  const text = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `${text}. Try again; if it keeps happening, restart Longtail and report it.` };
}
