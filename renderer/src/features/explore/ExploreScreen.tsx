import { useCallback, useEffect, useMemo, useState } from 'react';
import { NONE_KEY, SLICE_DIMENSIONS, type Slice, type SliceDimension } from '../../../../shared/model/slice';
import { WHOLE_ACCOUNT } from '../../../../shared/analytics/actions';
import { call } from '../../api/client';
import { screenById } from '../../app/screens';
import {
  DIMENSION_LABEL,
  EXPLORE,
  SLICE_FIELDS,
  TIER_WORDS,
  fieldText,
  repeatsOfLabel,
  repeatsWords,
  sliceFromParams,
  sliceOfKey,
  sliceToParams,
  withoutField,
  type SliceField,
} from '../../app/slice-params';
import { useAsync } from '../../app/useAsync';
import { actionListQuery, isDefaultPage, useServerQuery } from '../../app/useServerQuery';
import { useDrill } from '../../app/useDrill';
import { useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { clickedCategory, sliceBarsOption, sliceMoneyWords } from '../../charts/slice';
import { ActionList } from '../../components/ActionList';
import { customerColumns } from '../../components/CustomerTable';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import type { SortState } from '../../components/table-model';
import { useViewScope, viewKey } from '../../components/view-scope';
import { hasEarlierStep, trackHistorySteps } from './history-depth';
import { CUSTOMER_SERVER_SORTS, actionListTitle, customerListTitle, customerSortOf } from './list-titles';

trackHistorySteps();

/** The last slice looked at in this workspace, so reopening it can pick up where the analyst left. */
function readSlice(key: string): Slice | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const slice = sliceFromParams(JSON.parse(text) as Record<string, string>);
    return Object.keys(slice).length > 0 ? slice : null;
  } catch {
    return null;
  }
}

/** Rows fetched per list: enough to scroll and copy, and the caption says when there are more. */
const LIST_LIMIT = 2000;

type Option = { value: string; label: string };

/**
 * Dimensions the slice does not fix yet: the ones a breakdown can split it by. The holdout check's
 * bars only where the run kept each customer's bar.
 */
const freeDimensions = (slice: Slice, withRepeats: boolean, told: (d: SliceDimension) => boolean): SliceDimension[] =>
  SLICE_DIMENSIONS.filter((d) => slice[d] === undefined && (d !== 'repeats' || withRepeats) && told(d));

/**
 * Whether the run has two or more values of a dimension to split by: a file with no territories
 * had opened Explore on one bar labelled "(none)".
 */
const tellsApart =
  (by: Partial<Record<SliceDimension, readonly { key: string }[]>>) =>
  (d: SliceDimension): boolean => {
    const rows = by[d];
    return rows === undefined || rows.filter((r) => r.key !== NONE_KEY).length >= 2;
  };

/** The chosen breakdown while the slice leaves it free, else the first free dimension. */
function breakdownOf(free: readonly SliceDimension[], chosen: SliceDimension | null): SliceDimension {
  return chosen && free.includes(chosen) ? chosen : (free[0] ?? 'tier');
}

/** How a breakdown key reads: profiles by number and name, tiers in words. */
function groupLabel(by: SliceDimension, profiles: readonly { id: number; label: string }[]): (key: string) => string {
  if (by === 'profile')
    return (k) => {
      const p = profiles.find((x) => String(x.id) === k);
      return p ? `${k}. ${p.label}` : k;
    };
  if (by === 'tier') return (k) => TIER_WORDS[k as keyof typeof TIER_WORDS] ?? k;
  if (by === 'repeats') return (k) => (k === NONE_KEY ? 'not in the check' : repeatsWords(Number(k)));
  return (k) => k;
}

/**
 * The one place every drill-down lands: the actions and customers of a slice (territory x rep x
 * category x tier x profile, and kind), a breakdown whose bars narrow it further, and a breadcrumb
 * back to where the click came from.
 */
