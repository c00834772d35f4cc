import fs from 'node:fs';
import { AppError } from '../../../shared/contract/errors';
import { CUBE_PERIODS, CUBE_SOURCE_FIELDS, CubeQueryError, SQL_DIALECTS, cubeQuery, type CubeSourceField } from '../../../shared/cube/sql';
import type { Command } from '../command';
import { outputFile } from '../output-file';

function parseColumns(raw: unknown): Partial<Record<CubeSourceField, string>> {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const columns: Partial<Record<CubeSourceField, string>> = {};
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    const field = CUBE_SOURCE_FIELDS.find((f) => f.toLowerCase() === (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase());
    const column = eq < 0 ? '' : text.slice(eq + 1).trim();
    if (!field || column === '') throw new AppError('INVALID_INPUT', `--map ${text}: write field=column, with field one of ${CUBE_SOURCE_FIELDS.join(', ')}.`);
    columns[field] = column;
  }
  return columns;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[], flag: string, fallback?: T): T {
  if (raw === undefined && fallback !== undefined) return fallback;
  const found = allowed.find((a) => a === raw);
  if (!found) throw new AppError('INVALID_INPUT', `${flag} ${raw === undefined ? '(missing)' : String(raw)}: choose one of ${allowed.join(', ')}.`);
  return found;
}

export const sqlCommand: Command = {
  usage: 'longtail sql --dialect bigquery|snowflake|spark|postgres|duckdb --table T [--map field=column ...] [--currency CODE] [--period day|week] [--out FILE]',
  help: `
Options:
  --dialect D        bigquery, snowflake, spark (Databricks), postgres or duckdb
  --table T          The invoice-line table or view (dotted names allowed, e.g. sales.dw.invoice_lines),
                     or any FROM item as written for that warehouse (e.g. read_parquet('lines/*.parquet'))
  --map field=col    The table's column for a field; repeat for several. Fields: ${CUBE_SOURCE_FIELDS.join(', ')}.
                     Defaults: customer=customer_id, date=order_date, category=category, revenue=revenue;
                     without revenue, quantity x unitPrice. Unmapped optional fields come out empty.
  --currency CODE    Only with --map currency=<column>: sum only the lines in this currency (EUR); the query
                     says so, and is run once per currency for a workspace each. Refused without a
                     currency column: for a table in one currency, give it to the import instead
                     (longtail import cube.csv --currency EUR)
  --period P         day (default: every figure equals a line-level import) or week (ISO weeks from Monday).
                     A week cube is smaller only as far as customers buy a category on several days of
                     one week (99% of the day cube's rows on Online Retail). Totals over the whole data
                     are kept, but the as-of date and every 12-month window move to week starts, so
                     12-month revenue, tiers, recovery and leakage change (docs/big-data.md)
  --out, -o FILE     Write the query to FILE instead of printing it

The result has the columns customer, customer_name, category, period, revenue, quantity, orders,
rep, territory, segment. Export it as CSV or Parquet and import it: longtail import cube.parquet -w client.longtail
Lines with no customer or no category come out summed with that column empty, so the import rejects
and counts them; lines with no date are left out, and the query's header shows how to count them.
With --map invoice=<column>, an invoice number starting with C is a credit note where the import
would read it so (the others follow one numbering scheme).

Examples:
  longtail sql --dialect bigquery --table acme.sales.invoice_lines --map customer=sold_to --map date=invoice_date
  longtail sql --dialect snowflake --table SALES.PUBLIC.LINES --period week --out cube.sql
`,
  options: {
    dialect: { type: 'string' },
    table: { type: 'string' },
    map: { type: 'string', multiple: true },
    period: { type: 'string' },
    currency: { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(args, io) {
    const dialect = oneOf(args.values.dialect, SQL_DIALECTS, '--dialect');
    const table = args.values.table as string | undefined;
    if (!table || table.trim() === '') throw new AppError('INVALID_INPUT', '--table is required: the table or view holding one row per invoice line.');
    let query: string;
    try {
      const currency = args.values.currency as string | undefined;
      query = cubeQuery({ dialect, table: table.trim(), columns: parseColumns(args.values.map), period: oneOf(args.values.period, CUBE_PERIODS, '--period', 'day'), ...(currency !== undefined ? { currency } : {}) });
    } catch (e) {
      if (e instanceof CubeQueryError) throw new AppError('INVALID_INPUT', e.message);
      throw e;
    }
    const out = args.values.out as string | undefined;
    if (out) {
      const file = outputFile(io.cwd, 'out', out);
      try {
        fs.writeFileSync(file, query);
      } catch (e) {
        throw new AppError('FILE_UNREADABLE', `--out ${out}: could not write ${file} (${(e as Error).message}). Choose a file you can write.`, { flag: 'out', path: file });
      }
      io.err(`Wrote ${file}.`);
    } else io.out(query.trimEnd());
    return 0;
  },
};
