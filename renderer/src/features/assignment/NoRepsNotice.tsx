import type { Formatters } from '../../app/format';

/** A plan made with an empty roster: said in words, where an empty capacity chart stood. */
export function NoRepsNotice({ accounts, fmt }: { accounts: number; fmt: Pick<Formatters, 'count'> }) {
  return (
    <div className="notice warning" role="status" data-testid="plan-no-reps">
      No reps to plan with: every one of the {fmt.count(accounts)} accounts with actions stays unassigned. Add reps to the roster below (or import a roster, or data with a rep
      column), then Plan assignments again.
    </div>
  );
}
