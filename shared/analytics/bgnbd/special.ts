// Special functions the BG/NBD formulas need. Written here (not taken from a library) so shared/
// stays dependency-free and every step is checked against published figures in the tests.

// Lanczos approximation, g = 7, n = 9 coefficients: relative error about 1e-15 for x > 0.5, enough
// for log-likelihoods that are sums of thousands of terms compared to 0.01.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln |Γ(x)|, for any x that is not a non-positive integer. */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1-x) = π / sin(πx); keeps the series in its accurate range.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Γ(x) with its sign, for the 1 - z transformation where arguments can be negative. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  return Math.exp(logGamma(x));
}

/** 1 / Γ(x), which is 0 at the poles (0, -1, -2, ...) instead of a division by zero. */
export function reciprocalGamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return 0;
  return 1 / gamma(x);
}

/** ln B(a, b) */
export const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b);

const SERIES_TOLERANCE = 1e-15;
const SERIES_MAX_TERMS = 2_000_000;

/** The Gauss series Σ (a)_n (b)_n / (c)_n z^n / n!, summed until a term no longer moves the sum. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    // Past the point where the terms shrink monotonically, stop when they are negligible.
    if (Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum) && n > 2) return sum;
  }
  throw new Error(`2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${SERIES_MAX_TERMS} terms`);
}

/**
 * Gaussian hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 (all BG/NBD needs: z = t / (alpha + T + t)).
 * Near z = 1 the series converges like z^n, so there we use the linear transformation to 1 - z
 * (Abramowitz & Stegun 15.3.6), valid when c - a - b is not an integer; when it is (or nearly is,
 * where the gamma ratios blow up), or when the parameters are too large for Γ, the direct series
 * is still convergent and simply takes more terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`2F1 needs 0 <= z < 1, got ${z}`);
  if (z === 0) return 1;
  const s = c - a - b;
  // Γ overflows past 171: for large parameters the (slower) series is the safe road.
  const overflow = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(s)) > 150;
  if (z <= 0.9 || overflow || Math.abs(s - Math.round(s)) < 1e-3) return hyp2f1Series(a, b, c, z);
  const w = 1 - z;
  const gc = gamma(c);
  const first = gc * gamma(s) * reciprocalGamma(c - a) * reciprocalGamma(c - b) * hyp2f1Series(a, b, 1 - s, w);
  const second = Math.pow(w, s) * gc * gamma(-s) * reciprocalGamma(a) * reciprocalGamma(b) * hyp2f1Series(c - a, c - b, 1 + s, w);
  return first + second;
}
