import crypto from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerArgs } from '../../../shared/contract';
import { countsPurchases, type ImportPreview, type ImportSummary, type RejectedRow } from '../../../shared/contract/import';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import type { HandlerContext } from '../context';
import type { Db } from '../db/open';
import { DateOrderDetector, describeDateFormat, parseDate } from './dates';
import { enterBulkMode, isBulkLoad, suspendIndexes } from './bulk-load';
import { flushEarly } from '../db/early-flush';
import { namesAKey, namesAPrice } from './mapping';
import { parseAmount } from './numbers';
import { FRESH_ROWS, freshCollector, UNSTAMPED, writeStamp, type FreshCollector, type FreshRows } from './fresh-rows';
import { adoptPreparedImport, prepareImportedColumns, preparesImportedColumns } from '../analysis/warm';
import { dataHash, loadRoom, PREFAULT_MAX_ROWS, PREFAULT_MIN_ROWS } from '../analysis/load-dataset';
import { sha256File } from './hash';
import { sha256OnThread } from './hash-thread';
import { openSource } from './open';
import { currencyRowsOf, decideImportCurrency, guessPlanCurrency, holdsAmounts, otherCurrencyRefusal, otherCurrencyWarning, refuseMixedUnits, setWorkspaceCurrency } from './currency';
import { buildPlan, joinedDateNote, postingPeriodNote, requireUsable, withJoinedDate, type ImportPlan } from './plan';
import { fillDownNote, fillingDown } from './fill-down';
import { orderStatusNote, statusFilledByOrder } from './order-status';
import { progressReporter } from './progress';
import { productMasterSink } from './sink-product-master';
import { spendTableSink } from './sink-spend-table';
import { transactionsSink } from './sink-transactions';
import { isDatedShape, storedShape } from './stored-shape';
import { duckDbUnsuitable, feedStaged, stageWithDuckDb, type StagedFile } from './duckdb/aggregate';
import { estimateShrink, shrinkDecision } from './shrink-estimate';
import type { TableSource } from './source';
import { recordFeed, unterminatedLastLine } from './record-feed';
import { CsvTokenizer } from './csv-tokenizer';
import { checkPlanOf, saleColumns } from './row-check';
import { parseInWorker, parserThreadAvailable } from './parser/thread';
import { Tally, type RowSink } from './tally';
import { duplicateHeaderNotes } from './header';
import { dropLinesAlreadyImported, earlierOverlapping, type AlreadyImported } from './already-imported';
import { dropRepeatedBlocks, repeatedBlocksWarning } from './repeated-in-file';
import { earlierDateSpans, outlierDays } from './outlier-dates';
import { farFileNote, FAR_FILE_REASON } from '../../../shared/analytics/date-outliers';
import { revenueBesidePriceNote } from './revenue-beside-price';

const PREVIEW_ROWS = 50;

/** What a file without a header row was read as: which column became which field, and how to change it. */
function headerlessNote(plan: ImportPlan): string {
  const mapped = (Object.entries(plan.mapping) as [string, string | undefined][]).filter(([, column]) => column).map(([field, column]) => `${field} '${column}'`);
  const used = new Set(Object.values(plan.mapping));
  const unused = plan.headers.filter((h) => !used.has(h));
  return `The file has no header row: its ${plan.headers.length} columns are named by position (Column 1 to Column ${plan.headers.length}) and mapped by what they hold${mapped.length > 0 ? `: ${mapped.join(', ')}` : ''}${unused.length > 0 ? `; ${unused.map((h) => `'${h}'`).join(', ')} ${unused.length === 1 ? 'is' : 'are'} not used` : ''}. Check them, or choose others (--map customer="Column 2", --map category="Column 4").`;
}

/**
 * A revenue of small whole numbers beside a column of larger or decimal amounts reads like a count
 * of items (Ta-Feng's AMOUNT beside its SALES_PRICE): said, since only the user knows which is money.
 */
function countLikeRevenueNotes(plan: ImportPlan): string[] {
  const m = plan.mapping;
  if (plan.shape !== 'transactions' || !m.revenue || m.quantity) return [];
  const numbers = (h: string): number[] => {
    const at = plan.headers.indexOf(h);
    return plan.dataSample.map((cells) => parseAmount((cells[at] ?? '').trim())).filter((v): v is number => v !== null);
  };
  const revenue = numbers(m.revenue);
  if (revenue.length < 0.95 * plan.dataSample.length || revenue.length === 0) return [];
  const top = Math.max(...revenue.map(Math.abs));
  if (top > 100 || revenue.some((v) => !Number.isInteger(v))) return [];
  const used = new Set(Object.values(m));
  const money = [m.unitPrice, ...plan.headers.filter((h) => !used.has(h) && !namesAKey(h))].find((h): h is string => {
    if (!h) return false;
    const values = numbers(h);
    return values.length >= 0.95 * plan.dataSample.length && values.some((v) => !Number.isInteger(v) || Math.abs(v) > top);
  });
  if (!money) return [];
  return [
    `'${m.revenue}' holds whole numbers from ${Math.min(...revenue)} to ${top} in the first ${plan.dataSample.length.toLocaleString('en-US')} rows, like a count of items, while '${money}' holds larger or decimal amounts. If '${m.revenue}' counts items, map --map quantity=${m.revenue} and the money with --map revenue=<column> (or --map unitPrice=<column>).`,
  ];
}

