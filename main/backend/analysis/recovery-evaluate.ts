import type { RecoverySettings } from '../../../shared/contract/settings';
import { latenessGrid } from '../../../shared/contract/settings-meta';
import { evaluateRecovery, recoveryCurve } from '../../../shared/analytics/recovery/index';
import type { Session } from '../session';
import { readSummary, resolveRunId } from './store';
import { noDates, recoveryModelFor } from './warm';

/** Lateness values the recovery curve is drawn at: the slider's whole range. */
const LATENESS_CURVE = latenessGrid();

/** Re-evaluates a run's recovery flags at other thresholds, with the curve of flags against lateness. */
export function evaluateRecoveryAt(session: Session, runId: number | undefined, recovery: RecoverySettings) {
  const db = session.db;
  const summary = readSummary(db, resolveRunId(db, runId));
  if (!summary.hasDates) throw noDates();
  const { data, model, modelKey } = recoveryModelFor(session, summary.settings, summary.asOf);
  const started = performance.now();
  const flags = evaluateRecovery(model, recovery);
  let atRisk = 0;
  const customers = new Set<number>();
  for (const f of flags) {
    atRisk += f.atRiskRevenue;
    customers.add(f.customer);
  }
  // The curve does not depend on the lateness itself, so a lateness slider reuses it; the
  // current point comes from the flags just computed.
  const { lateness, ...rest } = recovery;
  const base = data.stages.get('recovery-curve', JSON.stringify([modelKey, rest]), () => recoveryCurve(model, recovery, LATENESS_CURVE));
  const curve = [...base.filter((p) => p.lateness !== lateness), { lateness, count: flags.length, atRisk }].sort(
    (a, b) => a.lateness - b.lateness,
  );
  return { count: flags.length, atRisk, customers: customers.size, curve, elapsedMs: performance.now() - started };
}
