import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useAnalysisJob, useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { customerScatterOption, elbowOption, HEATMAP_PAGE, heatmapCell, profileHeatmapOption, silhouetteOption } from '../../charts/profiles';
import { useDrill } from '../../app/useDrill';
import { CustomerTable } from '../../components/CustomerTable';
import { ErrorNotice, Panel } from '../../components/Feedback';
import { markKSwitch } from './timing';

export function ProfilesScreen() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { job, runAnalysis } = useAnalysisJob();
  const s = useSummary();
  const [pendingK, setPendingK] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [measure, setMeasure] = useState<'mix' | 'penetration'>('mix');
  const [page, setPage] = useState(0);
  const drill = useDrill();
  const k = pendingK ?? s?.k ?? 2;
  const runId = s?.runId;
  // The scatter needs five fields per customer, not whole rows: at 30k customers that is ~1 MB, not 12.
  const everyone = useAsync(() => call('analysis-points', { runId }), [runId]);
  const members = useAsync(
    async () => (selected === null ? null : call('analysis-customers', { runId, profile: selected, limit: 100000, sort: 'revenue12m', dir: 'desc' })),
    [runId, selected],
  );

  const elbow = useMemo(() => (s ? elbowOption(s.quality, s.k, s.suggestedK) : null), [s]);
  const silhouette = useMemo(() => (s ? silhouetteOption(s.quality, s.k, s.suggestedK) : null), [s]);
  const pages = s ? Math.max(1, Math.ceil(s.categories.length / HEATMAP_PAGE)) : 1;
  const shownPage = Math.min(page, pages - 1);
  const heatmap = useMemo(
    () => (s ? profileHeatmapOption(s.profiles, s.categories, measure, fmt, { offset: shownPage * HEATMAP_PAGE, size: HEATMAP_PAGE }) : null),
    [s, measure, fmt, shownPage],
  );
  const scatter = useMemo(() => (s && everyone.data ? customerScatterOption(everyone.data.rows, s.profiles, fmt) : null), [s, everyone.data, fmt]);
  if (!s || !elbow || !silhouette || !heatmap) return null;
  // A cell opens that profile's actions in that category: its gaps to sell and its slipping buyers.
  const openCell = (value: number[]) => {
    const cell = heatmapCell(s.profiles, s.categories, measure, { offset: shownPage * HEATMAP_PAGE, size: HEATMAP_PAGE }, value);
    if (cell) drill(cell);
  };
  const kMin = Math.min(s.settings.kMin, ...s.quality.map((q) => q.k));
  const kMax = Math.max(s.settings.kMax, ...s.quality.map((q) => q.k));
  const selectedProfile = s.profiles.find((p) => p.id === selected) ?? null;

  const apply = async (next: number) => {
    markKSwitch('start');
    const result = await runAnalysis({ ...s.settings, k: next });
    setPendingK(null);
    if (result) setSelected(null);
  };

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Buying-pattern profiles</h1>
          <p className="muted">
            Built from {fmt.count(s.customers.best)} best customers (large and broad buyers); every customer is matched to its nearest profile.
          </p>
        </div>
      </div>
      {s.structure && s.structure.state !== 'clear' && (
        <div className="notice warning stacked" role="status" data-testid="structure-notice">
          <p>
            <strong>{s.structure.state === 'none' ? 'No clear buying patterns.' : 'Weak buying patterns.'}</strong> {s.structure.reason}
          </p>
          {s.structure.state === 'none' && (
            <p className="muted">
              Growth actions compare each customer with all best customers. Coarser product groups often show patterns that product codes hide: review them under Product groups.
            </p>
          )}
        </div>
      )}
      {s.productLevel && (
        <p className="muted" data-testid="profiles-level">
          Categories: {s.productLevel.reason}{' '}
          <button type="button" className="link" onClick={() => go('products')}>
            Review product groups
          </button>
        </p>
      )}
      <Panel title="Number of profiles">
        <div className="row">
          <div className="field" style={{ minWidth: 260 }}>
            <label htmlFor="k-slider">
              Profiles (k): <output data-testid="k-value">{k}</output>
              {k === s.suggestedK ? ' (suggested)' : ''}
              {s.suggestedK === 1 ? ' · suggested: one peer group' : ''}
            </label>
            <input id="k-slider" type="range" min={kMin} max={kMax} step={1} value={k} onChange={(e) => setPendingK(Number(e.target.value))} disabled={job !== null} />
          </div>
          <button type="button" className="primary" disabled={k === s.k || job !== null} onClick={() => void apply(k)} data-testid="apply-k">
            Re-run with k = {k}
          </button>
          <button type="button" disabled={s.k === s.suggestedK || job !== null} onClick={() => void apply(s.suggestedK)}>
            {s.suggestedK === 1 ? 'Use one peer group (suggested)' : `Use suggested k = ${s.suggestedK}`}
          </button>
          <span className="muted" data-testid="k-current">
            Now showing k = {s.k}
            {s.quality.find((q) => q.k === s.k && !q.converged) ? ' (k-means hit its iteration cap for this k)' : ''}
          </span>
        </div>
      </Panel>
      <div className="grid-2">
        <Panel title="Elbow: error by k">
          <Chart option={elbow} label={`Within-profile error for k from ${kMin} to ${kMax}; chosen k ${s.k}`} height={260} testId="chart-elbow" onRendered={() => markKSwitch('end')} />
        </Panel>
        <Panel title="Silhouette by k">
          <Chart option={silhouette} label={`Mean silhouette for each k; chosen k ${s.k}, suggested ${s.suggestedK}`} height={260} testId="chart-silhouette" />
        </Panel>
      </div>
      <Panel
        title="Profiles × categories"
        actions={
          <div className="row">
            {pages > 1 && (
              <span className="pager" data-testid="heatmap-pager">
                <button type="button" aria-label="Previous categories" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
                  ‹
                </button>
                <span className="muted">
                  Categories {shownPage * HEATMAP_PAGE + 1}–{Math.min(s.categories.length, (shownPage + 1) * HEATMAP_PAGE)} of {s.categories.length}
                </span>
                <button type="button" aria-label="Next categories" disabled={shownPage >= pages - 1} onClick={() => setPage(shownPage + 1)}>
                  ›
                </button>
              </span>
            )}
            <select aria-label="Heatmap measure" value={measure} onChange={(e) => setMeasure(e.target.value as 'mix' | 'penetration')}>
              <option value="mix">Typical share of spend</option>
              <option value="penetration">Share of best customers buying</option>
            </select>
          </div>
        }
      >
        <p className="muted">
          {pages > 1 && 'Categories that set profiles apart come first. '}Click a cell to open that profile's actions and customers in that category.
        </p>
        <Chart option={heatmap} label="Heatmap of profiles by categories" height={Math.max(220, 40 + 34 * s.profiles.length + (Math.min(HEATMAP_PAGE, s.categories.length) > 6 ? 110 : 50))} testId="chart-heatmap" onClick={(e) => openCell(e.value as number[])} />
      </Panel>
      <Panel title="Profiles">
        <div className="cards" role="list" data-testid="profile-cards">
          {s.profiles.map((p) => (
            <button
              key={p.id}
              type="button"
              role="listitem"
              className={`card${p.id === selected ? ' selected' : ''}`}
              aria-pressed={p.id === selected}
              onClick={() => setSelected(p.id === selected ? null : p.id)}
              style={{ textAlign: 'left' }}
            >
              <strong>
                {p.id}. {p.label}
              </strong>
              <span className="muted">
                {fmt.count(p.members)} customers · {fmt.count(p.bestMembers)} best · {fmt.money(p.revenue12m)} a year
              </span>
            </button>
          ))}
        </div>
      </Panel>
      <Panel title="Customers by size and breadth">
        <ErrorNotice error={everyone.error} />
        {scatter ? (
          <Chart option={scatter} label="Scatter of customers: 12-month revenue against categories bought, coloured by profile" height={380} testId="chart-scatter" onClick={(e) => e.seriesIndex !== undefined && setSelected(s.profiles[e.seriesIndex]?.id ?? null)} />
        ) : (
          <p className="muted">Loading customers…</p>
        )}
      </Panel>
      {selectedProfile && (
        <Panel title={`Members of ${selectedProfile.id}. ${selectedProfile.label}`}>
          <ErrorNotice error={members.error} />
          <CustomerTable label={`Members of profile ${selectedProfile.id}`} customers={members.data?.rows ?? []} fmt={fmt} onOpen={(c) => go('customer', { code: c.code })} height={360} />
        </Panel>
      )}
    </>
  );
}
