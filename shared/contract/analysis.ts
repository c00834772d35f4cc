import { z } from 'zod';
import { handlerSpec } from './define';
import { analysisSettingsSchema, REAL_DATE, recoverySettingsSchema } from './settings';
import type {
  Action,
  AnalysisSummary,
  BacktestAcrossDates,
  BacktestReport,
  CustomerResult,
  ProfileResult,
} from '../model/results';
import type { SettingChange } from '../model/settings-changes';
import type { CallOrder } from '../analytics/recovery/call-order';
import { SLICE_DIMENSIONS, type SliceGroup } from '../model/slice';
import { HOLDOUT_LAST_GROUP } from '../model/bgnbd';

/** How far back a backtest looks when no date is given: the report's portfolio rows use it too. */
export const BACKTEST_HORIZON_DAYS = 180;
/** A backtest's horizon when one is asked for: the span the settings allow money at risk over. */
const backtestHorizon = recoverySettingsSchema.shape.horizonDays.unwrap().optional();
/** Most as-of dates one backtest across dates replays: each is a whole analysis. */
export const BACKTEST_MAX_DATES = 12;

export type RunListItem = {
  runId: number;
  createdAt: string;
  asOf: string;
  k: number;
  leakageTotal: number;
  leakageShare: number;
  recoveryActions: number;
  growthActions: number;
  /** Settings that differ from the defaults: empty for a run of the default method. */
  changes: SettingChange[];
};

/** One side of a run comparison. */
export type RunSide = Omit<RunListItem, 'changes'> & { dataHash: string };

export type ActionChange = {
  count: number;
  expectedRevenue: number;
  /** The largest ones, by expected revenue. */
  largest: { kind: 'growth' | 'recovery'; customerCode: string; customerName: string; category: string; expectedRevenue: number }[];
};

export type RunComparison = {
  before: RunSide;
  after: RunSide;
  /** False when the data changed between the runs (an import in between), not only the settings. */
  sameData: boolean;
  /** Settings of `after` that differ from `before` (base = before's value). */
  settings: SettingChange[];
  /** Actions (customer x category x kind) in `after` and not in `before`, and the reverse. */
  appeared: ActionChange;
  disappeared: ActionChange;
};

export type CustomerDetail = {
  customer: CustomerResult;
  profile: ProfileResult | null;
  categories: string[];
  /** Revenue per month (YYYY-MM) per category, aligned with categories; the last 24 months. */
  monthly: { month: string; byCategory: number[] }[];
  /** Purchase days (ISO) per category with revenue: the timeline. */
  purchases: { date: string; category: string; revenue: number }[];
  /** The customer's own rhythm per category it buys. */
  cycles: {
    category: string;
    purchases: number;
    medianIntervalDays: number | null;
    /**
     * The cycle recovery judges lateness and the due date by: the mean days between purchase days
     * (in-season days for a seasonal category); null without a rhythm.
     */
    cycleDays: number | null;
    lastPurchase: string;
    /** When the next purchase was due by its own cycle; null without a rhythm. */
    expectedBy: string | null;
    seasonal: boolean;
    volatile: boolean;
  }[];
  actions: Action[];
};

export type RecoveryEvaluation = {
  count: number;
  atRisk: number;
  customers: number;
  /** Of `count`, the whole-customer actions (silent or slipping accounts), priced and mostly decided by the learned chance of a slide. */
  wholeCustomers: number;
  /** How actions and money change with the lateness threshold, the current one included. */
  curve: { lateness: number; count: number; atRisk: number }[];
  elapsedMs: number;
  /** The top recovery actions these settings would list (at most `actionsLimit`), ranked as a run ranks them; only when asked for. */
  actions?: Action[];
  /** How many they are in all, when `actions` was asked for. */
  actionsTotal?: number;
  /** How those actions are ordered (the weight on sureness at each level), when `actions` was asked for. */
  order?: CallOrder;
};

/** Just what the customer scatter draws: a tenth of the bytes of full customer rows at 30k customers. */
export type CustomerPoint = { code: string; name: string; revenue12m: number; breadth: number; profile: number | null };

/**
 * The profiles another number of profiles would give, before anything is stored: what a re-run with
 * that k shows. pointProfiles holds one profile id per customer in `analysis-points` order (0: no
 * profile), so the scatter recolours without a second list of customers.
 */
export type KPreview = {
  runId: number;
  k: number;
  profiles: ProfileResult[];
  converged: boolean;
  pointProfiles: number[];
  /** Where it came from: this session's cache, the workspace (kept from an earlier preview) or fitted now. */
  source: 'session' | 'workspace' | 'computed';
};

