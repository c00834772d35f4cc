import { NONE_KEY } from '../model/slice';

/**
 * The row of customers with no territory, rep or profile, named where people read it: '(none)' in
 * a chart or a report said nothing of who they are. A customer has no profile when it spent nothing
 * in the last 12 months (profiles match customers by their 12-month mix).
 */
const NONE_LABELS: Record<string, string> = {
  territory: 'No territory',
  rep: 'No rep',
  profile: 'No profile (no spend in 12 months)',
};

/**
 * A leakage breakdown's key as shown, by dimension ('Territory' or 'territory'). Categories and
 * tiers are never missing, so their keys are names as they stand, even one spelt '(none)'.
 */
export const leakageKeyLabel = (dimension: string, key: string): string => (key === NONE_KEY ? (NONE_LABELS[dimension.toLowerCase()] ?? key) : key);