export function ExploreScreen() {
  const fmt = useFormatters();
  const { go, location } = useNavigation();
  const s = useSummary();
  const drill = useDrill();
  const params = location.params;
  const slice = useMemo(() => sliceFromParams(params), [params]);
  const key = JSON.stringify(sliceToParams(slice));
  const [chosen, setChosen] = useState<SliceDimension | null>(null);
  const savedKey = viewKey('explore', useViewScope(), 'slice');
  const [lastSlice, setLastSlice] = useState(() => readSlice(savedKey));
  useEffect(() => {
    if (key === '{}') return;
    try {
      window.localStorage.setItem(savedKey, key);
    } catch {
      // Storage off (private window): nothing to resume next time.
    }
  }, [key, savedKey]);
  const holdout = s?.bgnbd?.holdout;
  const withRepeats = holdout?.groupsKept === true;
  const leakageBy = s?.leakage.by;
  const free = useMemo(() => freeDimensions(slice, withRepeats, tellsApart(leakageBy ?? {})), [slice, withRepeats, leakageBy]);
  const by = breakdownOf(free, chosen);
  const runId = s?.runId;
  const actions = useAsync(() => call('analysis-actions', { runId, ...slice, groupBy: by, sort: 'priority', dir: 'desc', limit: LIST_LIMIT }), [runId, key, by]);
  // The customers table orders the whole slice where the backend can (a capped page re-sorted by
  // itself had shown the largest of the first 2,000 under "largest first").
  const [customerSort, setCustomerSort] = useState<SortState>(null);
  const onCustomerQuery = useCallback((q: { sort: SortState }) => setCustomerSort(q.sort), []);
  const customerOrder = customerSortOf(customerSort);
  const customerOrderKey = JSON.stringify(customerOrder);
  const customers = useAsync(() => call('analysis-customers', { runId, ...slice, ...customerOrder, limit: LIST_LIMIT }), [runId, key, customerOrderKey]);
  useEffect(() => trackHistorySteps(), []);
  // The slice's list as its table asks for it (filter, order) when that is not the first page above,
  // whose totals and breakdown stay the slice's own.
  const server = useServerQuery();
  const ownOrder = { sort: 'priority', dir: 'desc' } as const;
  const asked = actionListQuery(server.query, ownOrder);
  const ownPage = isDefaultPage(asked, ownOrder);
  const askedKey = JSON.stringify(asked);
  const page = useAsync(async () => (ownPage ? null : call('analysis-actions', { runId, ...slice, ...asked, limit: LIST_LIMIT })), [runId, key, askedKey]);
  const profiles = s?.profiles;
  const groups = actions.data?.groups;
  const kind = slice.kind;
  const horizonDays = s?.settings.recovery.horizonDays;
  const money = sliceMoneyWords(kind, horizonDays);
  const option = useMemo(() => (groups && groups.length > 0 ? sliceBarsOption(groups, groupLabel(by, profiles ?? []), kind, fmt, 15, horizonDays) : null), [groups, by, profiles, kind, fmt, horizonDays]);
  if (!s) return null;

  const set = (field: SliceField, value: string) => {
    const next = value === '' ? withoutField(location, field) : { screen: EXPLORE, params: { ...params, [field]: value } };
    go(next.screen, next.params);
  };
  const narrow = (k: string) => {
    // Customers in no holdout bar have no slice of their own: the bar stays unclickable.
    const add = by === 'profile' ? { profile: Number(k) } : by === 'tier' || by === 'repeats' ? sliceOfKey(by, k, s.profiles) : { [by]: k };
    if (add) drill(add);
  };
  const from = params.from ? screenById(params.from) : undefined;
  const crumbs = SLICE_FIELDS.map((f) => ({ field: f, text: fieldText(f, slice, s.profiles) })).filter((c): c is { field: SliceField; text: string } => c.text !== null);
  const options: Record<SliceField, Option[]> = {
    kind: [
      { value: 'recovery', label: 'Recovery' },
      { value: 'growth', label: 'Growth' },
    ],
    territory: s.leakage.by.territory.map((r) => ({ value: r.key, label: r.key })),
    rep: s.leakage.by.rep.map((r) => ({ value: r.key, label: r.key })),
    // Account-wide recoveries show under the categories they carry; the pseudo-category stays
    // selectable only for a link that already names it.
    category: [...s.categories, ...(slice.category === WHOLE_ACCOUNT ? [WHOLE_ACCOUNT] : [])].map((c) => ({
      value: c,
      label: c === WHOLE_ACCOUNT ? `${c} (whole-account recovery)` : c,
    })),
    tier: (['strategic', 'long-tail', 'inactive'] as const).map((t) => ({ value: t, label: TIER_WORDS[t] })),
    profile: s.profiles.map((p) => ({ value: String(p.id), label: `${p.id}. ${p.label}` })),
    repeats: (holdout?.buckets ?? []).flatMap((b) => {
      const n = repeatsOfLabel(b.label);
      // Short enough for the filter's width; the crumb says it in full.
      return n === null ? [] : [{ value: String(n), label: `${b.label} · ${fmt.counted(b.customers, 'customer')}` }];
    }),
  };
  // The holdout check's filter only where the run kept each customer's bar (or an old link names one).
  const fields = SLICE_FIELDS.filter((f) => f !== 'repeats' || withRepeats || slice.repeats !== undefined);
  const a = actions.data;
  const c = customers.data;
  const listed = ownPage ? a : (page.data ?? a);

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Explore</h1>
          <nav aria-label="Breadcrumb" className="crumbs" data-testid="breadcrumb">
            <ol>
              <li>{from ? <a href={`#/${from.id}`} onClick={(e) => { e.preventDefault(); go(from.id); }}>{from.label}</a> : <span>Run {s.runId}</span>}</li>
              <li>
                {crumbs.length === 0 ? (
                  <span>All actions</span>
                ) : (
                  <a href={`#/${EXPLORE}`} onClick={(e) => { e.preventDefault(); go(EXPLORE, params.from ? { from: params.from } : {}); }}>All actions</a>
                )}
              </li>
              {crumbs.map((crumb) => (
                <li key={crumb.field} data-field={crumb.field}>
                  <span>{crumb.text}</span>
                  <button type="button" className="crumb-remove" aria-label={`Remove ${crumb.text}`} title="Remove this filter" onClick={() => set(crumb.field, '')}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        </div>
        <button
          type="button"
          onClick={() => (hasEarlierStep() ? window.history.back() : go('overview'))}
          data-testid="explore-back"
          title="Back to the previous step (the browser's back does the same), or to the Overview where Explore was opened first"
        >
          ← Back
        </button>
      </div>
      {crumbs.length === 0 && lastSlice && (
        <div className="notice" role="status" data-testid="explore-resume">
          <p>
            Last time in this workspace you were looking at{' '}
            <strong>
              {SLICE_FIELDS.map((f) => fieldText(f, lastSlice, s.profiles))
                .filter((t) => t !== null)
                .join(' · ')}
            </strong>
            .
          </p>
          <div className="notice-actions">
            <button type="button" className="primary" onClick={() => go(EXPLORE, { ...sliceToParams(lastSlice), ...(params.from ? { from: params.from } : {}) })} data-testid="explore-resume-open">
              Open it again
            </button>
            <button
              type="button"
              onClick={() => {
                setLastSlice(null);
                try {
                  window.localStorage.removeItem(savedKey);
                } catch {
                  // Nothing kept to forget.
                }
              }}
            >
              Forget it
            </button>
          </div>
        </div>
      )}
      <Panel title="Filters (they combine)">
        <div className="controls" data-testid="slice-filters">
          {fields.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`slice-${field}`}>{DIMENSION_LABEL[field]}</label>
              <select id={`slice-${field}`} value={params[field] !== undefined && slice[field] !== undefined ? String(slice[field]) : ''} onChange={(e) => set(field, e.target.value)}>
                <option value="">All</option>
                {options[field].map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </Panel>
      <ErrorNotice error={actions.error ?? customers.error} />
      <div className="stats" data-testid="slice-stats">
        <Stat label="Actions" value={a ? fmt.count(a.total) : '…'} testId="slice-actions" />
        <Stat
          label={money.label}
          value={a ? fmt.money(a.totalExpected) : '…'}
          testId="slice-expected"
          detail={`${money.detail}${slice.category && slice.category !== WHOLE_ACCOUNT ? `; account-wide recoveries count ${slice.category}'s part` : ''}`}
        />
        <Stat label="Customers with an action" value={a ? fmt.count(a.customers) : '…'} testId="slice-action-customers" />
        <Stat label="Customers in the slice" value={c ? fmt.count(c.total) : '…'} testId="slice-customers" detail={slice.kind || slice.category ? 'those with such an action' : 'every customer matching'} />
      </div>
      <Panel
        title={`Expected money by ${DIMENSION_LABEL[by].toLowerCase()}`}
        actions={
          free.length > 1 ? (
            <select aria-label="Break the slice down by" value={by} onChange={(e) => setChosen(e.target.value as SliceDimension)}>
              {free.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABEL[d]}
                </option>
              ))}
            </select>
          ) : undefined
        }
      >
        {option ? (
          <>
            <p className="muted">Click a bar or its label to narrow the slice to it.</p>
            <Chart option={option} label={`Expected money of the slice by ${DIMENSION_LABEL[by].toLowerCase()}`} height={Math.max(200, 60 + 26 * Math.min(15, groups?.length ?? 0))} testId="chart-slice" onClick={(e) => { const k = clickedCategory(e); if (k) narrow(k); }} />
            {(groups?.length ?? 0) > 15 && <p className="muted">The 15 largest of {fmt.count(groups?.length ?? 0)} are drawn; pick one in the filters above to see any other.</p>}
          </>
        ) : (
          <p className="muted">{actions.loading ? 'Loading…' : 'No actions in this slice.'}</p>
        )}
      </Panel>
      <Panel title={`Actions in the slice, ${actionListTitle(server.query?.sort ?? null, listed != null && listed.total > listed.rows.length, fmt.count(listed?.rows.length ?? 0))}`}>
        {slice.category && slice.category !== WHOLE_ACCOUNT && (
          <p className="muted" data-testid="slice-whole-account-note">
            A win-back or slipping account that buys {slice.category} is listed here with its whole money (category "{WHOLE_ACCOUNT}"); the totals above and the
            breakdown count only its {slice.category} part.
          </p>
        )}
        <ActionList label="Slice actions" horizonDays={s?.settings.recovery.horizonDays} windowDays={s?.leakage.windowDays} actions={listed?.rows ?? []} loading={actions.loading || page.loading || server.settling} total={listed?.total} capNote="the first by the chosen order and filter, which search the whole slice; narrow the slice to list the rest (the totals above count them all)" onQueryChange={server.onQueryChange} fmt={fmt} kind={slice.kind === undefined} onOpen={(x) => go('customer', { code: x.customerCode })} height={400} />
      </Panel>
      <Panel title={`Customers in the slice, ${customerListTitle(customerSort, c != null && c.total > c.rows.length, fmt.count(c?.rows.length ?? 0))}`}>
        {(slice.kind !== undefined || slice.category !== undefined) && (
          <p className="muted" data-testid="slice-customer-money-note">
            At risk and growth count only this slice&apos;s actions
            {slice.category && slice.category !== WHOLE_ACCOUNT ? `: ${slice.category}'s own and its part of account-wide recoveries` : ''}, as the totals above do; each
            customer&apos;s whole money is on its own page.
          </p>
        )}
        <DataTable
          label="Slice customers"
          columns={customerColumns(fmt, { pAliveReferenceOnly: s.bgnbd?.verdict === 'degenerate', horizonDays: s.settings.recovery.horizonDays })}
          rows={c?.rows ?? []}
          rowKey={(x) => x.code}
          onActivate={(x) => go('customer', { code: x.code })}
          height={360}
          initialSort={{ column: 'revenue', dir: 'desc' }}
          empty="No customers."
          loading={customers.loading}
          total={c?.total}
          capNote="the first by the chosen order; narrow the slice to list the rest"
          onQueryChange={onCustomerQuery}
          serverSorts={CUSTOMER_SERVER_SORTS}
        />
      </Panel>
    </>
  );
}
