import type { ParetoPoint, Tier } from '../model/results';

export type Tiers = {
  tier: Tier[];
  /** Customer indices of active customers, largest 12-month revenue first (ties by index). */
  ranked: Int32Array;
  strategicCount: number;
  strategicRevenueShare: number;
  pareto: ParetoPoint[];
};

const PARETO_POINTS = 200;

/**
 * Strategic = the top customers that together make `strategicShare` of revenue; the customer that
 * crosses the line is strategic too, so the strategic share is never below the setting, and so is
 * every customer tied with it: two customers of the same revenue are in the same tier (on the
 * grocery panel 13 of 30 customers with exactly five purchases had been strategic, 17 long tail).
 */
export function computeTiers(revenue12m: Float64Array, strategicShare: number): Tiers {
  const n = revenue12m.length;
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (revenue12m[i] > 0) active.push(i);
  active.sort((a, b) => revenue12m[b] - revenue12m[a] || a - b);
  const ranked = Int32Array.from(active);
  let total = 0;
  for (const i of ranked) total += revenue12m[i];
  const tier: Tier[] = new Array<Tier>(n).fill('inactive');
  let cumulative = 0;
  let strategicCount = 0;
  let strategicRevenue = 0;
  const cumulativeShare = new Float64Array(ranked.length);
  let lastStrategic = Number.NaN;
  for (let r = 0; r < ranked.length; r++) {
    const i = ranked[r];
    if (cumulative < strategicShare * total || revenue12m[i] === lastStrategic) {
      lastStrategic = revenue12m[i];
      tier[i] = 'strategic';
      strategicCount++;
      strategicRevenue += revenue12m[i];
    } else {
      tier[i] = 'long-tail';
    }
    cumulative += revenue12m[i];
    cumulativeShare[r] = total > 0 ? cumulative / total : 0;
  }
  return {
    tier,
    ranked,
    strategicCount,
    strategicRevenueShare: total > 0 ? strategicRevenue / total : 0,
    pareto: paretoCurve(cumulativeShare),
  };
}

/** Downsampled to at most PARETO_POINTS points, always keeping the origin and the last customer. */
function paretoCurve(cumulativeShare: Float64Array): ParetoPoint[] {
  const count = cumulativeShare.length;
  const points: ParetoPoint[] = [{ customerShare: 0, revenueShare: 0 }];
  if (count === 0) return points;
  const steps = Math.min(count, PARETO_POINTS - 1);
  for (let s = 1; s <= steps; s++) {
    const rank = Math.round((s * count) / steps);
    points.push({ customerShare: rank / count, revenueShare: cumulativeShare[rank - 1] });
  }
  return points;
}

/**
 * The share of revenue made by the top `customerShare` of customers, read off the curve between its
 * points. Unlike the long tail's share, which is the strategic setting's complement by construction,
 * this says how concentrated one client's book is against another's.
 */
export function revenueShareOfTop(pareto: readonly ParetoPoint[], customerShare: number): number | null {
  if (pareto.length < 2) return null;
  for (let i = 1; i < pareto.length; i++) {
    const a = pareto[i - 1];
    const b = pareto[i];
    if (b.customerShare >= customerShare) {
      const span = b.customerShare - a.customerShare;
      return span > 0 ? a.revenueShare + ((b.revenueShare - a.revenueShare) * (customerShare - a.customerShare)) / span : b.revenueShare;
    }
  }
  return pareto[pareto.length - 1].revenueShare;
}
