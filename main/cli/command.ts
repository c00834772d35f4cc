import type { ParseArgsConfig } from 'node:util';
import type { Backend } from '../backend/dispatch';

export type CliIO = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress bars only then. */
  interactive: boolean;
  backend: Backend;
  cwd: string;
  /** Aborted by Ctrl-C: the backend this CLI makes cancels every call under way and refuses new ones. */
  signal?: AbortSignal;
};

export type ParsedArgs = {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
};

/** One `longtail <name>` command. Commands are thin: parse arguments, call handlers, print. */
export type Command = {
  usage: string;
  /** Shown under --help: options and examples. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** Returns the process exit code. */
  run: (args: ParsedArgs, io: CliIO) => Promise<number>;
};