/** A revenue like a count of items is said as that; else a revenue beside a unit price with no quantity is said as read (revenueBesidePriceNote). */
function moneyBesideCountNotes(plan: ImportPlan): string[] {
  const countLike = countLikeRevenueNotes(plan);
  if (countLike.length > 0 || plan.shape !== 'transactions') return countLike;
  const beside = revenueBesidePriceNote(plan.mapping);
  return beside ? [beside] : [];
}

/** The day of day 1 when the dates are day numbers; refuses one without the other. */
function dayOneOf(args: HandlerArgs<'import-run'>, plan: ImportPlan): number | undefined {
  const counts = plan.date.detected === 'day-number';
  if (counts && !args.dayOne) {
    throw new AppError('INVALID_INPUT', `Day numbers in '${plan.mapping.date ?? 'the date column'}' need the date of day 1: give it with --day-one YYYY-MM-DD (on the import screen, beside the date format).`);
  }
  if (!counts && args.dayOne) throw new AppError('INVALID_INPUT', `--day-one ${args.dayOne} goes with --date-format day-number, for dates written as day numbers.`);
  return args.dayOne ? dayFromIso(args.dayOne) : undefined;
}

/** How many rows the status column made skip, and the accounting they belong to. */
const notSalesWarning = (tally: Tally, column: string): string =>
  `${tally.notSales.total.toLocaleString('en-US')} ${tally.notSales.total === 1 ? 'row is' : 'rows are'} no sale by '${column}' and ${tally.notSales.total === 1 ? 'was' : 'were'} skipped: ${tally.notSales.describe()}. Rows read ${tally.rowsRead.toLocaleString('en-US')} = imported ${tally.rowsImported.toLocaleString('en-US')} + rejected ${tally.rowsRejected.toLocaleString('en-US')} + skipped ${tally.rowsSkipped.toLocaleString('en-US')}${tally.rowsSkipped > tally.notSales.total ? ` (${(tally.rowsSkipped - tally.notSales.total).toLocaleString('en-US')} of them blank)` : ''}.`;

/**
 * A file whose every stored amount is negative or zero: a credit-note or returns export, or the
 * amount column mapped the wrong way; imported without a word, its analysis read "0 best customers"
 * as a finding. Its rows have ids from `firstId` on, so the lookup stops at its first sale.
 */
