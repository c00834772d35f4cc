import type { Outcomes } from '../risk/outcome';
import { BASELINE_LABELS, type BaselineRule } from './baselines';
import { wholePercent as pct } from './score';

/** Units both lists hold, or one list alone: how many, how many declined, the loss they held and their usual spend. */
export type ListPart = {
  flagged: number;
  declined: number;
  precision: number;
  capturedLoss: number;
  /** Expected spend over the horizon (the prior rate), summed: how big the part's units usually are. */
  expected: number;
};

/**
 * Our compared flags beside the list of as many from the money-minded rule whose precision is the
 * bar (the better of the 90-day drop and own-gap rules). A precision bar met or missed says nothing
 * of why: where the lists differ, each side's own units show what a list buys with its precision.
 */
export type ListDifference = {
  rule: Extract<BaselineRule, 'drop-90' | 'own-gap'>;
  shared: ListPart;
  oursOnly: ListPart;
  ruleOnly: ListPart;
};

function partOf(units: readonly number[], out: Outcomes): ListPart {
  let declined = 0;
  let capturedLoss = 0;
  let expected = 0;
  for (const u of units) {
    if (out.declined[u]) declined++;
    capturedLoss += out.loss[u];
    expected += out.expected[u];
  }
  return { flagged: units.length, declined, precision: units.length > 0 ? declined / units.length : 0, capturedLoss, expected };
}

/** Splits our flags and the rule's into the units both hold and those each holds alone. */
export function listDifference(ours: readonly number[], rule: ListDifference['rule'], theirs: readonly number[], out: Outcomes): ListDifference {
  const inTheirs = new Set(theirs);
  const inOurs = new Set(ours);
  return {
    rule,
    shared: partOf(ours.filter((u) => inTheirs.has(u)), out),
    oursOnly: partOf(ours.filter((u) => !inTheirs.has(u)), out),
    ruleOnly: partOf(theirs.filter((u) => !inOurs.has(u)), out),
  };
}

/** Usual spend over the horizon per flag of a part (0 for an empty part). */
export const usualSpendEach = (p: ListPart): number => (p.flagged > 0 ? p.expected / p.flagged : 0);

/**
 * For a verdict whose precision missed: what each list's own units held, so the analyst sees
 * whether the rule's precision came from units that lose less (usually smaller ones) or from
 * units ours missed. '' when either list has no units of its own.
 */
export function differenceSentence(d: ListDifference, realisedLoss: number, unit: string): string {
  const ruleLabel = BASELINE_LABELS[d.rule];
  const { oursOnly: ours, ruleOnly: theirs } = d;
  if (ours.flagged === 0 || theirs.flagged === 0 || !(realisedLoss > 0)) return '';
  const size = usualSpendEach(ours) > 0 ? usualSpendEach(theirs) / usualSpendEach(ours) : Number.NaN;
  const sizeWords = Number.isFinite(size) ? `, ${unit} that usually bought ${size.toFixed(2)}x as much as ours` : '';
  return ` Where the lists differ, our own ${ours.flagged} flags held ${pct(ours.capturedLoss / realisedLoss)} of the loss at ${pct(ours.precision)} precision; the rule with the better precision (${ruleLabel.toLowerCase()}) held ${pct(theirs.capturedLoss / realisedLoss)} with its own ${theirs.flagged}, at ${pct(theirs.precision)}${sizeWords}.`;
}

/** The table every surface shows: what both lists hold, then each list alone, with its caption. */
export function differenceTable(d: ListDifference): { caption: string; rows: { key: 'shared' | 'oursOnly' | 'ruleOnly'; label: string; part: ListPart }[] } {
  return {
    caption: `Ours beside the precision bar's rule (${BASELINE_LABELS[d.rule].toLowerCase()}), as many flags each`,
    rows: [
      { key: 'shared', label: 'In both lists', part: d.shared },
      { key: 'oursOnly', label: 'Ours alone', part: d.oursOnly },
      { key: 'ruleOnly', label: "The rule's alone", part: d.ruleOnly },
    ],
  };
}
