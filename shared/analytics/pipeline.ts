import type { AnalysisSettings } from '../contract/settings';
import type { Dataset } from '../model/dataset';
import type { Action, CustomerResult, CustomerRows, KQuality, Leakage, ParetoPoint, ProfileResult } from '../model/results';
import type { BgNbdFitReport } from '../model/bgnbd';
import { dayFromIso, isoFromDay } from '../format/dates';
import { buildActions, goneCustomers } from './actions';
import { pAliveStage, type PAliveStage } from './bgnbd';
import { computeFeatures, WINDOW_DAYS, type Features } from './features';
import { LONG_TAIL_GROWTH_SHARE, longTailGrowthNote, whyNoGrowth } from './growth-none';
import { customersBeyondPeers, findGrowthGaps, growthUnderFloor, growthValueFloor, type GrowthGap } from './growth';
import { formatMoney, roundForReason } from '../format/numbers';
import { horizonWords } from './recovery/risk-reasons';
import { computeLeakage, recoveryFooting } from './leakage';
import { customerIndex } from './customer-index';
import { CATCH_ALL } from './labels';
import { buildProfiles, catchAllOf, sweepProfiles, type ProfileModel, type ProfileSweep } from './profiles';
import { buildRecoveryModel, decideRecovery, evaluateRecovery, ruleVerdicts, type RecoveryDecision, type RecoveryFlag, type RecoveryModel, type RuleVerdicts } from './recovery/index';
import { recoveryOverview, type RecoveryOverview } from './recovery/overview';
import { assessRisk, type FromElsewhere, type RiskAssessment, type RiskModels } from './risk';
import { creditShare } from './risk/series';
import { PRIOR_DAYS } from './risk/outcome';
import { StageCache } from './stage-cache';
import { settingsFor, stageKeys, type SettingName, type StageName } from './stages';
import { computeTiers, type Tiers } from './tiers';
import { isolatedLastDays } from './date-outliers';
import { outsizedLine, outsizedLineNote } from './outsized-line';
import { elbowK, type Structure, type Sweep } from './kmeans-sweep';
import { leakageSpan, spanWords } from '../format/leakage-span';

export type AnalysisStage =
  | 'features'
  | 'tiers'
  | 'profiles'
  | 'recovery-model'
  | 'risk'
  | 'recovery'
  | 'p-alive'
  | 'growth'
  | 'actions'
  | 'leakage';
// P(alive) before risk: neither reads the other, and while the risk stage may be computed on another
// thread, every stage that runs before its result is asked for runs alongside it.
export const ANALYSIS_STAGES: AnalysisStage[] = ['features', 'tiers', 'profiles', 'recovery-model', 'p-alive', 'risk', 'recovery', 'growth', 'actions', 'leakage'];

export type RunOptions = {
  progress?: (stage: AnalysisStage, done: number, total: number, message?: string) => void;
  /** Kept between runs so a settings change recomputes only the stages that depend on it. */
  cache?: StageCache;
  /** Called between stages; throws to cancel. */
  checkpoint?: () => void;
  /** Only for timings, which are reported beside the results and never change them. */
  clock?: () => number;
  /** Results of the costliest stages kept outside this run (e.g. in the workspace), by stage key. */
  saved?: SavedStages;
  /** Told of every setting a stage reads, for the test that holds stages to their declarations. */
  onSettingRead?: (stage: StageName, setting: SettingName) => void;
  /**
   * Called once every stage that can run before the risk stage's outcome has run, just before it is
   * waited for: a driver whose risk stage runs on another thread can do its own work meanwhile.
   */
  beforeRiskWait?: (ready: { features: Features }) => void;
  /**
   * Find growth's gaps for every customer before waiting for the risk stage, and strike off what
   * recovery claims after: for a driver whose risk stage runs on another thread, on data where
   * holding the gaps recovery will claim (about 0.1 GB at 20M rows) costs less than the wait.
   */
  growthWhileRiskRuns?: boolean;
  /**
   * For data where memory, not time, is the limit: wait for the risk stage's outcome before any
   * other stage runs, decide recovery (its rules' model, P(alive)) before features, profiles and
   * growth, and then let the rules' model and the risk forecasts go instead of keeping them in the
   * cache and the output (a handler that needs them again builds them again: recoveryModelFor,
   * riskFor; a run whose recovery settings changed assesses risk again, with the models it saved).
   * The risk threads' working memory, the rules' model (0.3 GB at 20M rows), the forecasts (0.27 GB)
   * and the other stages' results are then never all held at once. The results are the same in any order.
   */
  memoryFirst?: boolean;
  /**
   * Told under memoryFirst each time a big result has just been let go (the rules' model once
   * recovery's rules have judged, the risk forecasts once recovery has decided): a driver that can
   * collect garbage does it then, before the next stage fills the room.
   */
  letGo?: () => void;
};

