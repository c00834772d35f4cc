import { useState } from 'react';
import type { AnalysisSummary } from '../../../shared/model/results';
import { horizonWords } from '../../../shared/analytics/recovery/risk-reasons';
import { Panel } from './Feedback';

/** Notes shown before "Show all": the rest are one click away, so a long list does not push the charts down. */
const SHOWN = 3;

/** The run's notes that say a figure is weaker than it looks: the learned model not used, a degenerate BG/NBD fit. */
function caveatsOf(summary: AnalysisSummary): Set<string> {
  const caveats = new Set<string>(modelNotes(summary));
  if (summary.bgnbd?.verdict === 'degenerate') for (const n of summary.notes) if (n.includes('BG/NBD')) caveats.add(n);
  return caveats;
}

/** The recovery notes that say the learned model was not used and what priced the flags instead. */
function modelNotes(summary: AnalysisSummary): string[] {
  return (summary.recovery?.notes ?? []).filter((n) => n.startsWith('The learned model was not used') || n.startsWith('Recovery used the rhythm rules alone'));
}

/**
 * What the run could and could not do, in its own words (the same notes the CLI prints and the
 * report lists). A figure the analysis doubts is only trustworthy with its caveat beside it, so
 * caveats come first, marked, and are never folded away.
 */
export function RunNotes({ summary }: { summary: AnalysisSummary }) {
  const [all, setAll] = useState(false);
  const caveats = caveatsOf(summary);
  const notes = [...summary.notes.filter((n) => caveats.has(n)), ...summary.notes.filter((n) => !caveats.has(n))];
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
  const r = summary.recovery;
  if (!r) return null;
  const customer = r.model.customer;
  const span = horizonWords(r.horizonDays);
  if (customer?.usable) {
    const dates = customer.cuts.length === 1 ? 'one earlier date' : `${customer.cuts.length} earlier dates`;
    return (
      <p className="muted" data-testid="recovery-basis">
        Money at risk over the next {span} comes from a model learned on this data's own past at {dates} ({customer.units.toLocaleString('en')} customers
        watched for {customer.horizonDays} days after each); out of fold it told decliners from steady buyers with an AUC of {customer.auc.toFixed(2)} (0.5 is
        chance). The backtest below checks it against what really happened.
      </p>
    );
  }
  // The model was not used: the run's own notes say why and what priced the flags instead.
  const why = modelNotes(summary);
  return (
    <div className="notice warning stacked" role="status" data-testid="recovery-basis">
      {why.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
