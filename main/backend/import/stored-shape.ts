import type { ImportField, ImportShape } from '../../../shared/contract/import';

type StoredShape = Exclude<ImportShape, 'cube'>;

/** Shapes whose rows carry dates: recovery, p alive and the backtest apply to them. */
export const isDatedShape = (shape: ImportShape): boolean => shape === 'transactions' || shape === 'cube';

/**
 * A cube's rows are dated transactions at period grain, so the workspace stores them as such (every
 * query that reads dated imports takes them unchanged, and the imports table's CHECK stays as it is);
 * the orders column, which only a cube maps, tells the two apart again.
 */
export const storedShape = (shape: ImportShape): StoredShape => (shape === 'cube' ? 'transactions' : shape);

export const shownShape = (stored: StoredShape, mapping: Partial<Record<ImportField, string>>): ImportShape =>
  stored === 'transactions' && mapping.orders ? 'cube' : stored;
