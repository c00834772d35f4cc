import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAsOfDay, runAnalysis, runAnalysisAlongside, type RiskAssessor, type SavedStages, type SavedStageValues } from '../../../shared/analytics/pipeline';
import { stageKeys } from '../../../shared/analytics/stages';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import type { Dataset } from '../../../shared/model/dataset';
import { loadDataset } from '../../../main/backend/analysis/load-dataset';
import { riskOnThread } from '../../../main/backend/analysis/risk-thread';
import { openDatabase } from '../../../main/backend/db/open';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

let w: Awaited<ReturnType<typeof newWorkspace>>;
let ds: Dataset;
const settings = analysisSettingsSchema.parse({ kMax: 6 });

/** Everything an analysis hands on (timings aside, which differ by how the stages ran). */
const results = (o: ReturnType<typeof runAnalysis>) => {
  const { timings: _timings, stages, customerRows: _rows, ...rest } = o;
  const f = stages.risk;
  return { ...rest, forecasts: f && [f.customer.atRisk, f.customer.pDecline, f.relationship.atRisk, f.relationship.pDecline, f.relationship.expected] };
};
/** The same, for a run that let its forecasts go (memoryFirst): everything it hands on but them. */
const resultsBut = (o: ReturnType<typeof runAnalysis>) => {
  const { forecasts: _forecasts, ...rest } = results(o);
  return rest;
};

/** A workspace's saved stages, kept in memory: what the workspace file keeps between sessions. */
function memoryStore(): SavedStages & { saved: Map<string, unknown> } {
  const saved = new Map<string, unknown>();
  return {
    saved,
    load: <S extends keyof SavedStageValues>(stage: S, key: string) => saved.get(`${stage}:${key}`) as SavedStageValues[S] | undefined,
    save: (stage, key, value) => void saved.set(`${stage}:${key}`, value),
  };
}

function fullCollection(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Risk Thread Supplies' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 21, customers: 300, categories: 6 });
  await w.backend.call('import-run', { path: csv });
  w.backend.close();
  const db = openDatabase(w.file, { create: false });
  ds = loadDataset(db);
  db.close();
});
afterAll(() => w.cleanup());

