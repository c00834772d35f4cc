import type { Formatters } from '../../app/format';

/** A plan made with an empty roster (or with no actions to assign): said in words, where an empty capacity chart stood. */
export function NoRepsNotice({ accounts, fmt, rosterReps = 0 }: { accounts: number; fmt: Pick<Formatters, 'count' | 'counted'>; /** Active reps of a roster saved since the plan was made. */ rosterReps?: number }) {
  if (accounts === 0) {
    return (
      <div className="notice" role="status" data-testid="plan-no-actions">
        No actions to plan: this analysis found no recovery or growth actions, so there is nothing to assign. Analyse again with other settings, or import more history, to find some.
      </div>
    );
  }
  if (rosterReps > 0) {
    // "Add reps to the roster below" had stood above a roster of ten: the plan is older than they are.
    return (
      <div className="notice warning" role="status" data-testid="plan-no-reps">
        No reps in this plan: it was planned with an earlier roster, and all {fmt.count(accounts)} accounts with actions stay unassigned in it. Plan assignments again to give them to the roster's{' '}
        {fmt.counted(rosterReps, 'active rep')}.
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