function noSalesWarning(db: Db, firstId: number, plan: ImportPlan, tally: Tally): string[] {
  if (db.prepare('SELECT 1 FROM transactions WHERE id >= ? AND revenue > 0 LIMIT 1').get(firstId) !== undefined) return [];
  const m = plan.mapping;
  const column = m.revenue ?? m.unitPrice ?? m.quantity ?? 'the amount column';
  const total = (Math.round(tally.revenue * 100) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return [
    `Every amount in '${column}' is negative or zero (${tally.rowsImported.toLocaleString('en-US')} rows, ${total} in all): the file holds returns or credit notes only, or '${column}' is not the sales amount. The analysis needs sales: import the sales file too, or remove this import and map the column that holds the sales amounts.`,
  ];
}

/** What the reader and the header noticed, for the import's warnings and the preview. */
const fileNotes = (source: TableSource, plan: ImportPlan): string[] => [
  ...source.notes,
  ...duplicateHeaderNotes(source.sample[plan.headerIndex]?.cells ?? [], plan.headers, plan.mapping),
  ...(plan.headerless ? [headerlessNote(plan)] : []),
];

/** The file's notes and what its mapping makes of the amounts; the import screen says the latter itself, as the mapping changes. */
const sourceNotes = (source: TableSource, plan: ImportPlan): string[] => [
  ...fileNotes(source, plan),
  ...(countsPurchases(plan.shape, plan.mapping)
    ? [
        `No revenue or unit price column: each row counts as one purchase worth 1 unit, so every amount is a count of purchases (shown as units), as event logs without money are judged. If one of the columns holds money, map it with --map revenue=<column>.`,
      ]
    : []),
  ...moneyBesideCountNotes(plan),
  ...(plan.shape === 'transactions' && plan.mapping.revenue && !plan.mapping.quantity && !plan.mapping.unitPrice && namesAPrice(plan.mapping.revenue)
    ? [`'${plan.mapping.revenue}' is a price and the file has no quantity column: each row is read as one item sold at that price. If a column counts the items, map it with --map quantity=<column> --map unitPrice=${plan.mapping.revenue}.`]
    : []),
];

export async function previewImport(ctx: HandlerContext, args: HandlerArgs<'import-preview'>): Promise<ImportPreview> {
  const { source, size, name } = await openSource(args.path, args.sheet, args.maxUnpackedMb);
  const plan = buildPlan(ctx.session.isOpen ? ctx.session.db : null, source, { shape: args.shape, fileName: name });
  return {
    file: { name, path: args.path, size, format: source.format },
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheets: source.sheets,
    sheet: source.sheet,
    headerRow: plan.headerLine,
    headers: plan.headers,
    rows: plan.dataSample.slice(0, PREVIEW_ROWS),
    shape: plan.shape,
    mapping: plan.guesses,
    categoryColumns: plan.categoryColumns,
    ...(plan.purchaseSummary ? { purchaseSummary: plan.purchaseSummary } : {}),
    dateFormat: { detected: plan.date.detected, candidates: plan.date.candidates, ambiguous: plan.date.ambiguous },
    ...(plan.fillDown ? { fillDown: true } : {}),
    savedMapping: plan.savedMapping,
    warnings: [...fileNotes(source, plan), ...currencyRefusalNote(ctx, plan, name)],
    currency: ctx.session.isOpen
      ? decideImportCurrency(ctx.session.db, undefined, guessPlanCurrency(plan)).decision
      : (({ code, source, reason }) => ({ code, source, reason }))(guessPlanCurrency(plan)),
  };
}

/** The refusal the import would give for the file's currency, said by the preview before it is run. */
function currencyRefusalNote(ctx: HandlerContext, plan: ImportPlan, name: string): string[] {
  if (!ctx.session.isOpen || plan.shape === 'product-master') return [];
  const refusal = otherCurrencyRefusal(ctx.session.db, undefined, guessPlanCurrency(plan), name);
  return refusal ? [refusal] : [];
}

/** Reads the whole date column when the sample could not tell day-first from month-first. */
async function settleDateOrder(ctx: HandlerContext, source: TableSource, plan: ImportPlan): Promise<void> {
  if (!isDatedShape(plan.shape) || !plan.date.ambiguous) return;
  if (!source.sampleIsAll) {
    const detector = new DateOrderDetector();
    const ix = plan.headers.indexOf(plan.mapping.date ?? '');
    await source.read(
      (batch) => {
        for (const r of batch) if (r.line > plan.headerLine) detector.observe(r.cells[ix] ?? '');
      },
      { signal: ctx.signal, onProgress: () => {} },
    );
    plan.date = detector.decide();
  }
  if (plan.date.ambiguous) {
    // The first date that reads two ways, past a report's headings and blank lines (an ISO date beside them is no example).
    const ix = plan.headers.indexOf(plan.mapping.date ?? '');
    const twoWays = (v: string): boolean => {
      const [mdy, dmy] = [parseDate(v, 'mdy'), parseDate(v, 'dmy')];
      return mdy !== null && dmy !== null && mdy !== dmy;
    };
    const written = plan.dataSample.map((cells) => (cells[ix] ?? '').trim()).filter((v) => v !== '');
    const example = written.find(twoWays) ?? written[0] ?? '01/02/2024';
    throw new AppError(
      'IMPORT_AMBIGUOUS_DATES',
      `The dates in '${plan.mapping.date}' could be month-first or day-first (e.g. ${example}): ${plan.date.reason}. Choose the order with --date-format mdy or --date-format dmy.`,
      { column: plan.mapping.date, candidates: plan.date.candidates },
    );
  }
}

/**
 * Customer ids that differ from another only by leading zeros ('00012748' and '12748'): one ERP
 * pads its ids and another does not, and the same customer splits in two without a word. They are
 * kept apart, as written (an id is text), and named. Only ids starting with a zero are looked at,
 * through the code's index: a workspace with none pays one lookup.
 */
function zeroPaddedTwins(db: Db): string[] {
  const pairs = db
    .prepare(`SELECT a.code AS padded, b.code AS plain FROM customers a JOIN customers b ON b.code = ltrim(a.code, '0') WHERE a.code >= '0' AND a.code < '1' AND b.code <> ''`)
    .all() as { padded: string; plain: string }[];
  if (pairs.length === 0) return [];
  const shown = pairs.slice(0, 2).map((p) => `'${p.padded}' and '${p.plain}'`).join(', ');
  return [
    `${pairs.length.toLocaleString('en-US')} customer id${pairs.length === 1 ? '' : 's'} in the workspace differ${pairs.length === 1 ? 's' : ''} from another only by leading zeros (${shown}${pairs.length > 2 ? ', ...' : ''}): they are kept as different customers, as the ids are written. If they are the same customers, write the ids one way in every file and import again.`,
  ];
}

/**
 * Earlier imports whose dates this one's meet, and what comparing their lines found (see
 * dropLinesAlreadyImported); `compared` is null when the lines were not compared (forced, or summed
 * by DuckDB): then rows in both count twice.
 */
function overlapWarnings(db: Db, from: number | null, to: number | null, importId: number, compared: AlreadyImported | null): string[] {
  if (from === null || to === null) return [];
  const kept = (): string => {
    if (!compared) return 'rows in both are counted twice unless they differ.';
    if (compared.sampledNone !== null) {
      return `none of ${compared.sampledNone.toLocaleString('en-US')} of its lines on those dates, looked up there, was already in it, so its lines are kept as sales of both.`;
    }
    return 'lines it already holds are not stored again; lines that differ in customer, day, product, quantity, amount or invoice are sales of both.';
  };
  const lines = compared ? [...compared.dropped.values()].reduce((a, b) => a + b, 0) : 0;
  return [
    ...earlierOverlapping(db, importId, from, to).map((e) => `${isoFromDay(from)}..${isoFromDay(to)} overlaps an earlier import (${e.file}, ${isoFromDay(e.from)}..${isoFromDay(e.to)}): ${kept()}`),
    ...(compared && lines > 0
      ? [
          `${lines.toLocaleString('en-US')} lines were already in the workspace (${[...compared.dropped].map(([file, n]) => `${n.toLocaleString('en-US')} from ${file}`).join(', ')}) and were not stored twice: they are listed with the rejected rows. --force stores them again.`,
        ]
      : []),
  ];
}

/** The same file imported before, the same sheet of it for a workbook (a workbook split by year holds a year a sheet). */
function refuseDuplicate(db: Db, sha: string, name: string, sheet: string | null): void {
  const earlier = db.prepare("SELECT file_name, finished_at FROM imports WHERE sha256 = ? AND sheet IS ? AND status = 'done' ORDER BY id LIMIT 1").get(sha, sheet) as
    | { file_name: string; finished_at: string }
    | undefined;
  if (earlier) {
    throw new AppError(
      'IMPORT_DUPLICATE_FILE',
      `${name}${sheet === null ? '' : ` (sheet "${sheet}")`} was already imported (as ${earlier.file_name} on ${earlier.finished_at.slice(0, 10)}). Importing it again would count its sales twice; use --force if you really mean it.`,
      { sha256: sha, earlier: earlier.file_name },
    );
  }
}

export async function runImport(ctx: HandlerContext, args: HandlerArgs<'import-run'>): Promise<ImportSummary> {
  const started = performance.now();
  const startedAt = ctx.now().toISOString();
  const db = ctx.session.db;
  const { source, size, name, absolute } = await openSource(args.path, args.sheet, args.maxUnpackedMb);
  const plan = buildPlan(db, source, { shape: args.shape, mapping: args.mapping, dateFormat: args.dateFormat, fillDown: args.fillDown, fileName: name });
  plan.maxAmount = args.maxAmount;
  plan.dayOne = dayOneOf(args, plan);
  plan.earlierDates = earlierDateSpans(db);
  // The machine's own today, not the backend's clock: a clock held for a test or a replay must not
  // make real sales look unborn (the bundled sample runs to the month before its release).
  plan.today = dayFromIso(new Date().toISOString().slice(0, 10));
  requireUsable(plan, name);
  refuseMixedUnits(db, plan, name);
  // A product master holds no amounts: it neither says nor changes the currency.
  const guessed = plan.shape === 'product-master' ? null : guessPlanCurrency(plan);
  const refusal = otherCurrencyRefusal(db, args.currency, guessed, name);
  if (refusal) throw new AppError('IMPORT_OTHER_CURRENCY', refusal, { currency: guessed?.code });
  const held = holdsAmounts(db);
  plan.currencyRows = currencyRowsOf(db, args.currency, plan);
  await settleDateOrder(ctx, source, plan);

  // Hash up front only when an earlier import could be the same file, so the common case reads once.
  const notes: string[] = sourceNotes(source, plan);
  if (plan.joinedDate) notes.push(joinedDateNote(plan.headers, plan.joinedDate));
  const staged = await stageIfBig(ctx, args, { source, plan, absolute, size, notes, name });
  const sameSize = db.prepare("SELECT 1 FROM imports WHERE file_size = ? AND status = 'done' LIMIT 1").get(size) !== undefined;
  let sha: string | null;
  try {
    sha = staged ? staged.sha256 : sameSize || source.format !== 'csv' ? await sha256File(absolute) : null;
  } catch (e) {
    staged?.duck.close();
    throw e;
  }
  if (sha && !args.force) {
    try {
      refuseDuplicate(db, sha, name, source.sheet);
    } catch (e) {
      staged?.duck.close();
      throw e;
    }
  }
  const hasher = sha ? null : crypto.createHash('sha256');

  const asOfDay = dayFromIso(args.asOf ?? startedAt.slice(0, 10));
  const report = progressReporter(ctx.progress);
  const bulk = isDatedShape(plan.shape) && isBulkLoad(db, expectedRows(absolute, size));
  const leaveBulkMode = bulk ? enterBulkMode(db) : () => {};
  try {
    return await importInTransaction(ctx, args, { db, source, plan, name, absolute, size, sha, hasher, asOfDay, report, bulk, started, startedAt, staged, notes, held });
  } finally {
    staged?.duck.close();
    leaveBulkMode();
    // Stamped only now: switching the journal back to WAL moves data_version.
    const fresh = ctx.session.get(FRESH_ROWS);
    if (fresh && fresh.writes === UNSTAMPED) fresh.writes = writeStamp(db);
  }
}

type Prepared = {
  db: Db;
  source: TableSource;
  plan: ImportPlan;
  name: string;
  absolute: string;
  size: number;
  sha: string | null;
  hasher: crypto.Hash | null;
  asOfDay: number;
  report: ReturnType<typeof progressReporter>;
  bulk: boolean;
  started: number;
  startedAt: string;
  staged: StagedFile | null;
  notes: string[];
  /** Whether the workspace held rows before this import: the currency decision and an empty table's fast path read it. */
  held: boolean;
};

/**
 * Big CSV and Parquet files whose lines shrink when summed are read and summed per customer x category
 * x day by DuckDB before they reach the workspace; when DuckDB cannot (not installed for this platform, an unusual file), the
 * import goes line by line and says why. A sum cannot be compared with lines already stored: a file
 * whose dates meet an earlier import's goes line by line too, and with --engine duckdb is refused.
 */
async function stageIfBig(
  ctx: HandlerContext,
  args: HandlerArgs<'import-run'>,
  f: { source: TableSource; plan: ImportPlan; absolute: string; size: number; notes: string[]; name: string },
): Promise<StagedFile | null> {
  const wanted = args.engine === 'duckdb' || (args.engine === 'auto' && f.size > args.aggregateAboveMb * 1024 * 1024);
  if (!wanted || args.engine === 'lines') return null;
  const unsuitable = duckDbUnsuitable(f.plan, f.source.format, f.source.encoding, f.source.delimiter);
  if (unsuitable) {
    f.notes.push(`Imported line by line, not through DuckDB: ${unsuitable}.`);
    return null;
  }
  // auto sums first only when that stores clearly fewer rows than the file has lines.
  let shrinkNote: string | null = null;
  if (args.engine === 'auto') {
    const decision = shrinkDecision(await estimateShrink(f.source, f.plan, ctx.signal));
    f.notes.push((shrinkNote = decision.note));
    if (!decision.duckdb) return null;
  }
  const report = progressReporter(ctx.progress);
  // A forced engine has not sampled the file: DuckDB runs lean, in case it does not shrink.
  const shrinks = args.engine === 'auto';
  let staged: StagedFile;
  try {
    staged = await stageWithDuckDb(f.absolute, f.source.format === 'parquet' ? 'parquet' : 'csv', f.source.delimiter, f.plan, ctx.signal, (share) => report(Math.round(share * f.size), f.size, 0), shrinks);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') throw e;
    const why = e instanceof AppError ? e.message : `DuckDB could not read the file (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); it was imported line by line instead.`;
    f.notes.push(why);
    return null;
  }
  // --force stores shared lines again on purpose, as line by line.
  const met = args.force || !staged.span ? [] : earlierOverlapping(ctx.session.db, 0, staged.span.from, staged.span.to).filter((e) => !e.cube);
  if (met.length === 0) return staged;
  staged.duck.close();
  const span = staged.span ? `${isoFromDay(staged.span.from)}..${isoFromDay(staged.span.to)}` : '';
  const earlier = `${met.slice(0, 3).map((e) => `${e.file}, ${isoFromDay(e.from)}..${isoFromDay(e.to)}`).join('; ')}${met.length > 3 ? `; ${met.length - 3} more` : ''}`;
  if (args.engine === 'duckdb') {
    throw new AppError(
      'IMPORT_ENGINE_OVERLAP',
      `${f.name}'s dates (${span}) meet sales already in the workspace (${earlier}). DuckDB sums the file's lines per customer, category and day, and a sum cannot be compared with the lines stored, so the sales both hold would count twice. Nothing was imported. Import it with --engine lines (or auto), which stores a line already there only once, or with --force to store every line again.`,
      { engine: 'duckdb', from: staged.span ? isoFromDay(staged.span.from) : null, to: staged.span ? isoFromDay(staged.span.to) : null, earlier: met.map((e) => e.file) },
    );
  }
  if (shrinkNote !== null) f.notes.splice(f.notes.indexOf(shrinkNote), 1);
  f.notes.push(`Imported line by line, not through DuckDB: its dates (${span}) meet sales already in the workspace (${earlier}), and only lines read one by one can be compared with the lines stored, so that none counts twice.`);
  return null;
}

/** Rows a file of this size likely holds: rows are about 60-120 bytes in the files people export; .gz files hold about five times more. */
const expectedRows = (absolute: string, size: number): number => Math.round((size * (absolute.toLowerCase().endsWith('.gz') ? 5 : 1)) / 120);

/**
 * Whether a CSV file's rows are read and checked in the parser worker while this thread stores
 * them. Small files are not: starting the worker costs more than their reading. Dates found far
 * from the rest before the rows come (DuckDB counted them) are checked here, where they are known.
 */
const parseInThread = (args: HandlerArgs<'import-run'>, plan: ImportPlan, size: number): boolean =>
  size >= args.parseInWorkerAboveMb * 1024 * 1024 && plan.outlierDays === undefined && !plan.joinedDate && !plan.fillDown && !plan.orderStatus && parserThreadAvailable();

async function importInTransaction(ctx: HandlerContext, args: HandlerArgs<'import-run'>, p: Prepared): Promise<ImportSummary> {
  const { db, source, plan, name, absolute, size, hasher, asOfDay, report, started, startedAt } = p;
  let sha = p.sha;
  let fresh: FreshCollector | null = null;
  db.exec('BEGIN IMMEDIATE');
  try {
    const importId = Number(
      db
        .prepare("INSERT INTO imports (file_name, file_path, file_size, sha256, sheet, shape, mapping_json, date_format, started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')")
        .run(name, absolute, size, sha ?? '', source.sheet, storedShape(plan.shape), JSON.stringify(plan.mapping), plan.date.detected, startedAt).lastInsertRowid,
    );
    const rebuildIndexes = p.bulk ? suspendIndexes(db) : () => {};
    const tally = new Tally(db, importId);
    // Rows get ids past every earlier one: this import's are the ids from here on.
    const firstId = Number(db.prepare('SELECT coalesce(max(id), 0) + 1 FROM transactions').pluck().get());
    // Into an empty table the rows this import stores are all the table holds: the analysis can take them as they are.
    if (isDatedShape(plan.shape) && !args.dryRun && !p.held) {
      // Line by line, a big file's kept rows are faulted in ahead (DuckDB's sums are far fewer than its lines).
      const ix = saleColumns(plan.headers, plan.mapping);
      const expected = expectedRows(absolute, size);
      const ahead = !p.staged && expected >= PREFAULT_MIN_ROWS;
      const blocks = expected >= PREFAULT_MAX_ROWS;
      fresh = freshCollector(
        ahead || blocks ? { product: ix.product >= 0, blocks, prefault: ahead } : null,
      );
    }
    const dated = isDatedShape(plan.shape) ? transactionsSink(db, plan, importId, tally, fresh) : null;
    const sink: RowSink = dated ?? (plan.shape === 'spend-table' ? spendTableSink(db, plan, importId, tally, asOfDay) : productMasterSink(db, plan, tally));
    if (p.staged && dated) {
      const { staged } = p;
      await feedStaged(staged, plan, dated, tally, ctx.signal, (done) => report(Math.round((done / Math.max(1, staged.cubeRows)) * size), size, tally.rowsRead));
      tally.warnings.push(
        `Read and summed by DuckDB: ${staged.summed.toLocaleString('en-US')} rows became ${staged.cubeRows.toLocaleString('en-US')} customer x category x day rows (products and invoice numbers are not kept)${staged.doubtful > 0 ? `; ${staged.doubtful.toLocaleString('en-US')} rows it doubted (blank ones among them) were checked line by line` : ''}.`,
      );
      if (staged.unterminated) {
        const tokenizer = new CsvTokenizer(source.delimiter ?? ',');
        const cells = tokenizer.end(tokenizer.push(staged.unterminated.text))[0]?.cells ?? [];
        tally.warnings.push(unterminatedLastLine(staged.unterminated.line, plan.headers, cells));
      }
    } else if (dated && source.text && parseInThread(args, plan, size)) {
      const hashing = hasher ? sha256OnThread(absolute) : null;
      try {
        await parseInWorker({ table: source.text, headerLine: plan.headerLine, check: checkPlanOf(plan) }, dated.checked, tally, {
          signal: ctx.signal,
          onProgress: (bytes) => report(bytes, size, tally.rowsRead),
        });
        if (hashing) sha = await hashing.digest();
      } finally {
        hashing?.stop();
      }
    } else {
      const joined = plan.joinedDate;
      const toSink = joined ? (line: number, cells: string[]) => sink.row(line, withJoinedDate(cells, joined)) : sink.row;
      const byOrder = plan.orderStatus ? statusFilledByOrder(plan.orderStatus.status, plan.orderStatus.invoice, toSink) : null;
      const toOrders = byOrder ? byOrder.row : toSink;
      const filling = plan.fillDown ? fillingDown(plan.fillDown.columns, plan.fillDown.within, toOrders) : null;
      const feed = recordFeed(plan.headerLine, plan.headers, {
        read: () => tally.rowsRead++,
        skip: () => tally.rowsSkipped++,
        reject: (line, column, value, reason) => tally.reject(line, column, value, reason),
        warn: (text) => tally.warnings.push(text),
        row: filling ? filling.row : toOrders,
      });
      await source.read(feed, {
        signal: ctx.signal,
        onProgress: (p) => report(p.bytes, p.totalBytes, tally.rowsRead),
        onBytes: hasher ? (chunk) => hasher.update(chunk) : undefined,
      });
      if (hasher) sha = hasher.digest('hex');
      if (filling && filling.filled() > 0) p.notes.push(fillDownNote(plan.mapping.customer ?? '', filling.filled()));
      if (byOrder && byOrder.filled() > 0) p.notes.push(orderStatusNote(plan.mapping.status ?? '', plan.mapping.invoice ?? '', byOrder.filled()));
    }
    fresh?.close();
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');
    // Through DuckDB the far dates were known before the rows came and rejected one by one.
    if (dated && !p.staged) dated.unstoreDays(outlierDays(plan.earlierDates ?? [], tally.daysStored(), plan.today));
    // Hashed as it was read: only now can it be compared with the files imported before.
    if (hasher && sha && !args.force) refuseDuplicate(db, sha, name, source.sheet);
    if (tally.notSales.total > 0) tally.warnings.push(notSalesWarning(tally, plan.mapping.status ?? ''));
    if (plan.currencyRows && tally.rowsRejected > 0) {
      const other = otherCurrencyWarning(db, importId, plan.currencyRows, tally.rowsRead);
      if (other) tally.warnings.push(other);
    }
    if (tally.rowsImported === 0 && tally.rowsRejected === 0 && tally.notSales.total > 0) {
      throw new AppError('IMPORT_EMPTY', `None of the ${tally.rowsRead.toLocaleString('en-US')} rows of ${name} is a sale: by '${plan.mapping.status}', they are ${tally.notSales.describe()}. Nothing was imported. If these rows are sales, import again with --map status= (unmapped).`);
    }
    if (tally.rowsImported === 0) {
      throw new AppError(
        tally.rowsRejected === 0 ? 'IMPORT_EMPTY' : 'IMPORT_NOT_A_TABLE',
        tally.rowsRejected === 0 ? `${name} has a header but no data rows. Nothing was imported.` : nothingImportedMessage(name, tally),
        { rejectsSample: tally.rejectsSample },
      );
    }
    // Every row is in the file: written to disk while the load's last steps run.
    if (p.bulk && !args.dryRun) flushEarly(db);
    // Every row is known: the analysis's memory for them is faulted in on the idle core meanwhile.
    const room = fresh && !args.dryRun && preparesImportedColumns(db, fresh.rows()) ? loadRoom(fresh.rows(), db.prepare('SELECT 1 FROM products LIMIT 1').get() !== undefined) : null;
    rebuildIndexes();
    sink.finish();
    // A row of DuckDB's sums may stand for many lines: only lines read one by one are compared.
    const compared = plan.shape === 'transactions' && !p.staged && !args.force;
    const alreadyThere = compared ? dropLinesAlreadyImported(db, importId, firstId, tally) : null;
    if (alreadyThere && alreadyThere.dropped.size > 0 && tally.rowsImported === 0) {
      const files = [...alreadyThere.dropped.keys()];
      throw new AppError(
        'IMPORT_DUPLICATE_FILE',
        `Every line of ${name} is already in the workspace (from ${files.join(', ')}): importing it would count its sales twice. Nothing was imported; use --force if you really mean it.`,
        { earlier: files[0] },
      );
    }
    // The same protection within the file: a block of days it holds twice (two exports joined).
    const repeated = compared ? dropRepeatedBlocks(db, firstId, tally, fresh ? { rows: fresh.rows(), chunks: fresh.chunks() } : null) : [];
    if (repeated.length > 0) {
      tally.warnings.push(...repeatedBlocksWarning(repeated));
      // The rows collected as they were stored now include lines deleted again: the analysis reads the table instead.
      fresh = null;
    }
    if (isDatedShape(plan.shape) && tally.rowsImported > 0) tally.warnings.push(...noSalesWarning(db, firstId, plan, tally));
    const farFile = isDatedShape(plan.shape) && tally.dayMin !== null && tally.dayMax !== null ? farFileNote({ from: tally.dayMin, to: tally.dayMax }, plan.earlierDates ?? []) : null;
    if (farFile && tally.rowsImported > 0) tally.warnings.push(farFile);
    if (plan.shape === 'cube') {
      tally.warnings.push(
        tally.weekdays === 1
          ? `Every period starts on a Monday: read as weekly periods. Totals, tiers and profiles are as from daily data; recovery counts purchase weeks, and windows start on a week's Monday.`
          : `${tally.rowsImported.toLocaleString('en-US')} cube rows summing ${tally.orders.toLocaleString('en-US')} orders.`,
      );
    }
    const warnings = [...p.notes, ...tally.warnings, ...(isDatedShape(plan.shape) ? overlapWarnings(db, tally.dayMin, tally.dayMax, importId, alreadyThere) : []), ...zeroPaddedTwins(db)];
    // A product master holds no amounts: it neither says nor changes the currency.
    const currency = decideImportCurrency(db, args.currency, plan.shape === 'product-master' ? null : guessPlanCurrency(plan), p.held);
    if (currency.store) setWorkspaceCurrency(db, currency.decision.code, currency.store);
    if (currency.warning) warnings.push(currency.warning);
    if (plan.date.reason && plan.date.detected && isDatedShape(plan.shape) && plan.date.candidates.length > 1) warnings.push(`Dates read as ${describeDateFormat(plan.date.detected)}: ${plan.date.reason}.`);
    if (plan.date.weeks && isDatedShape(plan.shape) && plan.mapping.date) {
      warnings.push(
        `Dates in '${plan.mapping.date}' are ISO weeks: each week's sales are dated on its Monday, so a customer's purchases and gaps are read in whole weeks (a week bought in is one purchase day).`,
      );
    }
    if (plan.date.months && isDatedShape(plan.shape) && plan.mapping.date) {
      warnings.push(
        `Dates in '${plan.mapping.date}' are months without a day: each month's sales are dated on its first day, so a customer's purchases and gaps are read in whole months (a month bought in is one purchase day) and recovery judges lateness against monthly rhythms.`,
      );
    }
    if (plan.date.periods && isDatedShape(plan.shape) && plan.mapping.date) warnings.push(postingPeriodNote(plan.mapping.date));
    const finishedAt = ctx.now().toISOString();
    db.prepare(
      `UPDATE imports SET sha256 = ?, rows_read = ?, rows_imported = ?, rows_rejected = ?, rows_skipped = ?, returns = ?, revenue = ?,
       date_from = ?, date_to = ?, warnings_json = ?, finished_at = ?, status = 'done' WHERE id = ?`,
    ).run(sha, tally.rowsRead, tally.rowsImported, tally.rowsRejected, tally.rowsSkipped, tally.returns, tally.revenue, tally.dayMin, tally.dayMax, JSON.stringify(warnings), finishedAt, importId);
    // Files without a header share their names (Column 1, ...) by width alone: their mappings are not kept.
    if (!plan.headerless) {
      db.prepare(
        `INSERT INTO mappings (header_signature, shape, mapping_json, date_format, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (header_signature) DO UPDATE SET shape = excluded.shape, mapping_json = excluded.mapping_json, date_format = excluded.date_format, updated_at = excluded.updated_at`,
      ).run(plan.signature, plan.shape, JSON.stringify(plan.mapping), plan.date.detected, finishedAt);
    }
    report(size, size, tally.rowsRead, true);
    // Every row is in: the data hash is the one the committed workspace will have.
    const rows: FreshRows | null = fresh && !args.dryRun ? { hash: dataHash(db), rows: fresh.rows(), chunks: fresh.chunks(), writes: writeStamp(db), reps: fresh.reps(), prices: fresh.prices() } : null;
    const prepared = rows ? prepareImportedColumns(db, rows, room, ctx.progress, ctx.signal) : null;
    if (typeof prepared === 'string') warnings.push(prepared);
    if (args.dryRun) db.exec('ROLLBACK');
    else db.exec('COMMIT');
    ctx.session.dropCaches();
    if (prepared && typeof prepared !== 'string') adoptPreparedImport(ctx.session, prepared);
    // Stamped once the import has put the connection back as it was (runImport).
    // Rows a load has used up (their chunks emptied, `rows` set to -1) cannot be handed on: the
    // analysis then reads them from the table.
    else if (rows && rows.rows >= 0) ctx.session.set(FRESH_ROWS, { ...rows, writes: UNSTAMPED });
    return {
      importId: args.dryRun ? null : importId,
      file: name,
      sha256: sha ?? '',
      sheet: source.sheet,
      shape: plan.shape,
      dryRun: args.dryRun,
      rowsRead: tally.rowsRead,
      rowsImported: tally.rowsImported,
      rowsRejected: tally.rowsRejected,
      rowsSkipped: tally.rowsSkipped,
      returns: tally.returns,
      customers: tally.customers.size,
      categories: tally.categories.size,
      products: tally.products.size,
      dateFrom: isDatedShape(plan.shape) && tally.dayMin !== null ? isoFromDay(tally.dayMin) : null,
      dateTo: isDatedShape(plan.shape) && tally.dayMax !== null ? isoFromDay(tally.dayMax) : null,
      revenue: Math.round(tally.revenue * 100) / 100,
      mapping: plan.mapping,
      dateFormat: isDatedShape(plan.shape) ? plan.date.detected : null,
      currency: currency.decision,
      rejectsSample: tally.rejectsSample,
      warnings,
      engine: p.staged ? 'duckdb' : 'lines',
      startedAt,
      finishedAt,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    fresh?.close();
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/**
 * Why no row of a file was imported, by the rule that rejected most of them: the first row's
 * problem (one impossible date) had been named while most rows fell to another rule (dates years
 * from the workspace's), and the advice pointed at the wrong fix.
 */
function nothingImportedMessage(name: string, tally: Tally): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const at = (r: RejectedRow) => `row ${r.row}${r.column ? `, column ${r.column}` : ''}: ${r.reason}`;
  const [most, ...others] = tally.rulesByRows();
  // A whole file far from the workspace's sales: the reason says what to do, and the mapping is not at fault.
  if (others.length === 0 && most.first.reason.includes(FAR_FILE_REASON)) return `None of the ${count(tally.rowsRejected)} rows of ${name} was imported: ${most.first.reason.replace(/^'[^']*': /, '')}.`;
  const rest = others.reduce((n, r) => n + r.rows, 0);
  const next = others[0];
  const why =
    others.length === 0
      ? `all for one reason, e.g. ${at(most.first)}`
      : `${count(most.rows)} of them for one reason, e.g. ${at(most.first)}; ${
          rest === 1 ? `the other on ${at(next.first)}` : `the other ${count(rest)} for ${others.length === 1 ? 'another reason, e.g.' : `${others.length} other reasons, most often`} ${at(next.first)}`
        }`;
  return `None of the ${count(tally.rowsRejected)} rows of ${name} could be imported, ${why}. Check the column mapping (--map) and the date format.`;
}
