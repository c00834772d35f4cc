import { useMemo, useState } from 'react';
import type { AccountAssignment, AssignmentPlan, RosterRep, TerritoryLoad } from '../../../../shared/contract/assignment';
import { call } from '../../api/client';
import type { Formatters } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice, Panel } from '../../components/Feedback';
import { leakageSpan, type LeakageSpan } from '../../../../shared/format/leakage-span';

/** "Leakage / yr" over a year; "Leakage, 182 d" over a younger history; "Leakage" over a spend table's own stretch. */
export const leakageLabel = (span: LeakageSpan): string => (!span.dated ? 'Leakage' : span.short ? `Leakage, ${span.days} d` : 'Leakage / yr');

export function accountColumns(fmt: Formatters): Column<AccountAssignment>[] {
  return [
    { id: 'customer', label: 'Customer', value: (a) => a.customerName, width: '2fr' },
    { id: 'territory', label: 'Territory', value: (a) => a.territory },
    { id: 'tier', label: 'Tier', value: (a) => a.tier, width: '6rem' },
    { id: 'rep', label: 'Rep', value: (a) => a.rep ?? '—' },
    { id: 'status', label: 'Status', value: (a) => a.status, width: '7rem' },
    { id: 'actions', label: 'Actions', value: (a) => a.actions, align: 'right', width: '5rem' },
    { id: 'expected', label: 'Expected', value: (a) => a.expectedRevenue, format: (v) => fmt.money(Number(v)), align: 'right', width: '7rem' },
    { id: 'reason', label: 'Why this rep', value: (a) => a.reason, width: '3fr' },
  ];
}

/**
 * The territory table's columns; its leakage is over the run's span (a year, the days a younger
 * history holds, or a spend table's own stretch, where leakage is growth alone).
 */
export function territoryColumns(fmt: Formatters, span: LeakageSpan = leakageSpan(undefined)): Column<TerritoryLoad>[] {
  const count = (v: unknown): string => (v === null ? '—' : fmt.count(Number(v)));
  // Widths that hold each header whole at a laptop's width ("Expected value a…", "Leakage /…" had
  // been cut), with no more to spare: at 1280 pixels the rest had left territory names at "High …".
  // Its 1.8fr keeps 9rem (about thirteen characters) and makes a narrower window scroll, not cut.
  return [
    { id: 'territory', label: 'Territory', value: (t) => t.territory, width: '1.8fr' },
    { id: 'reps', label: 'Reps', value: (t) => t.reps, format: count, align: 'right', width: '4rem' },
    { id: 'accounts', label: 'Accounts', value: (t) => t.accounts, format: count, align: 'right', width: '6.5rem' },
    { id: 'elsewhere', label: 'To others', title: "Accounts of this territory placed with reps of another territory (an inside rep's fallback): their capacity is counted there", value: (t) => t.assignedElsewhere ?? null, format: count, align: 'right', width: '7rem' },
    { id: 'unassigned', label: 'Unassigned', value: (t) => t.unassigned, format: count, align: 'right', width: '8rem' },
    { id: 'use', label: 'Capacity use', value: (t) => t.capacityUse, format: (v) => fmt.share(Number(v), 0), align: 'right', width: '8.5rem' },
    { id: 'expected', label: 'Value assigned', title: 'Expected revenue of the accounts the plan gives a rep', value: (t) => t.expectedRevenue, format: (v) => fmt.money(Number(v)), align: 'right', width: '10rem' },
    {
      id: 'leakage',
      label: leakageLabel(span),
      title: `${span.dated ? 'At risk + growth' : 'Growth (a spend table has no dates, so no recovery)'}${span.per ? ` ${span.per}` : ''} of every account of the territory, assigned or not (the overview's leakage by territory)`,
      value: (t) => t.leakage,
      format: (v) => fmt.money(Number(v)),
      align: 'right',
      width: '8.5rem',
    },
    {
      id: 'share',
      label: 'Leakage share',
      title: `Leakage as a share of ${span.revenue}; — where the territory bought nothing in ${span.window}`,
      value: (t) => (t.revenue12m > 0 ? t.leakageShare : null),
      format: (v) => (v === null ? '—' : fmt.share(Number(v))),
      align: 'right',
      width: '9.5rem',
    },
  ];
}

/** Lock one account to a rep (a manager override) or give it back to the engine. */
function OverridePanel({ account, roster, onPlan }: { account: AccountAssignment; roster: RosterRep[]; onPlan: (p: AssignmentPlan) => void }) {
  const [rep, setRep] = useState(account.rep ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (run: () => Promise<AssignmentPlan>) => {
    setBusy(true);
    setError(null);
    try {
      onPlan(await run());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="override" data-testid="override-panel">
      <p>
        <strong>{account.customerName}</strong> <span className="muted">({account.customerCode})</span>: {account.reason}
      </p>
      <div className="controls">
        <div className="field">
          <label htmlFor="override-rep">Assign to</label>
          <select id="override-rep" value={rep} onChange={(e) => setRep(e.target.value)}>
            <option value="">Choose a rep</option>
            {roster
              .filter((r) => r.active)
              .map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name} ({r.kind === 'unknown' ? 'kind not set' : r.kind}
                  {r.territory ? `, ${r.territory}` : ''})
                </option>
              ))}
          </select>
        </div>
        <button type="button" className="primary" disabled={busy || !rep} data-testid="override-save" onClick={() => void act(() => call('assignment-override', { customerCode: account.customerCode, rep }))}>
          Lock to this rep
        </button>
        {account.status === 'overridden' && (
          <button type="button" disabled={busy} data-testid="override-clear" onClick={() => void act(() => call('assignment-clear-override', { customerCode: account.customerCode }))}>
            Clear override
          </button>
        )}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}

/** The plan as a table (filter by rep and status), with the override panel for the chosen account. */
export function PlanTable({ plan, roster, fmt, onPlan, rep, onRep }: {
  plan: AssignmentPlan;
  roster: RosterRep[];
  fmt: Formatters;
  onPlan: (p: AssignmentPlan) => void;
  /** The rep shown ('' = all): the chart's bars set it too. */
  rep: string;
  onRep: (rep: string) => void;
}) {
  const [status, setStatus] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const columns = useMemo(() => accountColumns(fmt), [fmt]);
  const rows = useMemo(
    () => plan.accounts.filter((a) => (rep === '' || (a.rep ?? '') === rep) && (status === '' || a.status === status)),
    [plan.accounts, rep, status],
  );
  const account = plan.accounts.find((a) => a.customerCode === chosen) ?? null;
  const reps = [...new Set(plan.accounts.map((a) => a.rep).filter((r): r is string => r !== null))].sort();
  const toolbar = (
    <>
      <select aria-label="Show rep" value={rep} onChange={(e) => onRep(e.target.value)}>
        <option value="">All reps</option>
        {reps.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <select aria-label="Show status" value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">Any status</option>
        {['assigned', 'kept', 'overridden', 'unassigned'].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <Panel title={rep ? `Who calls whom: ${rep}'s accounts` : 'Who calls whom'}>
      <p className="muted">Double-click or press Enter on an account to assign it to another rep.</p>
      <DataTable label="Assignment plan" columns={columns} rows={rows} rowKey={(a) => a.customerCode} onActivate={(a) => setChosen(a.customerCode)} toolbar={toolbar} height={420} />
      {account && <OverridePanel key={account.customerCode} account={account} roster={roster} onPlan={onPlan} />}
    </Panel>
  );
}
