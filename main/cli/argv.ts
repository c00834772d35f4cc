import type { Command } from './command';

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * node:util's parseArgs reads the `-3` of `--top -3` as an option of its own and refuses the
 * pair as ambiguous, while `--top=-3` reaches the command and gets its range message. An option
 * that takes a value followed by a negative number is given that number, so both spellings get the
 * same answer. No option is named by digits, so nothing else can be meant.
 */
export function attachNegativeValues(args: string[], options: Command['options']): string[] {
  const takesValue = (token: string): string | undefined => {
    const long = /^--([^=]+)$/.exec(token)?.[1];
    if (long !== undefined) return options[long]?.type === 'string' ? long : undefined;
    const short = /^-([^-])$/.exec(token)?.[1];
    if (short === undefined) return undefined;
    return Object.entries(options).find(([, o]) => o.short === short && o.type === 'string')?.[0];
  };
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = takesValue(args[i]);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}
