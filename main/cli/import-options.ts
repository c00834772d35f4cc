import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { DATE_FORMATS, IMPORT_FIELDS, IMPORT_SHAPES, type DateFormat, type ImportField, type ImportShape } from '../../shared/contract/import';

/**
 * How a file is read, as `import` and `run` both take it: which sheet, which shape, which column is
 * which, how its dates are written. One parser, so an import error's advice ("map one with --map
 * customer=<column>") works on either command.
 */

export const readingOptions = {
  sheet: { type: 'string' },
  map: { type: 'string', multiple: true },
  'date-format': { type: 'string' },
  'day-one': { type: 'string' },
  shape: { type: 'string' },
  'fill-down': { type: 'boolean' },
  'no-fill-down': { type: 'boolean' },
} as const;

export const readingHelp = `  --sheet NAME           Excel sheet to read (default: the first table of dated rows, else the first table)
  --map field=Column     Override the detected mapping; repeat for several. "--map category=" unmaps.
                         Fields: ${IMPORT_FIELDS.join(', ')}
  --date-format F        iso, mdy (MM/DD/YYYY), dmy (DD/MM/YYYY), excel-serial, unix (seconds since 1970), when dates are ambiguous;
                         yyyymm for months keyed as numbers (202301, or SAP's 2023001);
                         day-number for a panel's day counts (1, 2, ... 711), with --day-one
  --day-one YYYY-MM-DD   With --date-format day-number: the date of day 1
  --fill-down            Read a grouped report: a customer cell left blank below a customer is that
                         customer's line (found by the file's look unless told)
  --no-fill-down         Reject lines without a customer, even in a file that looks like a grouped report
  --shape S              transactions (default), cube (customer x category x day or week sums, from
                         longtail sql), spend-table (customer x category amounts) or
                         product-master (product -> category)`;

export function parseMaps(raw: unknown): Partial<Record<ImportField, string | null>> {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const mapping: Partial<Record<ImportField, string | null>> = {};
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    const field = (eq < 0 ? text : text.slice(0, eq)).trim();
    const match = IMPORT_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
    if (!match) throw new AppError('INVALID_INPUT', `--map ${text}: '${field}' is not a field. Fields: ${IMPORT_FIELDS.join(', ')}.`);
    const column = eq < 0 ? '' : text.slice(eq + 1).trim();
    // `--map category=` unmaps a field the guess got wrong.
    mapping[match] = column === '' ? null : column;
  }
  return mapping;
}

export function oneOf<T extends string>(raw: unknown, allowed: readonly T[], flag: string): T | undefined {
  if (raw === undefined) return undefined;
  const found = allowed.find((a) => a === raw);
  if (!found) throw new AppError('INVALID_INPUT', `${flag} ${String(raw)} is not one of: ${allowed.join(', ')}.`);
  return found;
}

function fillDownArg(values: Record<string, unknown>): { fillDown?: boolean } {
  if (values['fill-down'] && values['no-fill-down']) throw new AppError('INVALID_INPUT', '--fill-down and --no-fill-down contradict each other: give one.');
  return values['fill-down'] ? { fillDown: true } : values['no-fill-down'] ? { fillDown: false } : {};
}

/** The import request's reading fields from the parsed options (absent ones left to detection). */
export function readingArgs(values: Record<string, unknown>): {
  sheet?: string;
  shape?: ImportShape;
  mapping: Partial<Record<ImportField, string | null>>;
  dateFormat?: DateFormat;
  dayOne?: string;
  fillDown?: boolean;
} {
  return {
    sheet: values.sheet as string | undefined,
    shape: oneOf<ImportShape>(values.shape, IMPORT_SHAPES, '--shape'),
    mapping: parseMaps(values.map),
    dateFormat: oneOf<DateFormat>(values['date-format'], DATE_FORMATS, '--date-format'),
    ...(typeof values['day-one'] === 'string' ? { dayOne: values['day-one'] } : {}),
    ...fillDownArg(values),
  };
}

/**
 * A client name from a data file's name: every extension goes, so 'online_retail.csv.gz' is
 * 'online_retail', not 'online_retail.csv' (basename's one extension left the '.csv' in report
 * titles and workbooks). Only a compressed file's inner extension is taken too: 'sales.2024.csv'
 * stays 'sales.2024'.
 */
export function clientNameOf(file: string): string {
  const base = path.basename(file);
  const packed = /\.gz$/i.test(base) ? base.slice(0, -3) : base;
  const name = path.basename(packed, path.extname(packed));
  return name === '' ? base : name;
}
