import { describe, expect, it } from 'vitest';
import { bandJudgement, bandWarning, chanceBandLabel, chanceBands, type ChanceBand } from '../../../shared/analytics/holdout/bands';
import { formatShare } from '../../../shared/format/numbers';
import { population } from '../../../shared/analytics/holdout/score';
import { outcomesOf } from '../../helpers/outcomes';

describe('our backtest flags read by the chance of a slide we stated', () => {
  // 200 units; chance of unit u is (u mod 100) / 100, so each hundred spans every band once.
  const n = 200;
  const out = outcomesOf(
    n,
    (u) => 10 + (u % 13),
    (u) => u % 4 === 0,
  );
  const chance = Float64Array.from({ length: n }, (_, u) => (u % 100) / 100);
  const stated = Float64Array.from({ length: n }, (_, u) => 20 + (u % 7));
  // Every unit flagged but the last ten, and one unit at a chance of exactly 1.
  const flags = Array.from({ length: n - 10 }, (_, u) => u);
  chance[5] = 1;

  it('split them into fixed bands, each scored as a list of its own, and lose none', () => {
    const bands = chanceBands(flags, out, population(out), stated, chance);
    expect(bands.map((b) => [b.from, b.to])).toEqual([
      [0, 0.3],
      [0.3, 0.45],
      [0.45, 0.6],
      [0.6, 0.8],
      [0.8, 1],
    ]);
    expect(bands.reduce((s, b) => s + b.flagged, 0)).toBe(flags.length);
    // Worked out here unit by unit: which band holds it, then the band's sums.
    const startOf = (p: number): number => [0.8, 0.6, 0.45, 0.3, 0].find((from) => p >= from) as number;
    for (const band of bands) {
      const mine = flags.filter((u) => startOf(chance[u]) === band.from);
      const declined = mine.filter((u) => out.declined[u] === 1).length;
      const lost = mine.reduce((s, u) => s + out.loss[u], 0);
      const money = mine.reduce((s, u) => s + stated[u], 0);
      expect(band.flagged).toBe(mine.length);
      expect(band.declined).toBe(declined);
      expect(band.precision).toBeCloseTo(declined / mine.length, 12);
      expect(band.capturedLoss).toBeCloseTo(lost, 9);
      expect(band.stated).toBeCloseTo(money, 9);
      expect(band.calibration).toBeCloseTo(money / lost, 12);
      expect(band.statedChance).toBeCloseTo(mine.reduce((s, u) => s + chance[u], 0) / mine.length, 12);
    }
    // A chance of exactly 1 sits in the top band.
    expect(bands[4].flagged).toBe(flags.filter((u) => chance[u] >= 0.8).length);
  });

  it('leave out a band that holds no flag', () => {
    const low = flags.filter((u) => chance[u] < 0.3);
    const bands = chanceBands(low, out, population(out), stated, chance);
    expect(bands).toHaveLength(1);
    expect(chanceBandLabel(bands[0])).toBe('under 30%');
  });

  it('are named the same on every surface', () => {
    expect([0, 0.3, 0.45, 0.6, 0.8].map((from, i, all) => chanceBandLabel({ from, to: all[i + 1] ?? 1 }))).toEqual(['under 30%', '30-45%', '45-60%', '60-80%', '80% and over']);
  });

  it('name in the verdict the band whose money missed most, only when it missed by over half and holds 20 flags or more', () => {
    const band = (from: number, to: number, flagged: number, calibration: number | null): ChanceBand => ({
      from,
      to,
      flagged,
      declined: 0,
      precision: 0,
      capturedLoss: 100,
      stated: calibration === null ? null : 100 * calibration,
      calibration,
      statedChance: from,
    });
    expect(bandWarning([band(0, 0.3, 57, 1.68), band(0.3, 0.45, 75, 1.07), band(0.45, 0.6, 105, 0.8)])).toBe(
      ' Where we stated a chance under 30% (57 flags), money stated was 1.68x the loss that followed, so it reads high there.',
    );
    expect(bandWarning([band(0, 0.3, 3822, 0.47), band(0.3, 0.45, 79, 0.74)])).toBe(
      ' Where we stated a chance under 30% (3,822 flags), money stated was 0.47x the loss that followed, so it reads low there.',
    );
    // Within half either way, too few flags, or no loss to compare with: nothing said.
    expect(bandWarning([band(0, 0.3, 57, 1.45), band(0.3, 0.45, 75, 0.7)])).toBe('');
    expect(bandWarning([band(0, 0.3, 19, 3)])).toBe('');
    expect(bandWarning([band(0, 0.3, 40, null)])).toBe('');
  });

  it('mark a band of under 20 flags too few to judge, keeping its figures, and read it so on every surface', () => {
    const few = flags.filter((u) => chance[u] < 0.3).slice(0, 19);
    const [small] = chanceBands(few, out, population(out), stated, chance);
    expect(small.flagged).toBe(19);
    expect(small.tooFew).toBe(true);
    expect(small.calibration).not.toBeNull();
    expect(bandJudgement(small, formatShare)).toEqual({ declined: 'too few to judge', statedLost: 'too few to judge' });
    const [enough] = chanceBands(flags.filter((u) => chance[u] < 0.3).slice(0, 20), out, population(out), stated, chance);
    expect(enough.tooFew).toBeUndefined();
    expect(bandJudgement(enough, formatShare).declined).toBe(formatShare(enough.precision));
  });

  it('say a band where nothing was lost has no ratio, rather than leave a bare dash', () => {
    const band: ChanceBand = { from: 0.3, to: 0.45, flagged: 25, declined: 0, precision: 0, capturedLoss: 0, stated: 900, calibration: null, statedChance: 0.37 };
    expect(bandJudgement(band, formatShare)).toEqual({ declined: '0.0%', statedLost: 'nothing lost' });
  });
});
