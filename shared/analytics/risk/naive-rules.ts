import type { UnitFacts } from './features';
import { topIndices } from '../sorted';

/** The naive rules a recovery list is judged beside, each reading only what a unit did up to the cut. */
export type NaiveRule = 'recency' | 'drop-90' | 'own-gap';

/**
 * The top `count` of `units` (ascending) by a naive rule. Ties break by unit index, so a list is the
 * same on every run. Returns fewer when fewer qualify (the own-gap rule flags only units past their own P90).
 */
export function naiveRuleList(rule: NaiveRule, facts: UnitFacts, units: readonly number[], count: number): number[] {
  const cut = facts.cut;
  let score: (u: number) => number;
  let qualifies: (u: number) => boolean = () => true;
  if (rule === 'recency') score = (u) => cut - facts.last[u];
  else if (rule === 'drop-90') score = (u) => facts.previous90[u] - facts.last90[u];
  else {
    // NetSuite's rule: the current gap exceeds the 90th percentile of the customer's own gaps;
    // among those, the most money first.
    qualifies = (u) => Number.isFinite(facts.gapP90[u]) && cut - facts.last[u] > facts.gapP90[u];
    score = (u) => facts.prior[u];
  }
  return topIndices(units.length, (k) => score(units[k]), count, (k) => qualifies(units[k])).map((k) => units[k]);
}
