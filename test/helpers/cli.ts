import path from 'node:path';
import { Backend } from '../../main/backend/dispatch';
import { runCli } from '../../main/cli/main';

export type CliResult = { code: number; out: string; err: string };

/** One `longtail` command against `backend`, as the CLI's main runs it, with what it printed. */
export async function runCommand(args: string[], backend: Backend, cwd: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { backend, out: (x) => out.push(x), err: (x) => err.push(x), interactive: false, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * One command in a backend of its own over `dir` (its app data in dir/app-data), closed after: a
 * new process per command, as from a shell, with the clock at `now`.
 */
export async function runInNewBackend(args: string[], dir: string, now: Date): Promise<CliResult> {
  const backend = new Backend({ appDataDir: path.join(dir, 'app-data'), now: () => now });
  try {
    return await runCommand(args, backend, dir);
  } finally {
    backend.close();
  }
}
