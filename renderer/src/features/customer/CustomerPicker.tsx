import { useState } from 'react';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { CustomerTable } from '../../components/CustomerTable';
import { ErrorNotice, Panel } from '../../components/Feedback';

/** The customer Enter opens: the one whose code is what was typed, or the only match. */
export function customerToOpen(typed: string, found: { total: number; rows: readonly { code: string }[] }): string | null {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return null;
  const exact = found.rows.find((c) => c.code.toLowerCase() === wanted);
  if (exact) return exact.code;
  return found.total === 1 && found.rows.length === 1 ? found.rows[0].code : null;
}

/** Finds a customer by name or code; the biggest at-risk customers first when nothing is typed. */
export function CustomerPicker() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const summary = useSummary();
  const [search, setSearch] = useState('');
  const [enterMiss, setEnterMiss] = useState<{ typed: string; matches: number } | null>(null);
  const runId = summary?.runId;
  // The table sorts as the caption says: by money at risk until a search asks for matches by revenue.
  const searching = search.trim() !== '';
  const found = useAsync(
    () => call('analysis-customers', { runId, search: search.trim() || undefined, sort: search.trim() ? 'revenue12m' : 'atRiskRevenue', dir: 'desc', limit: 2000 }),
    [runId, search],
  );
  return (
    <Panel title="Find a customer">
      <div className="field" style={{ maxWidth: 420, marginBottom: '0.5rem' }}>
        <label htmlFor="customer-search">Name or code</label>
        <input
          id="customer-search"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setEnterMiss(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || search.trim() === '') return;
            e.preventDefault();
            // Asked again rather than read from the table: Enter right after typing beats the list's load.
            const typed = search;
            void call('analysis-customers', { runId, search: typed.trim(), sort: 'revenue12m', dir: 'desc', limit: 2000 }).then(
              (result) => {
                const code = customerToOpen(typed, result);
                if (code) go('customer', { code });
                else setEnterMiss({ typed: typed.trim(), matches: result.total });
              },
              () => setEnterMiss(null),
            );
          }}
          placeholder="e.g. Bistro, C0042; Enter opens an exact code"
        />
      </div>
      {enterMiss !== null && (
        <p className="muted" role="status" data-testid="customer-search-miss">
          {enterMiss.matches === 0
            ? `No customer's name or code has "${enterMiss.typed}" in it.`
            : `No customer has the code "${enterMiss.typed}", and ${fmt.count(enterMiss.matches)} match it: open one from the list.`}
        </p>
      )}
      <ErrorNotice error={found.error} />
      {found.data && (
        <p className="muted">
          {search.trim() ? fmt.counted(found.data.total, 'customer matches', 'customers match') : 'Customers with the most revenue at risk'}
        </p>
      )}
      <CustomerTable
        key={searching ? 'by-revenue' : 'by-risk'}
        label="Customers"
        customers={found.data?.rows ?? []}
        total={found.data?.total}
        capNote={searching ? 'the largest by revenue; type more of the name to narrow' : 'the most at risk; search to find any other'}
        fmt={fmt}
        pAliveReferenceOnly={summary?.bgnbd?.verdict === 'degenerate'}
        horizonDays={summary?.settings.recovery.horizonDays}
        onOpen={(c) => go('customer', { code: c.code })}
        height={460}
        initialSort={searching ? { column: 'revenue', dir: 'desc' } : { column: 'atRisk', dir: 'desc' }}
      />
    </Panel>
  );
}
