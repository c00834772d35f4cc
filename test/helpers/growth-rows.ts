import type { GrowthBacktest, GrowthRow } from '../../shared/model/results';

/** All the new spend beyond prior rates in the made-up growth backtests the tests draw and print. */
export const TOTAL_UPLIFT = 640_000;

/** One method's row of a growth backtest: 1,320 suggestions to 700 customers, shares as given. */
export const growthRow = (method: GrowthRow['method'], label: string, takeUpRate: number, upliftShare: number, stated: number | null = null): GrowthRow => ({
  method,
  label,
  suggestions: 1320,
  customers: 700,
  takenUp: Math.round(takeUpRate * 1320),
  takeUpRate,
  uplift: upliftShare * TOTAL_UPLIFT,
  upliftShare,
  stated,
});

/** A made-up growth backtest of these rows, its verdict as given (Online Retail II's shape, rounded). */
export const growthBacktestOf = (rows: GrowthRow[], verdict: GrowthBacktest['verdict']): GrowthBacktest => ({
  horizonDays: 100,
  priorDays: 274,
  businessIndex: 1.68,
  activeCustomers: 3309,
  missingPairs: 12_761,
  totalUplift: TOTAL_UPLIFT,
  rows,
  verdict,
});
