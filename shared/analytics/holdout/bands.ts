import { formatCount } from '../../format/numbers';
import type { Outcomes } from '../risk/outcome';
import { scoreFlags, type FlagScore, type Population } from './score';

/**
 * Where the bands our flags are read in start, by the chance of a slide each was given: under 30%,
 * 30-45%, 45-60%, 60-80%, 80% and over. Fixed, so one backtest reads against another.
 */
export const CHANCE_BAND_STARTS = [0, 0.3, 0.45, 0.6, 0.8] as const;

/**
 * Our compared flags whose stated chance is at least `from` and under `to` (the last band holds a
 * chance of 1 too), scored as a list of their own: whether a chance and money stated hold where the
 * list is sure and where it is not.
 */
export type ChanceBand = { from: number; to: number } & Pick<FlagScore, 'flagged' | 'declined' | 'precision' | 'capturedLoss' | 'stated' | 'calibration' | 'statedChance'> & {
  /** Under BAND_MIN_FLAGS flags: its share declined and money are kept, but no surface judges them. */
  tooFew?: true;
};

/** The bands that hold any of `flags`, lowest chance first. */
export function chanceBands(flags: readonly number[], out: Outcomes, pop: Population, stated: Float64Array, chance: Float64Array): ChanceBand[] {
  const bands: ChanceBand[] = [];
  CHANCE_BAND_STARTS.forEach((from, b) => {
    const last = b === CHANCE_BAND_STARTS.length - 1;
    const to = last ? 1 : CHANCE_BAND_STARTS[b + 1];
    const inBand = flags.filter((u) => chance[u] >= from && (chance[u] < to || last));
    if (inBand.length === 0) return;
    const { flagged, declined, precision, capturedLoss, stated: money, calibration, statedChance } = scoreFlags(inBand, out, pop, stated, chance);
    bands.push({ from, to, flagged, declined, precision, capturedLoss, stated: money, calibration, statedChance, ...(bandTooFew({ flagged }) ? { tooFew: true as const } : {}) });
  });
  return bands;
}

const percent = (share: number): string => String(Math.round(share * 100));

/** "under 30%", "30-45%", "80% and over": a band as every surface names it. */
export function chanceBandLabel(band: Pick<ChanceBand, 'from' | 'to'>): string {
  if (band.from === 0) return `under ${percent(band.to)}%`;
  if (band.to === 1) return `${percent(band.from)}% and over`;
  return `${percent(band.from)}-${percent(band.to)}%`;
}

/** Bands with fewer flags than this are too small to judge: one flag declining or not swings them whole. */
export const BAND_MIN_FLAGS = 20;

/** Read from the count, not the stored field, so a backtest stored before the field reads the same. */
export function bandTooFew(band: Pick<ChanceBand, 'flagged'>): boolean {
  return band.flagged < BAND_MIN_FLAGS;
}

export const TOO_FEW_TO_JUDGE = 'too few to judge';

/**
 * A band's share declined and stated/lost as every surface prints them: a small band's figures
 * would pass for findings, and a band where nothing was lost has no ratio, which a bare dash does
 * not explain.
 */
export function bandJudgement(band: ChanceBand, share: (v: number) => string): { declined: string; statedLost: string } {
  if (bandTooFew(band)) return { declined: TOO_FEW_TO_JUDGE, statedLost: TOO_FEW_TO_JUDGE };
  const statedLost = band.calibration !== null ? `${band.calibration.toFixed(2)}x` : band.stated === null ? 'no money stated' : 'nothing lost';
  return { declined: share(band.precision), statedLost };
}
/** Money stated in a band this far from the loss that followed (either way) is named in the verdict. */
const BAND_MONEY_OFF = 1.5;

/**
 * The band whose money missed most, when one of BAND_MIN_FLAGS flags or more stated over 1.5x the
 * loss that followed or under 1/1.5 of it: a sentence for the verdict, else ''. The list's money
 * can be right in total while one band is far off both ways.
 */
export function bandWarning(bands: readonly ChanceBand[]): string {
  let worst: ChanceBand | null = null;
  let worstOff = Math.log(BAND_MONEY_OFF);
  for (const b of bands) {
    if (bandTooFew(b) || b.calibration === null || !(b.calibration > 0)) continue;
    const off = Math.abs(Math.log(b.calibration));
    if (off > worstOff) {
      worst = b;
      worstOff = off;
    }
  }
  if (!worst || worst.calibration === null) return '';
  return ` Where we stated a chance ${chanceBandLabel(worst)} (${formatCount(worst.flagged)} flags), money stated was ${worst.calibration.toFixed(2)}x the loss that followed, so it reads ${worst.calibration > 1 ? 'high' : 'low'} there.`;
}