describe('the risk stage on a thread of its own', () => {
  it('reads the transactions from shared memory, so the thread needs no copy of them', () => {
    for (const column of [ds.tx.customer, ds.tx.category, ds.tx.day, ds.tx.revenue]) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('gives the same actions, money, customers and forecasts as the analysis run on one thread, with the customer model learned and applied on a second thread and growth found while they run', async () => {
    const inline = runAnalysis(ds, settings);
    let worked: { assess: number; learnCustomers: number | null } | null = null;
    let waited = 0;
    const alongside = await runAnalysisAlongside(ds, settings, { growthWhileRiskRuns: true, beforeRiskWait: () => waited++ }, riskOnThread(ds, { onDone: (ms) => (worked = ms) }));
    expect(waited).toBe(1);
    expect(alongside.counts.recoveryActions).toBeGreaterThan(0);
    expect(results(alongside)).toEqual(results(inline));
    expect(worked).toMatchObject({ assess: expect.any(Number), learnCustomers: expect.any(Number) });
  });

  it('gives the same results with the risk stage run first and alone and the rules\' model let go after recovery decides (data too big to hold both), and builds that model again only when a changed recovery setting needs it', async () => {
    const inline = runAnalysis(ds, settings);
    const cache = new StageCache();
    const order: string[] = [];
    const lean = { cache, memoryFirst: true, progress: (stage: string) => order.push(stage) };
    let started = false;
    let finished = false;
    const threads = riskOnThread(ds, { onDone: () => (finished = true) });
    const assess: RiskAssessor = (job) => {
      started = true;
      return threads(job);
    };
    const first = await runAnalysisAlongside(ds, settings, { ...lean, progress: (stage) => order.push(`${stage}${started && !finished ? ' (risk running)' : ''}`) }, assess);
    expect(resultsBut(first)).toEqual(resultsBut(inline));
    // No stage ran while the risk threads worked (the rules' model is built and let go before they
    // start), and recovery decided before the stages that need no dates.
    expect(order.filter((stage) => stage.endsWith('(risk running)'))).toEqual([]);
    expect(order.indexOf('recovery-model')).toBeLessThan(order.indexOf('risk'));
    expect(order.indexOf('recovery')).toBeLessThan(order.indexOf('features'));
    expect(first.stages.recovery).toBeNull();
    const modelKey = stageKeys(settings, { rows: ds.tx.customer.length, asOfDay: resolveAsOfDay(ds, settings) })['recovery-model'];
    expect(cache.peek('recovery-model', modelKey)).toBeUndefined();
    // The inline run keeps it, under that key.
    const keeping = new StageCache();
    runAnalysis(ds, settings, { cache: keeping });
    expect(keeping.peek('recovery-model', modelKey)).toBeDefined();
    // A k change keeps recovery's decision: the rules' model is not built again.
    cache.hits.length = 0;
    order.length = 0;
    const k4 = await runAnalysisAlongside(ds, { ...settings, k: 4 }, lean, riskOnThread(ds));
    expect(cache.hits).toContain('recovery');
    expect(order).not.toContain('recovery-model');
    expect(k4.counts.recoveryActions).toBe(first.counts.recoveryActions);
    // A changed lateness threshold decides recovery again, from a model built again.
    order.length = 0;
    const later = analysisSettingsSchema.parse({ kMax: 6, recovery: { lateness: 2.5 } });
    const relaxed = await runAnalysisAlongside(ds, later, lean, riskOnThread(ds));
    expect(order).toContain('recovery-model');
    expect(resultsBut(relaxed)).toEqual(resultsBut(runAnalysis(ds, later)));
  });

  it('judges the rules and lets their model go before the risk stage starts, and the risk forecasts once recovery has decided, when memory comes first; a k change then needs no risk stage at all', async () => {
    const cache = new StageCache();
    let forecasts: WeakRef<object> | null = null;
    let started = 0;
    const watched: RiskAssessor = (job) => {
      started++;
      const running = riskOnThread(ds)(job);
      return {
        abandon: running.abandon,
        // Handed on a turn later: V8 keeps a new WeakRef's target alive to the end of the turn it was made in.
        outcome: running.outcome.then((outcome) => {
          forecasts = new WeakRef(outcome.assessment.relationship.atRisk);
          return new Promise<typeof outcome>((resolve) => setTimeout(() => resolve(outcome), 0));
        }),
      };
    };
    // Told twice mid-run that memory was let go (the rules' model before the risk stage, then the forecasts), with features
    // still to come. Looked at the second time only: a WeakRef looked into keeps its target to the end of the turn.
    const held: boolean[] = [];
    const order: string[] = [];
    const letGo = (): void => {
      order.push('let go');
      if (order.filter((step) => step === 'let go').length !== 2) return;
      fullCollection();
      held.push(forecasts?.deref() !== undefined);
    };
    const first = await runAnalysisAlongside(ds, settings, { cache, memoryFirst: true, letGo, progress: (stage) => order.push(stage) }, watched);
    expect(forecasts).not.toBeNull();
    expect(held).toEqual([false]);
    expect(order.filter((step) => ['let go', 'recovery-model', 'risk', 'recovery', 'features'].includes(step))).toEqual(['recovery-model', 'let go', 'risk', 'recovery', 'let go', 'features']);
    expect(resultsBut(first)).toEqual(resultsBut(runAnalysis(ds, settings)));
    expect(first.stages.risk).toBeNull();
    const riskKey = stageKeys(settings, { rows: ds.tx.customer.length, asOfDay: resolveAsOfDay(ds, settings) }).risk;
    expect(cache.peek('risk', riskKey)).toBeUndefined();

    order.length = 0;
    const k4 = await runAnalysisAlongside(ds, { ...settings, k: 4 }, { cache, memoryFirst: true, letGo }, watched);
    expect(started).toBe(1);
    expect(order).not.toContain('let go');
    expect(k4.recovery).toEqual(first.recovery);
    expect(k4.counts.recoveryActions).toBe(first.counts.recoveryActions);
  });

  it('learns the models once and prices with the kept ones in a later session, as the inline run does', async () => {
    const store = memoryStore();
    const first = await runAnalysisAlongside(ds, settings, { saved: store }, riskOnThread(ds));
    expect([...store.saved.keys()].filter((k) => k.startsWith('risk:'))).toHaveLength(1);
    let worked: { assess: number; learnCustomers: number | null } | null = null;
    const kept = await runAnalysisAlongside(ds, settings, { saved: store }, riskOnThread(ds, { onDone: (ms) => (worked = ms) }));
    expect(results(kept)).toEqual(results(first));
    // Nothing to learn: no second thread.
    expect(worked).toMatchObject({ learnCustomers: null });
    expect(results(runAnalysis(ds, settings, { saved: store }))).toEqual(results(first));
  });

  it('stops the thread and says the analysis was cancelled when the analyst cancels mid-run', async () => {
    const cancel = new AbortController();
    const assess = riskOnThread(ds, { signal: cancel.signal });
    const run = runAnalysisAlongside(ds, settings, { progress: (stage) => stage === 'profiles' && cancel.abort() }, assess);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('does not start a thread for a risk stage already computed with the same data and settings', async () => {
    const stages = new StageCache();
    const first = runAnalysis(ds, settings, { cache: stages });
    let started = 0;
    const assess = riskOnThread(ds);
    const again = await runAnalysisAlongside(ds, settings, { cache: stages }, (job) => {
      started++;
      return assess(job);
    });
    expect(started).toBe(0);
    expect(stages.hits).toContain('risk');
    expect(results(again)).toEqual(results(first));
  });
});