/** What a saved stage holds: only what is expensive to compute and cheap to keep. */
export type SavedStageValues = { 'profile-sweep': Sweep; 'p-alive': PAliveStage; risk: RiskModels };

/**
 * A store for stage results that outlives the in-memory cache (a new session on the same data),
 * so a k switch after reopening a workspace skips the k sweep. The caller makes keys data-specific.
 */
export type SavedStages = {
  load<S extends keyof SavedStageValues>(stage: S, stageKey: string): SavedStageValues[S] | undefined;
  save<S extends keyof SavedStageValues>(stage: S, stageKey: string, value: SavedStageValues[S]): void;
};

export type AnalysisOutput = {
  asOf: string;
  asOfDay: number;
  settings: AnalysisSettings;
  currency: string;
  hasDates: boolean;
  categories: string[];
  revenue12m: number;
  /** Every customer's result as an array, made when first read (tests, benches); the save reads `customerRows`. */
  readonly customers: CustomerResult[];
  /** Every customer's result made one at a time, so the save need not hold them all (0.23 GB at 555k customers). */
  customerRows: CustomerRows;
  customerCounts: { total: number; active12m: number; strategic: number; longTail: number; best: number; bestRelaxed?: boolean };
  strategicRevenueShare: number;
  pareto: ParetoPoint[];
  k: number;
  suggestedK: number;
  structure: Structure;
  elbowK: number | null;
  quality: KQuality[];
  profiles: ProfileResult[];
  actions: Action[];
  leakage: Leakage;
  counts: { growthActions: number; recoveryActions: number };
  /** The BG/NBD fit behind P(alive), its holdout check and verdict; null without dates or repeat buyers. */
  bgnbd: BgNbdFitReport | null;
  /** How recovery was decided: horizon, value floor, the learned model's training and whether it was used. */
  recovery: RecoveryOverview | null;
  /** The smallest growth action listed, in money a year (0: every action is listed). */
  growthFloor: number;
  /** Why growth listed nothing, where the data has categories to sell (also among the notes). */
  growthNone?: string;
  /** Plain-words notes on what was and was not done (e.g. no dates: no recovery). */
  notes: string[];
  /** The notes that weaken a figure (the learned model not used or learned over less than the horizon, a degenerate BG/NBD fit), each also in `notes`. */
  caveats: string[];
  /** Milliseconds per stage; 0 for a stage served from the cache. */
  timings: Record<string, number>;
  /** Stage outputs kept for handlers (customer detail, fast re-evaluation). */
  stages: { features: Features; profiles: ProfileModel; recovery: RecoveryModel | null; risk: RiskAssessment | null; decision: RecoveryDecision | null; pAlive: Float64Array | null };
};

/** The as-of day: the setting, or the last transaction day. */
export const resolveAsOfDay = (ds: Dataset, settings: AnalysisSettings): number =>
  settings.asOf ? dayFromIso(settings.asOf) : ds.lastDay;

/**
 * The whole analysis, pure and deterministic: same data + same settings = the same output, bit for
 * bit (timings aside). Each stage is keyed by exactly the settings it declares in STAGE_SPECS and
 * sees no others, so with a cache a changed recovery threshold re-runs recovery, growth, actions and
 * leakage only, and a changed k skips features and the k sweep. Stages read settings only through
 * the `s` they are handed; `settings` itself is only echoed into the output.
 */
export function runAnalysis(ds: Dataset, settings: AnalysisSettings, options: RunOptions = {}): AnalysisOutput {
  const steps = analysisSteps(ds, settings, options);
  let job: RiskJob | null = null;
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    if (step.kind === 'start') {
      job = step.job;
      next = steps.next();
    } else {
      if (!job) throw new Error('The risk stage was collected before it was started.');
      next = steps.next({ outcome: assessRiskJob(ds, job) });
    }
  }
  return next.value;
}

/**
 * The same analysis, with the risk stage (the costliest) handed to `assess` as soon as the as-of day
 * and horizon are known, so it can run on another thread while features, profiles, the recovery
 * rules and P(alive) run here. The output is the inline run's, bit for bit (timings aside: `risk` is
 * then the wait for it). A job started and not collected (the run failed or was cancelled) is told
 * to stop through `abandon`.
 */
