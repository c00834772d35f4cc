import fs from 'node:fs';
import path from 'node:path';
import { contract } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { DEFAULT_AGGREGATE_ABOVE_MB, DEFAULT_MAX_UNPACKED_MB, DEFAULT_PARSE_IN_WORKER_ABOVE_MB, IMPORT_ENGINES, type ImportEngine, type ImportSummary } from '../../../shared/contract/import';
import type { Progress } from '../../../shared/contract/progress';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { formatCount } from '../../../shared/format/numbers';
import { removeWorkspaceFiles } from '../../backend/workspace/files';
import { forgetRecent } from '../../backend/workspace/recent';
import type { Command } from '../command';
import { oneOf, readingArgs, readingHelp, readingOptions } from '../import-options';
import { checkOptions, numberOption, optionsByField, type OptionFor } from '../option-errors';
import { outputFile } from '../output-file';

function megabytes(raw: unknown, flag = '--aggregate-above'): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new AppError('INVALID_INPUT', `${flag} ${String(raw)} is not a size in MB (a number, 0 or more).`);
  return n;
}

function progressBar(): (p: Progress) => void {
  return (p) => {
    const share = p.total ? Math.min(1, p.done / p.total) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const eta = p.etaMs === null || p.etaMs === undefined ? '' : ` ETA ${Math.ceil(p.etaMs / 1000)}s`;
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${p.message ?? ''}${eta}   `);
  };
}

/** The day/month order read, said beside the date column: a wrong guess shows at a glance. */
const DATE_ORDER: Record<string, string> = { dmy: 'read day first, DD/MM/YYYY', mdy: 'read month first, MM/DD/YYYY' };

function readable(s: ImportSummary): string {
  const lines = [
    `${s.dryRun ? 'Dry run (nothing saved): ' : ''}${s.file}${s.sheet ? ` [${s.sheet}]` : ''} as ${s.shape}`,
    `  rows read ${formatCount(s.rowsRead)} = imported ${formatCount(s.rowsImported)} + rejected ${formatCount(s.rowsRejected)} + skipped ${formatCount(s.rowsSkipped)} (blank, or no sale by their status)`,
    `  customers ${formatCount(s.customers)}, categories ${formatCount(s.categories)}, products ${formatCount(s.products)}, returns ${formatCount(s.returns)}`,
    `  ${s.currency?.code === PURCHASE_UNITS ? `purchases ${formatCount(s.revenue)}` : `revenue ${s.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`}${s.dateFrom ? `, dates ${s.dateFrom}..${s.dateTo}` : ''}`,
    ...(s.currency ? [s.currency.code === PURCHASE_UNITS ? `  units: ${s.currency.reason}` : `  currency ${s.currency.code}: ${s.currency.reason}`] : []),
    `  mapping ${Object.entries(s.mapping).map(([f, c]) => `${f}=${c}${f === 'date' && DATE_ORDER[s.dateFormat ?? ''] ? ` (${DATE_ORDER[s.dateFormat ?? '']})` : ''}`).join(', ')}`,
  ];
  for (const w of s.warnings) lines.push(`  note: ${w}`);
  if (s.rowsRejected > 0) {
    lines.push('  first rejected rows:');
    for (const r of s.rejectsSample.slice(0, 5)) lines.push(`    row ${r.row}${r.column ? `, ${r.column}` : ''}: ${r.reason}`);
    if (s.rowsRejected > 5) lines.push('  write them all with --rejects-out rejects.csv');
  }
  return lines.join('\n');
}

/** The import request's fields by the option each comes from, for messages in the words typed. */
const importOption = (values: Record<string, unknown>): OptionFor =>
  optionsByField(
    Object.fromEntries(
      (
        [
          ['sheet', 'sheet'],
          ['dayOne', 'day-one'],
          ['currency', 'currency'],
          ['asOf', 'as-of'],
          ['maxAmount', 'max-amount'],
          ['maxUnpackedMb', 'max-unpacked-mb', 'MB'],
          ['aggregateAboveMb', 'aggregate-above', 'MB'],
          ['parseInWorkerAboveMb', 'parse-in-worker-above', 'MB'],
          ['clientName', 'client'],
        ] as const
      ).map(([field, flag, unit]) => [field, { flag, given: values[flag], ...(unit ? { unit } : {}) }]),
    ),
  );

export const importCommand: Command = {
  usage: 'longtail import <file> --workspace FILE [--client NAME] [--currency CODE] [--sheet NAME] [--map field=Column ...] [--date-format iso|mdy|dmy|excel-serial|unix|yyyymm|day-number [--day-one YYYY-MM-DD]] [--fill-down | --no-fill-down] [--shape transactions|cube|spend-table|product-master] [--as-of YYYY-MM-DD] [--engine auto|lines|duckdb] [--aggregate-above MB] [--parse-in-worker-above MB] [--product-master FILE] [--max-amount N] [--max-unpacked-mb MB] [--rejects-out FILE] [--force] [--dry-run] [--json]',
  help: `
Options:
  --workspace, -w FILE   The workspace to import into; created if it does not exist
  --client NAME          Client name for a new workspace (default: the workspace file name)
${readingHelp}
  --engine E             auto (default): CSV and Parquet files above --aggregate-above go through DuckDB,
                         which reads them and sums them per customer x category x day first,
                         when the first lines show that summing shrinks them (else row by row);
                         lines: always row by row; duckdb: always DuckDB when the file allows it
  --aggregate-above MB   The size above which auto uses DuckDB (default ${DEFAULT_AGGREGATE_ABOVE_MB})
  --parse-in-worker-above MB
                         Row by row, CSV files this large or larger are read and checked in a second
                         thread while the rows are stored (default ${DEFAULT_PARSE_IN_WORKER_ABOVE_MB})
  --product-master FILE  Also import a product -> category file after the main file
  --currency CODE        Currency of the amounts, e.g. GBP. Without it the file decides (a currency
                         column, symbols or codes in the amounts, the customers' country), unless
                         the workspace currency was set by hand; the import says which and why
  --as-of YYYY-MM-DD     Spend tables only: the date the spend refers to (default: today)
  --max-amount N         Reject rows whose amount is larger than N either way (default 100,000,000,000)
  --max-unpacked-mb MB   Refuse an xlsx/xlsb/ods that unpacks to more than MB (default ${DEFAULT_MAX_UNPACKED_MB}); reading
                         a workbook takes about six times its unpacked size in memory, a CSV almost none
  --force                Import a file even if the same file was imported before, and store lines an
                         earlier import already holds (same customer, day, product, quantity, amount
                         and invoice) again instead of rejecting them as already imported
  --dry-run              Read and check everything, report, and save nothing
  --rejects-out FILE     Write every rejected row (row, column, value, reason) to a CSV file
  --json                 Print one JSON object (rowsRead, rowsImported, rowsRejected, ...)

CSV (any of , ; tab |, or columns aligned with spaces; UTF-8, UTF-16 or Windows-1252; also .csv.gz), Parquet and Excel (.xlsx .xls
.xlsb .ods) are read. Bad rows are rejected with their row, column and reason, and the rest imported.
A file without a header row but with a column of dates has its columns named Column 1, Column 2, ...
One import is one transaction: on any error or Ctrl-C the workspace is left as it was.

Examples:
  longtail import sales-2024.csv --workspace acme.longtail --client "Acme Foods"
  longtail import orders.xlsx -w acme.longtail --sheet Orders --map revenue="Net Sales"
  longtail import export.csv -w acme.longtail --date-format dmy --dry-run --json
  longtail import wholesale.csv -w profile.longtail --shape spend-table
`,
  options: {
    workspace: { type: 'string', short: 'w' },
    client: { type: 'string' },
    ...readingOptions,
    engine: { type: 'string' },
    'aggregate-above': { type: 'string' },
    'parse-in-worker-above': { type: 'string' },
    'product-master': { type: 'string' },
    'as-of': { type: 'string' },
    currency: { type: 'string' },
    force: { type: 'boolean' },
    'max-amount': { type: 'string' },
    'max-unpacked-mb': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'rejects-out': { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    const workspace = args.values.workspace as string | undefined;
    if (!file || extra.length > 0) throw new AppError('INVALID_INPUT', 'Give exactly one file to import, e.g. longtail import sales.csv --workspace acme.longtail.');
    if (!workspace) throw new AppError('INVALID_INPUT', 'Give the workspace with --workspace FILE (it is created if missing).');
    const wsPath = path.resolve(io.cwd, workspace);
    const created = !fs.existsSync(wsPath);
    const currency = typeof args.values.currency === 'string' ? { currency: args.values.currency.toUpperCase() } : {};
    const common = {
      force: Boolean(args.values.force),
      dryRun: Boolean(args.values['dry-run']),
      ...(args.values['as-of'] !== undefined ? { asOf: String(args.values['as-of']) } : {}),
      ...(args.values['max-amount'] !== undefined ? { maxAmount: numberOption(args.values['max-amount'], 'max-amount') } : {}),
      ...(args.values['max-unpacked-mb'] !== undefined ? { maxUnpackedMb: megabytes(args.values['max-unpacked-mb'], '--max-unpacked-mb') } : {}),
    };
    const request = {
      path: path.resolve(io.cwd, file),
      ...readingArgs(args.values),
      engine: oneOf<ImportEngine>(args.values.engine, IMPORT_ENGINES, '--engine'),
      ...(args.values['aggregate-above'] !== undefined ? { aggregateAboveMb: megabytes(args.values['aggregate-above']) } : {}),
      ...(args.values['parse-in-worker-above'] !== undefined ? { parseInWorkerAboveMb: megabytes(args.values['parse-in-worker-above'], '--parse-in-worker-above') } : {}),
      ...currency,
      ...common,
    };
    const clientName = (args.values.client as string | undefined) ?? path.basename(wsPath, path.extname(wsPath));
    // Checked before the workspace is made, so a mistyped option leaves nothing behind.
    checkOptions(contract['import-run'].input, request, importOption(args.values));
    if (created) checkOptions(contract['workspace-create'].input, { path: wsPath, clientName, ...currency }, importOption(args.values));
    const rejectsOut = args.values['rejects-out'] === undefined ? undefined : outputFile(io.cwd, 'rejects-out', String(args.values['rejects-out']));
    if (!created) await io.backend.call('workspace-open', { path: wsPath });
    else await io.backend.call('workspace-create', { path: wsPath, clientName, ...currency });
    // A failed first import leaves no empty workspace behind: the command then changed nothing.
    const discardIfNew = async (): Promise<void> => {
      if (!created) return;
      await io.backend.call('workspace-close', {});
      removeWorkspaceFiles(wsPath);
      forgetRecent(io.backend.session, wsPath);
    };
    const json = Boolean(args.values.json);
    const controller = new AbortController();
    const onInterrupt = (): void => controller.abort();
    process.once('SIGINT', onInterrupt);
    const bar = io.interactive && !json ? progressBar() : undefined;
    const summaries: ImportSummary[] = [];
    try {
      summaries.push(await io.backend.call('import-run', request, { onProgress: bar, signal: controller.signal }));
      const master = args.values['product-master'] as string | undefined;
      if (master) {
        summaries.push(await io.backend.call('import-run', { path: path.resolve(io.cwd, master), shape: 'product-master', ...common }, { onProgress: bar, signal: controller.signal }));
      }
    } catch (e) {
      if (summaries.length === 0) await discardIfNew();
      throw e;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      if (bar) process.stderr.write('\n');
    }
    if (args.values['as-of'] !== undefined && summaries[0].shape !== 'spend-table') {
      io.err(`--as-of was not used: it dates a spend table, and ${summaries[0].file}'s rows carry their own dates (to analyse as of a date, use longtail analyze --as-of).`);
    }
    // A dry run saves nothing: a workspace made only to hold it goes again.
    if (common.dryRun) await discardIfNew();
    if (rejectsOut && summaries[0].importId !== null) {
      const written = await io.backend.call('import-rejects-export', { importId: summaries[0].importId, out: rejectsOut });
      if (!json) io.err(`Wrote ${formatCount(written.rows)} rejected rows to ${written.path}`);
    }
    if (json) io.out(JSON.stringify(summaries.length === 1 ? summaries[0] : { ...summaries[0], productMaster: summaries[1] }));
    else io.out(summaries.map(readable).join('\n'));
    return 0;
  },
};
