// A plain Nelder-Mead simplex minimiser (Lagarias et al. 1998 coefficients). BG/NBD has four
// parameters and a smooth likelihood, where derivative-free simplex search is reliable and keeps
// us free of a numerical library in shared/.

export type NelderMeadOptions = {
  /** Stop when the simplex's function values span less than this... */
  fTolerance?: number;
  /** ...and its vertices lie within this distance of the best one. */
  xTolerance?: number;
  maxIterations?: number;
  /** Size of the starting simplex along each axis. */
  step?: number;
};

export type NelderMeadResult = { x: number[]; value: number; converged: boolean; iterations: number };

export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 5000;
  const step = options.step ?? 0.5;
  const n = start.length;
  // A non-finite value (parameters where the likelihood underflows) counts as worse than anything.
  const value = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] += step;
    simplex.push(vertex);
  }
  let values = simplex.map(value);

  const centroidWithout = (worst: number): number[] => {
    const c = new Array<number>(n).fill(0);
    for (let i = 0; i <= n; i++) if (i !== worst) for (let j = 0; j < n; j++) c[j] += simplex[i][j] / n;
    return c;
  };
  const along = (c: number[], toward: number[], t: number): number[] => c.map((cj, j) => cj + t * (toward[j] - cj));

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
    if (spread <= fTol * (1 + Math.abs(values[0])) && size <= xTol) {
      converged = true;
      break;
    }
    iterations++;

    const c = centroidWithout(n);
    const reflected = along(c, simplex[n], -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(c, simplex[n], -2);
      const fe = value(expanded);
      if (fe < fr) [simplex[n], values[n]] = [expanded, fe];
      else [simplex[n], values[n]] = [reflected, fr];
      continue;
    }
    if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
      continue;
    }
    const outside = fr < values[n];
    const contracted = outside ? along(c, simplex[n], -0.5) : along(c, simplex[n], 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : values[n])) {
      [simplex[n], values[n]] = [contracted, fc];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = along(simplex[0], simplex[i], 0.5);
      values[i] = value(simplex[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], converged, iterations };
}
