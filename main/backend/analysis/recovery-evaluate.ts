import type { RecoverySettings } from '../../../shared/contract/settings';
import { latenessGrid } from '../../../shared/contract/settings-meta';
import { decideRecovery, evaluateRecovery, ruleVerdicts, type RecoveryDecision } from '../../../shared/analytics/recovery/index';
import { recoveryTotals } from '../../../shared/analytics/recovery/overview';
import { buildActions } from '../../../shared/analytics/actions';
import { byWeightedMoney } from '../../../shared/analytics/priority';
import type { Action, Tier } from '../../../shared/model/results';
import type { Db } from '../db/open';
import type { Session } from '../session';
import { readSummary, resolveRunId } from './store';
import { noDates, recoveryModelFor, riskFor, type WarmData } from './warm';

/** Lateness values the recovery curve is drawn at: the slider's whole range. */
const LATENESS_CURVE = latenessGrid();

/**
 * The recovery actions a decision would list, in the Recovery list's order (call value, as the
 * backtest scores them; the decision's own weights, so a preview orders as Apply would): tiers and profiles come from the run (thresholds do not move
 * them), and priorities scale against the run's largest growth action, so a row's priority matches
 * what Apply would store to within the growth actions it shifts.
 */
function previewActions(db: Db, runId: number, data: WarmData, decision: RecoveryDecision): Action[] {
  const placed = data.stages.get('run-placement', String(runId), () => {
    const rows = db.prepare('SELECT code, tier, profile FROM run_customers WHERE run_id = ?').all(runId) as { code: string; tier: Tier; profile: number | null }[];
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const tier: Tier[] = [];
    const profileOf = new Int32Array(data.ds.customers.length).fill(-1);
    data.ds.customers.forEach((c, i) => {
      const r = byCode.get(c.code);
      tier.push(r?.tier ?? 'long-tail');
      if (r && r.profile !== null) profileOf[i] = r.profile - 1;
    });
    const growth = db.prepare("SELECT max(expected_revenue) AS m FROM run_actions WHERE run_id = ? AND kind = 'growth'").get(runId) as { m: number | null };
    return { tier, profileOf, growthMax: growth.m ?? 0 };
  });
  return byWeightedMoney(buildActions({ ds: data.ds, tier: placed.tier, profileOf: placed.profileOf, profileLabels: [], priorityScale: placed.growthMax }, decision, []));
}

/**
 * Re-decides a run's recovery at other settings, with the curve of actions against lateness: the
 * same decision a run makes (rules priced by the learned model), so the totals match a re-run.
 */
/** `listActions` > 0 also lists that many of the top actions at these settings (0: none). */
export function evaluateRecoveryAt(session: Session, runId: number | undefined, recovery: RecoverySettings, listActions = 0) {
  // From the start: the first evaluation of a session reads the data, builds the rules' model and
  // forecasts risk (13 s at 5M rows), and the card had said "1214 ms" of the decision alone.
  const started = performance.now();
  const db = session.db;
  const id = resolveRunId(db, runId);
  const summary = readSummary(db, id);
  if (!summary.hasDates) throw noDates();
  const { data, model, modelKey, asOfDay } = recoveryModelFor(session, summary.settings, summary.asOf);
  const risk = riskFor(db, data, { ...summary.settings, recovery }, asOfDay);
  const decide = (s: RecoverySettings, words = true) => {
    const flags = evaluateRecovery(model, s, words);
    return decideRecovery(data.ds, ruleVerdicts(model, flags, s), flags, risk, s, words);
  };
  // The curve only counts and sums: no reasons written at its points.
  const at = (s: RecoverySettings) => recoveryTotals(decide(s, false));
  // Reasons are written only for a list: totals alone (a step without its list) count and sum.
  const decision = decide(recovery, listActions > 0);
  const now = recoveryTotals(decision);
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
  const actions = listActions > 0 ? previewActions(db, id, data, decision) : undefined;
  return {
    ...now,
    curve,
    elapsedMs: performance.now() - started,
    ...(actions ? { actions: actions.slice(0, listActions), actionsTotal: actions.length, ...(decision.order ? { order: decision.order } : {}) } : {}),
  };
}
