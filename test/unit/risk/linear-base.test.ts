import { describe, expect, it } from 'vitest';
import { fitBooster, forestOf, predictBooster, predictForest } from '../../../shared/analytics/risk/boost';
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
});
