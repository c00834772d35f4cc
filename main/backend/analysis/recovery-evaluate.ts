import type { RecoverySettings } from '../../../shared/contract/settings';
import { latenessGrid } from '../../../shared/contract/settings-meta';
import { decideRecovery, evaluateRecovery, type RecoveryDecision } from '../../../shared/analytics/recovery/index';
import type { Session } from '../session';
import { readSummary, resolveRunId } from './store';
import { noDates, recoveryModelFor, riskFor } from './warm';

/** Lateness values the recovery curve is drawn at: the slider's whole range. */
const LATENESS_CURVE = latenessGrid();

/** What a recovery decision lists: actions (whole accounts and relationships), money, customers. */
function totals(d: RecoveryDecision): { count: number; atRisk: number; customers: number } {
  const customers = new Set<number>();
  let atRisk = 0;
  for (const a of d.customers) {
    atRisk += a.atRisk;
    customers.add(a.customer);
  }
  for (const f of d.relationships) {
    atRisk += f.atRiskRevenue;
    customers.add(f.customer);
  }
  return { count: d.customers.length + d.relationships.length, atRisk: Math.round(atRisk * 100) / 100, customers: customers.size };
}

/**
 * Re-decides a run's recovery at other settings, with the curve of actions against lateness: the
 * same decision a run makes (rules priced by the learned model), so the totals match a re-run.
 */
export function evaluateRecoveryAt(session: Session, runId: number | undefined, recovery: RecoverySettings) {
  const db = session.db;
  const summary = readSummary(db, resolveRunId(db, runId));
  if (!summary.hasDates) throw noDates();
  const { data, model, modelKey, asOfDay } = recoveryModelFor(session, summary.settings, summary.asOf);
  const risk = riskFor(data, { ...summary.settings, recovery }, asOfDay);
  const at = (s: RecoverySettings) => totals(decideRecovery(data.ds, model, evaluateRecovery(model, s), risk, s));
  const started = performance.now();
  const now = at(recovery);
  // The curve does not depend on the lateness itself, so a lateness slider reuses it; the
  // current point comes from the decision just made.
  const { lateness, ...rest } = recovery;
  const base = data.stages.get('recovery-curve', JSON.stringify([modelKey, rest]), () =>
    LATENESS_CURVE.map((l) => {
      const t = at({ ...recovery, lateness: l });
      return { lateness: l, count: t.count, atRisk: t.atRisk };
    }),
  );
  const curve = [...base.filter((p) => p.lateness !== lateness), { lateness, count: now.count, atRisk: now.atRisk }].sort((a, b) => a.lateness - b.lateness);
  return { ...now, curve, elapsedMs: performance.now() - started };
}
