import { seededRandom } from './rng';

/** A sample as one row-major array (the k sweep's own shape). */
type Points = { flat: Float64Array; n: number; dims: number };

/**
 * A cloud with the sample's size, centre and spread (its covariance) but no groups at all: points
 * drawn from one multivariate normal. What k-means makes of it is what any data of that shape
 * gives by cutting alone, which a silhouette's fixed lines cannot know: in two or three dimensions
 * a single cloud cut into four scores about 0.3, "clear" by Kaufman and Rousseeuw's reading, while
 * in thirty it scores under 0.1. Comparing with this cloud is the reference idea of Tibshirani,
 * Walther and Hastie's gap statistic (2001), with the covariance instead of a box so that a
 * stretched cloud is not mistaken for two.
 */
export function cloudLike(sample: Points, seed: number): Points {
  const { n, dims, flat } = sample;
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) mean[d] += flat[i * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= Math.max(1, n);
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dims; d++) centred[d] = flat[i * dims + d] - mean[d];
    for (let a = 0; a < dims; a++) for (let b = 0; b <= a; b++) cov[a * dims + b] += centred[a] * centred[b];
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b <= a; b++) cov[a * dims + b] /= Math.max(1, n - 1);
  const root = semidefiniteCholesky(cov, dims);
  const random = seededRandom(seed);
  const out = new Float64Array(n * dims);
  const z = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dims; d++) z[d] = standardNormal(random);
    for (let a = 0; a < dims; a++) {
      let v = mean[a];
      for (let b = 0; b <= a; b++) v += root[a * dims + b] * z[b];
      out[i * dims + a] = v;
    }
  }
  return { flat: out, n, dims };
}

/**
 * Lower-triangular L with L Lᵀ = the covariance (lower triangle read). A direction with no spread
 * of its own (a category no best customer buys, breadth that is the same for all, a share fixed
 * by the others) gets a zero column instead of a division by almost nothing.
 */
function semidefiniteCholesky(cov: Float64Array, dims: number): Float64Array {
  let trace = 0;
  for (let d = 0; d < dims; d++) trace += cov[d * dims + d];
  const tiny = 1e-12 * Math.max(trace, Number.MIN_VALUE);
  const l = new Float64Array(dims * dims);
  for (let a = 0; a < dims; a++) {
    for (let b = 0; b <= a; b++) {
      let s = cov[a * dims + b];
      for (let k = 0; k < b; k++) s -= l[a * dims + k] * l[b * dims + k];
      if (a === b) l[a * dims + a] = s > tiny ? Math.sqrt(s) : 0;
      else l[a * dims + b] = l[b * dims + b] > 0 ? s / l[b * dims + b] : 0;
    }
  }
  return l;
}

/** Box and Muller's transform; the guard keeps log(0) out. */
function standardNormal(random: () => number): number {
  const u = Math.max(random(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
