import { describe, expect, it } from 'vitest';
import { fitBooster, forestOf, predictBooster, predictForest, type Booster } from '../../../shared/analytics/risk/boost';
import { fitLinearLogit, linearMargin } from '../../../shared/analytics/risk/linear';
import { seededRandom } from '../../../shared/analytics/rng';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Rows with two features; the outcome follows log-odds -1 + 1.5 x0 - 0.8 x1 (x0 drawn from [0, 3) only). */
function logisticRows(n: number, seed: number) {
  const random = seededRandom(seed);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = 3 * random();
    x[2 * i + 1] = random() * 2 - 1;
    y[i] = random() < sigmoid(-1 + 1.5 * x[2 * i] - 0.8 * x[2 * i + 1]) ? 1 : 0;
  }
  return { x, y, w: new Float64Array(n).fill(1) };
}

describe('the linear base under the risk trees', () => {
  it('recovers the log-odds a logistic outcome was drawn from', () => {
    const { x, y, w } = logisticRows(20_000, 7);
    const m = fitLinearLogit(x, 2, y, w);
    // In raw units: coefficient = standardised coefficient / scale.
    expect(m.coef[0] / m.scale[0]).toBeCloseTo(1.5, 1);
    expect(m.coef[1] / m.scale[1]).toBeCloseTo(-0.8, 1);
    const intercept = m.intercept - (m.coef[0] * m.mean[0]) / m.scale[0] - (m.coef[1] * m.mean[1]) / m.scale[1];
    expect(intercept).toBeCloseTo(-1, 1);
  });

  it('leaves out a feature that never varies instead of dividing by zero', () => {
    const { x, y, w } = logisticRows(2_000, 3);
    for (let i = 0; i < y.length; i++) x[2 * i + 1] = 5;
    const m = fitLinearLogit(x, 2, y, w);
    expect(m.scale[1]).toBe(0);
    expect(Number.isFinite(linearMargin(m, Float64Array.from([1, 40]), 2, 0))).toBe(true);
  });

  it('keeps a rising chance rising past the largest value the training rows showed, where trees alone go flat', () => {
    const { x, y, w } = logisticRows(5_000, 11);
    const trees = fitBooster(x, 2, y, w);
    const based = fitBooster(x, 2, y, w, undefined, true);
    const at = (v: number) => Float64Array.from([v, 0]);
    // Within the range both agree roughly; beyond it only the linear base keeps going.
    expect(Math.abs(predictBooster(trees, at(1.5), 0) - predictBooster(based, at(1.5), 0))).toBeLessThan(0.08);
    expect(predictBooster(trees, at(6), 0)).toBeCloseTo(predictBooster(trees, at(3), 0), 6);
    expect(predictBooster(based, at(6), 0)).toBeGreaterThan(predictBooster(based, at(3), 0) + 0.01);
    expect(predictBooster(based, at(6), 0)).toBeGreaterThan(0.97);
  });

  it('ignores rows without weight (the other fold)', () => {
    const { x, y, w } = logisticRows(4_000, 5);
    const half = Float64Array.from(w, (_, i) => (i % 2 === 0 ? 1 : 0));
    const scrambled = Float64Array.from(y, (v, i) => (i % 2 === 0 ? v : 1 - v));
    expect(fitLinearLogit(x, 2, scrambled, half)).toEqual(fitLinearLogit(x, 2, y, half));
  });
});

describe('a forest of boosters laid out flat', () => {
  it('scores every row exactly as averaging the boosters one by one', () => {
    const { x, y, w } = logisticRows(3_000, 13);
    const models = [fitBooster(x, 2, y, w), fitBooster(x, 2, y, w, undefined, true), fitBooster(x, 2, Float64Array.from(y, (v) => 1 - v), w)];
    const forest = forestOf(models);
    for (let i = 0; i < 3_000; i += 7) {
      const mean = models.reduce((s, m) => s + predictBooster(m, x, i), 0) / models.length;
      expect(predictForest(forest, x, i)).toBe(mean);
    }
  });

  it('takes every row, NaN included, to the leaf a walk down its trees node by node reaches, whatever depth that leaf is at', () => {
    // The root splits x0 at 1: left is a leaf at once; right splits x1 at 0, whose right splits x0 at 2.
    const uneven = {
      feature: Int32Array.from([0, -1, 1, -1, 0, -1, -1]),
      edge: Float64Array.from([1, 0, 0, 0, 2, 0, 0]),
      left: Int32Array.from([1, 0, 3, 0, 5, 0, 0]),
      right: Int32Array.from([2, 0, 4, 0, 6, 0, 0]),
      value: Float64Array.from([0, 0.5, 0, -0.25, 0, 0.75, -1]),
    };
    const stump = { feature: Int32Array.from([1, -1, -1]), edge: Float64Array.from([0.5, 0, 0]), left: Int32Array.from([1, 0, 0]), right: Int32Array.from([2, 0, 0]), value: Float64Array.from([0, 0.125, -0.375]) };
    const models: Booster[] = [
      { p: 2, base: 0.1, linear: null, trees: [uneven, stump, uneven, uneven, stump] },
      { p: 2, base: -0.3, linear: null, trees: [stump] },
    ];
    const logistic = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
    const walked = (m: Booster, row: number[]) => {
      let z = m.base;
      for (const t of m.trees) {
        let node = 0;
        while (t.feature[node] >= 0) node = row[t.feature[node]] <= t.edge[node] ? t.left[node] : t.right[node];
        z += t.value[node];
      }
      return logistic(z);
    };
    const rows = [[0.5, 5], [1.5, -1], [1.5, 1], [3, 1], [Number.NaN, 0], [0.5, Number.NaN], [Number.NaN, Number.NaN], [1, 0]];
    const forest = forestOf(models);
    rows.forEach((row, i) => {
      const x = Float64Array.from(rows.flat());
      expect(predictBooster(models[0], x, i)).toBe(walked(models[0], row));
      expect(predictForest(forest, x, i)).toBe((walked(models[0], row) + walked(models[1], row)) / 2);
    });
  });
});
