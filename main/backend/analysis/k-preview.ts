import { AppError } from '../../../shared/contract/errors';
import type { KPreview } from '../../../shared/contract/analysis';
import { computeFeatures, type Features } from '../../../shared/analytics/features';
import { buildProfiles, catchAllOf, sweepProfiles, type ProfileModel, type ProfileSweep } from '../../../shared/analytics/profiles';
import { stageKeys } from '../../../shared/analytics/stages';
import { dayFromIso } from '../../../shared/format/dates';
import type { ProfileResult } from '../../../shared/model/results';
import { getMeta, setMeta } from '../db/meta';
import type { Session } from '../session';
import { appVersion } from '../version';
import { savedStages } from './saved-stages';
import { readSummary, resolveRunId } from './store';
import { warmData, type WarmData } from './warm';
import { customerIndex } from '../../../shared/analytics/customer-index';
import { int32Of } from '../../../shared/analytics/typed';

/** One meta entry per k, so previewing a k writes a few tens of kilobytes, not every k's. */
const META_PREFIX = 'analysis-saved:k-preview:';

/** What is kept of a k: its profiles and one byte per customer (k is at most 15). */
type KeptPreview = { profiles: ProfileResult[]; converged: boolean; profileOf: Int8Array };

const encodeKept = (p: KeptPreview): string =>
  `${JSON.stringify({ profiles: p.profiles, converged: p.converged })}\n${Buffer.from(p.profileOf.buffer, p.profileOf.byteOffset, p.profileOf.byteLength).toString('base64')}`;

function decodeKept(text: string, customers: number): KeptPreview | undefined {
  const cut = text.indexOf('\n');
  if (cut < 0) return undefined;
  const head = JSON.parse(text.slice(0, cut)) as { profiles: ProfileResult[]; converged: boolean };
  const bytes = Buffer.from(text.slice(cut + 1), 'base64');
  if (bytes.byteLength !== customers) return undefined;
  return { ...head, profileOf: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

const keptOf = (model: ProfileModel): KeptPreview => ({ profiles: model.profiles, converged: model.converged, profileOf: Int8Array.from(model.profileOf) });

/**
 * The customers of a run in the order `analysis-points` lists them, as dataset indices, so a
 * preview sends one small number per scatter point instead of codes.
 */
function pointOrder(session: Session, data: WarmData, runId: number): Int32Array {
  return data.stages.get('point-order', String(runId), () => {
    const codes = session.db
      .prepare('SELECT code FROM run_customers WHERE run_id = ? ORDER BY revenue12m DESC, code')
      .pluck()
      .all(runId) as string[];
    const index = customerIndex(data.ds.customers);
    return int32Of(codes.length, (i) => index.get(codes[i]) ?? -1);
  });
}

/**
 * The profiles another k would give, without storing a run: the same fit a re-run with that k makes
 * (the run's features and k sweep, then buildProfiles), so Re-run shows exactly what was previewed.
 * A fitted k stays in the session's stage cache under the key the pipeline uses (a re-run with it
 * skips the fit) and in the workspace (reopening previews it at once).
 */
export function previewK(session: Session, requestedRun: number | undefined, k: number): KPreview {
  const db = session.db;
  const runId = resolveRunId(db, requestedRun);
  const summary = readSummary(db, runId);
  const data = warmData(session);
  if (summary.dataHash !== data.hash) {
    throw new AppError('NO_ANALYSIS', `The data changed after run ${runId}: run the analysis again to preview other numbers of profiles.`, { runId });
  }
  const kMax = Math.max(summary.settings.kMin, summary.settings.kMax, ...summary.quality.map((q) => q.k));
  // One peer group (k = 1) is always a fit; above the swept range there are no centres to start from.
  if (k > kMax) {
    throw new AppError('INVALID_INPUT', `k = ${k} is above the range run ${runId} swept (up to ${kMax}). Change the k range in the settings and re-run.`, { k });
  }
  const settings = { ...summary.settings, k };
  const asOfDay = dayFromIso(summary.asOf);
  const keys = stageKeys(settings, { rows: data.ds.tx.customer.length, asOfDay });
  const metaKey = META_PREFIX + k;
  const fullKey = `${appVersion}|${data.hash}|${keys.profiles}`;
  const n = data.ds.customers.length;

  let kept: KeptPreview | undefined;
  let source: KPreview['source'] = 'session';
  const text = getMeta(db, metaKey);
  const cut = text?.indexOf('\n') ?? -1;
  const cachedModel = data.stages.peek<ProfileModel>(`profiles:${k}`, keys.profiles);
  if (cachedModel) kept = keptOf(cachedModel);
  else if (text && cut > 0 && text.slice(0, cut) === fullKey) {
    kept = decodeKept(text.slice(cut + 1), n);
    source = 'workspace';
  }
  if (!kept) {
    const features: Features = data.stages.get('features', keys.features, () => computeFeatures(data.ds, asOfDay));
    const sweep: ProfileSweep = data.stages.get('profile-sweep', keys['profile-sweep'], () => {
      const saved = savedStages(db, data.hash);
      const known = saved.load('profile-sweep', keys['profile-sweep']);
      const fresh = sweepProfiles(features, settings, undefined, known, catchAllOf(data.ds.categories));
      if (!known) saved.save('profile-sweep', keys['profile-sweep'], fresh.sweep);
      return fresh;
    });
    const model = data.stages.get(`profiles:${k}`, keys.profiles, () => buildProfiles(features, sweep, k, data.ds.categories));
    kept = keptOf(model);
    source = 'computed';
    try {
      setMeta(db, metaKey, `${fullKey}\n${encodeKept(kept)}`);
    } catch {
      // A workspace opened read-only still previews; it only recomputes next time.
    }
  }
  const order = pointOrder(session, data, runId);
  const profileOf = kept.profileOf;
  const pointProfiles = Array.from(order, (i) => (i >= 0 && profileOf[i] >= 0 ? profileOf[i] + 1 : 0));
  return { runId, k: kept.profiles.length, profiles: kept.profiles, converged: kept.converged, pointProfiles, source };
}
