/**
 * A ridge-penalised logistic model on standardised features (Newton steps). Under the trees it
 * carries what trees cannot: a trend beyond the range the training cuts showed. A model learned at
 * a cut with three months of history has never seen a customer silent for eight; trees treat it
 * like the longest silence they saw, a linear term in the log of the silence keeps going.
 */
export type LinearLogit = { mean: Float64Array; scale: Float64Array; coef: Float64Array; intercept: number };

/** Solves A x = b for a small symmetric positive-definite A (row-major, n x n) by Cholesky; A is overwritten. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    const root = Math.sqrt(Math.max(d, 1e-12));
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / root;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * y[k];
    y[i] = s / a[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The linear predictor (log-odds) for row i of x (row-major, p columns). A constant feature (scale 0) is left out. */
export function linearMargin(m: LinearLogit, x: Float64Array, p: number, i: number): number {
  let z = m.intercept;
  for (let j = 0; j < p; j++) if (m.scale[j] > 0) z += m.coef[j] * ((x[i * p + j] - m.mean[j]) / m.scale[j]);
  return z;
}

/**
 * Fits y (a probability or a share in [0, 1]) on the p features of x with weights w (rows of
 * weight 0 take no part). `ridge` is the penalty per unit of total weight, so it means the same
 * on any data size or currency.
 */
export function fitLinearLogit(x: Float64Array, p: number, y: Float64Array, w: Float64Array, ridge = 1e-3, iterations = 12): LinearLogit {
  const rows = y.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  let wsum = 0;
  for (let i = 0; i < rows; i++) {
    if (!(w[i] > 0)) continue;
    wsum += w[i];
    for (let j = 0; j < p; j++) mean[j] += w[i] * x[i * p + j];
  }
  for (let j = 0; j < p; j++) mean[j] /= Math.max(wsum, 1e-12);
  for (let j = 0; j < p; j++) {
    let v = 0;
    for (let i = 0; i < rows; i++) if (w[i] > 0) v += w[i] * (x[i * p + j] - mean[j]) ** 2;
    const sd = Math.sqrt(v / Math.max(wsum, 1e-12));
    scale[j] = sd > 1e-9 ? sd : 0;
  }
  const m: LinearLogit = { mean, scale, coef: new Float64Array(p), intercept: 0 };
  const n = p + 1;
  const z = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const hess = new Float64Array(n * n);
    const grad = new Float64Array(n);
    for (let i = 0; i < rows; i++) {
      if (!(w[i] > 0)) continue;
      z[0] = 1;
      for (let j = 0; j < p; j++) z[j + 1] = scale[j] > 0 ? (x[i * p + j] - mean[j]) / scale[j] : 0;
      const pr = sigmoid(linearMargin(m, x, p, i));
      const g = w[i] * (pr - y[i]);
      const h = w[i] * Math.max(pr * (1 - pr), 1e-6);
      for (let a = 0; a < n; a++) {
        grad[a] += g * z[a];
        for (let b = 0; b <= a; b++) hess[a * n + b] += h * z[a] * z[b];
      }
    }
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) hess[b * n + a] = hess[a * n + b];
    // The intercept is not penalised; a feature left out is held at 0 by a unit diagonal.
    for (let a = 1; a < n; a++) {
      hess[a * n + a] += scale[a - 1] > 0 ? ridge * wsum : 1;
      grad[a] += ridge * wsum * m.coef[a - 1];
    }
    const step = solveSpd(hess, grad, n);
    let moved = Math.abs(step[0]);
    m.intercept -= step[0];
    for (let j = 0; j < p; j++) {
      m.coef[j] -= step[j + 1];
      moved = Math.max(moved, Math.abs(step[j + 1]));
    }
    if (moved < 1e-7) break;
  }
  return m;
}
