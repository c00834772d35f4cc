import type { AnalysisSummary } from '../model/results';

/**
 * How many peer groups a run compared customers with, as the overview's head line says it: a run
 * with one group says why ("1 profiles" read like a failed sweep, and hid the no-pattern state),
 * and one whose split is hardly better than a cloud with no groups says its patterns are weak.
 */
export function profileWords(s: Pick<AnalysisSummary, 'k' | 'structure'>): string {
  if (s.k !== 1) return s.structure?.state === 'weak' ? `${s.k} profiles (weak buying patterns)` : `${s.k} profiles`;
  return s.structure?.state === 'none' ? 'one peer group (no clear buying patterns)' : 'one peer group';
}

/**
 * A structure verdict's reason without its heading, for a notice that shows the heading in bold
 * already: "Weak buying patterns: the best stable split ..." reads "The best stable split ...".
 */
export function structureReasonAfterHeading(reason: string): string {
  const rest = reason.replace(/^(No clear|Weak|Clear) buying patterns: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
