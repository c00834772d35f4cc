import { useMemo, useRef, useState } from 'react';
import { MAX_CAPACITY, type AssignmentPlan, type AssignmentSettings, type AssignmentTotals, type RosterRep } from '../../../../shared/contract/assignment';
import { call } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useAsync } from '../../app/useAsync';
import { useFormatters, useSummary, useWorkspace } from '../../app/workbench';
import { readOnlyWhy } from '../workspaces/read-only';
import type { Formatters } from '../../app/format';
import { NoRepsNotice } from './NoRepsNotice';
import { RosterCoverageNotice } from './RosterCoverageNotice';
import { Chart } from '../../charts/Chart';
import { echarts } from '../../charts/echarts';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { clickedRep, repLoadOption } from './chart';
import { useDrill } from '../../app/useDrill';
import { ExportButtons } from './ExportButtons';
import { PlanTable, territoryColumns } from './PlanTables';
import { runSpan } from '../../../../shared/format/leakage-span';
import { RosterEditor, type RosterNote } from './RosterEditor';
import './assignment.css';

const ALL = 100_000;

async function latestPlan(): Promise<AssignmentPlan | null> {
  try {
    return await call('assignment-get', { limit: ALL });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/** Saves what the chart shows as a PNG: a download in the browser, Electron's save prompt in the app. */
function saveChartPng(host: HTMLElement | null, name: string): void {
  const el = host?.querySelector<HTMLElement>('.chart');
  const instance = el ? echarts.getInstanceByDom(el) : undefined;
  if (!instance) return;
  const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

function SettingsForm({ initial, busy, onPlan }: { initial: AssignmentSettings | null; busy: boolean; onPlan: (s: Partial<AssignmentSettings>) => void }) {
  // Planning stores the plan: a read-only workspace says why the button is off instead of failing on click.
  const readOnly = readOnlyWhy(useWorkspace().workspace);
  const [outside, setOutside] = useState(String(initial?.outsideCapacity ?? 40));
  const [inside, setInside] = useState(String(initial?.insideCapacity ?? 150));
  const [minValue, setMinValue] = useState(String(initial?.minOutsideValue ?? 0));
  const [unknown, setUnknown] = useState<AssignmentSettings['unknownKindAs']>(initial?.unknownKindAs ?? 'outside');
  const [strategic, setStrategic] = useState(initial?.strategicUsesCapacity ?? false);
  const whole = (t: string) => /^\d+$/.test(t.trim());
  const capacityProblem = (what: string, t: string): string | false =>
    !whole(t)
      ? `${what}: "${t}" is not a whole number of accounts of 0 or more`
      : Number(t) > MAX_CAPACITY && `${what}: ${Number(t).toLocaleString('en-US')} is more than ${MAX_CAPACITY.toLocaleString('en-US')} accounts, the most a rep can be given`;
  const outsideProblem = capacityProblem('Default outside capacity', outside);
  const insideProblem = capacityProblem('Default inside capacity', inside);
  // Each field's problem in words, beside the button it holds back (a greyed button alone said nothing).
  const problems = [
    outsideProblem,
    insideProblem,
    !/^\d+(\.\d+)?$/.test(minValue.trim()) && `Least expected value: "${minValue}" is not an amount of 0 or more`,
  ].filter((p): p is string => Boolean(p));
  const valid = problems.length === 0;
  return (
    <div className="controls" data-testid="assignment-settings">
      <div className="field">
        <label htmlFor="as-outside">Default outside capacity (accounts)</label>
        <input id="as-outside" inputMode="numeric" value={outside} aria-invalid={Boolean(outsideProblem) || undefined} onChange={(e) => setOutside(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="as-inside">Default inside capacity (accounts)</label>
        <input id="as-inside" inputMode="numeric" value={inside} aria-invalid={Boolean(insideProblem) || undefined} onChange={(e) => setInside(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="as-min">Least expected value for an outside call</label>
        <input id="as-min" inputMode="decimal" value={minValue} onChange={(e) => setMinValue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="as-unknown">Reps without a kind count as</label>
        <select id="as-unknown" value={unknown} onChange={(e) => setUnknown(e.target.value as AssignmentSettings['unknownKindAs'])}>
          <option value="outside">outside reps</option>
          <option value="inside">inside reps</option>
          <option value="skip">nobody (left out)</option>
        </select>
      </div>
      <label className="field">
        <span className="label">Strategic accounts a rep keeps</span>
        <span>
          <input type="checkbox" checked={strategic} onChange={(e) => setStrategic(e.target.checked)} /> use up that rep's capacity
        </span>
      </label>
      <button
        type="button"
        className="primary"
        disabled={busy || !valid || readOnly !== null}
        title={readOnly ?? undefined}
        data-testid="assignment-plan"
        onClick={() =>
          onPlan({ outsideCapacity: Number(outside), insideCapacity: Number(inside), minOutsideValue: Number(minValue), unknownKindAs: unknown, strategicUsesCapacity: strategic })
        }
      >
        {busy ? 'Planning…' : 'Plan assignments'}
      </button>
      {problems.length > 0 && (
        <ul className="reasons warnings" role="alert" data-testid="plan-settings-problems">
          {problems.map((text) => (
            <li key={text}>{text}.</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Why accounts are unassigned: strategic ones the data gives no rep apart from those no rep had room for. */
function unassignedWords(t: AssignmentTotals, fmt: Formatters): string | undefined {
  if (!t.unassigned) return undefined;
  const strategic = t.unassignedStrategic ?? 0;
  if (strategic === 0) return 'No rep with room in their territory: see the reasons.';
  const rest = t.unassigned - strategic;
  return `${fmt.counted(strategic, 'strategic account')} with no rep in the data, for senior reps${rest > 0 ? `; ${fmt.count(rest)} with no rep with room` : ''}: see the reasons.`;
}

export function AssignmentScreen() {
  const fmt = useFormatters();
  const summary = useSummary();
  const runId = summary?.runId;
  const loaded = useAsync(async () => ({ plan: await latestPlan(), roster: await call('roster-list', {}) }), [runId]);
  // Edits (a new plan, a saved roster) apply to the data they were made on; a reload starts afresh.
  // `savedOver`: the plan shown when the roster was last saved here, which that save made stale.
  const [edited, setEdited] = useState<{ base: unknown; plan?: AssignmentPlan | null; roster?: RosterRep[]; version: number; note?: RosterNote; savedOver?: number | null }>({
    base: null,
    version: 0,
  });
  const current = edited.base === loaded.data ? edited : { base: loaded.data, version: edited.version };
  const plan = current.plan !== undefined ? current.plan : (loaded.data?.plan ?? null);
  const roster = current.roster ?? loaded.data?.roster ?? [];
  const setPlan = (p: AssignmentPlan | null) => setEdited({ ...current, plan: p });
  const setRoster = (r: RosterRep[], note: RosterNote) => setEdited({ ...current, roster: r, version: current.version + 1, note, savedOver: plan?.planId ?? null });
  // The stored flag covers a save made elsewhere (the CLI, another window); savedOver one made here since the plan was read.
  const rosterStale = plan !== null && (plan.rosterChanged === true || (current.savedOver !== undefined && current.savedOver === plan.planId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chartHost = useRef<HTMLDivElement>(null);
  const planHost = useRef<HTMLDivElement>(null);
  const [shownRep, setShownRep] = useState('');
  const drill = useDrill();

  const option = useMemo(() => (plan ? repLoadOption(plan.reps, fmt, plan.settings.strategicUsesCapacity) : null), [plan, fmt]);
  const tColumns = useMemo(() => territoryColumns(fmt, summary ? runSpan(summary) : undefined), [fmt, summary]);

  const replan = async (settings: Partial<AssignmentSettings>) => {
    setBusy(true);
    setError(null);
    try {
      setPlan(await call('assignment-plan', { settings, limit: ALL }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // An export of a plan the roster has changed since plans again first, with the plan's own settings: the old plan's lists had gone out without the new reps.
  const replanForExport = async (): Promise<number> => {
    if (!plan) throw new Error('no plan to export');
    const next = await call('assignment-plan', { runId: plan.runId, settings: plan.settings, limit: ALL });
    setPlan(next);
    return next.planId;
  };
  // An override answers with the first page of the new plan; the table needs all of it.
  const afterOverride = async (p: AssignmentPlan) => setPlan(p.total > p.accounts.length ? await call('assignment-get', { planId: p.planId, limit: ALL }) : p);

  const t = plan?.totals;
  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Assignment</h1>
          <p className="muted">
            Strategic accounts keep their rep. Long-tail accounts with actions go, most valuable first, to the outside reps of their territory up to capacity, then to inside reps. Overrides win and
            survive re-analysis.
          </p>
        </div>
        {plan && <ExportButtons planId={plan.planId} rosterStale={rosterStale} onReplan={replanForExport} />}
      </div>
      <ErrorNotice error={loaded.error ?? error} onDismiss={() => setError(null)} />
      <Panel title="Plan">
        <SettingsForm key={plan?.planId ?? 0} initial={plan?.settings ?? null} busy={busy} onPlan={(s) => void replan(s)} />
        {plan && (
          <p className="muted" data-testid="plan-meta">
            Plan {plan.planId} from analysis {plan.runId} as of {fmt.date(plan.asOf)}; {fmt.count(plan.overrides.length)} manager overrides.
          </p>
        )}
        {plan && runId !== undefined && plan.runId !== runId && (
          // A plan is made from one analysis's actions: after a new run its accounts, money and exports are the old run's.
          <div className="notice warning" role="status" data-testid="plan-stale">
            This plan was made from analysis {plan.runId}; the workbench now shows analysis {runId}, whose actions it does not hold. Plan assignments again to give reps
            this analysis's actions (manager overrides carry over); until then the tables and exports below are analysis {plan.runId}'s.
          </div>
        )}
        {rosterStale && (
          <div className="notice warning" role="status" data-testid="plan-roster-stale">
            This plan was planned with an earlier roster: Plan again to give accounts to the roster as it is now ({fmt.counted(roster.filter((r) => r.active).length, 'active rep')}). Until then the
            tables below are the earlier roster's; an export plans again first.
          </div>
        )}
        {plan && plan.totals.accounts > 0 && <RosterCoverageNotice plan={plan} />}
      </Panel>
      {t && (
        <div className="stats" data-testid="assignment-stats">
          <Stat label="Accounts with actions" value={fmt.count(t.accounts)} />
          <Stat label="Expected revenue" value={fmt.money(t.expectedRevenue)} />
          <Stat label="Assigned to long-tail reps" value={fmt.count(t.assigned)} />
          <Stat label="Kept by strategic reps" value={fmt.count(t.kept)} />
          <Stat label="Overridden" value={fmt.count(t.overridden)} />
          <Stat label="Unassigned" value={fmt.count(t.unassigned)} detail={unassignedWords(t, fmt)} testId="assignment-unassigned" />
        </div>
      )}
      {!plan && !loaded.loading && <p className="muted">No plan yet: check the roster below, then Plan assignments.</p>}
      {plan && (plan.reps.length === 0 || plan.totals.accounts === 0) && <NoRepsNotice accounts={plan.totals.accounts} fmt={fmt} rosterReps={rosterStale ? roster.filter((r) => r.active).length : 0} />}
      {plan && plan.reps.length > 0 && plan.totals.accounts > 0 && option && (
        <Panel
          title="Expected value against capacity, per rep"
          actions={
            <button type="button" onClick={() => saveChartPng(chartHost.current, 'rep-capacity.png')} data-testid="chart-png">
              Save chart as PNG
            </button>
          }
        >
          <div ref={chartHost}>
            <Chart
              option={option}
              label="Accounts against capacity and expected revenue per rep; click a rep to list their accounts"
              height={360}
              testId="chart-rep-load"
              onClick={(e) => {
                const rep = clickedRep(e, plan.reps);
                if (!rep) return;
                setShownRep(rep);
                planHost.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            />
          </div>
          <p className="muted">The dashed outline is each rep's capacity; long-tail accounts turn orange-red where a rep is over it. Click a rep's bars or name to list the accounts the plan gives them.</p>
        </Panel>
      )}
      {plan && (
        <div ref={planHost}>
          <PlanTable plan={plan} roster={roster} fmt={fmt} onPlan={(p) => void afterOverride(p)} rep={shownRep} onRep={setShownRep} />
        </div>
      )}
      {plan && (
        <Panel title="Territory plan">
          <p className="muted">Double-click or press Enter on a territory to open its actions and customers.</p>
          <DataTable label="Territory plan" columns={tColumns} rows={plan.territories} rowKey={(r) => r.territory} height={260} onActivate={(r) => drill({ territory: r.territory })} />
        </Panel>
      )}
      <RosterEditor key={`${runId ?? 0}-${current.version}-${roster.length}`} roster={roster} onSaved={setRoster} note={current.note ?? null} />
    </>
  );
}
