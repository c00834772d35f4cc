import type { Outcomes } from '../../shared/analytics/risk/outcome';

/** Outcomes of `n` scored units, each expected to spend 100: unit u lost loss(u) and declined when declined(u). */
export function outcomesOf(n: number, loss: (u: number) => number, declined: (u: number) => boolean): Outcomes {
  const out: Outcomes = {
    cut: 0,
    horizonDays: 90,
    priorDays: 365,
    businessIndex: 1,
    prior: new Float64Array(n).fill(100),
    expected: new Float64Array(n).fill(100),
    actual: new Float64Array(n),
    loss: new Float64Array(n),
    declined: new Uint8Array(n),
    scored: new Uint8Array(n).fill(1),
  };
  for (let u = 0; u < n; u++) {
    out.loss[u] = loss(u);
    out.declined[u] = declined(u) ? 1 : 0;
  }
  return out;
}
