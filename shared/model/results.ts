import type { AnalysisSettings } from '../contract/settings';
import type { RecoveryOverview } from '../analytics/recovery/overview';
import type { ProductLevelInfo } from './products';
import type { BgNbdFitReport } from './bgnbd';

/** Results of one analysis run. Customers and categories are named by code/name, never by index. */
export type Tier = 'strategic' | 'long-tail' | 'inactive';
export type ActionKind = 'growth' | 'recovery';

export type CustomerResult = {
  code: string;
  name: string;
  tier: Tier;
  /** Nearest profile id, null when the customer bought nothing in the last 12 months. */
  profile: number | null;
  /** Distance to the nearest profile's centre (smaller = closer match). */
  affinity: number | null;
  isBest: boolean;
  revenue12m: number;
  /** Share of 12-month revenue per category, aligned with the run's category list. */
  mix: number[];
  breadth: number;
  purchases: number;
  recencyDays: number | null;
  tenureDays: number | null;
  /** BG/NBD probability that the customer is still active; null without dates. */
  pAlive: number | null;
  /**
   * Its bar in the BG/NBD holdout check: repeat purchases in the calibration period, 7 for 7 or
   * more; null outside the check's cohort (no purchase by the calibration end, no dates) and on
   * runs stored before the bars were kept per customer.
   */
  holdoutGroup: number | null;
  atRiskRevenue: number;
  growthRevenue: number;
  rep: string | null;
  territory: string | null;
  segment: string | null;
};

/**
 * A run's customers one at a time, in dataset order, for the save: at 20M rows the 555k customer
 * objects (a mix array each) held about 0.23 GB of heap at the run's peak only to be written out.
 */
export type CustomerRows = {
  count: number;
  code: (i: number) => string;
  /** The mix may be a view into the features' customers x categories table rather than a copy. */
  row: (i: number) => Omit<CustomerResult, 'mix'> & { mix: ArrayLike<number> };
};

export type ProfileResult = {
  id: number;
  /** Automatic descriptive label, e.g. "Meat + Produce heavy". */
  label: string;
  /** Typical category mix (mean share per category), aligned with categories. */
  mix: number[];
  /** Share of the profile's best customers that buy each category. */
  penetration: number[];
  /** Best customers the profile was built from. */
  bestMembers: number;
  /** All customers matched to it. */
  members: number;
  revenue12m: number;
};

export type KQuality = {
  k: number;
  /** Mean silhouette on a seeded sample (not simple-statistics' silhouetteMetric, which is the max). */
  silhouette: number;
  /** Within-cluster sum of squared errors. */
  sse: number;
  converged: boolean;
  iterations: number;
  /**
   * Mean adjusted Rand index of fits on seeded 80% subsamples against the full fit (1 = the same
   * profiles every time); null where it could not change the choice and was not measured.
   */
  stability?: number | null;
  /** The smallest profile's share of the sample. */
  smallestShare?: number;
  /**
   * The silhouette of the same k on a cloud with the sample's spread and no groups (what cutting
   * alone gives on data of this shape); absent on sweeps that did not measure it.
   */
  reference?: number;
};

export type Action = {
  /** Stable across runs: `${kind}:${customerCode}:${category}`. */
  id: string;
  kind: ActionKind;
  customerCode: string;
  customerName: string;
  category: string;
  expectedRevenue: number;
  /** 0..100, higher = call first. */
  priority: number;
  /** Plain words with the numbers behind them. */
  reason: string;
  /** The numbers behind the reason, for tables and exports. */
  facts: Record<string, number | string | null>;
  /**
   * A whole-account recovery (category 'All categories'): its money split over the categories it
   * bought, with what the customer kept of each in the 12 months before (null on runs stored before
   * it was kept). `spread`: a slipping account's money beyond what its slipping categories kept,
   * carried by a category that is not itself slipping.
   */
  breakdown?: { category: string; atRisk: number; spend12m: number | null; spread?: boolean }[];
  tier: Tier;
  profile: number | null;
  rep: string | null;
  territory: string | null;
};

export type ParetoPoint = { customerShare: number; revenueShare: number };

export type LeakageRow = {
  key: string;
  recovery: number;
  growth: number;
  total: number;
  revenue12m: number;
  /** total / revenue12m (0 when there is no revenue). */
  share: number;
};

export type LeakageDimension = 'territory' | 'rep' | 'category' | 'tier' | 'profile';

export type Leakage = {
  recovery: number;
  growth: number;
  total: number;
  revenue12m: number;
  share: number;
  /**
   * The days revenue, growth and leakage cover: 365, or the days since the data began when it is
   * younger than a year (recovery is put on the same footing). Absent on runs stored before: 365.
   */
  windowDays?: number;
  /** The industry band (7-30% of available revenue) and where this data falls. */
  /** position: null where the run is not set against the band (no dates, under MIN_BAND_DAYS of data: unbandedWhy). */
  band: { low: number; high: number; position: 'below' | 'within' | 'above' | null };
  by: Record<LeakageDimension, LeakageRow[]>;
};

export type { BacktestAcrossDates, DatePoint, TargetsMet } from '../analytics/holdout';
export type { BacktestReport, BacktestLevel, BacktestRow, BacktestVerdict, BacktestMethod, ChanceBand, GrowthBacktest, GrowthMethod, GrowthRow, ListDifference, ListPart } from '../analytics/holdout';

export type AnalysisSummary = {
  runId: number;
  createdAt: string;
  asOf: string;
  settings: AnalysisSettings;
  currency: string;
  hasDates: boolean;
  categories: string[];
  revenue12m: number;
  /** bestRelaxed: fewer than 20 met the best-customer setting, so `best` counts every active customer. */
  customers: { total: number; active12m: number; strategic: number; longTail: number; best: number; bestRelaxed?: boolean };
  strategicRevenueShare: number;
  pareto: ParetoPoint[];
  k: number;
  suggestedK: number;
  /** Whether the scores show buying patterns at all, and why ('none': one peer group for everyone). */
  structure?: { state: 'clear' | 'weak' | 'none'; reason: string; oneMix?: true; tooSmall?: true };
  /** The elbow of the within-cluster error curve, a second opinion beside the suggested k. */
  elbowK?: number | null;
  quality: KQuality[];
  profiles: ProfileResult[];
  leakage: Leakage;
  counts: { growthActions: number; recoveryActions: number };
  /** How recovery was decided (horizon, value floor, the learned model); absent without dates and in runs before it existed. */
  recovery?: RecoveryOverview | null;
  /** The BG/NBD fit behind P(alive): parameters, holdout check, verdict. Absent on runs saved before it was reported. */
  bgnbd?: BgNbdFitReport | null;
  /** The smallest growth action listed, in money a year; absent on runs saved before it was reported. */
  growthFloor?: number;
  /** Why growth listed nothing, where the data has categories to sell (absent on older runs and where it listed some). */
  growthNone?: string;
  /** Plain-words notes on what the run could and could not do, e.g. no dates: no recovery. */
  notes: string[];
  /** The notes that weaken a figure, each also in `notes`; absent on runs stored before they were marked. */
  caveats?: string[];
  timings: Record<string, number>;
  dataHash: string;
  /** Which product level the run used and why, with the non-product lines left out. */
  productLevel?: ProductLevelInfo | null;
};