export async function runAnalysisAlongside(ds: Dataset, settings: AnalysisSettings, options: RunOptions, assess: RiskAssessor): Promise<AnalysisOutput> {
  const steps = analysisSteps(ds, settings, options);
  let pending: ReturnType<RiskAssessor> | null = null;
  try {
    let next = steps.next();
    while (!next.done) {
      const step = next.value;
      if (step.kind === 'start') {
        pending = assess(step.job);
        // Collected later, or never if a stage before it fails: its failure must not go unhandled meanwhile.
        pending.outcome.catch(() => undefined);
        if (options.memoryFirst) await settled(pending.outcome);
        next = steps.next();
      } else {
        if (!pending) throw new Error('The risk stage was collected before it was started.');
        // Boxed in a callback: a value this frame awaited stays in its registers for the rest of the run.
        const box: OutcomeBox = { outcome: null };
        await pending.outcome.then((outcome) => void (box.outcome = outcome));
        pending = null;
        next = steps.next(box);
      }
    }
    return next.value;
  } finally {
    pending?.abandon();
  }
}

/** Waits for `p` without taking its value into the waiting frame (see runAnalysisAlongside). */
const settled = (p: Promise<unknown>): Promise<void> => p.then(() => undefined);

/** The cache's entry for recovery's overview, under recovery's key: what a kept decision is shown with when its forecasts are gone. */
const OVERVIEW = 'recovery-overview';

/** Returns and credits at this share of purchases or more are named beside recovery's money, which is stated before them. */
const CREDITS_WORTH_A_NOTE = 0.02;

/** The risk stage's work: what `assessRisk` needs besides the data, and models learned before if any. */
export type RiskJob = { asOfDay: number; horizonDays: number; known: RiskModels | undefined };
/** The assessment and the models behind it (the known ones, or those just learned). */
export type RiskOutcome = { assessment: RiskAssessment; models: RiskModels };
/** Starts a risk job somewhere (another thread); `abandon` stops it when its result is no longer wanted. */
export type RiskAssessor = (job: RiskJob) => { outcome: Promise<RiskOutcome>; abandon: () => void };

/**
 * A risk job computed here and now; `elsewhere`, when given, hands over the customer series and the
 * customer level's model made on another thread (the model is asked for only when nothing was kept).
 */
export function assessRiskJob(ds: Dataset, job: RiskJob, elsewhere?: FromElsewhere): RiskOutcome {
  let models: RiskModels | undefined = job.known;
  const assessment = assessRisk(ds, job.asOfDay, job.horizonDays, (learn) => (models ??= learn()), elsewhere);
  if (!models) throw new Error('The risk assessment returned without its models.');
  return { assessment, models };
}

/** What the pipeline asks of whoever drives it: start the risk job, and later its outcome. */
type RiskStep = { kind: 'start'; job: RiskJob } | { kind: 'collect' };
/**
 * The outcome handed in, in a box the pipeline empties: an outcome passed as it is would stay
 * referenced by the driver's call for the rest of the run, and memoryFirst lets it go after recovery.
 */
type OutcomeBox = { outcome: RiskOutcome | null };

