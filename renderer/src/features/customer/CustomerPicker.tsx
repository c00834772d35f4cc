import { useState } from 'react';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { CustomerTable } from '../../components/CustomerTable';
import { ErrorNotice, Panel } from '../../components/Feedback';

/** Finds a customer by name or code; the biggest at-risk customers first when nothing is typed. */
export function CustomerPicker() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const summary = useSummary();
  const [search, setSearch] = useState('');
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
        <input id="customer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. Bistro, C0042" />
      </div>
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
