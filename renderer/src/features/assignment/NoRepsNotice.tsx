import type { Formatters } from '../../app/format';

/** A plan made with an empty roster (or with no actions to assign): said in words, where an empty capacity chart stood. */
export function NoRepsNotice({ accounts, fmt }: { accounts: number; fmt: Pick<Formatters, 'count'> }) {
  if (accounts === 0) {
    return (
      <div className="notice" role="status" data-testid="plan-no-actions">
        No actions to plan: this analysis found no recovery or growth actions, so there is nothing to assign. Analyse again with other settings, or import more history, to find some.
      </div>
    );
  }
  return (
    <div className="notice warning" role="status" data-testid="plan-no-reps">
      No reps to plan with: every one of the {fmt.count(accounts)} accounts with actions stays unassigned. Add reps to the roster below (or import a roster, or data with a rep
      column), then Plan assignments again.
    </div>
  );
}
