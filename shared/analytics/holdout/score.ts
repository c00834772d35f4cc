import type { Outcomes } from '../risk/outcome';

/** How one list of flags fared over the horizon. */
export type FlagScore = {
  flagged: number;
  /** Flags whose unit spent under half of what was expected. */
  declined: number;
  precision: number;
  /** Declined units flagged / all declined units. */
  recallCount: number;
  /** Prior-window revenue of the declined units flagged / of all declined units. */
  recallRevenue: number;
  /** Realised loss on the flagged units, and its share of all realised loss. */
  capturedLoss: number;
  capturedShare: number;
  /** Money stated at risk over the horizon on the flags (null for rules that state none). */
  stated: number | null;
  /** stated / capturedLoss. */
  calibration: number | null;
  /**
   * The mean chance of a slide the flags were given (null for rules, which give none; absent on
   * backtests stored before it was kept): read beside `precision`, the share that really declined.
   */
  statedChance?: number | null;
};

export type Population = { units: number; declined: number; realisedLoss: number; declinedRevenue: number; expected: number };

/** Money under a cent is residue of summing floats, not a loss: it reads as none and divides nothing. */
export const CENT = 0.01;

/** Whether a population lost anything: under a cent, or under a millionth of what it was expected to spend, is none. */
export function lostAny(pop: Pick<Population, 'realisedLoss' | 'expected'>): boolean {
  return pop.realisedLoss >= CENT && pop.realisedLoss > pop.expected * 1e-6;
}

export function population(out: Outcomes): Population {
  const p: Population = { units: 0, declined: 0, realisedLoss: 0, declinedRevenue: 0, expected: 0 };
  for (let u = 0; u < out.scored.length; u++) {
    if (!out.scored[u]) continue;
    p.units++;
    p.expected += out.expected[u];
    p.realisedLoss += out.loss[u];
    if (out.declined[u]) {
      p.declined++;
      p.declinedRevenue += out.prior[u];
    }
  }
  return p;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** A share as the verdicts write it: whole percent ("43%"). */
export const wholePercent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Scores flagged units (indices into the outcomes); `stated` is per unit money at risk, `chance` per
 * unit chance of a slide, or null where the method states none.
 */
export function scoreFlags(flags: readonly number[], out: Outcomes, pop: Population, stated: Float64Array | null, chance: Float64Array | null = null): FlagScore {
  let declined = 0;
  let declinedRevenue = 0;
  let loss = 0;
  let money = 0;
  let chances = 0;
  for (const u of flags) {
    loss += out.loss[u];
    if (stated) money += stated[u];
    if (chance) chances += chance[u];
    if (out.declined[u]) {
      declined++;
      declinedRevenue += out.prior[u];
    }
  }
  return {
    flagged: flags.length,
    declined,
    precision: ratio(declined, flags.length),
    recallCount: ratio(declined, pop.declined),
    recallRevenue: ratio(declinedRevenue, pop.declinedRevenue),
    capturedLoss: loss,
    capturedShare: ratio(loss, pop.realisedLoss),
    stated: stated ? money : null,
    calibration: stated ? (loss > 0 ? money / loss : null) : null,
    statedChance: chance && flags.length > 0 ? chances / flags.length : null,
  };
}

/** The mean of several scores (random draws). */
export function meanScore(scores: readonly FlagScore[]): FlagScore {
  const n = Math.max(1, scores.length);
  const avg = (f: (s: FlagScore) => number) => scores.reduce((a, s) => a + f(s), 0) / n;
  return {
    flagged: avg((s) => s.flagged),
    declined: avg((s) => s.declined),
    precision: avg((s) => s.precision),
    recallCount: avg((s) => s.recallCount),
    recallRevenue: avg((s) => s.recallRevenue),
    capturedLoss: avg((s) => s.capturedLoss),
    capturedShare: avg((s) => s.capturedShare),
    stated: null,
    calibration: null,
    statedChance: null,
  };
}
