import { useState } from 'react';
import type { AnalysisSummary } from '../../../shared/model/results';
import { learnedModelBasis } from '../../../shared/analytics/recovery/overview';
import { isLongTailGrowthNote } from '../../../shared/analytics/growth-none';
import { Panel } from './Feedback';

/** Notes shown before "Show all": the rest are one click away, so a long list does not push the charts down. */
const SHOWN = 3;

/**
 * What the run could and could not do, in its own words (the same notes the CLI prints and the
 * report lists). A figure the analysis doubts is only trustworthy with its caveat beside it, so
 * caveats come first, marked, and are never folded away.
 */
export function RunNotes({ summary }: { summary: AnalysisSummary }) {
  const [all, setAll] = useState(false);
  const caveats = new Set(summary.caveats ?? []);
  // Then a long tail left with no growth: the product is about that tail, and the note came late enough to be folded away.
  const rank = (n: string): number => (caveats.has(n) ? 0 : isLongTailGrowthNote(n) ? 1 : 2);
  const notes = [0, 1, 2].flatMap((r) => summary.notes.filter((n) => rank(n) === r));
  if (notes.length === 0) return null;
  const fold = Math.max(SHOWN, caveats.size);
  const shown = all ? notes : notes.slice(0, fold);
  return (
    <Panel
      title="About these figures"
      actions={
        notes.length > fold ? (
          <button type="button" onClick={() => setAll(!all)} aria-expanded={all} data-testid="run-notes-toggle">
            {all ? 'Show fewer' : `Show all ${notes.length} notes`}
          </button>
        ) : undefined
      }
    >
      <ul className="reasons" data-testid="run-notes">
        {shown.map((n) => (
          <li key={n} className={caveats.has(n) ? 'caveat' : undefined}>
            {n}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/**
 * How recovery's money was priced: the learned model with its out-of-fold check, or a plain
 * warning when the model could not be used and something simpler priced the flags.
 */
export function RecoveryBasis({ summary }: { summary: AnalysisSummary }) {
  if (!summary.recovery) return null;
  const basis = learnedModelBasis(summary.recovery);
  const caveats = summary.recovery.caveats ?? [];
  const warning =
    caveats.length > 0 ? (
      <div className="notice warning stacked" role="status" data-testid={basis ? 'recovery-caveats' : 'recovery-basis'}>
        {caveats.map((n) => (
          <p key={n}>{n}</p>
        ))}
      </div>
    ) : null;
  if (!basis) return warning;
  // A model that was used can still have learned over less than the horizon asked: the warning stays beside its basis.
  return (
    <>
      <p className="muted" data-testid="recovery-basis">
        {basis} The backtest below checks it against what really happened.
      </p>
      {warning}
    </>
  );
}
