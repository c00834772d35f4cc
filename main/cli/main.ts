import { parseArgs } from 'node:util';
import { isAppError, toErrorPayload } from '../../shared/contract/errors';
import { defaultAppDataDir } from '../backend/app-data';
import type { Backend } from '../backend/dispatch';
import { appVersion } from '../backend/version';
import { attachNegativeValues } from './argv';
import type { CliIO, Command } from './command';
import { commands, type CommandEntry } from './commands/index';

const EXIT_USAGE = 2;
/** 128 + SIGINT, as shells report a command Ctrl-C stopped. */
export const EXIT_INTERRUPTED = 130;
export const CANCELLED_MESSAGE = 'Cancelled (Ctrl-C); nothing was changed.';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `longtail ${appVersion}: finds the revenue lost in the long tail of a B2B customer base.`,
    '',
    'Usage: longtail <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `longtail <command> --help` for the options of one command.',
  ].join('\n');
}

const commandHelp = (entry: CommandEntry, c: Command): string => [`Usage: ${c.usage}`, '', entry.summary, '', c.help.trim()].join('\n');

/** Runs one CLI invocation; returns the exit code. Separate from process handling so tests can call it. */
export async function runCli(argv: string[], partialIo: Partial<CliIO> = {}): Promise<number> {
  const out = partialIo.out ?? ((t: string) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`));
  const err = partialIo.err ?? ((t: string) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`));
  const io = { out, err };
  // Opened only for a command that runs: --help and argument errors never load the database or the analytics.
  let backend: Backend | undefined = partialIo.backend;
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(overview());
      return name ? 0 : EXIT_USAGE;
    }
    if (name === '--version' || name === '-v') {
      io.out(appVersion);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      io.err(`longtail: unknown command "${name}".\n\n${overview()}`);
      return EXIT_USAGE;
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(entry, command));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: attachNegativeValues(rest, command.options),
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (e) {
      io.err(`longtail ${name}: ${(e as Error).message}\nUsage: ${command.usage}\nSee \`longtail ${name} --help\`.`);
      return EXIT_USAGE;
    }
    if (!backend) {
      const { Backend: LocalBackend } = await import('../backend/dispatch');
      backend = new LocalBackend({ appDataDir: defaultAppDataDir(), signal: partialIo.signal });
    }
    const full: CliIO = { interactive: Boolean(process.stderr.isTTY), cwd: process.cwd(), ...partialIo, out, err, backend };
    return await command.run(parsed, full);
  } catch (e) {
    const payload = toErrorPayload(e);
    const json = rest.includes('--json');
    // One answer to Ctrl-C, whenever it comes: every command undoes what it began before it gets here.
    if (payload.code === 'CANCELLED') {
      if (json) io.err(JSON.stringify({ ok: false, error: { code: 'CANCELLED', message: CANCELLED_MESSAGE } }));
      else io.err(`longtail ${name}: ${CANCELLED_MESSAGE}`);
      return EXIT_INTERRUPTED;
    }
    if (json) io.err(JSON.stringify({ ok: false, error: payload }));
    else io.err(`longtail ${name}: ${payload.message}${isAppError(e) ? ` [${payload.code}]` : ''}`);
    return isAppError(e) && payload.code !== 'INTERNAL' ? 1 : 3;
  } finally {
    if (backend && !partialIo.backend) backend.close();
  }
}
