import type { AssignmentPlanSummary } from '../../../../shared/contract/assignment';
import { rosterCoverage, rosterCoverageWarning } from '../../../../shared/analytics/assignment-loads';

/**
 * Roster territories the data does not have, said above the plan as the CLI and the About sheet say
 * it: a roster of regions over data by country had sent every account to five inside reps without a word.
 */
export function RosterCoverageNotice({ plan }: { plan: Pick<AssignmentPlanSummary, 'reps' | 'territories' | 'settings'> }) {
  const warning = rosterCoverageWarning(rosterCoverage(plan.reps, plan.territories, plan.settings.unknownKindAs));
  if (!warning) return null;
  return (
    <div className="notice warning" role="status" data-testid="plan-roster-territories">
      {warning}
    </div>
  );
}
