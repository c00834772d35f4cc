import type { Action, Tier } from '../model/results';
import type { Dataset } from '../model/dataset';
import type { GrowthGap } from './growth';
import { byPriority, priorityOf } from './priority';
import type { RecoveryDecision } from './recovery';
import { callValue } from './recovery/call-order';
import { flatString } from '../format/flat-string';

/** The category label of an action that covers a whole customer (a win-back or a slipping account). */
export const WHOLE_ACCOUNT = 'All categories';

export type ActionContext = {
  ds: Dataset;
  tier: Tier[];
  profileOf: Int32Array;
  profileLabels: string[];
  /**
   * The largest expected revenue among actions not passed in (a recovery preview builds no growth
   * actions), so priorities stay on the run's scale.
   */
  priorityScale?: number;
};

export function buildActions(ctx: ActionContext, decision: RecoveryDecision | null, gaps: readonly GrowthGap[]): Action[] {
  const flags = decision?.relationships ?? [];
  const accounts = decision?.customers ?? [];
  let maxExpected = ctx.priorityScale ?? 0;
  for (const f of flags) maxExpected = Math.max(maxExpected, f.atRiskRevenue);
  for (const a of accounts) maxExpected = Math.max(maxExpected, a.atRisk);
  for (const g of gaps) maxExpected = Math.max(maxExpected, g.expectedRevenue);
  const { ds, tier, profileOf } = ctx;
  // Built field by field: spreading a shared base object was most of this stage's time at 30k.
  const make = (
    kind: 'growth' | 'recovery',
    customer: number,
    category: number | null,
    expectedRevenue: number,
    confidence: number,
    reason: string,
    facts: Action['facts'],
  ): Action => {
    const c = ds.customers[customer];
    const p = profileOf[customer];
    const name = category === null ? WHOLE_ACCOUNT : ds.categories[category];
    return {
      id: flatString(`${kind}:${c.code}:${name}`),
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
  // The Recovery list's order: each call's chance x (money at risk + its level's weight), kept in its
  // facts so the store, the screen's preview and the backtest order alike. A customer's small slips
  // folded into one call are weighed as the relationships they are.
  const weightOf = (level: 'customer' | 'relationship'): number => decision?.order?.[level]?.weight ?? 0;
  const cents = (x: number): number => Math.round(x * 100) / 100;
  // One customer, one call: a customer sliding as a whole is one action carrying its categories.
  for (const a of accounts) {
    const level = a.signal === 'several-categories' ? 'relationship' : 'customer';
    const action = make('recovery', a.customer, null, a.atRisk, a.probability, a.reason, { ...a.facts, callValue: cents(callValue(a.atRisk, a.probability, weightOf(level))) });
    action.breakdown = a.breakdown.map((b) => ({ category: ds.categories[b.category], atRisk: b.atRisk, spend12m: b.spend12m, ...(b.spread ? { spread: true } : {}) }));
    actions.push(action);
  }
  for (const f of flags) {
    const facts: Action['facts'] = Object.assign({}, f.facts);
    facts.signal = f.signal;
    facts.callValue = cents(callValue(f.atRiskRevenue, f.confidence, weightOf('relationship')));
    actions.push(make('recovery', f.customer, f.category, f.atRiskRevenue, f.confidence, f.reason, facts));
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
        expectedLow: g.expectedLow,
        expectedHigh: g.expectedHigh,
      }),
    );
  }
  // A fixed total order so equal data gives equal output, bit for bit.
  actions.sort(byPriority);
  return actions;
}

/**
 * Customers growth leaves alone (1 = gone): one recovery judged gone (it stopped buying everything,
 * or bought once and stayed silent), whether or not a setting left its win-back off the list, or
 * whose BG/NBD probability alive is below `minPAlive`. Its money is already recovery's; a cross-sell
 * to a customer who has left would count the same account twice and send a rep to an empty shop.
 * Gated on the listed win-backs alone, switching one-time win-backs off had sold Online Retail's
 * 12501 (one order, 336 days before) a Christmas range.
 */
export function goneCustomers(n: number, decision: RecoveryDecision | null, pAlive: Float64Array | null, minPAlive: number): Uint8Array {
  const gone = new Uint8Array(n);
  for (const a of decision?.customers ?? []) if (a.signal === 'lapsed-all') gone[a.customer] = 1;
  for (const c of decision?.gone ?? []) gone[c] = 1;
  if (pAlive) for (let i = 0; i < n; i++) if (pAlive[i] < minPAlive) gone[i] = 1;
  return gone;
}
