import { makeFormatters } from '../../../renderer/src/app/format';
import { INDUSTRY_BAND, PORTFOLIO_METRICS, type PortfolioMetric, type PortfolioRow } from '../../../shared/contract/report';
import type { KQuality, ProfileResult } from '../../../shared/model/results';

/** Fixed locale so labels are the same on every machine. */
export const fmt = makeFormatters('USD', 'en-US');

export const quality: KQuality[] = [
  { k: 2, silhouette: 0.31, sse: 900, converged: true, iterations: 8 },
  { k: 3, silhouette: 0.42, sse: 610, converged: true, iterations: 11 },
  { k: 4, silhouette: 0.47, sse: 420, converged: true, iterations: 14 },
  { k: 5, silhouette: 0.39, sse: 380, converged: false, iterations: 100 },
];

export const categories = ['Dairy', 'Meat', 'Seafood'];

export const profiles: ProfileResult[] = [
  { id: 1, label: 'Dairy heavy', mix: [0.7, 0.2, 0.1], penetration: [1, 0.6, 0.3], bestMembers: 10, members: 120, revenue12m: 500000 },
  { id: 2, label: 'Meat + Seafood', mix: [0.1, 0.5, 0.4], penetration: [0.4, 1, 0.9], bestMembers: 8, members: 90, revenue12m: 300000 },
];

const percentile = Object.fromEntries(PORTFOLIO_METRICS.map((m) => [m, null])) as Record<PortfolioMetric, null>;

/** A compared client's row: its leakage split as given, every other figure plausible and fixed. */
export function portfolioRow(label: string, recoveryShare: number, growthShare: number, extra: Partial<PortfolioRow> = {}): PortfolioRow {
  const leakageShare = recoveryShare + growthShare;
  return {
    id: `client-${label}`,
    label,
    path: null,
    status: 'ok',
    dataChanged: false,
    growthOnly: false,
    problem: null,
    currency: 'USD',
    customSettings: null,
    dateFrom: '2024-01-01',
    dateTo: '2025-12-31',
    months: 24,
    asOf: '2025-12-31',
    runId: 1,
    revenue12m: 1_000_000,
    customers: 400,
    activeCustomers: 350,
    longTailCustomers: 300,
    longTailCustomerShare: 0.85,
    longTailRevenueShare: 0.3,
    topFifthRevenueShare: 0.7,
    recovery: recoveryShare * 1_000_000,
    growth: growthShare * 1_000_000,
    leakage: leakageShare * 1_000_000,
    leakageShare,
    recoveryShare,
    growthShare,
    band: leakageShare < INDUSTRY_BAND.low ? 'below' : leakageShare > INDUSTRY_BAND.high ? 'above' : 'within',
    profiles: 4,
    precision: null,
    recall: null,
    lossCaptured: null,
    capturedVsBestRule: null,
    moneyCalibration: null,
    growthTakeUp: null,
    growthTakeUpVsRule: null,
    percentile,
    ...extra,
  };
}
