import { hyp2f1, logGamma } from './special';
import { nelderMead } from './nelder-mead';

// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"). Notation as in the
// paper: x repeat purchases, t_x time of the last one, T time since the first; all in one time unit.
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

export type BgNbdFit = { params: BgNbdParams; logLikelihood: number; converged: boolean; iterations: number };

export type BgNbdFitOptions = {
  /** Starting parameters; the paper's neighbourhood is not assumed. */
  start?: BgNbdParams;
  maxIterations?: number;
  /** Restart the simplex from the optimum until it stops moving, at most this many times. */
  restarts?: number;
};

const logSumExp = (u: number, v: number): number => {
  if (u === Number.NEGATIVE_INFINITY) return v;
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
};

/** One customer's log-likelihood (paper eq. 6), in log space so large x and T never overflow. */
function customerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number, constants: { lgR: number }): number {
  const { r, alpha, a, b } = p;
  const a1 = logGamma(r + x) - constants.lgR + r * Math.log(alpha);
  // ln B(a, b + x) - ln B(a, b)
  const a2 = logGamma(b + x) + logGamma(a + b) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logSumExp(a3, a4);
}

export function bgnbdLogLikelihood(p: BgNbdParams, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
  return weightedLogLikelihood(p, x, tx, T, null);
}

function weightedLogLikelihood(
  p: BgNbdParams,
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  weight: ArrayLike<number> | null,
): number {
  if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0)) return Number.NEGATIVE_INFINITY;
  const constants = { lgR: logGamma(p.r) };
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (weight ? weight[i] : 1) * customerLogLikelihood(p, x[i], tx[i], T[i], constants);
  return sum;
}

/** Identical (x, t_x, T) triples share one likelihood term: real data in weeks repeat a lot. */
function groupTriples(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>) {
  const index = new Map<string, number>();
  const gx: number[] = [];
  const gtx: number[] = [];
  const gT: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const key = `${x[i]}|${tx[i]}|${T[i]}`;
    const at = index.get(key);
    if (at !== undefined) w[at]++;
    else {
      index.set(key, gx.length);
      gx.push(x[i]);
      gtx.push(tx[i]);
      gT.push(T[i]);
      w.push(1);
    }
  }
  return { gx, gtx, gT, w };
}

const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });

/**
 * Maximum likelihood by Nelder-Mead on the logs of the parameters (keeps them positive without
 * constraints and makes the surface rounder). The simplex is restarted at its optimum until the
 * likelihood stops improving, the usual guard against a simplex collapsing early.
 */
export function fitBgNbd(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>, options: BgNbdFitOptions = {}): BgNbdFit {
  if (x.length === 0) throw new RangeError('BG/NBD needs at least one customer');
  const { gx, gtx, gT, w } = groupTriples(x, tx, T);
  const objective = (v: number[]): number => -weightedLogLikelihood(toParams(v), gx, gtx, gT, w);
  const start = options.start ?? { r: 1, alpha: 1, a: 1, b: 1 };
  let point = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  let best = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  const restarts = options.restarts ?? 5;
  for (let round = 0; round <= restarts; round++) {
    const result = nelderMead(objective, point, { maxIterations: options.maxIterations ?? 5000, step: round === 0 ? 0.5 : 0.05 });
    iterations += result.iterations;
    const improved = best - result.value;
    point = result.x;
    best = Math.min(best, result.value);
    converged = result.converged;
    if (result.converged && improved < 1e-9 * (1 + Math.abs(best))) break;
  }
  return { params: toParams(point), logLikelihood: -best, converged, iterations };
}

/** P(alive | x, t_x, T) (paper eq. 13). A customer without repeat purchases is alive by the model's assumption. */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t] (paper eq. 9). */
export function expectedPurchases(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods for a customer with this history (paper eq. 10). */
export function conditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const odds = x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0;
  return (head * body) / (1 + odds);
}
