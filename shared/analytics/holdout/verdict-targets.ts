import { digitsToTell, formatShare } from '../../format/numbers';
import { calibrationText } from './across-dates';
import type { BacktestLevel } from './index';
import { CALIBRATION_BAND, CAPTURE_MARGIN } from './targets';

/** One of the three targets a recovery backtest is judged on, with this level's figure. */
export type VerdictTarget = { id: 'capture' | 'precision' | 'money'; label: string; figure: string; target: string; met: boolean };

/**
 * The three targets with this level's figures and whether each was met, as the verdict decided: the
 * line an analyst reads first, before the verdict's reasons. None where too few slides, or no
 * flags at all, leave nothing to judge.
 */
export function verdictTargets(level: BacktestLevel): VerdictTarget[] {
  const v = level.verdict;
  const ours = level.rows.find((r) => r.method === 'model');
  // Nothing flagged is nothing to judge, not three misses: the verdict says so instead.
  if (v.tooFewDeclines || !ours || level.flagged === 0) return [];
  // A figure near its bar, met or missed, gets the decimals that tell it from the bar: "1.25x"
  // met beside "1.25x" missed on another date reads as a coin toss.
  const capture = v.capturedRatio === null ? 2 : digitsToTell(v.capturedRatio, CAPTURE_MARGIN, 2);
  const precision = v.precisionBar === undefined ? 1 : digitsToTell(ours.precision * 100, v.precisionBar * 100, 1);
  const calibration = calibrationText(ours.calibration);
  return [
    {
      id: 'capture',
      label: 'Loss captured',
      figure: v.capturedRatio === null ? 'no rule captured any' : `${v.capturedRatio.toFixed(capture)}x the best rule`,
      target: `at least ${CAPTURE_MARGIN}x`,
      met: v.beatsCapture === true,
    },
    {
      id: 'precision',
      label: 'Really declined',
      figure: formatShare(ours.precision, precision),
      target: v.precisionBar === undefined ? "the better money-minded rule's" : `at least ${formatShare(v.precisionBar, precision)}, the better money-minded rule's`,
      met: v.precisionOk === true,
    },
    {
      id: 'money',
      label: 'Stated / realised',
      figure: calibration ?? 'nothing stated',
      target: `${CALIBRATION_BAND.low.toFixed(2)}-${CALIBRATION_BAND.high.toFixed(2)}x`,
      met: v.calibrationOk === true,
    },
  ];
}

/** The targets on one line of plain text ("Targets: met: loss captured 1.35x the best rule (at least 1.2x) · ..."), or null. */
export function verdictTargetsLine(level: BacktestLevel): string | null {
  const targets = verdictTargets(level);
  if (targets.length === 0) return null;
  return `Targets: ${targets.map((t) => `${t.met ? 'met' : 'MISSED'}: ${t.label.toLowerCase()} ${t.figure} (${t.target})`).join(' · ')}`;
}
