import type { UnitFacts } from '../risk/features';
import type { Outcomes } from '../risk/outcome';
import { seededRandom } from '../rng';
import { naiveRuleList } from '../risk/naive-rules';

/** The naive rules every forecast is judged beside, at the same number of flags. */
export type BaselineRule = 'recency' | 'drop-90' | 'own-gap' | 'random';
export const BASELINE_RULES: readonly BaselineRule[] = ['recency', 'drop-90', 'own-gap', 'random'];

export const BASELINE_LABELS: Record<BaselineRule, string> = {
  recency: 'Longest time since last order',
  'drop-90': 'Largest drop, last 90 days vs the 90 before',
  'own-gap': 'Gap above 90th percentile of own gaps',
  random: 'Random (mean of 20 draws)',
};

/** Units a rule may flag: those with spend in the prior window (the scored population). */
export function scoredUnits(out: Outcomes): number[] {
  const units: number[] = [];
  for (let u = 0; u < out.scored.length; u++) if (out.scored[u]) units.push(u);
  return units;
}

/** The top `count` scored units by a deterministic rule (see naiveRuleList). */
export function baselineFlags(rule: Exclude<BaselineRule, 'random'>, facts: UnitFacts, out: Outcomes, count: number): number[] {
  return naiveRuleList(rule, facts, scoredUnits(out), count);
}

/** `draws` seeded random selections of `count` eligible units. */
export function randomFlags(out: Outcomes, count: number, seed: number, draws: number): number[][] {
  return randomDraws(scoredUnits(out), count, seed, draws);
}

/** `draws` selections of `count` items of `pool` (fewer when the pool is smaller), from one seeded stream. */
export function randomDraws(pool: readonly number[], count: number, seed: number, draws: number): number[][] {
  const random = seededRandom(seed);
  const result: number[][] = [];
  for (let d = 0; d < draws; d++) {
    const drawn = pool.slice();
    const take = Math.min(count, drawn.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (drawn.length - i));
      [drawn[i], drawn[j]] = [drawn[j], drawn[i]];
    }
    result.push(drawn.slice(0, take));
  }
  return result;
}
