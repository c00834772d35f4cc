import type { CustomerResult } from '../../../shared/model/results';
import { horizonOtherThanYear } from '../../../shared/analytics/recovery/risk-reasons';
import type { Formatters } from '../app/format';
import { DataTable, type Column } from './DataTable';
import type { SortState } from './table-model';

/**
 * `pAliveReferenceOnly`: the run's BG/NBD fit is degenerate, so its P(alive) (often 100% for
 * everyone) gates nothing; a bare column of confident shares would say otherwise.
 */
export function customerColumns(fmt: Formatters, options: { pAliveReferenceOnly?: boolean; horizonDays?: number } = {}): Column<CustomerResult>[] {
  // Money at risk is stated over the run's horizon, growth over a year: the headings say which.
  const span = horizonOtherThanYear(options.horizonDays);
  const atRisk = span === null ? { label: 'At risk / yr', title: 'Money at risk over the next 12 months' } : { label: `At risk, ${options.horizonDays}d`, title: `Money at risk over the next ${span} (the run's recovery horizon)` };
  const pAlive: Pick<Column<CustomerResult>, 'label' | 'title' | 'width'> = options.pAliveReferenceOnly
    ? { label: 'P(alive), ref.', title: 'The BG/NBD fit is degenerate on this data: P(alive) is shown for reference only and gates nothing', width: '8.5rem' }
    : { label: 'P(alive)', title: 'Chance the customer still buys, from the BG/NBD fit', width: '6.5rem' };
  return [
    { id: 'name', label: 'Customer', value: (c) => c.name, width: '2.1fr' },
    { id: 'code', label: 'Code', value: (c) => c.code, width: '6rem' },
    { id: 'tier', label: 'Tier', value: (c) => c.tier, width: '6rem' },
    { id: 'revenue', label: 'Revenue 12m', value: (c) => c.revenue12m, format: (v) => fmt.money(Number(v)), align: 'right', width: '10rem' },
    { id: 'breadth', label: 'Categories', value: (c) => c.breadth, align: 'right', width: '7.5rem' },
    { id: 'affinity', label: 'Distance', title: "Distance to profile: how far the customer's category mix is from its profile's centre; smaller is a closer match", value: (c) => c.affinity, format: (v) => (v === null ? '' : fmt.number(Number(v), 3)), align: 'right', width: '6.5rem' },
    { id: 'atRisk', ...atRisk, value: (c) => c.atRiskRevenue, format: (v) => fmt.money(Number(v)), align: 'right', width: span === null ? '8.5rem' : '10.5rem' },
    { id: 'growth', label: 'Growth / yr', title: 'Expected growth a year', value: (c) => c.growthRevenue, format: (v) => fmt.money(Number(v)), align: 'right', width: '8.5rem' },
    { id: 'pAlive', ...pAlive, value: (c) => c.pAlive, format: (v) => (v === null ? '' : fmt.share(Number(v), 0)), align: 'right' },
    { id: 'rep', label: 'Rep', value: (c) => c.rep, width: '0.8fr' },
    { id: 'territory', label: 'Territory', value: (c) => c.territory, width: '1.1fr' },
  ];
}

export function CustomerTable({ label, customers, fmt, onOpen, height, initialSort = { column: 'revenue', dir: 'desc' }, total, capNote, pAliveReferenceOnly, horizonDays, loading }: {
  label: string;
  customers: readonly CustomerResult[];
  fmt: Formatters;
  onOpen: (c: CustomerResult) => void;
  height?: number;
  initialSort?: SortState;
  /** How many customers exist when `customers` is a capped page of them, and which page it is. */
  total?: number;
  capNote?: string;
  pAliveReferenceOnly?: boolean;
  /** The run's recovery horizon, which the at-risk column's money is over. */
  horizonDays?: number;
  loading?: boolean;
}) {
  return (
    <DataTable
      label={label}
      columns={customerColumns(fmt, { pAliveReferenceOnly, horizonDays })}
      rows={customers}
      rowKey={(c) => c.code}
      onActivate={onOpen}
      height={height}
      initialSort={initialSort}
      empty="No customers."
      loading={loading}
      total={total}
      capNote={capNote}
    />
  );
}
