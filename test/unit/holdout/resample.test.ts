import { describe, expect, it } from 'vitest';
import { declinesByChance, resampleLists } from '../../../shared/analytics/holdout/resample';
import { outcomesOf } from '../../helpers/outcomes';
import { formatSignedPoints } from '../../../shared/format/numbers';


const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('how sure a backtest comparison is, by resampling the scored units', () => {
  it('gives no spread at all when our list is the rule list: the two move together in every resample', () => {
    const out = outcomesOf(500, (u) => (u % 7) * 10, (u) => u % 3 === 0);
    const list = range(0, 300);
    const s = resampleLists({ ours: list, captureRules: [list], precisionRules: [list] }, out, 1);
    expect(s.captureRatio).toEqual([1, 1]);
    expect(s.precisionGap).toEqual([0, 0]);
  });

  it('puts the precision gap of two disjoint lists where the normal approximation for two proportions does', () => {
    // 2,000 flags at 50% against 2,000 others at 30%: the gap is 20 points, and its 90% range is
    // 1.645 standard errors either side, sqrt(0.5 * 0.5 / 2000 + 0.3 * 0.7 / 2000) = 1.52 points.
    const out = outcomesOf(4000, () => 1, (u) => (u < 2000 ? u % 2 === 0 : u % 10 < 3));
    const s = resampleLists({ ours: range(0, 2000), captureRules: [range(2000, 4000)], precisionRules: [range(2000, 4000)] }, out, 7);
    const halfWidth = 1.645 * Math.sqrt((0.5 * 0.5) / 2000 + (0.3 * 0.7) / 2000);
    const [lo, hi] = s.precisionGap as [number, number];
    expect((lo + hi) / 2).toBeCloseTo(0.2, 2);
    expect((hi - lo) / 2).toBeGreaterThan(0.8 * halfWidth);
    expect((hi - lo) / 2).toBeLessThan(1.2 * halfWidth);
  });

  it('holds the measured capture ratio inside its range, and widens it when one large account carries a list', () => {
    const even = outcomesOf(1000, () => 10, () => true);
    const lumpy = outcomesOf(1000, (u) => (u === 0 ? 3000 : 10), () => true);
    const lists = { ours: range(0, 300), captureRules: [range(300, 600)], precisionRules: [range(300, 600)] };
    const flat = resampleLists(lists, even, 3).captureRatio as [number, number];
    const carried = resampleLists(lists, lumpy, 3).captureRatio as [number, number];
    expect(flat[0]).toBeLessThan(1);
    expect(flat[1]).toBeGreaterThan(1);
    // Measured: (3000 + 299 x 10) / (300 x 10) = 2.0; a resample without the large account holds about 1.
    expect(carried[0]).toBeLessThan(1.1);
    expect(carried[1]).toBeGreaterThan(2.5);
    expect(carried[1] - carried[0]).toBeGreaterThan(10 * (flat[1] - flat[0]));
  });

  it('puts the money stated beside the loss that followed on our flags, exactly when every flag states a fixed multiple of its loss', () => {
    const out = outcomesOf(600, (u) => 10 + (u % 13), () => true);
    const stated = Float64Array.from(out.loss, (loss) => 1.1 * loss);
    const lists = { ours: range(0, 300), captureRules: [range(300, 600)], precisionRules: [range(300, 600)] };
    const [lo, hi] = resampleLists({ ...lists, stated }, out, 5).calibration as [number, number];
    expect(lo).toBeCloseTo(1.1, 12);
    expect(hi).toBeCloseTo(1.1, 12);
    // Money stated on one large flag that lost nothing spreads it: resamples without that flag state less.
    const lumpy = Float64Array.from(stated, (v, u) => (u === 0 ? 5000 : v));
    const spread = resampleLists({ ...lists, stated: lumpy }, out, 5).calibration as [number, number];
    expect(spread[1] - spread[0]).toBeGreaterThan(0.5);
    expect(resampleLists(lists, out, 5).calibration).toBeUndefined();
  });

  it('gives the same ranges from the same seed, and no capture range when no rule caught any loss', () => {
    const out = outcomesOf(400, (u) => (u < 200 ? 5 : 0), (u) => u < 200);
    const lists = { ours: range(0, 100), captureRules: [range(200, 300)], precisionRules: [range(200, 300), []] };
    expect(resampleLists(lists, out, 11)).toEqual(resampleLists(lists, out, 11));
    const s = resampleLists(lists, out, 11);
    expect(s.captureRatio).toBeNull();
    // An empty rule list sets no bar: our flags all declined, the rule's none.
    expect(s.precisionGap).toEqual([1, 1]);
  });

  it('counts the declines a list would hold by chance: flags times the share that declined', () => {
    expect(declinesByChance(43, 69, 1903)).toBeCloseTo(1.559, 3);
    expect(declinesByChance(300, 150, 0)).toBe(0);
  });

  it('writes a precision gap in signed whole points, with no minus zero', () => {
    expect([0.05, -0.14, -0.004, 0.004, 0].map(formatSignedPoints)).toEqual(['+5', '-14', '0', '0', '0']);
  });
});
