import { hyp2f1, logGamma } from './special';
import { nelderMead } from './nelder-mead';
import { float64Of, int32Of } from '../typed';

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

/**
 * ln(e^u + e^v). The larger term's exponential is e^0, exactly 1 (and addition commutes exactly),
 * so only the other is worked out. NaN comes out NaN, and so does an infinite larger term, as it
 * did when its e^(inf - inf) was worked out too.
 */
const logSumExp = (u: number, v: number): number => {
  if (u === Number.NEGATIVE_INFINITY) return v;
  const m = Math.max(u, v);
  if (m === Number.POSITIVE_INFINITY) return Number.NaN;
  return m + Math.log(1 + Math.exp(u === m ? v - m : u - m));
};

export function bgnbdLogLikelihood(p: BgNbdParams, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
  return weightedLogLikelihood(p, compileData(x, tx, T, null));
}

/**
 * The data in the shape the likelihood wants: identical (x, t_x, T) triples merged into weights,
 * and each distinct x numbered, because the gamma-function terms depend on x alone. A fit then
 * costs a few logarithms per customer per step instead of four log-gamma evaluations. Each
 * distinct t_x and T is numbered too: ln(alpha + t) is then worked out once per step for each
 * (a few hundred whole weeks and days) rather than twice per triple.
 */
type CompiledData = {
  x: Float64Array;
  w: Float64Array;
  xIndex: Int32Array;
  distinctX: Float64Array;
  txIndex: Int32Array;
  distinctTx: Float64Array;
  TIndex: Int32Array;
  distinctT: Float64Array;
};

/** Each value's place among the distinct values, ascending. */
function numbered(values: readonly number[]): { index: Int32Array; distinct: Float64Array } {
  const distinct = [...new Set(values)].sort((p, q) => p - q);
  const at = new Map(distinct.map((v, i) => [v, i]));
  return { index: int32Of(values.length, (i) => at.get(values[i])!), distinct: Float64Array.from(distinct) };
}

function compileData(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>, weight: ArrayLike<number> | null): CompiledData {
  const index = new Map<string, number>();
  const gx: number[] = [];
  const gtx: number[] = [];
  const gT: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const key = `${x[i]}|${tx[i]}|${T[i]}`;
    const at = index.get(key);
    const wi = weight ? weight[i] : 1;
    if (at !== undefined) w[at] += wi;
    else {
      index.set(key, gx.length);
      gx.push(x[i]);
      gtx.push(tx[i]);
      gT.push(T[i]);
      w.push(wi);
    }
  }
  const xs = numbered(gx);
  const txs = numbered(gtx);
  const Ts = numbered(gT);
  return {
    x: Float64Array.from(gx),
    w: Float64Array.from(w),
    xIndex: xs.index,
    distinctX: xs.distinct,
    txIndex: txs.index,
    distinctTx: txs.distinct,
    TIndex: Ts.index,
    distinctT: Ts.distinct,
  };
}

/** Sum of w_i times paper eq. 6, in log space so large x and T never overflow. */
function weightedLogLikelihood(p: BgNbdParams, d: CompiledData): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  // A1 + A2 per distinct x: ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x) - ln B(a, b).
  const byX = new Float64Array(d.distinctX.length);
  const dropoutByX = new Float64Array(d.distinctX.length);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const rLogAlpha = r * Math.log(alpha);
  for (let j = 0; j < byX.length; j++) {
    const xj = d.distinctX[j];
    byX[j] = logGamma(r + xj) - lgR + rLogAlpha + logGamma(b + xj) + lgAB - lgB - logGamma(a + b + xj);
    dropoutByX[j] = xj > 0 ? Math.log(a) - Math.log(b + xj - 1) : Number.NEGATIVE_INFINITY;
  }
  const logAlphaT = float64Of(d.distinctT.length, (j) => Math.log(alpha + d.distinctT[j]));
  const logAlphaTx = float64Of(d.distinctTx.length, (j) => Math.log(alpha + d.distinctTx[j]));
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const xi = d.x[i];
    const a3 = -(r + xi) * logAlphaT[d.TIndex[i]];
    const j = d.xIndex[i];
    const a4 = xi > 0 ? dropoutByX[j] - (r + xi) * logAlphaTx[d.txIndex[i]] : Number.NEGATIVE_INFINITY;
    sum += d.w[i] * (byX[j] + logSumExp(a3, a4));
  }
  return sum;
}

/** Beyond e^±15 a parameter has run off to a boundary (no dropout signal, say): stop there. */
export const BGNBD_LOG_BOUND = 15;

const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });

/**
 * Maximum likelihood by Nelder-Mead on the logs of the parameters (keeps them positive without
 * constraints and makes the surface rounder). The simplex is restarted at its optimum until the
 * likelihood stops improving, the usual guard against a simplex collapsing early.
 */
export function fitBgNbd(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>, options: BgNbdFitOptions = {}): BgNbdFit {
  if (x.length === 0) throw new RangeError('BG/NBD needs at least one customer');
  const data = compileData(x, tx, T, null);
  const objective = (v: number[]): number => (v.every((vi) => Math.abs(vi) <= BGNBD_LOG_BOUND) ? -weightedLogLikelihood(toParams(v), data) : Number.POSITIVE_INFINITY);
  const start = options.start ?? { r: 1, alpha: 1, a: 1, b: 1 };
  let point = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  let best = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  const restarts = options.restarts ?? 3;
  for (let round = 0; round <= restarts; round++) {
    const result = nelderMead(objective, point, { maxIterations: options.maxIterations ?? 2000, step: round === 0 ? 0.5 : 0.05 });
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
