import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import type { ImportSummary } from '../../../shared/contract/import';
import type { Action, AnalysisSummary, LeakageRow } from '../../../shared/model/results';
import type { ClientFacts, ReportSource } from '../../../main/backend/report/source';

const row = (key: string, recovery: number, growth: number, revenue12m: number): LeakageRow => ({
  key,
  recovery,
  growth,
  total: recovery + growth,
  revenue12m,
  share: (recovery + growth) / revenue12m,
});

/** A hand-made analysis result: revenue, leakage split and names chosen by the test. */
export function summary(options: { revenue12m: number; recovery: number; growth: number; runId?: number; dataHash?: string }): AnalysisSummary {
  const { revenue12m, recovery, growth } = options;
  const total = recovery + growth;
  const share = total / revenue12m;
  return {
    runId: options.runId ?? 3,
    createdAt: '2026-01-15T09:00:00.000Z',
    asOf: '2025-12-31',
    settings: defaultAnalysisSettings(),
    currency: 'USD',
    hasDates: true,
    categories: ['Dairy', 'Produce', '<script>alert(1)</script>'],
    revenue12m,
    customers: { total: 120, active12m: 100, strategic: 20, longTail: 80, best: 30 },
    strategicRevenueShare: 0.78,
    pareto: [
      { customerShare: 0, revenueShare: 0 },
      { customerShare: 0.2, revenueShare: 0.78 },
      { customerShare: 1, revenueShare: 1 },
    ],
    k: 2,
    suggestedK: 2,
    quality: [],
    profiles: [
      { id: 0, label: 'Dairy heavy', mix: [0.7, 0.2, 0.1], penetration: [1, 0.6, 0.2], bestMembers: 12, members: 60, revenue12m: revenue12m * 0.6 },
      { id: 1, label: 'Produce heavy', mix: [0.1, 0.8, 0.1], penetration: [0.3, 1, 0.2], bestMembers: 18, members: 40, revenue12m: revenue12m * 0.4 },
    ],
    leakage: {
      recovery,
      growth,
      total,
      revenue12m,
      share,
      band: { low: 0.07, high: 0.3, position: share < 0.07 ? 'below' : share > 0.3 ? 'above' : 'within' },
      by: {
        territory: [row('North', recovery * 0.7, growth * 0.5, revenue12m * 0.6), row('South', recovery * 0.3, growth * 0.5, revenue12m * 0.4)],
        rep: [row('Rita Rep', recovery, growth, revenue12m)],
        category: [row('Dairy', recovery, 0, revenue12m * 0.5), row('Produce', 0, growth, revenue12m * 0.5)],
        tier: [row('long-tail', recovery, growth, revenue12m * 0.22)],
        profile: [row('Dairy heavy', recovery, growth, revenue12m * 0.6)],
      },
    },
    counts: { growthActions: 1, recoveryActions: 1 },
    notes: ['No product ids: growth works on categories only.'],
    timings: {},
    dataHash: options.dataHash ?? 'abc123def456',
  };
}

export function action(kind: Action['kind'], customerName: string, expectedRevenue: number, reason: string): Action {
  const code = `C-${customerName.length}`;
  return {
    id: `${kind}:${code}:Dairy`,
    kind,
    customerCode: code,
    customerName,
    category: 'Dairy',
    expectedRevenue,
    priority: 80,
    reason,
    facts: { customer: customerName },
    tier: 'long-tail',
    profile: 0,
    rep: 'Rita Rep',
    territory: 'North',
  };
}

export function info(clientName: string, overrides: Partial<WorkspaceInfo> = {}): WorkspaceInfo {
  return {
    path: `/clients/${clientName}.longtail`,
    fileName: `${clientName}.longtail`,
    clientName,
    currency: 'USD',
    currencySource: 'user',
    createdAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 2,
    appVersion: '0.1.0',
    imports: 1,
    transactions: 5000,
    customers: 120,
    categories: 3,
    dateFrom: '2023-01-01',
    dateTo: '2025-12-31',
    hasDates: true,
    revenue: 3_000_000,
    lastAnalysis: null,
    // The data the fixture summaries were run on: a fixture client's run is its latest.
    dataHash: 'abc123def456',
    readOnly: false,
    ...overrides,
  };
}

export function importSummary(file: string, rejectedValue: string): ImportSummary {
  return {
    importId: 1,
    file,
    sha256: 'f00d',
    sheet: null,
    shape: 'transactions',
    dryRun: false,
    rowsRead: 5002,
    rowsImported: 5000,
    rowsRejected: 2,
    rowsSkipped: 0,
    returns: 12,
    customers: 120,
    categories: 3,
    products: 0,
    dateFrom: '2023-01-01',
    dateTo: '2025-12-31',
    revenue: 3_000_000,
    mapping: { customer: 'Customer' },
    dateFormat: 'iso',
    rejectsSample: [{ row: 17, column: 'Date', value: rejectedValue, reason: 'not a date' }],
    warnings: [`2023-01-01..2023-03-31 overlaps an earlier import (${file})`],
    startedAt: '2026-01-15T09:00:00.000Z',
    finishedAt: '2026-01-15T09:00:01.000Z',
    durationMs: 1000,
  };
}

export function source(clientName: string, s: AnalysisSummary, actions: Action[], imports: ImportSummary[]): ReportSource {
  return { info: info(clientName), summary: s, actions, imports, backtest: null, acrossDates: null };
}

export function facts(clientName: string, s: AnalysisSummary | null, problem: string | null = null): ClientFacts {
  return {
    path: `/clients/${clientName}.longtail`,
    info: info(clientName),
    summary: s,
    backtest: null,
    problem,
    problemCode: problem ? 'NO_ANALYSIS' : null,
  };
}