function* analysisSteps(ds: Dataset, settings: AnalysisSettings, options: RunOptions): Generator<RiskStep, AnalysisOutput, OutcomeBox | undefined> {
  const cache = options.cache ?? new StageCache();
  const clock = options.clock ?? (() => 0);
  const timings: Record<string, number> = {};
  const total = ANALYSIS_STAGES.length;
  let done = 0;
  const asOfDay = resolveAsOfDay(ds, settings);
  const keys = stageKeys(settings, { rows: ds.tx.customer.length, asOfDay });
  const view = (name: StageName): AnalysisSettings => settingsFor(name, settings, options.onSettingRead);
  const stage = <T>(name: AnalysisStage, build: (s: AnalysisSettings) => T): T => {
    options.checkpoint?.();
    options.progress?.(name, done, total);
    const started = clock();
    const value = cache.get(name, keys[name], () => build(view(name)));
    timings[name] = (timings[name] ?? 0) + (clock() - started);
    done++;
    return value;
  };
  /** Work done for a stage (or the customers' results) outside its turn, counted in its time. */
  const timed = <T>(name: string, build: () => T): T => {
    const started = clock();
    const value = build();
    timings[name] = (timings[name] ?? 0) + (clock() - started);
    return value;
  };
  const savedOr = <S extends keyof SavedStageValues>(name: S, build: () => SavedStageValues[S]): SavedStageValues[S] => {
    const known = options.saved?.load(name, keys[name]);
    if (known) return known;
    const value = build();
    options.saved?.save(name, keys[name], value);
    return value;
  };
  const notes: string[] = [];
  const caveats: string[] = [];
  const m = ds.categories.length;
  // Under memoryFirst the forecasts are let go once recovery has decided: a run that keeps that
  // decision (a k change) needs no risk stage at all.
  const decisionKept = options.memoryFirst === true && cache.peek('recovery', keys.recovery) !== undefined && cache.peek(OVERVIEW, keys.recovery) !== undefined;
  // Asked for before every other stage, so a driver with another thread computes it alongside them.
  const job: RiskJob | null =
    ds.hasDates && !decisionKept && cache.peek('risk', keys.risk) === undefined
      ? { asOfDay, horizonDays: view('risk').recovery.horizonDays, known: options.saved?.load('risk', keys.risk) }
      : null;
  // Where memory is the limit, the rhythm rules are judged before the risk job starts, and their
  // model (0.3 GB at 20M rows) let go: built after it, the model sat beside the risk forecasts (0.3
  // GB), recovery's crest. The rules read only the transactions, so the order changes no result.
  // Taken by datedStages: held here, the flags would stay to the end of the run.
  let prejudged = options.memoryFirst && job && cache.peek('recovery', keys.recovery) === undefined ? judgeRulesFirst() : null;
  if (prejudged) options.letGo?.();
  if (job) yield { kind: 'start', job };
  const typoAsOf = ds.hasDates && !settings.asOf ? isolatedLastDays(ds.tx.day, ds.lastDay) : null;
  if (typoAsOf) {
    notes.push(
      `The as-of date ${isoFromDay(ds.lastDay)} is the last transaction date, but only ${typoAsOf.rows} row(s) are dated after ${isoFromDay(typoAsOf.before)}, more than a year earlier: they look like typos in the year, and as of ${isoFromDay(ds.lastDay)} every customer looks lapsed. Set the as-of date to ${isoFromDay(typoAsOf.before)} in the settings, or fix those dates (a new import rejects them) and import again.`,
    );
  }

  const outsized = outsizedLine(ds, asOfDay);
  if (outsized) {
    const note = outsizedLineNote(ds, outsized);
    notes.push(note);
    caveats.push(note);
  }

  // Set by datedStages, which runs before or after the stages below: typed wide, since the compiler
  // cannot see a generator's assignments.
  let growthCandidates = null as GrowthGap[] | null;
  let recoveryModel = null as RecoveryModel | null;
  let alive = null as PAliveStage | null;
  let risk = null as RiskAssessment | null;
  let decision = null as RecoveryDecision | null;
  let recovery = null as RecoveryOverview | null;
  const datedNotes: string[] = [];
  const datedCaveats: string[] = [];
  /**
   * The rules' flags and what recovery's decision reads of their model, worked out before anything
   * else and the model let go. A plain function: nothing of the model outlives its frame.
   */
  function judgeRulesFirst(): { flags: RecoveryFlag[]; verdicts: RuleVerdicts } {
    const rules = stage('recovery-model', () => buildRecoveryModel(ds, asOfDay));
    const s = view('recovery');
    const flags = timed('recovery', () => evaluateRecovery(rules, s.recovery));
    const verdicts = timed('recovery', () => ruleVerdicts(rules, flags, s.recovery));
    cache.forget('recovery-model');
    return { flags, verdicts };
  }

  /**
   * Recovery's decision and overview from the risk stage's outcome in `box` (emptied), or from the
   * cache; sets `decision` and `risk` and returns the overview. Under memoryFirst the forecasts are
   * let go here.
   */
  function decideWithRisk(
    box: OutcomeBox | undefined,
    rulesNow: () => RecoveryModel,
    dropRules: () => void,
    evaluated: RecoveryFlag[] | null,
    judgedFirst: { flags: RecoveryFlag[]; verdicts: RuleVerdicts } | null,
  ): RecoveryOverview {
    let assessed: RiskAssessment | null = null;
    if (job) {
      const outcome = box?.outcome;
      if (!box || !outcome) throw new Error('The risk stage was collected without its outcome.');
      box.outcome = null;
      if (!job.known) options.saved?.save('risk', keys.risk, outcome.models);
      assessed = cache.get('risk', keys.risk, () => outcome.assessment);
      done++;
    } else if (!decisionKept) assessed = stage('risk', (): RiskAssessment => { throw new Error('The risk stage was neither kept nor started.'); });
    const gone = (): never => {
      throw new Error('Recovery was decided from risk forecasts that are no longer kept.');
    };
    // The rules judged in a frame of its own, so that nothing here holds their model once it is dropped.
    const judged = (s: AnalysisSettings): { flags: RecoveryFlag[]; verdicts: RuleVerdicts } => {
      if (judgedFirst) return judgedFirst;
      const rules = rulesNow();
      const flags = evaluated ?? evaluateRecovery(rules, s.recovery);
      return { flags, verdicts: ruleVerdicts(rules, flags, s.recovery) };
    };
    const decided = stage('recovery', (s) => {
      const { flags, verdicts } = judged(s);
      // The model (0.3 GB at 20M rows) goes before the decision fills memory of its own.
      if (options.memoryFirst && !judgedFirst) dropRules();
      return decideRecovery(ds, verdicts, flags, assessed ?? gone(), s.recovery);
    });
    decision = decided;
    const overview = cache.get(OVERVIEW, keys.recovery, () => recoveryOverview(decided, assessed ?? gone(), ds.currency));
    if (options.memoryFirst) cache.forget('risk');
    else risk = assessed;
    return overview;
  }

  /** The risk job's outcome, once a driver hands it in (undefined when no job was started). */
  function* collectRisk(ahead: { features: Features } | null): Generator<RiskStep, OutcomeBox | undefined, OutcomeBox | undefined> {
    if (!job) return undefined;
    if (ahead) options.beforeRiskWait?.({ features: ahead.features });
    options.checkpoint?.();
    options.progress?.('risk', done, total);
    const started = clock();
    const box = yield { kind: 'collect' };
    // With another thread this is the wait for it, not its work.
    timings.risk = clock() - started;
    return box;
  }

  /**
   * The rules' model, P(alive), the risk stage's outcome and recovery's decision. `ahead` is what the
   * stages before have found, for a driver that works while the risk job runs on another thread.
   * Their notes are put in their place among the others below, whenever they ran.
   */
  function* datedStages(ahead: { features: Features; growth: () => GrowthGap[] } | null): Generator<RiskStep, void, OutcomeBox | undefined> {
    // Under memoryFirst the outcome is collected before anything is built here: a generator keeps
    // what its frame held when it last paused, and the rules' model held over the pause stayed in
    // memory after it was let go (0.3 GB at 20M rows, until the stages after features).
    let box = options.memoryFirst ? yield* collectRisk(null) : undefined;
    const judgedFirst = prejudged;
    prejudged = null;
    // Held in a `let` so that `memoryFirst` can drop this thread's last hold on it; under it, a run
    // whose recovery decision is kept (a k change) does not build the model again for nothing.
    const buildRules = (): RecoveryModel => stage('recovery-model', () => buildRecoveryModel(ds, asOfDay));
    let rules: RecoveryModel | null = options.memoryFirst && (judgedFirst || cache.peek('recovery', keys.recovery) !== undefined) ? null : buildRules();
    const rulesNow = (): RecoveryModel => (rules ??= buildRules());
    alive = stage('p-alive', () => savedOr('p-alive', () => pAliveStage(ds, asOfDay)));
    // Judging the rhythm rules needs only the rules: done here while the risk job may still run.
    const evaluated = judgedFirst ? judgedFirst.flags : job && cache.peek('recovery', keys.recovery) === undefined ? timed('recovery', () => evaluateRecovery(rulesNow(), view('recovery').recovery)) : null;
    // Growth's gaps for every customer, made while the risk job runs on another thread (on 5M
    // rows the wait for it left this thread idle for longer than growth takes); what recovery
    // claims is struck off once it has decided. A gap is judged on its own customer and category
    // alone, so striking off after gives what skipping before gave.
    growthCandidates = job && ahead && options.growthWhileRiskRuns && cache.peek('growth', keys.growth) === undefined ? timed('growth', ahead.growth) : null;
    if (decisionKept) done++;
    else if (!options.memoryFirst) box = yield* collectRisk(ahead);
    recoveryModel = options.memoryFirst ? null : rules;
    // The forecasts are handled in a plain function only: what a generator's frame or closures have
    // held can outlive the step that let it go, and memoryFirst collects them before features.
    const dropRules = (): void => {
      cache.forget('recovery-model');
      rules = null;
      options.letGo?.();
    };
    recovery = decideWithRisk(box, rulesNow, dropRules, evaluated, judgedFirst);
    // The forecasts were let go with decideWithRisk's frame (a kept decision had none to let go).
    if (options.memoryFirst && !decisionKept) options.letGo?.();
    datedNotes.push(...recovery.notes);
    const credits = creditShare(ds, asOfDay - PRIOR_DAYS, asOfDay);
    if (credits >= CREDITS_WORTH_A_NOTE) {
      datedNotes.push(
        `Returns and credits came to ${Math.round(credits * 100)}% of purchases in the year to the as-of date. Recovery reads purchases (a return is dated when the goods came back, not when they were bought), so its money at risk is before returns, though never above what a customer or a relationship kept of what it bought in that year.`,
      );
    }
    datedCaveats.push(...(recovery.caveats ?? []));
  }
  // Where memory is the limit, recovery decides right after the risk stage, before the other stages:
  // the rules' model (0.3 GB at 20M rows) is let go before features, profiles and growth build theirs.
  const recoveryFirst = ds.hasDates && options.memoryFirst === true;
  if (recoveryFirst) yield* datedStages(null);

  const features = stage('features', () => computeFeatures(ds, asOfDay));
  const tiers: Tiers = stage('tiers', (s) => computeTiers(features.revenue12m, s.strategicShare));
  const profiles: ProfileModel = stage('profiles', (s) =>
    // Kept per k as well: switching back to a k seen before is then free.
    cache.get(`profiles:${s.k}`, keys.profiles, () => {
      const sweep: ProfileSweep = cache.get('profile-sweep', keys['profile-sweep'], () => {
        const known = options.saved?.load('profile-sweep', keys['profile-sweep']);
        const onK = (k: number) => options.progress?.('profiles', done, total, `k = ${k}`);
        const fresh = sweepProfiles(features, view('profile-sweep'), onK, known, catchAllOf(ds.categories));
        if (!known) options.saved?.save('profile-sweep', keys['profile-sweep'], fresh.sweep);
        return fresh;
      });
      return buildProfiles(features, sweep, s.k, ds.categories);
    }),
  );
  // The verdict on the profiles first: it says what they are worth, which among the folded notes it would not.
  if (profiles.structure.state !== 'clear') notes.push(profiles.structure.reason);
  if (profiles.selection.relaxed) {
    notes.push(`Fewer than 20 customers met the best-customer setting, so profiles were built from ${profiles.selection.best.length === 1 ? 'the one active customer' : `all ${profiles.selection.best.length} active customers`}.`);
  }

  // "Other products" is a remainder, not something a rep can offer.
  const catchAll = Uint8Array.from(ds.categories, (c) => (CATCH_ALL.test(c) ? 1 : 0));
  const growthGaps = (s: AnalysisSettings, skip?: (customer: number, category: number) => boolean): GrowthGap[] =>
    findGrowthGaps(features, profiles, s.growth, ds.categories, ds.currency, (i, c) => catchAll[c] === 1 || (skip?.(i, c) ?? false));
  if (ds.hasDates && !recoveryFirst) yield* datedStages({ features, growth: () => growthGaps(view('growth')) });
  notes.push(...datedNotes);
  caveats.push(...datedCaveats);
  if (!ds.hasDates) {
    notes.push('The data has no dates (a spend table), so only profiles and growth actions were computed; recovery, probability alive and the backtest need dated transactions.');
  }
  const pAlive = alive?.pAlive ?? null;
  const bgnbd = alive?.fit ?? null;
  if (bgnbd && !bgnbd.gateApplied) {
    const caveat = `The BG/NBD fit behind probability alive is degenerate (${bgnbd.reasons.length === 1 ? 'one sign' : `${bgnbd.reasons.length} signs`}; see the fit check), so P(alive) is shown for reference only: growth did not skip any customer on it (growth.minPAlive is not applied).`;
    notes.push(caveat);
    caveats.push(caveat);
  }

  const flagged = new Set<number>();
  for (const f of decision?.relationships ?? []) flagged.add(f.customer * m + f.category);
  // So are the categories a customer's call carries as slipping (not the money spread past them):
  // Meat slipping on a sample account had also been sold as a $31,222 growth gap, and Online
  // Retail's growth had counted £128K of such pairs in leakage beside their recovery money.
  for (const a of decision?.customers ?? []) for (const b of a.breakdown) if (!b.spread) flagged.add(a.customer * m + b.category);
  const gaps: GrowthGap[] = stage('growth', (s) => {
    // A relationship already flagged for recovery is one call, not two, and a customer that has
    // gone gets no cross-sell: growth skips both.
    // A degenerate fit calls nearly everyone alive: gating on it would look like a check and be none.
    const gone = goneCustomers(features.n, decision, bgnbd?.gateApplied ? pAlive : null, s.growth.minPAlive);
    const claimed = (i: number, c: number): boolean => gone[i] === 1 || flagged.has(i * m + c);
    return growthCandidates ? growthCandidates.filter((g) => !claimed(g.customer, g.category)) : growthGaps(s, claimed);
  });
  growthCandidates = null;
  const floor = growthValueFloor(features, settings.growth.minValueShare);
  // With one category there is nothing to cross-sell, so no floor to speak of.
  if (floor > 0 && ds.categories.length > 1) {
    const floorSpan = leakageSpan(features.windowDays, { hasDates: ds.hasDates, currency: ds.currency });
    notes.push(
      `Growth actions expected to bring less than ${spanWords(formatMoney(floor, ds.currency), floorSpan.per)} (${Math.round(settings.growth.minValueShare * 100)}% of the median active customer's ${floorSpan.dated ? floorSpan.revenue : 'revenue in the table'}) are not listed: not worth a rep's call.`,
    );
  }
  const labels = profiles.profiles.map((p) => p.label);
  const actions = stage('actions', () =>
    buildActions({ ds, tier: tiers.tier, profileOf: profiles.profileOf, profileLabels: labels }, decision, gaps),
  );
  const growthActions = actions.filter((a) => a.kind === 'growth').length;
  const noGrowth = whyNoGrowth(profiles.profiles, ds.categories, settings.growth, growthActions);
  // With one category the run's notes already say there is no mix; the Growth screen still says why it is empty.
  if (noGrowth && ds.categories.length > 1) notes.push(noGrowth);
  if (floor > 0 && ds.categories.length > 1) {
    const tailActions = actions.filter((a) => a.kind === 'growth' && a.tier === 'long-tail').length;
    const longTail = tiers.ranked.length - tiers.strategicCount;
    // Counted only where the tail got almost nothing: a second pass over the tail's gaps, skipping what the growth stage skips.
    if (longTail > 0 && growthActions > 0 && tailActions < LONG_TAIL_GROWTH_SHARE * growthActions) {
      const gone = goneCustomers(features.n, decision, bgnbd?.gateApplied ? pAlive : null, settings.growth.minPAlive);
      const outside = (i: number, c: number): boolean => tiers.tier[i] !== 'long-tail' || catchAll[c] === 1 || gone[i] === 1 || flagged.has(i * m + c);
      const under = growthUnderFloor(features, profiles, settings.growth, ds.categories, ds.currency, outside);
      const per = leakageSpan(features.windowDays, { hasDates: ds.hasDates, currency: ds.currency }).per;
      const money = (x: number): string => spanWords(formatMoney(x, ds.currency), per);
      const tail = longTailGrowthNote({ longTail, tailActions, growthActions, under, floor: money(floor), value: money(roundForReason(under.value)), minValueShare: settings.growth.minValueShare });
      if (tail) notes.push(tail);
    }
  }
  // Counted apart from the growth stage, which a re-run can take from its cache.
  const beyondPeers = ds.categories.length > 1 ? customersBeyondPeers(features, profiles, settings.growth, (_, c) => catchAll[c] === 1).length : 0;
  if (beyondPeers > 0) {
    const one = beyondPeers === 1;
    notes.push(
      `${one ? '1 customer buys' : `${beyondPeers.toLocaleString('en-US')} customers buy`} over 8 times what the largest best customer buying a category does: no peer is of ${one ? 'its' : 'their'} size there, so no growth is priced for ${one ? 'it' : 'them'} in such categories (peers' shares scaled up that far would be a guess).`,
    );
  }
  const { windowDays } = features;
  const leakage = stage('leakage', (s) => computeLeakage(ds, features, tiers.tier, profiles.profileOf, labels, actions, s.recovery.horizonDays));
  const horizon = settings.recovery.horizonDays;
  if (windowDays < WINDOW_DAYS) {
    notes.push(
      `The data begins ${windowDays === 1 ? 'on the as-of date' : `${windowDays} days before the as-of date`}, so 12-month revenue, growth and leakage cover ${windowDays === 1 ? 'that day' : `those ${windowDays} days`}, not a year${
        decision && leakage.recovery > 0 ? `: money at risk over the next ${horizonWords(horizon)} is put on their footing (${recoveryFooting(horizon, windowDays).toFixed(2)}x) before it is set against them` : ''
      }.`,
    );
  } else if (decision && horizon !== WINDOW_DAYS && leakage.recovery > 0) {
    // The headline scales the horizon's money to a year; at 100 days that assumes every shortfall
    // runs all year, and on Online Retail II it read 2.67M where a 365-day run states 1.95M.
    notes.push(
      `Money at risk is stated over the next ${horizonWords(horizon)}; leakage puts it on a yearly footing (${recoveryFooting(horizon).toFixed(2)}x), as if each shortfall ran ${horizon < 365 ? 'the whole year' : 'evenly over it'}: a run at the default 365 days states the year itself.`,
    );
  }
  options.progress?.('leakage', total, total);

  const customerRows = timed('customers', () => customerRowsOf(ds, features, tiers, profiles, pAlive, alive?.holdoutGroup ?? null, actions));
  let customers: CustomerResult[] | null = null;
  let revenue12m = 0;
  for (let i = 0; i < features.n; i++) if (features.revenue12m[i] > 0) revenue12m += features.revenue12m[i];
  return {
    asOf: isoFromDay(asOfDay),
    asOfDay,
    settings,
    currency: ds.currency,
    hasDates: ds.hasDates,
    categories: [...ds.categories],
    revenue12m,
    get customers(): CustomerResult[] {
      customers ??= Array.from({ length: customerRows.count }, (_, i) => {
        const row = customerRows.row(i);
        return { ...row, mix: Array.from(row.mix) };
      });
      return customers;
    },
    customerRows,
    customerCounts: {
      total: features.n,
      active12m: tiers.ranked.length,
      strategic: tiers.strategicCount,
      longTail: tiers.ranked.length - tiers.strategicCount,
      best: profiles.selection.best.length,
      ...(profiles.selection.relaxed ? { bestRelaxed: true } : {}),
    },
    strategicRevenueShare: tiers.strategicRevenueShare,
    pareto: tiers.pareto,
    k: profiles.k,
    suggestedK: profiles.suggestedK,
    structure: profiles.structure,
    elbowK: elbowK(profiles.quality),
    quality: profiles.quality,
    profiles: profiles.profiles,
    actions,
    leakage,
    counts: {
      growthActions,
      recoveryActions: actions.filter((a) => a.kind === 'recovery').length,
    },
    bgnbd,
    recovery,
    growthFloor: floor,
    ...(noGrowth ? { growthNone: noGrowth } : {}),
    notes,
    caveats,
    timings,
    stages: { features, profiles, recovery: recoveryModel, risk, decision, pAlive },
  };
}

