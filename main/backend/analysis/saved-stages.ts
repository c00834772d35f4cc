import type { SavedStages, SavedStageValues } from '../../../shared/analytics/pipeline';
import type { Sweep } from '../../../shared/analytics/kmeans-sweep';
import type { PAliveStage } from '../../../shared/analytics/bgnbd';
import type { BgNbdFitReport } from '../../../shared/model/bgnbd';
import type { LearnedRisk, RiskModels } from '../../../shared/analytics/risk';
import { DEFAULT_BOOST, type Booster } from '../../../shared/analytics/risk/boost';
import { FEATURE_NAMES } from '../../../shared/analytics/risk/features';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import { appVersion } from '../version';

/** Meta keys of the stages kept in the workspace; one entry per stage, the latest key wins. */
const META_PREFIX = 'analysis-saved:';
const STORED = ['profile-sweep', 'p-alive', 'risk'] as const;
type Stored = (typeof STORED)[number];

// Version 2 adds each customer's bucket of the holdout check (the bars of the fit check drill to them).
const P_ALIVE_FORMAT = 'p-alive with fit report and holdout groups, 2';
// Models learned on other features, by an earlier training plan or with any other boosting option, are learned afresh.
const BOOSTING = Object.entries(DEFAULT_BOOST).map(([option, value]) => `${option} ${String(value)}`).join(', ');
const RISK_FORMAT = `risk models (trees on a linear base, run-rate fallback) on ${FEATURE_NAMES.join(', ')}; training plan 2 (two cuts on a short history, money checked at the longer horizon); boosting ${BOOSTING}`;

// Sweeps kept before each k was also read against a cloud with no groups (kmeans-reference) would keep their old verdict.
const SWEEP_FORMAT = 'k sweep judged against a cloud of the same spread, 1';
type SweepJson = { format?: string; quality: Sweep['quality']; suggestedK: number; structure?: Sweep['structure']; centroids: [number, number[][]][] };

// Doubles as their bytes: JSON would lose NaN (no estimate) and cost twice the text.
const encodeDoubles = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const decodeDoubles = (text: string): Float64Array => {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
};

