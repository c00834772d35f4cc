import { useMemo, useState } from 'react';
import type { LeakageDimension } from '../../../../shared/model/results';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { actionListQuery, useServerQuery } from '../../app/useServerQuery';
import { useFormatters, useNavigation, useSummary, useWorkspace } from '../../app/workbench';
import { Chart, type ChartClick } from '../../charts/Chart';
import { clickedCategory } from '../../charts/slice';
import { sliceOfKey } from '../../app/slice-params';
import { useDrill } from '../../app/useDrill';
import { leakageBandOption, leakageBarsOption, leakageBarsTitle, onlyUnassigned, paretoBandAt, paretoOption, singleKey } from '../../charts/overview';
import { ActionList } from '../../components/ActionList';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { RunNotes } from '../../components/RunNotes';
import { SettingsBadge } from '../../components/SettingsBadge';
import { profileWords } from '../../../../shared/format/profile-words';
import { BAND_PLACE, unbandedWhy } from '../../../../shared/format/band-words';
import { runSpan } from '../../../../shared/format/leakage-span';
import { RunHistory } from './RunHistory';

const DIMENSIONS: { id: LeakageDimension; label: string }[] = [
  { id: 'territory', label: 'Territory' },
  { id: 'rep', label: 'Rep' },
  { id: 'category', label: 'Category' },
  { id: 'tier', label: 'Tier' },
  { id: 'profile', label: 'Profile' },
];

