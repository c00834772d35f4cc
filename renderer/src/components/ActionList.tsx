import type { Action } from '../../../shared/model/results';
import { weightedMoney } from '../../../shared/analytics/priority';
import { horizonOtherThanYear } from '../../../shared/analytics/recovery/risk-reasons';
import { spanOf, type LeakageSpan } from '../../../shared/format/leakage-span';
import type { Formatters } from '../app/format';
import { DataTable, type Column } from './DataTable';
import { ACTION_SORTS, type ServerQuery } from '../app/useServerQuery';

/** A growth action's likely range (its expected revenue at the peers' lower and upper quartile), or null for actions without one. */
export const rangeOf = (a: Action): [number, number] | null =>
  typeof a.facts.expectedLow === 'number' && typeof a.facts.expectedHigh === 'number' ? [a.facts.expectedLow, a.facts.expectedHigh] : null;

/**
 * The money column's heading: growth is a year of the peers' spend (the days of data, on data
 * younger than a year: `windowDays`), recovery the money at risk over the run's horizon, so "/ yr"
 * holds for both only at the default 365 days on a year of data.
 */
export function expectedHeading(horizonDays: number | undefined, recoveryOnly: boolean, windowDays?: number | LeakageSpan): Pick<Column<Action>, 'label' | 'title'> {
  const span = horizonOtherThanYear(horizonDays);
  if (recoveryOnly) return span === null ? { label: 'Expected / yr', title: 'Money at risk over the next 12 months' } : { label: `At risk, ${span}`, title: `Money at risk over the next ${span} (the run's recovery horizon)` };
  const window = spanOf(windowDays);
  // A spend table has no dates, so no year: its growth is a share of what peers bought in the table.
  if (!window.dated) return { label: 'Expected', title: "Growth: what peers of its size buy of the category, as a share of the table's revenue (a spend table has no dates)" };
  const growth = window.short ? `for growth what peers buy over ${window.window}` : 'for growth a year of what peers buy';
  return span === null && !window.short
    ? { label: 'Expected / yr', title: `${growth}, for recovery the money at risk over the next 12 months` }
    : { label: 'Expected', title: `${growth}, for recovery the money at risk over the next ${span ?? '12 months'} (the run's recovery horizon)` };
}

export function actionColumns(fmt: Formatters, options: { kind?: boolean; range?: boolean; weighted?: boolean; horizonDays?: number; recoveryOnly?: boolean; windowDays?: number | LeakageSpan } = {}): Column<Action>[] {
  const heading = expectedHeading(options.horizonDays, options.recoveryOnly === true, options.windowDays);
  const window = spanOf(options.windowDays);
  return [
    { id: 'customer', label: 'Customer', value: (a) => a.customerName, width: '1.8fr' },
    ...(options.kind === false ? [] : [{ id: 'kind', label: 'Kind', value: (a: Action) => a.kind, width: '6rem' }]),
    { id: 'category', label: 'Category', value: (a) => a.category, width: '1.2fr' },
    { id: 'expected', ...heading, value: (a) => a.expectedRevenue, format: (v) => fmt.money(Number(v)), align: 'right', width: heading.label.length > 14 ? '11rem' : '10rem' },
    ...(options.range
      ? [
          {
            id: 'range',
            label: window.short || !window.dated ? 'Likely range' : 'Likely range / yr',
            value: (a: Action) => rangeOf(a)?.[1] ?? null,
            format: (_: unknown, a: Action) => {
              const r = rangeOf(a);
              // Three significant figures a side: a range is a spread, and in full its upper end was cut off.
              return r ? `${fmt.moneyCompact(r[0])}–${fmt.moneyCompact(r[1])}` : '';
            },
            align: 'right' as const,
            width: '11rem',
          },
        ]
      : []),
    ...(options.weighted
      ? [
          {
            id: 'weighted',
            label: 'Call value',
            title: "The list's order: chance of the slide × (money at risk + the run's weight on sureness, named in the notes)",
            value: (a: Action) => weightedMoney(a),
            format: (v: unknown) => fmt.money(Number(v)),
            align: 'right' as const,
            width: '11rem',
          },
        ]
      : []),
    { id: 'priority', label: 'Priority', value: (a) => a.priority, format: (v) => fmt.number(Number(v), 0), align: 'right', width: '7.5rem' },
    { id: 'rep', label: 'Rep', value: (a) => a.rep, width: '0.8fr' },
    { id: 'territory', label: 'Territory', value: (a) => a.territory, width: '1.1fr' },
    { id: 'reason', label: 'Why', value: (a) => a.reason, width: '2.2fr' },
  ];
}

/** What an action's money is over: growth a year (or the days of data), recovery the run's horizon. */
const moneySpanOf = (a: Action, horizonDays: number | undefined, windowDays: number | LeakageSpan | undefined): string => {
  if (a.kind !== 'recovery') {
    const per = spanOf(windowDays).per;
    return per ? ` ${per}` : '';
  }
  const span = horizonOtherThanYear(horizonDays);
  return span === null ? ' a year' : ` over the next ${span}`;
};

const actionCode = (a: Action): string => a.customerCode;

/** Actions with their reasons (▸ or Space opens the whole reason); Enter or a click on the customer opens the customer. */

export function ActionList({ label, actions, fmt, onOpen, kind, range, weighted, horizonDays, windowDays, recoveryOnly, height, initialSort, total, capNote, loading, onQueryChange }: {
  label: string;
  actions: readonly Action[];
  fmt: Formatters;
  /** Opens an action's customer; absent where every row is one customer already open (no link then). */
  onOpen?: (a: Action) => void;
  kind?: boolean;
  range?: boolean;
  /** Shows each call's value in the list's order (the Recovery list's, the one its backtest takes flags in). */
  weighted?: boolean;
  /** The run's recovery horizon: recovery money is stated over it (growth over a year). */
  horizonDays?: number;
  /** The days the run's revenue covers (leakage.windowDays), or the run's whole span: growth money is over them when under a year, and a spend table's is the table's. */
  windowDays?: number | LeakageSpan;
  /** Every action listed is a recovery action. */
  recoveryOnly?: boolean;
  height?: number;
  initialSort?: { column: string; dir: 'asc' | 'desc' };
  /** How many actions exist when `actions` is a capped page of them, and which page it is. */
  total?: number;
  capNote?: string;
  loading?: boolean;
  /** A capped list's filter and sort, for the screen to load the page that answers them (useServerQuery). */
  onQueryChange?: (q: ServerQuery) => void;
}) {
  return (
    <DataTable
      label={label}
      columns={actionColumns(fmt, { kind, range, weighted, horizonDays, recoveryOnly, windowDays })}
      rows={actions}
      rowKey={(a) => a.id}
      onActivate={onOpen}
      height={height}
      initialSort={initialSort ?? { column: 'priority', dir: 'desc' }}
      empty="No actions."
      loading={loading}
      total={total}
      capNote={capNote}
      onQueryChange={onQueryChange}
      serverSorts={Object.keys(ACTION_SORTS)}
      searchText={actionCode}
      detail={(a) => (
        <p>
          <span className={`badge ${a.kind}`}>{a.kind}</span> <strong>{a.customerName}</strong> · {a.category} · {fmt.money(a.expectedRevenue)}
          {moneySpanOf(a, horizonDays, windowDays)}: {a.reason}
        </p>
      )}
    />
  );
}
