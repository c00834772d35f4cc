import { z } from 'zod';

/**
 * What an ISO date field says of a value that is none: zod's own words were 'Invalid ISO date'. The
 * caller already shows what was typed, so the message says what to write instead: a day-first or
 * month-first date that can only be read one way is turned round for the user to copy.
 */
export const REAL_DATE = (issue: { input?: unknown }): string => {
  const typed = typeof issue.input === 'string' ? issue.input.trim() : '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(typed)) return `must be a real date: ${typed} is no day of the calendar`;
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  if (parts) {
    const [first, second] = [Number(parts[1]), Number(parts[2])];
    const two = (n: number): string => String(n).padStart(2, '0');
    if (first > 12 && second <= 12) return `must be a date written YYYY-MM-DD, year first (as ${parts[3]}-${two(second)}-${two(first)})`;
    if (second > 12 && first <= 12) return `must be a date written YYYY-MM-DD, year first (as ${parts[3]}-${two(first)}-${two(second)})`;
  }
  return 'must be a date written YYYY-MM-DD, year first, then month, then day';
};

// Every threshold of ../docs/analytics.md is a user setting with a default, stored with the results.
export const recoverySettingsSchema = z.object({
  /** Fewer purchases than this (distinct purchase days) = no rhythm yet: no recovery action. */
  minPurchases: z.number().int().min(2).max(50).default(4),
  /** Late when the gap since the last purchase exceeds this many of the customer's own cycles. */
  lateness: z.number().min(1).max(10).default(2),
  /** Irregular buyers: the allowance widens by this many standard deviations of their intervals. */
  volatilityAllowance: z.number().min(0).max(5).default(1.5),
  /** Declining when trailing spend falls below this share of the same-season baseline. */
  declineThreshold: z.number().min(0.05).max(0.95).default(0.5),
  /** Judge seasonal categories against the same months of earlier years. */
  seasonal: z.boolean().default(true),
  /** Widen what counts as late for volatile buyers. */
  volatility: z.boolean().default(true),
  /**
   * A customer that bought only once gets a win-back once it has been silent longer than repeat
   * buyers here usually take to order again. Off, it gets no action at all: analytics.md's
   * one-time rule read literally (one purchase has no rhythm), at the cost of the money the naive
   * recency rules catch there (docs/method.md).
   */
  winBackOnce: z.boolean().default(true),
  /** Recovery actions worth less than this a year (currency) are not worth a call: a relationship by its run-rate or 12-month spend, a whole-account action by its customer's (docs/method.md). */
  minRevenue: z.number().min(0).default(0),
  /** Money at risk is stated over this many days ahead; the backtest checks it over the same span. */
  horizonDays: z.number().int().min(30).max(730).default(365),
  /**
   * Act when the chance that the slide is real is at least this: the probability, learned from the
   * data's own past, that the customer (or relationship) spends under half its usual over the horizon.
   */
  minProbability: z.number().min(0.05).max(0.95).default(0.5),
  /**
   * Relationships worth less than this over the horizon fold into their customer's action instead of
   * being listed; null = a quarter of what the median active customer spends over the horizon.
   */
  valueFloor: z.number().min(0).nullable().default(null),
  /**
   * How the recovery list is ordered: 'balanced' weighs the chance of a slide as much as the data
   * asks (see recovery/call-order.ts); 'money' puts money at risk x chance first; 'sure' the surest
   * calls first, for reps who should spend their calls where slides are likeliest.
   */
  listOrder: z.enum(['balanced', 'money', 'sure']).default('balanced'),
});

export type ListOrder = z.infer<typeof recoverySettingsSchema>['listOrder'];
/** Every list order, in the order a control offers them. */
export const LIST_ORDERS: readonly ListOrder[] = recoverySettingsSchema.shape.listOrder.unwrap().options;

