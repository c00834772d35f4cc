import type { RecoveryFlag } from '../../shared/analytics/recovery/evaluate';
import type { Dataset } from '../../shared/model/dataset';
import type { Action } from '../../shared/model/results';

/** Planted truth in the shape the sample generator reports it. */
export type PlantedRecoveryTruth = {
  defections: { customerId: string; category: string; kind: string }[];
  traps: { customerId: string; category: string; kind: string }[];
};

export type PlantedRecoveryScore = {
  recall: number;
  precision: number;
  flagged: number;
  defections: number;
  /** Share of each trap class that was flagged (false alarms). */
  trapAlarms: Record<string, { flagged: number; total: number; rate: number }>;
  recallByKind: Record<string, { found: number; total: number; rate: number }>;
};

/** Scores flags against planted truth: used by the tests and the benchmark, never by the analysis. */
export function scoreAgainstPlanted(ds: Dataset, flags: readonly RecoveryFlag[], truth: PlantedRecoveryTruth): PlantedRecoveryScore {
  const key = (customer: string, category: string) => `${customer}\u0000${category}`;
  const flagged = new Set(flags.map((f) => key(ds.customers[f.customer].code, ds.categories[f.category])));
  const defections = new Set(truth.defections.map((d) => key(d.customerId, d.category)));
  let hits = 0;
  for (const k of flagged) if (defections.has(k)) hits++;
  const recallByKind: PlantedRecoveryScore['recallByKind'] = {};
  for (const d of truth.defections) {
    const e = (recallByKind[d.kind] ??= { found: 0, total: 0, rate: 0 });
    e.total++;
    if (flagged.has(key(d.customerId, d.category))) e.found++;
  }
  const trapAlarms: PlantedRecoveryScore['trapAlarms'] = {};
  for (const t of truth.traps) {
    const e = (trapAlarms[t.kind] ??= { flagged: 0, total: 0, rate: 0 });
    e.total++;
    if (flagged.has(key(t.customerId, t.category))) e.flagged++;
  }
  for (const e of Object.values(recallByKind)) e.rate = e.total > 0 ? e.found / e.total : 0;
  for (const e of Object.values(trapAlarms)) e.rate = e.total > 0 ? e.flagged / e.total : 0;
  return {
    recall: defections.size > 0 ? hits / defections.size : 0,
    precision: flagged.size > 0 ? hits / flagged.size : 0,
    flagged: flagged.size,
    defections: defections.size,
    trapAlarms,
    recallByKind,
  };
}

/** One customer x category relationship of planted truth or of a run's actions, as a set key. */
export const plantedKey = (customer: string, category: string): string => `${customer}|${category}`;

/**
 * The customer x category relationships a run's recovery actions flag, as plantedKey keys:
 * a whole-account action (a win-back or a slipping account) flags each category it carries as
 * slipping; money spread onto its other categories (more than the slipping ones kept) flags none.
 * The planted-truth test and the analysis bench both count flags this way.
 */
export function flaggedRelationships(actions: readonly Pick<Action, 'kind' | 'customerCode' | 'category' | 'breakdown'>[]): Set<string> {
  return new Set(
    actions
      .filter((a) => a.kind === 'recovery')
      .flatMap((a) => (a.breakdown ? a.breakdown.filter((b) => !b.spread).map((b) => plantedKey(a.customerCode, b.category)) : [plantedKey(a.customerCode, a.category)])),
  );
}
