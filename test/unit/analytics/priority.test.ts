import { describe, expect, it } from 'vitest';
import { buildActions, type RecoveryFlagInput } from '../../../shared/analytics/actions';
import type { GrowthGap } from '../../../shared/analytics/growth';
import { priorityOf } from '../../../shared/analytics/priority';
import type { Tier } from '../../../shared/model/results';
import { makeDataset } from './make-dataset';

const CODES = ['A', 'B', 'C', 'D'];
const ds = makeDataset(
  CODES.flatMap((customer) => ['Dairy', 'Meat'].map((category) => ({ customer, category, date: '2025-06-01', revenue: 100 }))),
);
const ctx = { ds, tier: CODES.map((): Tier => 'long-tail'), profileOf: Int32Array.from(CODES, () => 0), profileLabels: ['Dairy heavy'] };

const flag = (customer: number, category: number, atRiskRevenue: number, confidence: number): RecoveryFlagInput => ({
  customer,
  category,
  atRiskRevenue,
  confidence,
  reason: `Orders about every 14 days; ${atRiskRevenue} a year`,
  facts: { confidence },
  signal: 'late',
});

const gap = (customer: number, category: number, expectedRevenue: number, penetration: number): GrowthGap => ({
  customer,
  category,
  profile: 0,
  kind: 'never',
  expectedRevenue,
  penetration,
  peerSpend: expectedRevenue / penetration,
  peers: 12,
  sizeBand: 1,
  ownSpend12m: 0,
  expectedLow: expectedRevenue / 2,
  expectedHigh: expectedRevenue * 2,
  reason: `${penetration} of peers buy it`,
});

describe('action priority: one formula for growth and recovery', () => {
  it('never lowers the score for more money or more confidence', () => {
    const tiers: Tier[] = ['long-tail', 'strategic', 'inactive'];
    for (const tier of tiers) {
      for (let money = 0; money <= 10_000; money += 500) {
        for (let confidence = 0; confidence <= 1; confidence += 0.1) {
          const p = priorityOf(money, 10_000, confidence, tier);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
          expect(priorityOf(money + 500, 10_000, confidence, tier)).toBeGreaterThanOrEqual(p);
          expect(priorityOf(money, 10_000, confidence + 0.1, tier)).toBeGreaterThanOrEqual(p);
        }
      }
    }
  });

  it('ranks a bigger, surer recovery above a smaller or less certain one', () => {
    const actions = buildActions(ctx, [flag(0, 0, 1000, 0.9), flag(1, 0, 10_000, 0.5), flag(2, 0, 10_000, 0.9)], []);
    expect(actions.map((a) => a.customerCode)).toEqual(['C', 'B', 'A']);
  });

  it('takes the recovery confidence as the confidence and nothing else, so money counts once', () => {
    // Same money, same confidence, same tier: a recovery and a growth action score the same.
    const actions = buildActions(ctx, [flag(0, 0, 4000, 0.7)], [gap(1, 1, 4000, 0.7), gap(2, 1, 8000, 0.7)]);
    const byCustomer = new Map(actions.map((a) => [a.customerCode, a.priority]));
    expect(byCustomer.get('A')).toBe(byCustomer.get('B'));
    expect(byCustomer.get('A')).toBe(priorityOf(4000, 8000, 0.7, 'long-tail'));
    // The recovery's confidence also reaches the action's facts, where the rep can see it.
    expect(actions.find((a) => a.customerCode === 'A')?.facts.confidence).toBe(0.7);
  });

  it('breaks ties by money, then by id, whatever order the actions arrive in', () => {
    // 5,000 and 5,001 round to the same priority; equal money falls back to the id.
    const flags = [flag(3, 0, 5000, 0.8), flag(0, 0, 5001, 0.8), flag(2, 0, 5000, 0.8), flag(1, 1, 9000, 0.1)];
    const actions = buildActions(ctx, flags, []);
    expect(new Set(actions.slice(0, 3).map((a) => a.priority)).size).toBe(1);
    const ranked = actions.map((a) => a.id);
    expect(ranked.slice(0, 3)).toEqual(['recovery:A:Dairy', 'recovery:C:Dairy', 'recovery:D:Dairy']);
    expect(buildActions(ctx, [...flags].reverse(), []).map((a) => a.id)).toEqual(ranked);
  });
});
