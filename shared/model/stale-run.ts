import type { AnalysisSummary } from './results';

/** What a run's figures say when they travel (a report, a benchmark row, a workbook) after the data changed under them. */
export const staleRunCaveat = (runId: number): string =>
  `The data changed since run ${runId} was made (an import added or removed, or product groups changed): these figures are that run's, not the data's as it stands. Run the analysis again before sending them on.`;

/**
 * The run's caveats, led by the stale-run one when the workspace's data is no longer the data the
 * run read. The screens say it above every analysis view; a report or a benchmark row, read away
 * from them, had shown a run that predated two imports (and $5M of sales) as plain "ok".
 */
export function caveatsAsOfNow(runId: number, caveats: readonly string[] | undefined, runHash: string, currentHash: string): string[] {
  return runHash === currentHash ? [...(caveats ?? [])] : [staleRunCaveat(runId), ...(caveats ?? [])];
}

/** The summary with the stale-run caveat first in its caveats and its notes (the notes list shows caveats marked). */
export function summaryAsOfNow(s: AnalysisSummary, currentHash: string): AnalysisSummary {
  if (s.dataHash === currentHash) return s;
  const caveat = staleRunCaveat(s.runId);
  return { ...s, caveats: [caveat, ...(s.caveats ?? [])], notes: [caveat, ...(s.notes ?? [])] };
}
