import type { CustomerDetail } from '../../../../shared/contract/analysis';

type Cycle = CustomerDetail['cycles'][number];

/**
 * A relationship with fewer purchase days than the run's rhythm needs is not judged at all, so it
 * has no pattern to name: one bought once had read "regular" beside "no rhythm yet".
 */
export function cyclePattern(c: Pick<Cycle, 'purchases' | 'seasonal' | 'volatile'>, minPurchases: number): string {
  if (c.purchases < minPurchases) return c.purchases === 1 ? 'one purchase: not judged' : `${c.purchases} of ${minPurchases} purchases: not judged`;
  return [c.seasonal ? 'seasonal' : '', c.volatile ? 'volatile' : ''].filter(Boolean).join(', ') || 'regular';
}