const encodeBytes = (a: Int8Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const decodeBytes = (text: string): Int8Array => {
  const bytes = Buffer.from(text, 'base64');
  return new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** Trees and band factors as plain arrays; a fitted model is small (a few hundred nodes per level). */
type LinearJson = { mean: number[]; scale: number[]; coef: number[]; intercept: number };
type BoosterJson = { p: number; base: number; linear: LinearJson | null; trees: { feature: number[]; edge: number[]; left: number[]; right: number[]; value: number[] }[] };
type LearnedJson = {
  training: LearnedRisk['training'];
  fitted: { share: BoosterJson[]; decline: BoosterJson[]; bandFactor: number[]; auc: number } | null;
  runRate: { declineByShare: number[]; bandFactor: number[]; calibrated: boolean } | null;
};

const boosterJson = (b: Booster): BoosterJson => ({
  p: b.p,
  base: b.base,
  linear: b.linear && { mean: [...b.linear.mean], scale: [...b.linear.scale], coef: [...b.linear.coef], intercept: b.linear.intercept },
  trees: b.trees.map((t) => ({ feature: [...t.feature], edge: [...t.edge], left: [...t.left], right: [...t.right], value: [...t.value] })),
});
const boosterOf = (j: BoosterJson): Booster => ({
  p: j.p,
  base: j.base,
  linear: j.linear && { mean: Float64Array.from(j.linear.mean), scale: Float64Array.from(j.linear.scale), coef: Float64Array.from(j.linear.coef), intercept: j.linear.intercept },
  trees: j.trees.map((t) => ({ feature: Int32Array.from(t.feature), edge: Float64Array.from(t.edge), left: Int32Array.from(t.left), right: Int32Array.from(t.right), value: Float64Array.from(t.value) })),
});
const learnedJson = (l: LearnedRisk): LearnedJson => ({
  training: l.training,
  fitted: l.fitted && { share: l.fitted.share.map(boosterJson), decline: l.fitted.decline.map(boosterJson), bandFactor: [...l.fitted.bandFactor], auc: l.fitted.auc },
  runRate: l.runRate && { declineByShare: [...l.runRate.declineByShare], bandFactor: [...l.runRate.bandFactor], calibrated: l.runRate.calibrated },
});
const learnedOf = (j: LearnedJson): LearnedRisk => ({
  training: j.training,
  fitted: j.fitted && { share: j.fitted.share.map(boosterOf), decline: j.fitted.decline.map(boosterOf), bandFactor: Float64Array.from(j.fitted.bandFactor), auc: j.fitted.auc },
  runRate: j.runRate && { declineByShare: Float64Array.from(j.runRate.declineByShare), bandFactor: Float64Array.from(j.runRate.bandFactor), calibrated: j.runRate.calibrated },
});

const encode = {
  'profile-sweep': (s: Sweep): string =>
    JSON.stringify({ format: SWEEP_FORMAT, quality: s.quality, suggestedK: s.suggestedK, structure: s.structure, centroids: [...s.centroids] } satisfies SweepJson),
  // A format line, the fit report on one line, the probabilities on the next, then the holdout
  // groups as bytes (an empty line without a holdout check).
  'p-alive': (s: PAliveStage): string =>
    `${P_ALIVE_FORMAT}\n${JSON.stringify(s.fit)}\n${encodeDoubles(s.pAlive)}\n${s.holdoutGroup ? encodeBytes(s.holdoutGroup) : ''}`,
  risk: (m: RiskModels): string => `${RISK_FORMAT}\n${JSON.stringify({ customer: learnedJson(m.customer), relationship: learnedJson(m.relationship) })}`,
};

const decode = {
  'profile-sweep': (text: string): Sweep => {
    const s = JSON.parse(text) as SweepJson;
    // A sweep kept by an earlier judgement of structure is recomputed rather than trusted.
    if (!s.structure || s.format !== SWEEP_FORMAT) return undefined as unknown as Sweep;
    return { quality: s.quality, suggestedK: s.suggestedK, structure: s.structure, centroids: new Map(s.centroids) };
  },
  // Probabilities kept by an earlier version came without their fit report or holdout groups: computed afresh.
  'p-alive': (text: string): PAliveStage | undefined => {
    const [format, fit, doubles, groups] = text.split('\n');
    if (format !== P_ALIVE_FORMAT || groups === undefined) return undefined;
    return { fit: JSON.parse(fit) as BgNbdFitReport | null, pAlive: decodeDoubles(doubles), holdoutGroup: groups === '' ? null : decodeBytes(groups) };
  },
  risk: (text: string): RiskModels | undefined => {
    const cut = text.indexOf('\n');
    if (cut < 0 || text.slice(0, cut) !== RISK_FORMAT) return undefined;
    const j = JSON.parse(text.slice(cut + 1)) as { customer: LearnedJson; relationship: LearnedJson };
    return { customer: learnedOf(j.customer), relationship: learnedOf(j.relationship) };
  },
};

/** Forgets the kept stages, so the next analysis of this workspace computes everything afresh. */
export function forgetSavedStages(db: Db): void {
  for (const stage of STORED) db.prepare('DELETE FROM meta WHERE key = ?').run(META_PREFIX + stage);
}

/**
 * The k sweep, the probabilities alive and the learned risk models, kept in the workspace under the
 * data hash, the app version and the stage key, so reopening a workspace and switching k or a
 * recovery setting skips the costliest stages. The rules' recovery model is too big to store; it
 * stays in the session's stage cache.
 */
export function savedStages(db: Db, hash: string): SavedStages {
  const fullKey = (stageKey: string): string => `${appVersion}|${hash}|${stageKey}`;
  const load = (stage: Stored, stageKey: string): SavedStageValues[Stored] | undefined => {
    const text = getMeta(db, META_PREFIX + stage);
    if (!text) return undefined;
    const cut = text.indexOf('\n');
    if (cut < 0 || text.slice(0, cut) !== fullKey(stageKey)) return undefined;
    return decode[stage](text.slice(cut + 1));
  };
  return {
    load: (stage, stageKey) => load(stage, stageKey) as SavedStageValues[typeof stage] | undefined,
    save: (stage, stageKey, value) => {
      // The contract pairs each stage with its value type; TypeScript cannot narrow the pair through the union.
      const text = (encode[stage] as (v: typeof value) => string)(value);
      setMeta(db, META_PREFIX + stage, `${fullKey(stageKey)}\n${text}`);
    },
  };
}
