import type { AnalysisSummary } from '../model/results';

/**
 * How many peer groups a run compared customers with, as the overview's head line says it: a run
 * with one group says why ("1 profiles" read like a failed sweep, and hid the no-pattern state),
 * and one whose split is hardly better than a cloud with no groups says its patterns are weak.
 */
export function profileWords(s: Pick<AnalysisSummary, 'k' | 'structure'>): string {
  if (s.k !== 1) return s.structure?.state === 'weak' ? `${s.k} profiles (weak buying patterns)` : `${s.k} profiles`;
  if (s.structure?.state !== 'none') return 'one peer group';
  return s.structure.tooSmall ? 'one peer group (no k with profiles of the minimum size)' : 'one peer group (no clear buying patterns)';
}

/**
 * The bold heading of a structure notice. Where only the minimum profile share kept every k out,
 * the patterns may well be there: "No clear buying patterns" had been said of the bundled sample
 * (silhouette 0.41) at a 20% minimum.
 */
export function structureHeading(structure: { state: 'clear' | 'weak' | 'none'; tooSmall?: true }): string {
  if (structure.state === 'weak') return 'Weak buying patterns.';
  if (structure.state === 'clear') return 'Clear buying patterns.';
  return structure.tooSmall ? 'No k suggested at this minimum profile size.' : 'No clear buying patterns.';
}

/**
 * A structure verdict's reason without its heading, for a notice that shows the heading in bold
 * already: "Weak buying patterns: the best stable split ..." reads "The best stable split ...".
 */
export function structureReasonAfterHeading(reason: string): string {
  const rest = reason.replace(/^(No clear|Weak|Clear) buying patterns: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