export function OverviewScreen() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { workspace } = useWorkspace();
  const s = useSummary();
  const [second, setSecond] = useState<LeakageDimension>('category');
  const drill = useDrill();
  const server = useServerQuery();
  const asked = actionListQuery(server.query, { sort: 'priority', dir: 'desc' });
  const askedKey = JSON.stringify(asked);
  const top = useAsync(() => call('analysis-actions', { runId: s?.runId, limit: 200, ...asked }), [s?.runId, askedKey]);
  const pareto = useMemo(
    () => (s ? paretoOption(s.pareto, s.settings.strategicShare, fmt, { strategic: s.customers.strategic, longTail: s.customers.longTail }, runSpan(s)) : null),
    [s, fmt],
  );
  const band = useMemo(() => (s ? leakageBandOption(s.leakage, fmt, runSpan(s)) : null), [s, fmt]);
  const byTerritory = useMemo(() => (s ? leakageBarsOption(s.leakage.by.territory, 'Territory', fmt, undefined, runSpan(s)) : null), [s, fmt]);
  const byRep = useMemo(() => (s ? leakageBarsOption(s.leakage.by.rep, 'Rep', fmt, undefined, runSpan(s)) : null), [s, fmt]);
  const bySecond = useMemo(() => (s ? leakageBarsOption(s.leakage.by[second], DIMENSIONS.find((d) => d.id === second)?.label ?? second, fmt, undefined, runSpan(s)) : null), [s, fmt, second]);
  if (!s || !pareto || !band || !byTerritory || !byRep || !bySecond) return null;
  const l = s.leakage;
  const span = runSpan(s);
  const lone = singleKey(l.by[second]);
  // A breakdown the data cannot give is a line under the charts, not a half-empty panel; the last
  // chart then takes the whole row rather than leave half of it blank.
  // A run with no leakage at all has nothing to split: one line says so instead of empty charts.
  const noLeakage = !(l.total > 0);
  const noTerritory = noLeakage || onlyUnassigned(l.by.territory);
  const noRep = noLeakage || onlyUnassigned(l.by.rep);
  // A bar (or its label) opens that territory's, rep's... actions and customers on Explore.
  const open = (dimension: LeakageDimension) => (e: ChartClick) => {
    const key = clickedCategory(e);
    const slice = key === null ? null : sliceOfKey(dimension, key, s.profiles);
    if (slice) drill(slice);
  };

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Overview</h1>
          <p className="muted">
            {workspace?.clientName} · as of {fmt.date(s.asOf)} · {s.hasDates ? (span.short ? span.window : 'trailing 12 months') : 'a spend table, no dates'} · {profileWords(s)} · run {s.runId} <SettingsBadge summary={s} />
          </p>
        </div>
      </div>
      <div className="stats" data-testid="overview-stats">
        <Stat label={s.hasDates ? (span.short ? `Revenue, ${span.length} of data` : '12-month revenue') : 'Revenue in the table'} value={fmt.money(s.revenue12m)} testId="stat-revenue" />
        <Stat label="Customers buying" value={fmt.count(s.customers.active12m)} detail={`of ${fmt.count(s.customers.total)} in the data`} testId="stat-customers" />
        <Stat
          label="Strategic vs long tail"
          value={`${fmt.count(s.customers.strategic)} / ${fmt.count(s.customers.longTail)}`}
          detail={`strategic make ${fmt.share(s.strategicRevenueShare)} of revenue`}
          testId="stat-tiers"
        />
        <Stat label={`Leakage ${span.heading}`} value={fmt.money(l.total)} detail={`${fmt.money(l.recovery)} at risk + ${fmt.money(l.growth)} growth`} testId="stat-leakage" />
        <Stat
          label="Leakage share"
          value={fmt.share(l.share)}
          detail={l.band.position ? `${BAND_PLACE[l.band.position]} the ${fmt.share(l.band.low, 0)}–${fmt.share(l.band.high, 0)} B2B band` : (unbandedWhy(s.hasDates, l.windowDays) ?? '')}
          testId="stat-leakage-share"
        />
        <Stat label="Actions" value={fmt.count(s.counts.recoveryActions + s.counts.growthActions)} detail={`${fmt.count(s.counts.recoveryActions)} recovery · ${fmt.count(s.counts.growthActions)} growth`} testId="stat-actions" />
      </div>
      <RunNotes summary={s} />
      {s.hasDates && (
        <Panel title="Leakage against the industry band">
          <Chart option={band} label={`Leakage share ${fmt.share(l.share)} against the ${fmt.share(l.band.low, 0)} to ${fmt.share(l.band.high, 0)} band`} height={110} testId="chart-band" onClick={() => drill({})} />
        </Panel>
      )}
      <div className="grid-2">
        <Panel title="Pareto curve">
          <Chart
            option={pareto}
            label={`Cumulative share of revenue by share of customers: ${fmt.count(s.customers.strategic)} strategic accounts, then ${fmt.count(s.customers.longTail)} in the long tail`}
            testId="chart-pareto"
            onPlotClick={([share]) => {
              const tier = paretoBandAt(share, { strategic: s.customers.strategic, longTail: s.customers.longTail });
              if (tier) drill({ tier });
            }}
          />
        </Panel>
        {!noTerritory && (
          <Panel title={leakageBarsTitle('territory', s.leakage.by.territory)}>
            <Chart option={byTerritory} label="Leakage by territory" testId="chart-territory" onClick={open('territory')} />
          </Panel>
        )}
        {!noRep && (
          <Panel title={leakageBarsTitle('rep', s.leakage.by.rep)}>
            <Chart option={byRep} label="Leakage by rep" testId="chart-rep" onClick={open('rep')} />
          </Panel>
        )}
        <Panel
          className={noTerritory !== noRep ? 'span-all' : undefined}
          title={leakageBarsTitle(second, s.leakage.by[second])}
          actions={
            <select aria-label="Break leakage down by" value={second} onChange={(e) => setSecond(e.target.value as LeakageDimension)}>
              {DIMENSIONS.filter((d) => d.id !== 'territory' && d.id !== 'rep').map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          }
        >
          {noLeakage ? (
            <p className="muted" data-testid="no-leakage">
              This run found no money at risk and no growth to suggest, so there is no leakage to split by {second}, territory or rep.
            </p>
          ) : lone ? (
            <p className="muted" data-testid="single-second">
              All the leakage is in one {second}, '{lone.key}' ({fmt.money(lone.total)}), so it cannot be split by {second}: choose another breakdown above.
            </p>
          ) : (
            <Chart option={bySecond} label={`Leakage by ${second}`} testId="chart-second" onClick={open(second)} />
          )}
        </Panel>
      </div>
      {noTerritory && !noLeakage && (
        <p className="muted" data-testid="no-territories">
          No customer has a territory in this data, so leakage cannot be split by it. Map a territory (region, country) column on import to see it here.
        </p>
      )}
      {noRep && !noLeakage && (
        <p className="muted" data-testid="no-reps">
          No customer has a rep in this data, so leakage cannot be split by rep. Map a rep column on import; the Assignment screen's roster shares the long tail's actions out to outside reps either way.
        </p>
      )}
      <p className="muted" data-testid="drill-hint">Click a bar or its label, or a band of the Pareto curve, to open those actions and customers, and narrow them further there.</p>
      <Panel
        title="Top actions"
        actions={
          <button type="button" onClick={() => drill({})} data-testid="explore-all">
            Explore all {fmt.count(s.counts.recoveryActions + s.counts.growthActions)} actions
          </button>
        }
      >
        <ErrorNotice error={top.error} />
        <ActionList label="Top actions" horizonDays={s.settings.recovery.horizonDays} windowDays={span} actions={top.data?.rows ?? []} loading={top.loading || server.settling} total={top.data?.total} capNote="the first by the chosen order and filter, which search them all; Explore narrows them by territory, rep or category" onQueryChange={server.onQueryChange} fmt={fmt} onOpen={(a) => go('customer', { code: a.customerCode })} height={360} />
      </Panel>
      <RunHistory />
    </>
  );
}