export const growthSettingsSchema = z.object({
  /** A category is recommended only when at least this share of the profile's best customers buys it. */
  minPenetration: z.number().min(0.05).max(1).default(0.5),
  /** Expected spend = this quantile of what buying peers of similar size spend on the category. */
  peerQuantile: z.number().min(0.05).max(0.95).default(0.5),
  /** At least this many buying peers, so one stray purchase never drives a recommendation. */
  minPeers: z.number().int().min(2).max(1000).default(5),
  /** "Buys far below": spend under this share of what peers of its size spend counts as a gap. */
  underBuyRatio: z.number().min(0).max(1).default(0.2),
  /**
   * Growth is for customers that are still there: none for a customer whose BG/NBD probability
   * alive is below this, nor for one that stopped buying everything (a 'lapsed-all' recovery).
   * Such a customer's money is already counted as recovery; selling it more would count it twice.
   */
  minPAlive: z.number().min(0).max(1).default(0.2),
  /**
   * A growth action must be expected to bring at least this share of the median active customer's
   * 12-month revenue a year; smaller ones are not worth a rep's call. 0 keeps every action. A tenth,
   * the same bar as a recovery call's value floor: a call should be worth a tenth of what a typical
   * customer spends in a year (at 2% Online Retail's median action was £26 a year).
   */
  minValueShare: z.number().min(0).max(5).default(0.1),
});

export const analysisSettingsSchema = z.object({
  /** ISO date (YYYY-MM-DD); null = the last transaction date. */
  asOf: z.iso.date({ error: REAL_DATE }).nullable().default(null),
  /** Strategic accounts are the top customers that together make this share of revenue. */
  strategicShare: z.number().min(0.5).max(0.99).default(0.8),
  best: z
    .object({
      /** Best customers: revenue at or above this quantile of customers that bought in the last 12 months... */
      minRevenueQuantile: z.number().min(0).max(0.99).default(0.5),
      /** ...and at least this many categories bought. */
      minBreadth: z.number().int().min(1).max(50).default(3),
    })
    .prefault({}),
  /** 'auto' takes the suggested k from the quality scores. */
  k: z.union([z.literal('auto'), z.number().int().min(2).max(15)]).default('auto'),
  kMin: z.number().int().min(2).max(15).default(2),
  kMax: z.number().int().min(2).max(15).default(12),
  /** A profile must hold at least this share of the best customers; a k that needs smaller ones is not suggested. */
  minProfileShare: z.number().min(0).max(0.5).default(0.05),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  restarts: z.number().int().min(1).max(50).default(5),
  recovery: recoverySettingsSchema.prefault({}),
  growth: growthSettingsSchema.prefault({}),
})
  // Checked at the door: a k outside the range the sweep tries, or a range upside down, had run as one profile.
  .superRefine((s, ctx) => {
    if (s.kMin > s.kMax) ctx.addIssue({ code: 'custom', path: ['kMin'], message: `kMin ${s.kMin} is above kMax ${s.kMax}: the range of k to try runs from the smaller to the larger` });
    else if (typeof s.k === 'number' && (s.k < s.kMin || s.k > s.kMax)) {
      ctx.addIssue({ code: 'custom', path: ['k'], message: `k ${s.k} is outside the range tried, ${s.kMin} to ${s.kMax}: widen kMin or kMax to take it` });
    }
  });

export type RecoverySettings = z.infer<typeof recoverySettingsSchema>;
export type GrowthSettings = z.infer<typeof growthSettingsSchema>;
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;
/** What a caller may send: any subset, defaults fill the rest. */
export type AnalysisSettingsInput = z.input<typeof analysisSettingsSchema>;

export const defaultAnalysisSettings = (): AnalysisSettings => analysisSettingsSchema.parse({});

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const underDefaults = (defaults: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(defaults).map(([key, d]) => [key, isRecord(d) && isRecord(stored[key]) ? underDefaults(d, stored[key]) : key in stored ? stored[key] : d]));

/**
 * A run's stored settings as today's schema reads them: a setting added since the run was stored
 * takes its default (which is what that run did: e.g. a list order before the setting existed was
 * the balanced one). A value today's bounds would refuse is kept as the run used it.
 */
export function storedSettings(stored: unknown): AnalysisSettings {
  const parsed = analysisSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  return underDefaults(defaultAnalysisSettings(), isRecord(stored) ? stored : {}) as AnalysisSettings;
}
