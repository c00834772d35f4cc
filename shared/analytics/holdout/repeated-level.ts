import { formatCount } from '../../format/numbers';
import type { BacktestLevel } from '../../model/results';

/**
 * Whether a level only repeats the one above it: every flagged relationship scored again, when the
 * top relationships were already every flag (small data, up to 300 flags), is the same table.
 */
export function repeatsTopLevel(level: BacktestLevel, levels: readonly BacktestLevel[]): boolean {
  if (level.id !== 'relationship-all') return false;
  const top = levels.find((l) => l.id === 'relationship');
  return top !== undefined && top.compared === top.flagged && top.flagged === level.flagged;
}

/** What every surface says in place of a level that repeats the one above it ("the same 0" read as a table of something). */
export const repeatedLevelText = (level: BacktestLevel): string =>
  level.flagged === 0
    ? `${level.title}: none, as in the table above, so it is not shown twice.`
    : `${level.title}: the same ${formatCount(level.flagged, 'en-US')} as the table above, which compared every one of them, so it is not shown twice.`;
