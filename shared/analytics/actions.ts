import type { Action, Tier } from '../model/results';
import type { Dataset } from '../model/dataset';
import type { GrowthGap } from './growth';

/** What the recovery model hands over per flagged relationship (structurally C2's RecoveryFlag). */
export type RecoveryFlagInput = {
  customer: number;
  category: number;
  atRiskRevenue: number;
  /** 0..100: how sure the recovery model is that the relationship is slipping. */
  priority: number;
  reason: string;
  facts: Record<string, number | string | null>;
  signal: 'late' | 'declining' | 'lapsed-all';
};

/**
 * Priority 0..100 = 60 money + 25 confidence + 15 tier. Money is log-scaled against the run's
 * largest action, because a $50k gap is not 50 times more urgent than a $1k one for a rep's day;
 * confidence is peer penetration (growth) or the recovery model's own score; long-tail accounts get
 * the full tier weight because they are the ones nobody calls today.
 */
const TIER_WEIGHT: Record<Tier, number> = { 'long-tail': 1, strategic: 0.6, inactive: 0.3 };

export const priorityOf = (expected: number, maxExpected: number, confidence: number, tier: Tier): number => {
  const money = maxExpected > 0 ? Math.log1p(Math.max(0, expected)) / Math.log1p(maxExpected) : 0;
  const score = 60 * money + 25 * Math.max(0, Math.min(1, confidence)) + 15 * TIER_WEIGHT[tier];
  return Math.round(score * 10) / 10;
};

export type ActionContext = {
  ds: Dataset;
  tier: Tier[];
  profileOf: Int32Array;
  profileLabels: string[];
};

export function buildActions(ctx: ActionContext, flags: readonly RecoveryFlagInput[], gaps: readonly GrowthGap[]): Action[] {
  let maxExpected = 0;
  for (const f of flags) maxExpected = Math.max(maxExpected, f.atRiskRevenue);
  for (const g of gaps) maxExpected = Math.max(maxExpected, g.expectedRevenue);
  const { ds, tier, profileOf } = ctx;
  // Built field by field: spreading a shared base object was most of this stage's time at 30k.
  const make = (
    kind: 'growth' | 'recovery',
    customer: number,
    category: number,
    expectedRevenue: number,
    confidence: number,
    reason: string,
    facts: Action['facts'],
  ): Action => {
    const c = ds.customers[customer];
    const p = profileOf[customer];
    const name = ds.categories[category];
    return {
      id: `${kind}:${c.code}:${name}`,
      kind,
      customerCode: c.code,
      customerName: c.name,
      category: name,
      expectedRevenue,
      priority: priorityOf(expectedRevenue, maxExpected, confidence, tier[customer]),
      reason,
      facts,
      tier: tier[customer],
      profile: p >= 0 ? p + 1 : null,
      rep: c.rep,
      territory: c.territory,
    };
  };
  const actions: Action[] = [];
  for (const f of flags) {
    const facts: Action['facts'] = Object.assign({}, f.facts);
    facts.signal = f.signal;
    actions.push(make('recovery', f.customer, f.category, f.atRiskRevenue, f.priority / 100, f.reason, facts));
  }
  for (const g of gaps) {
    actions.push(
      make('growth', g.customer, g.category, g.expectedRevenue, g.penetration, g.reason, {
        gap: g.kind,
        profile: ctx.profileLabels[g.profile] ?? null,
        penetration: g.penetration,
        peerSpend: g.peerSpend,
        peers: g.peers,
        sizeBand: g.sizeBand,
        ownSpend12m: g.ownSpend12m,
      }),
    );
  }
  // A fixed total order (priority, then id) so equal data gives equal output, bit for bit.
  actions.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return actions;
}