/**
 * Every customer's result, made on demand from the stages' tables: the save writes 555k customers
 * (20M rows) one at a time instead of holding an object and a mix array for each. Action money is
 * added up in action order, as the results always were.
 */
function customerRowsOf(
  ds: Dataset,
  f: Features,
  tiers: Tiers,
  profiles: ProfileModel,
  pAlive: Float64Array | null,
  holdoutGroup: Int8Array | null,
  actions: readonly Action[],
): CustomerRows {
  const index = customerIndex(ds.customers);
  const atRisk = new Float64Array(f.n);
  const growth = new Float64Array(f.n);
  for (const a of actions) {
    const i = index.get(a.customerCode);
    if (i === undefined) continue;
    if (a.kind === 'recovery') atRisk[i] += a.expectedRevenue;
    else growth[i] += a.expectedRevenue;
  }
  return {
    count: f.n,
    code: (i) => ds.customers[i].code,
    row: (i) => {
      const c = ds.customers[i];
      const p = profiles.profileOf[i];
      const alive = pAlive ? pAlive[i] : NaN;
      return {
        code: c.code,
        name: c.name,
        tier: tiers.tier[i],
        profile: p >= 0 ? p + 1 : null,
        affinity: p >= 0 ? profiles.affinity[i] : null,
        isBest: profiles.isBest[i] === 1,
        revenue12m: f.revenue12m[i],
        mix: f.mix.subarray(i * f.m, (i + 1) * f.m),
        breadth: f.breadth[i],
        purchases: f.purchases[i],
        recencyDays: f.recencyDays[i] >= 0 ? f.recencyDays[i] : null,
        tenureDays: f.tenureDays[i] >= 0 ? f.tenureDays[i] : null,
        pAlive: Number.isFinite(alive) ? alive : null,
        holdoutGroup: holdoutGroup && holdoutGroup[i] >= 0 ? holdoutGroup[i] : null,
        atRiskRevenue: atRisk[i],
        growthRevenue: growth[i],
        rep: c.rep,
        territory: c.territory,
        segment: c.segment,
      };
    },
  };
}
