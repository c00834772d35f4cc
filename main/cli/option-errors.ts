import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';

/** The option a request field came from, and what the user typed for it. */
export type GivenOption = {
  /** Without the dashes, as in the command's options table. */
  flag: string;
  given: unknown;
  /** Said after a bound: "at least 30 days". */
  unit?: string;
  /** A fraction: a value above 1 was likely meant as a percentage. */
  share?: boolean;
};

/** Which option a request field (a dotted path) came from; undefined for one no option sets. */
export type OptionFor = (path: string) => GivenOption | undefined;

type Issue = z.core.$ZodIssue;

export const optionsByField =
  (table: Record<string, GivenOption>): OptionFor =>
  (field) =>
    table[field];

const shown = (given: unknown): string => (Array.isArray(given) ? given.join(' ') : String(given));

/** A number typed for an option, or a message naming the option when the text is none. */
export function numberOption(raw: unknown, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) {
    throw new AppError('INVALID_INPUT', `--${flag} ${shown(raw)} is not a number.`, { flag, value: raw });
  }
  return n;
}

function bound(issue: Issue & { code: 'too_small' | 'too_big' }, o: GivenOption): string {
  const low = issue.code === 'too_small';
  const word = issue.inclusive === false ? (low ? 'above' : 'below') : low ? 'at least' : 'at most';
  const limit = low ? issue.minimum : issue.maximum;
  const asShare = o.share && Number(o.given) > 1 ? `; it is a share, so ${shown(o.given)}% is ${Number(o.given) / 100}` : '';
  const unit = o.unit && Number(limit) === 1 ? o.unit.replace(/s$/, '') : o.unit;
  return `--${o.flag} must be ${word} ${String(limit)}${unit ? ` ${unit}` : ''} (got ${shown(o.given)}${asShare}).`;
}

/**
 * The schema's own words with the request's field names swapped for the options a user types
 * (kMin -> --k-min), so a cross-field rule reads as the command line it refuses.
 */
function inOptionWords(message: string, field: string, o: GivenOption, words: Record<string, string>): string {
  let text = Object.entries(words).reduce((t, [name, flag]) => t.replace(new RegExp(`\\b${name}\\b`, 'g'), flag), message);
  if (text.startsWith(`${field} `)) text = `--${o.flag}${text.slice(field.length)}`;
  if (text.startsWith(`--${o.flag} `)) return text.endsWith('.') ? text : `${text}.`;
  const lowered = /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  return `--${o.flag} ${shown(o.given)}: ${lowered}${lowered.endsWith('.') ? '' : '.'}`;
}

function describe(issue: Issue, o: GivenOption, words: Record<string, string>): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return bound(issue, o);
  if (issue.code === 'too_small' && issue.origin === 'string') return `--${o.flag} must not be empty.`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') {
    return `--${o.flag} must be a whole number${o.unit ? ` of ${o.unit}` : ''} (got ${shown(o.given)}).`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number') return `--${o.flag} ${shown(o.given)} is not a number.`;
  return inOptionWords(issue.message, field, o, words);
}

/**
 * Checks a request against the handler's schema before it is sent, so a value out of range is
 * refused in the words the user typed (`--horizon must be at least 30 days (got 5)`) rather than
 * the request's (`settings.recovery.horizonDays: Too small`), and before any file is touched.
 * The handler parses again: this is for the message, not instead of that check.
 */
export function checkOptions(schema: z.ZodType, request: unknown, optionFor: OptionFor, words: Record<string, string> = {}): void {
  const parsed = schema.safeParse(request);
  if (parsed.success) return;
  const named = parsed.error.issues.map((issue) => ({ issue, option: optionFor(issue.path.join('.')) }));
  // A cross-field rule may point at an option left at its default: the one the user typed is the one to name.
  const typed = named.filter((n) => n.option?.given !== undefined);
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const { issue, option } of typed.length > 0 ? typed : named) {
    if (!option) {
      messages.push(issue.message);
      continue;
    }
    if (seen.has(option.flag)) continue;
    seen.add(option.flag);
    messages.push(describe(issue, option, words));
  }
  const first = typed[0]?.option;
  throw new AppError('INVALID_INPUT', messages.join(' '), first ? { flag: first.flag, value: first.given } : undefined);
}
