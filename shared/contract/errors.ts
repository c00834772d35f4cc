// Stable error codes: the UI, the CLI and tests branch on these, so a code is never renamed or reused.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_HANDLER',
  'UNAUTHORIZED',
  'NO_WORKSPACE',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_BUSY',
  'WORKSPACE_READ_ONLY',
  'DISK_FULL',
  'PATH_NOT_ALLOWED',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EXISTS',
  'IMPORT_EMPTY',
  'IMPORT_NOT_A_TABLE',
  'IMPORT_MAPPING_INCOMPLETE',
  'IMPORT_DUPLICATE_FILE',
  'IMPORT_AMBIGUOUS_DATES',
  'IMPORT_PASSWORD_PROTECTED',
  'IMPORT_CORRUPT_WORKBOOK',
  'IMPORT_SHEET_NOT_FOUND',
  'IMPORT_BINARY_FILE',
  'IMPORT_UNCLOSED_QUOTE',
  'IMPORT_TOO_LARGE',
  'NO_DATA',
  'NO_DATES',
  'NO_ANALYSIS',
  'NOT_FOUND',
  'CANCELLED',
  'BUSY',
  'INTERNAL',
  'DUCKDB_UNAVAILABLE',
  'IMPORT_FILE_CHANGED',
  'IMPORT_PURCHASE_SUMMARY',
  'EXPORT_TOO_LARGE',
  'IMPORT_OTHER_CURRENCY',
  'IMPORT_ENGINE_OVERLAP',
  'NO_SALES',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorPayload = {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
};

/** An error a user can act on: `message` says what happened and what to do next. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** What crosses every door: IPC, the HTTP bridge, the CLI's --json and the worker channel. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export function toErrorPayload(e: unknown): ErrorPayload {
  if (isAppError(e)) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: `Something went wrong inside Longtail: ${message}. Please report this with the workspace file.`,
  };
}
