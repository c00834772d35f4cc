import type { Tier } from '../model/results';

/*
 * One priority for every action, growth or recovery, 0..100:
 *   60 x money + 25 x confidence + 15 x tier
 * - money: log1p(expected revenue) / log1p(the run's largest expected revenue), because a $50k
 *   gap is not 50 times more urgent than a $1k one for a rep's day;
 * - confidence (0..1): how sure the signal is, never how big it is, so money counts once. Recovery:
 *   the recovery model's confidence (facts.confidence: how far past its allowance, on how many
 *   orders); growth: the share of the profile's peers that buy the category;
 * - tier: long-tail accounts get the full weight because they are the ones nobody calls today.
 * More money or more confidence never lowers the score; equal scores fall back to more money, then
 * to the action id, so the order is total and the same data always ranks the same way.
 */
const WEIGHTS = { money: 60, confidence: 25, tier: 15 } as const;
const TIER_WEIGHT: Record<Tier, number> = { 'long-tail': 1, strategic: 0.6, inactive: 0.3 };

export const priorityOf = (expected: number, maxExpected: number, confidence: number, tier: Tier): number => {
  const money = maxExpected > 0 ? Math.min(1, Math.log1p(Math.max(0, expected)) / Math.log1p(maxExpected)) : 0;
  const sure = Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0;
  const score = WEIGHTS.money * money + WEIGHTS.confidence * sure + WEIGHTS.tier * TIER_WEIGHT[tier];
  return Math.round(score * 10) / 10;
};

type Ranked = { priority: number; expectedRevenue: number; id: string };

/** Highest priority first, then more money, then id: a total order. */
export const byPriority = (a: Ranked, b: Ranked): number =>
  b.priority - a.priority || b.expectedRevenue - a.expectedRevenue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** An action's chance as its facts keep it: a recovery flag's probability of the slide, a growth gap's peer share. */
const chanceOf = (facts: Record<string, number | string | null>): number => {
  const p = facts.probability ?? facts.penetration;
  return typeof p === 'number' ? p : 1;
};

/**
 * A call's place in the list: a recovery call's chance x (money at risk + its level's weight; see
 * recovery/call-order.ts), which its facts keep; a growth gap's money x its peer share. The order the
 * backtest scores recovery flags in, and the Recovery list's. The store sorts by the same value
 * (queries.ts), so a preview and a stored run list alike.
 */
export const weightedMoney = (a: { expectedRevenue: number; facts: Record<string, number | string | null> }): number =>
  typeof a.facts.callValue === 'number' ? a.facts.callValue : a.expectedRevenue * chanceOf(a.facts);

/** Most weighted money first; equal ones keep their priority order (pass a list already by priority). */
export const byWeightedMoney = <T extends { expectedRevenue: number; facts: Record<string, number | string | null> }>(ranked: readonly T[]): T[] =>
  ranked
    .map((a, position) => ({ a, w: weightedMoney(a), position }))
    .sort((x, y) => y.w - x.w || x.position - y.position)
    .map((x) => x.a);
