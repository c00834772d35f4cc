// The customer's own rhythm across categories: what 'stopped buying everything' is judged against.

export type CustomerRhythm = { orders: Int32Array; cycle: Float64Array; spread: Float64Array };

/**
 * The customer's rhythm over the distinct days it ordered anything: one invoice spanning five
 * categories is one order, not five, so a customer that bought twice has two orders however many
 * categories it touched. `days` holds each relationship's order days, category after category: a
 * scratch buffer the caller reuses, sorted here in place.
 */
export function customerRhythm(days: Int32Array, c: number, out: CustomerRhythm): void {
  const sorted = days.sort();
  let n = 0;
  let previous = Number.NaN;
  let sum = 0;
  let sumSquares = 0;
  for (const d of sorted) {
    if (d === previous) continue;
    if (n > 0) {
      sum += d - previous;
      sumSquares += (d - previous) * (d - previous);
    }
    previous = d;
    n++;
  }
  out.orders[c] = n;
  if (n < 2) return;
  const mean = sum / (n - 1);
  out.cycle[c] = mean;
  out.spread[c] = Math.sqrt(Math.max(0, sumSquares / (n - 1) - mean * mean));
}

type RunColumns = { purchases: Int32Array; first: Int32Array; last: Int32Array; priorSpend: Float64Array; runRate: Float64Array };

/**
 * "Never more than the relationship really bought in a comparable prior 12 months, pro rata": a
 * run-rate is capped at its spend in the 12 months up to its last order, scaled up only for the
 * part of those months before the customer was a customer at all (its first order in any category,
 * less one usual cycle), and never from less than `minDays`. A category an old customer bought in
 * one busy quarter is worth that quarter, not four of them; a new customer's first quarter may be
 * annualised.
 */
export function capRunRates(cols: RunColumns, from: number, to: number, customerCycle: number, minDays: number, year: number): void {
  let customerFirst = Infinity;
  for (let r = from; r < to; r++) if (cols.purchases[r] > 0 && cols.first[r] < customerFirst) customerFirst = cols.first[r];
  if (!Number.isFinite(customerFirst)) return;
  const since = customerFirst - (Number.isFinite(customerCycle) ? customerCycle : 0);
  for (let r = from; r < to; r++) {
    if (cols.purchases[r] === 0) continue;
    const known = Math.min(year, Math.max(minDays, cols.last[r] - since));
    const cap = (cols.priorSpend[r] * year) / known;
    if (cols.runRate[r] > cap) cols.runRate[r] = cap;
  }
}
