import { z } from 'zod';
import { handlerSpec } from './define';
import { REAL_DATE } from './settings';

/** Fields a column can be mapped to. customer, date and revenue (or quantity x unitPrice) are required. */
export const IMPORT_FIELDS = [
  'customer',
  'customerName',
  'date',
  'category',
  'product',
  'productName',
  'quantity',
  'unitPrice',
  'revenue',
  'rep',
  'territory',
  'segment',
  'invoice',
  /** Cube imports: how many orders (or order lines) a customer x category x period row sums up. */
  'orders',
  /** What a row is (Shipped, Cancelled; view, cart, purchase): rows that are no sale are skipped and counted. */
  'status',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields that describe a customer and so may sit beside the category columns of a spend table; none is required (rows are numbered). */
export const SPEND_TABLE_FIELDS: readonly ImportField[] = ['customer', 'customerName', 'segment', 'territory', 'rep'];

/** day-number: a panel's day count (1, 2, ... 711), read from the date of day 1 the user gives (dayOne). */
export const DATE_FORMATS = ['iso', 'mdy', 'dmy', 'excel-serial', 'unix', 'day-number', 'yyyymm'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** transactions: one row per sale; cube: one row per customer x category x period (day or week), already
 *  summed where the data lives (see `longtail sql`); spend-table: one row per customer, one column per
 *  category; product-master: product -> category. */
export const IMPORT_SHAPES = ['transactions', 'cube', 'spend-table', 'product-master'] as const;
export type ImportShape = (typeof IMPORT_SHAPES)[number];

/**
 * Sales with neither a revenue nor a unit price column are a purchase log (a panel's or a web
 * shop's event log): each row counts as one purchase of one unit, and every amount the analysis
 * states is a count of purchases. The import and its screen ask the same question here.
 */
export const countsPurchases = (shape: ImportShape, mapping: Partial<Record<ImportField, string | null>>): boolean =>
  shape === 'transactions' && !mapping.revenue && !mapping.unitPrice;

/** Which reader does the heavy lifting: line by line in Node, or DuckDB reading and summing the file to
 *  customer x category x day first. auto = DuckDB for CSV or Parquet above `aggregateAboveMb` whose first lines shrink when summed. */
export const IMPORT_ENGINES = ['auto', 'lines', 'duckdb'] as const;
export type ImportEngine = (typeof IMPORT_ENGINES)[number];
export const DEFAULT_AGGREGATE_ABOVE_MB = 200;
/** Below this a worker thread's start costs more than reading the file beside the inserts saves. */
export const DEFAULT_PARSE_IN_WORKER_ABOVE_MB = 32;
/** The most a zipped workbook (xlsx, xlsb, ods) may unpack to: reading one takes about six times that in memory. */
export const DEFAULT_MAX_UNPACKED_MB = 400;
export type MappingGuess = {
  field: ImportField;
  column: string | null;
  /** 0..1 */
  confidence: number;
  /** Why, in words: "header 'Cust #' is a synonym of customer". */
  reason: string;
};

export type ImportPreview = {
  file: { name: string; path: string; size: number; format: 'csv' | 'parquet' | 'xlsx' | 'xls' | 'xlsb' | 'ods' };
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** 1-based row number of the header in the file or sheet; 0 when it has none (columns are named Column 1, ...). */
  headerRow: number;
  headers: string[];
  /** The first data rows as text, for the preview grid. */
  rows: string[][];
  shape: ImportShape;
  mapping: MappingGuess[];
  /** For spend tables: which columns are categories. */
  categoryColumns: string[];
  /**
   * Columns naming purchase statistics (frequency, recency, age) in a file read as a spend table by
   * its look: a lifetime-value tool's customer summary, which the import refuses unless the user
   * chooses the spend-table shape.
   */
  purchaseSummary?: string[];
  dateFormat: { detected: DateFormat | null; candidates: DateFormat[]; ambiguous: boolean };
  /** True when a mapping saved for the same headers was reused. */
  savedMapping: boolean;
  /** True when the file looks like a grouped report (customer written once per group, blank below): those lines take the customer above. */
  fillDown?: boolean;
  /** What the reader noticed before any row was imported: an encoding fallback, a renamed file, duplicate headers. */
  warnings?: string[];
  /** What importing this file would make the workspace currency, with the reason (editable before import). */
  currency: ImportCurrency;
};

/** The currency an import settled on, and why ("given", read from the file, kept from the workspace). */
export type ImportCurrency = { code: string; source: 'given' | 'data' | 'locale' | 'default' | 'workspace'; reason: string };

export type RejectedRow = {
  /** Row number in the file (1-based, counting the header) or in the sheet. */
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
};

export type ImportSummary = {
  importId: number | null;
  file: string;
  sha256: string;
  sheet: string | null;
  shape: ImportShape;
  dryRun: boolean;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rowsSkipped: number;
  returns: number;
  customers: number;
  categories: number;
  products: number;
  dateFrom: string | null;
  dateTo: string | null;
  revenue: number;
  mapping: Partial<Record<ImportField, string>>;
  dateFormat: DateFormat | null;
  /** The workspace currency after this import (on the summary an import returns, not on listed imports). */
  currency?: ImportCurrency;
  rejectsSample: RejectedRow[];
  /** e.g. "2024-01-01..2024-03-31 overlaps an earlier import (sales-q1.csv)". */
  warnings: string[];
  /** Who read the file: 'lines' (Node, row by row) or 'duckdb' (read and summed by DuckDB first). */
  engine?: 'lines' | 'duckdb';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
};

const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().nullable());

export const importSpecs = [
  handlerSpec<ImportPreview>()(
    'import-preview',
    z.object({
      path: z.string().min(1),
      sheet: z.string().optional(),
      shape: z.enum(IMPORT_SHAPES).optional(),
      /** Workbooks that unpack to more than this are refused before they are read (IMPORT_TOO_LARGE). */
      maxUnpackedMb: z.number().positive().default(DEFAULT_MAX_UNPACKED_MB),
    }),
  ),
  handlerSpec<ImportSummary>()(
    'import-run',
    z.object({
      path: z.string().min(1),
      sheet: z.string().optional(),
      shape: z.enum(IMPORT_SHAPES).optional(),
      /** Overrides of the detected mapping; null unmaps a field. */
      mapping: mappingSchema.optional(),
      dateFormat: z.enum(DATE_FORMATS).optional(),
      /** With dateFormat day-number: the date of day 1. */
      dayOne: z.iso.date({ error: REAL_DATE }).optional(),
      /** A grouped report's blank customer cells take the customer above (true), are rejected (false), or the file's look decides (left out). */
      fillDown: z.boolean().optional(),
      /** The currency of the amounts; left out, it is read from the file (or kept, when the user set one). */
      currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code such as GBP').optional(),
      /** Spend tables only: the date the annual spend refers to (default: today). */
      asOf: z.iso.date({ error: REAL_DATE }).optional(),
      force: z.boolean().default(false),
      /** Rows whose amount is larger than this (either sign) are rejected as implausible. */
      maxAmount: z.number().positive().optional(),
      /** Workbooks that unpack to more than this are refused before they are read (IMPORT_TOO_LARGE). */
      maxUnpackedMb: z.number().positive().default(DEFAULT_MAX_UNPACKED_MB),
      dryRun: z.boolean().default(false),
      engine: z.enum(IMPORT_ENGINES).default('auto'),
      /** With engine auto: CSV and Parquet files larger than this go through DuckDB. */
      aggregateAboveMb: z.number().min(0).default(DEFAULT_AGGREGATE_ABOVE_MB),
      /** Line by line: CSV files at least this large are read and checked in a worker thread while the rows are stored. */
      parseInWorkerAboveMb: z.number().min(0).default(DEFAULT_PARSE_IN_WORKER_ABOVE_MB),
    }),
    { longRunning: true },
  ),
  handlerSpec<ImportSummary[]>()('import-list', z.object({})),
  handlerSpec<{ total: number; rows: RejectedRow[] }>()(
    'import-rejects',
    z.object({
      importId: z.number().int(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10000).default(200),
    }),
  ),
  handlerSpec<{ path: string; rows: number }>()(
    'import-rejects-export',
    z.object({ importId: z.number().int(), out: z.string().min(1) }),
  ),
  handlerSpec<{ importId: number; file: string; rowsRemoved: number; customersRemoved: number; categoriesRemoved: number }>()(
    'import-remove',
    z.object({ importId: z.number().int() }),
  ),
] as const;
