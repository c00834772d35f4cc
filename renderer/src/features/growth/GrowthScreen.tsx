import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { actionListQuery, isDefaultPage, useServerQuery } from '../../app/useServerQuery';
import { useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { runSpan } from '../../../../shared/format/leakage-span';
import { isLongTailGrowthNote } from '../../../../shared/analytics/growth-none';
import { Chart } from '../../charts/Chart';
import { clickedCategory } from '../../charts/slice';
import { useDrill } from '../../app/useDrill';
import { growthByCategory, growthByCategoryOption } from '../../charts/growth';
import { ActionList } from '../../components/ActionList';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';

type Filters = { profile: string; territory: string; category: string };

function Picker({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The largest actions listed; the sums above the list are over all of them. */
const LIST_LIMIT = 2000;

export function GrowthScreen() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const s = useSummary();
  const [filters, setFilters] = useState<Filters>({ profile: '', territory: '', category: '' });
  const runId = s?.runId;
  const drill = useDrill();
  const actions = useAsync(
    () =>
      call('analysis-actions', {
        runId,
        kind: 'growth',
        profile: filters.profile ? Number(filters.profile) : undefined,
        territory: filters.territory || undefined,
        category: filters.category || undefined,
        sort: 'expectedRevenue',
        dir: 'desc',
        // The totals and the chart come from the backend's sums over every matching action; the list
        // holds the largest. Summed in the page, they were right only up to the 100,000 loaded, and on
        // 138,677 customers (31,284 actions) the page fetched 20 MB for them.
        groupBy: 'category',
        limit: LIST_LIMIT,
      }),
    [runId, filters.profile, filters.territory, filters.category],
  );
  // The list as its table asks for it (filter, order), when that is not the page above, whose
  // totals and chart stay the filters' own.
  const server = useServerQuery();
  const ownOrder = { sort: 'expectedRevenue', dir: 'desc' } as const;
  const asked = actionListQuery(server.query, ownOrder);
  const ownPage = isDefaultPage(asked, ownOrder);
  const askedKey = JSON.stringify(asked);
  const page = useAsync(
    async () =>
      ownPage
        ? null
        : call('analysis-actions', {
            runId,
            kind: 'growth',
            profile: filters.profile ? Number(filters.profile) : undefined,
            territory: filters.territory || undefined,
            category: filters.category || undefined,
            ...asked,
            limit: LIST_LIMIT,
          }),
    [runId, filters.profile, filters.territory, filters.category, askedKey],
  );
  const listed = ownPage ? actions.data : (page.data ?? actions.data);
  const rows = useMemo(() => listed?.rows ?? [], [listed]);
  const filtered = Boolean(filters.profile || filters.territory || filters.category);
  // The run's last backtest, when one was made: whether its growth actions pointed anywhere a popularity rule would not.
  const lastBacktest = useAsync(() => call('analysis-backtest-last', { runId }), [runId]);
  const growthCheck = lastBacktest.data?.report?.growth ?? null;
  const totals = useMemo(() => growthByCategory(actions.data?.groups ?? []), [actions.data]);
  const option = useMemo(() => growthByCategoryOption(totals, fmt, undefined, s ? runSpan(s) : undefined), [totals, fmt, s]);
  if (!s) return null;
  const span = runSpan(s);
  const set = (key: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [key]: v }));

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Growth</h1>
          <p className="muted">Categories that peers in the same profile widely buy and this customer does not, or buys far below its size.</p>
          <p className="muted" data-testid="growth-floor">
            Only actions expected to bring at least {s.growthFloor !== undefined ? `${fmt.money(s.growthFloor)} ${span.per} (` : ''}
            {fmt.share(s.settings.growth.minValueShare, 0)} of the median active customer's {span.revenue}
            {s.growthFloor !== undefined ? ')' : ` ${span.per}`} are listed: smaller ones are not worth a
            rep's call. The expected value weighs what a peer of the customer's size spends on the category by how many peers buy it; the likely range is the same at the middle half of
            its peers.
          </p>
        </div>
      </div>
      <Panel title="Filters">
        <div className="controls">
          <Picker id="growth-profile" label="Profile" value={filters.profile} onChange={set('profile')} options={s.profiles.map((p) => ({ value: String(p.id), label: `${p.id}. ${p.label}` }))} />
          <Picker id="growth-territory" label="Territory" value={filters.territory} onChange={set('territory')} options={s.leakage.by.territory.map((r) => ({ value: r.key, label: r.key }))} />
          <Picker id="growth-category" label="Category" value={filters.category} onChange={set('category')} options={s.categories.map((c) => ({ value: c, label: c }))} />
        </div>
      </Panel>
      <ErrorNotice error={actions.error} />
      {growthCheck && (
        <p className={growthCheck.verdict.takeUpOk && growthCheck.verdict.upliftOk ? 'verdict' : 'verdict miss'} role="status" data-testid="growth-backtest-verdict">
          <span>
            Backtest as of {fmt.date(lastBacktest.data?.report?.asOf ?? '')}: {growthCheck.verdict.text}{' '}
            <a
              href="#/recovery"
              onClick={(e) => {
                e.preventDefault();
                go('recovery');
              }}
            >
              The whole table is on the Recovery screen.
            </a>
          </span>
        </p>
      )}
      {s.growthNone && (
        <p className="notice" role="status" data-testid="growth-none">
          {s.growthNone}
        </p>
      )}
      {/* Among the run's notes, which the Overview may fold away: here it is said beside the list it is about. */}
      {s.notes.filter(isLongTailGrowthNote).map((note) => (
        <p key={note} className="notice" role="status" data-testid="growth-long-tail">
          {note}
        </p>
      ))}
      <div className="stats" data-testid="growth-stats">
        <Stat label="Growth actions" value={actions.data ? fmt.count(actions.data.total) : '…'} testId="growth-count" />
        <Stat label={`Expected revenue ${span.heading}`} value={actions.data ? fmt.money(actions.data.totalExpected) : '…'} testId="growth-expected" />
        <Stat label="Customers" value={actions.data ? fmt.count(actions.data.customers) : '…'} testId="growth-customers" />
      </div>
      <Panel title="Expected growth by category">
        {totals.length > 0 ? <Chart option={option} label="Expected growth revenue by category" height={Math.max(220, 40 + 28 * Math.min(15, totals.length))} testId="chart-growth" onClick={(e) => { const category = clickedCategory(e); if (category) drill({ kind: 'growth', category, territory: filters.territory || undefined, profile: filters.profile ? Number(filters.profile) : undefined }); }} /> : <p className="muted">{actions.loading ? 'Loading…' : filtered ? 'No growth actions for these filters.' : 'No growth actions in this run.'}</p>}
      </Panel>
      <Panel title="Growth actions by expected revenue">
        <ActionList
          label="Growth actions"
          actions={rows}
          loading={actions.loading || page.loading || server.settling}
          total={listed?.total}
          capNote="the first by the chosen order and filter, which search them all; narrow the filters to list the rest (the totals above count them all)"
          onQueryChange={server.onQueryChange}
          fmt={fmt}
          kind={false}
          range
          windowDays={span}
          onOpen={(a) => go('customer', { code: a.customerCode })}
          height={440}
          initialSort={{ column: 'expected', dir: 'desc' }}
        />
      </Panel>
    </>
  );
}
