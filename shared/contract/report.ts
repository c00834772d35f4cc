import { z } from 'zod';
import { handlerSpec } from './define';

/** The 7-30% of available revenue that vendors report lost to churn and missed cross-sell in B2B. */
export const INDUSTRY_BAND = { low: 0.07, high: 0.3 } as const;

export type BandPosition = 'below' | 'within' | 'above';

export type ReportBuilt = {
  path: string;
  bytes: number;
  format: 'html';
  runId: number;
  asOf: string;
  dataHash: string;
  version: string;
  anonymised: boolean;
};

/** Metrics a client is ranked on against the other clients of the portfolio. */
export const PORTFOLIO_METRICS = [
  'revenue12m',
  'leakageShare',
  'recoveryShare',
  'growthShare',
  'topFifthRevenueShare',
] as const;
export type PortfolioMetric = (typeof PORTFOLIO_METRICS)[number];

export type PortfolioRow = {
  /** Stable within one answer: 'client-1', 'client-2', ... in row order. */
  id: string;
  /** The client name, or 'Client A', 'Client B', ... when anonymised. */
  label: string;
  /** Workspace file; null when anonymised (file names tend to carry the client's name). */
  path: string | null;
  status: 'ok' | 'no-analysis' | 'unreadable';
  /** The workspace's data changed after the run its figures come from (an import since): its caveats lead with it. */
  dataChanged: boolean;
  /**
   * The client's data has no dates (a spend table): its leakage is growth alone, so it is set against
   * neither the band (churn and cross-sell together) nor the other clients' shares.
   */
  growthOnly: boolean;
  /** Why a workspace could not be used, in words; null when status is 'ok'. */
  problem: string | null;
  currency: string;
  dateFrom: string | null;
  dateTo: string | null;
  /** Whole months between the first and last transaction (inclusive). */
  months: number | null;
  asOf: string | null;
  runId: number | null;
  /** The settings of the run that differ from the defaults, in words; null for the default method or no run. */
  customSettings: string | null;
  revenue12m: number | null;
  customers: number | null;
  activeCustomers: number | null;
  longTailCustomers: number | null;
  /** Long-tail customers over customers that bought in the last 12 months. */
  longTailCustomerShare: number | null;
  /** Share of 12-month revenue made outside the strategic accounts (the strategic setting's complement, give or take the customer that crosses it). */
  longTailRevenueShare: number | null;
  /** Share of 12-month revenue made by the top fifth of the customers that bought in those months: how concentrated the book is. */
  topFifthRevenueShare: number | null;
  recovery: number | null;
  growth: number | null;
  leakage: number | null;
  /** Leakage over 12-month revenue. */
  leakageShare: number | null;
  recoveryShare: number | null;
  growthShare: number | null;
  band: BandPosition | null;
  profiles: number | null;
  precision: number | null;
  recall: number | null;
  /** Backtest, customer level: share of the realised loss our flags held, that over the best naive rule's, and stated over realised money. */
  lossCaptured: number | null;
  capturedVsBestRule: number | null;
  moneyCalibration: number | null;
  /**
   * Backtest, growth: share of the growth actions their customers took up unprompted, and that over
   * the better popularity rule's (same number of suggestions); null with one category or no backtest.
   */
  growthTakeUp: number | null;
  growthTakeUpVsRule: number | null;
  /** The customer-level backtest against its three targets; null without one (not asked, no dates, too short a history to replay). */
  backtestVerdict?: PortfolioBacktestVerdict | null;
  /** What weakens this client's figures, in words: the run's own caveats and what the comparison reads doubtfully. */
  caveats?: string[];
  /** 0..1: the share of the other usable clients this client is above (ties count half); null alone. */
  percentile: Record<PortfolioMetric, number | null>;
};

/**
 * Capture at least CAPTURE_MARGIN x the best naive rule's, precision no lower than the better
 * money-minded rule's, money stated within CALIBRATION_BAND of the loss that followed; or why none
 * could be judged.
 */
export type PortfolioBacktestVerdict =
  | { judged: true; capture: boolean; precision: boolean; money: boolean }
  | { judged: false; why: 'too few declines' | 'no customers flagged' };

export type Portfolio = {
  band: { low: number; high: number };
  rows: PortfolioRow[];
  /** Range of leakage share over usable clients, for "the clients we have seen range 9-26%". */
  leakageShareRange: { min: number; max: number; median: number } | null;
  anonymised: boolean;
  /** The currencies of the usable clients, when more than one: amounts are not converted, so revenue is not ranked across them. */
  currencies?: string[];
};

export type BenchmarkExported = {
  path: string;
  format: 'xlsx' | 'csv';
  rows: number;
  anonymised: boolean;
  /** What was written, so a caller can show it without reading every workspace again. */
  portfolio: Portfolio;
};

const workspaceSet = {
  /** Workspace files to compare. */
  paths: z.array(z.string().min(1)).optional(),
  /** Every *.longtail file directly inside this folder. */
  folder: z.string().min(1).optional(),
  /** Show clients as Client A, B, ... and leave out every client and customer name. */
  anonymise: z.boolean().default(false),
  /** Run a backtest per workspace for precision/recall (slow on big data). */
  backtest: z.boolean().default(false),
};

export const reportSpecs = [
  handlerSpec<ReportBuilt>()(
    'report-build',
    z.object({
      /** Where to write the HTML file. */
      out: z.string().min(1, 'Give the path of the report file to write'),
      /** Another workspace file; default: the open workspace (which stays open and untouched). */
      workspace: z.string().min(1).optional(),
      runId: z.number().int().optional(),
      anonymise: z.boolean().default(false),
      /** How many actions the report lists. */
      topActions: z.number().int().min(1).max(500).default(25),
      overwrite: z.boolean().default(true),
    }),
  ),
  handlerSpec<Portfolio>()('portfolio-summarise', z.object(workspaceSet), { longRunning: true }),
  handlerSpec<BenchmarkExported>()(
    'benchmark-export',
    z.object({
      ...workspaceSet,
      /** comparison.xlsx or comparison.csv: the extension picks the format. */
      out: z.string().regex(/\.(xlsx|csv)$/i, 'The output file must end in .xlsx or .csv'),
    }),
    { longRunning: true },
  ),
] as const;
