import type { Action, CustomerResult } from '../../shared/model/results';
import { plantedKey } from './planted-recovery';

/** A planted cross-sell gap as the sample generator reports it. */
export type PlantedGap = { customerId: string; category: string };

/**
 * The planted gaps at customers spending at least the median active customer's 12-month revenue:
 * the default floor (a tenth of that median) leaves out gaps at small customers that are not worth
 * a call, so recall at default settings is counted where a gap is worth one. The planted-truth test
 * and the analysis bench both count them this way.
 */
export function gapsWorthACall<G extends PlantedGap>(customers: readonly Pick<CustomerResult, 'code' | 'revenue12m'>[], gaps: readonly G[]): G[] {
  const revenue = new Map(customers.map((c) => [c.code, c.revenue12m]));
  const active = customers.map((c) => c.revenue12m).filter((r) => r > 0).sort((a, b) => a - b);
  const median = active[active.length >> 1];
  return gaps.filter((x) => (revenue.get(x.customerId) ?? 0) >= median);
}

/** The planted gaps a run's growth actions recommend. */
export function gapsRecommended<G extends PlantedGap>(actions: readonly Pick<Action, 'kind' | 'customerCode' | 'category'>[], gaps: readonly G[]): G[] {
  const recommended = new Set(actions.filter((a) => a.kind === 'growth').map((a) => plantedKey(a.customerCode, a.category)));
  return gaps.filter((x) => recommended.has(plantedKey(x.customerId, x.category)));
}
