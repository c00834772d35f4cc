import { useEffect, useMemo, useState } from 'react';
import { PURCHASE_UNITS } from '../../../../shared/format/currency';
import type { RecoverySettings } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { actionListQuery, useServerQuery } from '../../app/useServerQuery';
import { useCoalesced } from '../../app/useCoalesced';
import { useAnalysisJob, useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { flatCurveNote, recoveryCurveOption } from '../../charts/recovery';
import { ActionList } from '../../components/ActionList';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { JumpLinks, type JumpTarget } from '../../components/JumpLinks';
import { RecoveryBasis } from '../../components/RunNotes';
import { AcrossDates } from './AcrossDates';
import { Backtest } from './Backtest';
import { PAlivePanel } from './PAlivePanel';
import { NoDates } from './NoDates';
import { RecoveryControls } from './RecoveryControls';
import { useDrill } from '../../app/useDrill';
import { horizonOtherThanYear } from '../../../../shared/analytics/recovery/risk-reasons';
import { callOrderFormula, callOrderWeightNote } from '../../../../shared/analytics/recovery/call-order';

/** The screen's panels in order: it runs to several screens' height once a backtest is shown. */
const jumpTargets = (withPAlive: boolean): JumpTarget[] => [
  { id: 'recovery-thresholds', label: 'Thresholds' },
  { id: 'recovery-curve', label: 'Lateness chart' },
  { id: 'recovery-actions', label: 'Actions' },
  { id: 'recovery-backtest', label: 'Backtest' },
  { id: 'recovery-across-dates', label: 'Across dates' },
  ...(withPAlive ? [{ id: 'recovery-palive', label: 'Probability alive' }] : []),
];

const atRiskLabel = (span: string | null): string => (span === null ? 'Revenue at risk per year' : `Revenue at risk, next ${span}`);

const sameSettings = (a: RecoverySettings, b: RecoverySettings) => (Object.keys(a) as (keyof RecoverySettings)[]).every((k) => a[k] === b[k]);

/** Calls listed at most: the highest call value first. */
const LIST_LIMIT = 2000;

export function RecoveryScreen() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { job, runAnalysis } = useAnalysisJob();
  const s = useSummary();
  const runId = s?.runId;
  const [settings, setSettings] = useState<RecoverySettings | null>(s?.settings.recovery ?? null);
  // The answer carries the settings it was computed for, so the chart marks what it shows.
  // Away from the run's settings the answer also lists the actions, so the table follows the totals.
  const evaluation = useCoalesced(async (recovery: RecoverySettings) => {
    const withActions = !!s && !sameSettings(recovery, s.settings.recovery);
    return { recovery, result: await call('analysis-recovery-evaluate', { runId, recovery, withActions }) };
  });
  // The list is read, not summed: the figures above come from the backend's own count and money. A
  // cube of a large distributor holds tens of thousands of calls (19,000 at 5M rows: 0.9 s to load).
  const dated = s?.hasDates !== false;
  const server = useServerQuery();
  const asked = actionListQuery(server.query, { sort: 'weighted', dir: 'desc' });
  const askedKey = JSON.stringify(asked);
  const actions = useAsync(async () => (dated ? call('analysis-actions', { runId, kind: 'recovery', limit: LIST_LIMIT, ...asked }) : null), [runId, dated, askedKey]);
  const { run } = evaluation;
  const drill = useDrill();

  useEffect(() => {
    if (s?.hasDates) run(s.settings.recovery);
  }, [s, run]);

  const current = settings ?? s?.settings.recovery ?? null;
  const evaluated = evaluation.result;
  const option = useMemo(() => (evaluated ? recoveryCurveOption(evaluated.result.curve, evaluated.recovery.lateness, fmt) : null), [evaluated, fmt]);
  const flatNote = evaluated ? flatCurveNote(evaluated.result, fmt) : null;
  if (!s || !current) return null;
  if (!s.hasDates) return <NoDates onImport={() => go('import')} />;
  const changed = !sameSettings(current, s.settings.recovery);

  const change = (next: RecoverySettings) => {
    performance.mark('threshold-input');
    setSettings(next);
    run(next);
  };

  // Counts and chart change in the same render, when the answer arrives: its first paint ends the measure.
  const rendered = () => {
    if (performance.getEntriesByName('threshold-input', 'mark').length === 0) return;
    performance.measure('threshold-update', 'threshold-input');
    performance.clearMarks('threshold-input');
  };

  const e = evaluated?.result;
  const shown = e ?? (changed ? undefined : s.recovery?.totals);
  const preview = changed && e?.actions ? e.actions : null;
  const previewTotal = e?.actionsTotal ?? preview?.length ?? 0;
  const listed = preview ?? actions.data?.rows ?? [];
  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Recovery</h1>
          <p className="muted">Relationships showing early signs of defection, judged against each customer's own rhythm. Move a threshold to see what it changes.</p>
          <JumpLinks targets={jumpTargets(s.bgnbd !== undefined)} />
        </div>
      </div>
      <RecoveryBasis summary={s} />
      <Panel
        id="recovery-thresholds"
        title="Thresholds"
        actions={
          <div className="row">
            <button type="button" disabled={!changed} onClick={() => change(s.settings.recovery)}>
              Reset to the run's values
            </button>
            <button type="button" className="primary" disabled={!changed || job !== null} onClick={() => void runAnalysis({ ...s.settings, recovery: current })} data-testid="apply-thresholds">
              Apply to actions (re-run)
            </button>
          </div>
        }
      >
        <RecoveryControls value={current} onChange={change} unit={fmt.currency === PURCHASE_UNITS ? 'units' : fmt.currency} />
      </Panel>
      <ErrorNotice error={evaluation.error} />
      {/* Dimmed while new thresholds are evaluated: the figures shown are still the last answer's (the run's own, shown before any answer, are not dimmed). */}
      <div className={evaluation.pending && e ? 'stats pending' : 'stats'} data-testid="recovery-live" aria-live="polite" aria-busy={evaluation.pending}>
        {/* Beside "run has N" a last answer read as the new one: while evaluating, the figures say they are the previous preview's.
            Before the first answer, at the run's own thresholds, the run's stored figures stand in: they are what the answer will say. */}
        <Stat label="Recovery actions" value={shown ? fmt.count(shown.count) : '…'} testId="live-count" detail={`${evaluation.pending && e ? 'previous preview · ' : ''}${changed ? `run has ${fmt.count(s.counts.recoveryActions)}` : 'as in the run'}`} />
        <Stat label={atRiskLabel(horizonOtherThanYear(s.settings.recovery.horizonDays))} value={shown ? fmt.money(shown.atRisk) : '…'} testId="live-at-risk" detail={evaluation.pending && e ? 'previous preview' : undefined} />
        <Stat label="Customers affected" value={shown ? fmt.count(shown.customers) : '…'} testId="live-customers" detail={evaluation.pending && e ? 'previous preview' : undefined} />
        <Stat
          label="Evaluated in"
          value={evaluation.pending ? 'Evaluating…' : e ? (e.elapsedMs >= 1000 ? `${(e.elapsedMs / 1000).toFixed(1)} s` : `${Math.round(e.elapsedMs)} ms`) : '…'}
          detail={e ? 'in the backend' : "the first time reads the run's forecasts: seconds on a large workspace"}
        />
      </div>
      <Panel title="Actions and money by lateness threshold" id="recovery-curve">
        {option ? <Chart
            option={option}
            label="Recovery actions and revenue at risk against the lateness threshold; click a point to move the threshold there"
            height={300}
            onRendered={rendered}
            testId="chart-recovery-curve"
            onClick={(c) => {
              const lateness = Array.isArray(c.value) ? Number(c.value[0]) : NaN;
              if (Number.isFinite(lateness)) change({ ...current, lateness });
            }}
          /> : <p className="muted">Evaluating…</p>}
        {flatNote && (
          <p className="muted" data-testid="recovery-flat-curve">
            {flatNote}
          </p>
        )}
      </Panel>
      {/* The list an analyst works from sits under the thresholds that make it; the evidence for it follows. */}
      <Panel
        id="recovery-actions"
        actions={
          <button type="button" onClick={() => drill({ kind: 'recovery' })} data-testid="explore-recovery" title="Break the run's recovery actions down by territory, rep, category, tier or profile">
            Explore by territory, rep, category…
          </button>
        }
        title={
          preview
            ? `Recovery actions at these thresholds (${previewTotal > preview.length ? `top ${fmt.count(preview.length)} of ${fmt.count(previewTotal)}` : fmt.count(preview.length)}; run ${s.runId} has ${fmt.count(s.counts.recoveryActions)})`
            : `Recovery actions in run ${s.runId}`
        }>
        {preview && (
          <p className="muted" data-testid="recovery-preview-note">
            A preview at the thresholds above, highest call value first ({e?.order ? callOrderFormula(e.order, fmt.money) : "chance × money at risk plus the run's weight on sureness"})
            {previewTotal > preview.length ? `: the top ${fmt.count(preview.length)} while you tune` : ''}. Apply to store and list them all as a new run; Reset to return to the run's list.
            {e?.order && callOrderWeightNote(e.order, 'preview')}
          </p>
        )}
        {!preview && (
          <p className="muted" data-testid="recovery-order-note">
            Highest call value first ({callOrderFormula(s.recovery?.order, fmt.money)}): the order in which the backtest below takes its flags.
            {callOrderWeightNote(s.recovery?.order)}
          </p>
        )}
        {changed && !preview && <p className="muted">Listing the actions at these thresholds…</p>}
        <ErrorNotice error={actions.error} />
        <ActionList
          label="Recovery actions"
          actions={listed}
          loading={!preview && (actions.loading || server.settling)}
          fmt={fmt}
          kind={false}
          weighted
          recoveryOnly
          horizonDays={s.settings.recovery.horizonDays}
          initialSort={{ column: 'weighted', dir: 'desc' }}
          onOpen={(a) => go('customer', { code: a.customerCode })}
          height={420}
          total={preview ? undefined : actions.data?.total}
          capNote="the first by the chosen order and filter; the filter and the money and name columns' order search them all (the figures above count them all)"
          onQueryChange={preview ? undefined : server.onQueryChange}
        />
      </Panel>
      <Backtest runId={s.runId} />
      <AcrossDates runId={s.runId} />
      {s.hasDates && <PAlivePanel fit={s.bgnbd} fmt={fmt} onOpenBar={(repeats) => drill({ repeats })} />}
    </>
  );
}