const runId = z.number().int().optional();
const sortDir = z.enum(['asc', 'desc']).default('desc');
const tier = z.enum(['strategic', 'long-tail', 'inactive']);
/** The fields of a Slice (shared/model/slice): what a drill-down or cross-filter narrows to. */
const slice = {
  kind: z.enum(['growth', 'recovery']).optional(),
  territory: z.string().optional(),
  rep: z.string().optional(),
  category: z.string().optional(),
  tier: tier.optional(),
  profile: z.number().int().optional(),
  repeats: z.number().int().min(0).max(HOLDOUT_LAST_GROUP).optional(),
};

export const analysisSpecs = [
  handlerSpec<AnalysisSummary>()(
    'analysis-run',
    z.object({ settings: analysisSettingsSchema.prefault({}) }),
    { longRunning: true },
  ),
  handlerSpec<AnalysisSummary>()('analysis-summary', z.object({ runId })),
  handlerSpec<RunListItem[]>()('analysis-runs', z.object({})),
  handlerSpec<RunComparison>()('analysis-compare', z.object({ before: z.number().int(), after: z.number().int() })),
  handlerSpec<{ total: number; rows: CustomerResult[] }>()(
    'analysis-customers',
    z.object({
      runId,
      // kind and category keep the customers that have such an action, and their at-risk and growth
      // money is then the slice's: those actions only, a category's part of an account-wide recovery.
      ...slice,
      search: z.string().optional(),
      sort: z
        .enum(['revenue12m', 'breadth', 'atRiskRevenue', 'growthRevenue', 'pAlive', 'name', 'recencyDays'])
        .default('revenue12m'),
      dir: sortDir,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(100000).default(500),
    }),
  ),
  handlerSpec<{ total: number; totalExpected: number; customers: number; rows: Action[]; groups?: SliceGroup[] }>()(
    'analysis-actions',
    z.object({
      runId,
      ...slice,
      /** Also break the matching actions down by this dimension, largest money first. */
      groupBy: z.enum(SLICE_DIMENSIONS).optional(),
      search: z.string().optional(),
      /**
       * 'weighted': the list's order, the one the backtest scores recovery flags in: a recovery call's
       * chance of the slide x (money at risk + its level's weight), a growth gap's money x the share
       * of peers that buy the category.
       */
      sort: z.enum(['expectedRevenue', 'priority', 'weighted', 'customerName', 'category']).default('priority'),
      dir: sortDir,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(100000).default(500),
    }),
  ),
  handlerSpec<{ total: number; rows: CustomerPoint[] }>()('analysis-points', z.object({ runId })),
  handlerSpec<KPreview>()('analysis-k-preview', z.object({ runId, k: z.number().int().min(1).max(15) })),
  handlerSpec<CustomerDetail>()('analysis-customer', z.object({ runId, code: z.string().min(1) })),
  handlerSpec<RecoveryEvaluation>()(
    'analysis-recovery-evaluate',
    z.object({
      runId,
      recovery: recoverySettingsSchema.prefault({}),
      withActions: z.boolean().default(false),
      /** A slider step lists the top actions only: sending all 5,000 of a 30k-customer run took 2 s. */
      actionsLimit: z.number().int().min(1).max(100_000).default(500),
    }),
  ),
  handlerSpec<BacktestReport>()(
    'analysis-backtest',
    z.object({
      runId,
      /** Analyse as of this earlier date (default: the latest date that leaves the whole horizon to watch). */
      asOf: z.iso.date({ error: REAL_DATE }).optional(),
      /** Days watched after it (default: the run's recovery horizon, shortened to fit the data). */
      horizonDays: backtestHorizon,
    }),
    { longRunning: true },
  ),
  /** The run's last backtest as it was kept (null before any): shown again without replaying. */
  handlerSpec<{ report: BacktestReport | null }>()('analysis-backtest-last', z.object({ runId })),
  handlerSpec<BacktestAcrossDates>()(
    'analysis-backtest-dates',
    z.object({
      runId,
      /** How many as-of dates, spread evenly from the first the data allows to the last. */
      dates: z.number().int().min(2).max(BACKTEST_MAX_DATES),
      /** Days watched after each (default: as for one backtest). */
      horizonDays: backtestHorizon,
    }),
    { longRunning: true },
  ),
  /** The run's last backtest across dates as it was kept (null before any). */
  handlerSpec<{ result: BacktestAcrossDates | null }>()('analysis-backtest-dates-last', z.object({ runId })),
] as const;
