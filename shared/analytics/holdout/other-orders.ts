import type { ListOrder } from '../../contract/settings';
import { choiceOf, settingMeta } from '../../contract/settings-meta';
import { formatCount } from '../../format/numbers';
import type { FlagScore } from './score';
import { wholePercent as pct } from './score';

/** Our flags in another list order (recovery.listOrder), as many as the table compares, against what followed. */
export type OtherOrder = { mode: ListOrder; precision: number; capturedShare: number; calibration: number | null; sameAs?: ListOrder };

type Row = FlagScore & { method: string };

/** An order's name as the List order control shows it ("Surest first"). */
const orderName = (mode: ListOrder): string => choiceOf(settingMeta('recovery.listOrder'), mode)?.label ?? mode;

const orderWords = (o: OtherOrder): string => `${orderName(o.mode)}${o.sameAs ? ` (here the same list as ${orderName(o.sameAs).toLowerCase()})` : ''}`;

/** The best naive rule's share of the loss, and the precision bar (the better money-minded rule's). */
export function yardsticks(rows: readonly Row[]): { best: number; bar: number } {
  const share = (methods: string[]) => rows.filter((r) => methods.includes(r.method));
  return {
    best: Math.max(0, ...share(['recency', 'drop-90', 'own-gap']).map((r) => r.capturedShare)),
    bar: Math.max(0, ...share(['drop-90', 'own-gap']).map((r) => r.precision)),
  };
}

/** What the other list orders would have flagged on the same replay, in one sentence beside the targets. */
export function otherOrdersSentence(others: readonly OtherOrder[], rows: readonly Row[], compared: number): string {
  if (others.length === 0) return '';
  const { best, bar } = yardsticks(rows);
  const parts = others.map(
    (o) => `${orderWords(o).toLowerCase()}, ${pct(o.precision)} declined${best > 0 ? ` and ${(o.capturedShare / best).toFixed(2)}x the best rule's loss` : ''}${o.calibration !== null ? `, money stated at ${o.calibration.toFixed(2)}x the loss` : ''}`,
  );
  return ` In the other list order${others.length > 1 ? 's' : ''} (the List order setting), the top ${formatCount(compared)} would have been: ${parts.join('; ')} (the precision bar: ${pct(bar)}).`;
}

/** One row of the table: an order's top flags against what followed, and its loss over the best rule's. */
export type OrderRow = { key: string; label: string; precision: number; capturedShare: number; vsBest: number | null; calibration: number | null };

/**
 * The table every surface shows under a level's comparison: this run's list first, then each other
 * order's on the same replay, as many flags each; null when no other order changes the top flags.
 */
export function otherOrdersTable(level: { rows: readonly Row[]; compared: number; otherOrders?: readonly OtherOrder[] }): { caption: string; rows: OrderRow[] } | null {
  if (!level.otherOrders || level.otherOrders.length === 0) return null;
  const { best, bar } = yardsticks(level.rows);
  const ours = level.rows.find((r) => r.method === 'model');
  if (!ours) return null;
  const vsBest = (share: number): number | null => (best > 0 ? share / best : null);
  return {
    caption: `The same replay in the other list orders, the top ${formatCount(level.compared)} each (precision bar ${pct(bar)})`,
    rows: [
      { key: 'run', label: "This run's order", precision: ours.precision, capturedShare: ours.capturedShare, vsBest: vsBest(ours.capturedShare), calibration: ours.calibration },
      ...level.otherOrders.map((o) => ({ key: o.mode, label: orderWords(o), precision: o.precision, capturedShare: o.capturedShare, vsBest: vsBest(o.capturedShare), calibration: o.calibration })),
    ],
  };
}
