import { useDeferredValue, useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useAnalysisJob, useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { structureHeading, structureReasonAfterHeading as afterHeading } from '../../../../shared/format/profile-words';
import { customerScatterHeight, customerScatterOption, elbowOption, HEATMAP_PAGE, heatmapCell, profileHeatmapHeight, profileHeatmapOption, scatterPointCode, silhouetteLabel, silhouetteOption, type ScatterCustomer } from '../../charts/profiles';
import { useDrill } from '../../app/useDrill';
import { CustomerTable } from '../../components/CustomerTable';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice, Panel } from '../../components/Feedback';
import type { Formatters } from '../../app/format';
import { markKPreview, markKSwitch } from './timing';
import { useKPreviews } from './useKPreviews';

/** A previewed profile's members come from the scatter's points: the run's customer rows carry the run's k. */
const pointColumns = (fmt: Formatters): Column<ScatterCustomer>[] => [
  { id: 'name', label: 'Customer', value: (c) => c.name, width: '1.6fr' },
  { id: 'code', label: 'Code', value: (c) => c.code, width: '8rem' },
  { id: 'revenue', label: 'Revenue 12m', value: (c) => c.revenue12m, format: (v) => fmt.money(Number(v)), align: 'right', width: '10rem' },
  { id: 'breadth', label: 'Categories', value: (c) => c.breadth, align: 'right', width: '7.5rem' },
];

/** The k a re-run is asked for: 'auto' where the suggested k is wanted, so the run follows the quality scores as the default does. */
export const kSetting = (next: number, suggestedK: number): number | 'auto' => (next === suggestedK ? 'auto' : next);

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
  // A run of one peer group (k = 1) keeps its k on the slider: below the sweep's range the thumb sat at 2.
  // The suggested k (one peer group, where the data has no clear patterns) stays within reach after another k is used.
  const kMin = s ? Math.min(s.settings.kMin, s.k, s.suggestedK, ...s.quality.map((q) => q.k)) : 2;
  const kMax = s ? Math.max(s.settings.kMax, ...s.quality.map((q) => q.k)) : 2;
  const previewing = s !== null && k !== s.k;
  // With one category every k gives one peer group (profiles.ts): the slider would promise what no run gives.
  const oneCategory = s !== null && s.categories.length === 1;
  // One category and no column to take another from (CDNOW): there are no products to group.
  const groupable = s?.productLevel != null && !(s.productLevel.column === null && s.productLevel.values <= 1);
  const range = useMemo(() => (s ? { runK: s.k, kMin, kMax } : null), [s, kMin, kMax]);
  const kPreview = useKPreviews(runId, previewing ? k : null, range, everyone.data !== null);
  const preview = kPreview.preview;
  // While a k is previewed, every profile view below shows that k's profiles; actions stay the run's.
  const profiles = useMemo(() => (preview ? preview.profiles : (s?.profiles ?? [])), [preview, s]);
  const members = useAsync(
    async () => (selected === null || previewing ? null : call('analysis-customers', { runId, profile: selected, limit: 100000, sort: 'revenue12m', dir: 'desc' })),
    [runId, selected, previewing],
  );
  const previewMembers = useMemo(() => {
    if (!preview || selected === null || !everyone.data) return null;
    return everyone.data.rows.filter((_, i) => preview.pointProfiles[i] === selected);
  }, [preview, selected, everyone.data]);

  const shownK = preview ? preview.k : null;
  const elbow = useMemo(() => (s ? elbowOption(s.quality, s.k, s.suggestedK, shownK) : null), [s, shownK]);
  const silhouette = useMemo(() => (s ? silhouetteOption(s.quality, s.k, s.suggestedK, shownK) : null), [s, shownK]);
  const pages = s ? Math.max(1, Math.ceil(s.categories.length / HEATMAP_PAGE)) : 1;
  const shownPage = Math.min(page, pages - 1);
  const heatmap = useMemo(
    () => (s ? profileHeatmapOption(profiles, s.categories, measure, fmt, { offset: shownPage * HEATMAP_PAGE, size: HEATMAP_PAGE }) : null),
    [s, profiles, measure, fmt, shownPage],
  );
  // Tens of thousands of points recolour after the cards and heatmap: a slider step shows its
  // profiles first, and a quick run of steps skips the scatters nobody waits for.
  const scatterPreview = useDeferredValue(preview);
  const scatter = useMemo(() => {
    if (!s || !everyone.data) return null;
    const at = scatterPreview ? (i: number) => scatterPreview.pointProfiles[i] || null : undefined;
    return customerScatterOption(everyone.data.rows, scatterPreview ? scatterPreview.profiles : s.profiles, fmt, at);
  }, [s, everyone.data, scatterPreview, fmt]);
  if (!s || !elbow || !silhouette || !heatmap) return null;
  // A cell opens that profile's actions in that category: its gaps to sell and its slipping buyers.
  const openCell = (value: number[]) => {
    const cell = heatmapCell(s.profiles, s.categories, measure, { offset: shownPage * HEATMAP_PAGE, size: HEATMAP_PAGE }, value);
    if (cell) drill(cell);
  };
  const selectedProfile = profiles.find((p) => p.id === selected) ?? null;
  const moveK = (next: number) => {
    if (next !== k) markKPreview('start');
    setPendingK(next === s.k ? null : next);
    setSelected(null);
  };

  const apply = async (next: number) => {
    markKSwitch('start');
    // The suggested k is asked for as 'auto': k = 1 is no number a run may be given, and an auto k is no changed setting.
    const result = await runAnalysis({ ...s.settings, k: kSetting(next, s.suggestedK) });
    setPendingK(null);
    if (result) setSelected(null);
  };

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Buying-pattern profiles</h1>
          <p className="muted">
            {s.customers.bestRelaxed
              ? `Built from ${s.customers.best === 1 ? 'the one active customer' : `all ${fmt.count(s.customers.best)} active customers`} (fewer than 20 met the best-customer setting); every customer is matched to its nearest profile.`
              : `Built from ${fmt.count(s.customers.best)} best customers (${s.categories.length === 1 ? 'the largest buyers: with one category, breadth does not apply' : 'large and broad buyers'}); every customer is matched to its nearest profile.`}
          </p>
        </div>
      </div>
      {s.structure && s.structure.state !== 'clear' && (
        <div className="notice warning stacked" role="status" data-testid="structure-notice">
          <p>
            <strong>{structureHeading(s.structure)}</strong> {afterHeading(s.structure.reason)}
          </p>
          {s.structure.state === 'none' && s.k === 1 && (
            <p className="muted">
              Growth actions compare each customer with all best customers.
              {groupable ? ' Coarser product groups often show patterns that product codes hide: review them under Product groups.' : ''}
            </p>
          )}
        </div>
      )}
      {s.productLevel && (
        <p className="muted" data-testid="profiles-level">
          Categories: {s.productLevel.reason}
          {groupable && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => go('products')}>
                Review product groups
              </button>
            </>
          )}
        </p>
      )}
      <Panel title="Number of profiles">
        {oneCategory && (
          <p className="muted" data-testid="k-one-category">
            With one category there is no buying mix to split: every customer is in one peer group, whatever k is asked. Import a category or product column to build profiles.
          </p>
        )}
        <div className="row">
          <div className="field" style={{ minWidth: 260 }}>
            <label htmlFor="k-slider">
              Profiles (k): <output data-testid="k-value">{k}</output>
              {k === s.suggestedK ? (k === 1 ? ' (one peer group, suggested)' : ' (suggested)') : s.suggestedK === 1 ? ' · suggested: one peer group' : ''}
            </label>
            <input id="k-slider" type="range" min={kMin} max={kMax} step={1} value={k} onChange={(e) => moveK(Number(e.target.value))} disabled={job !== null || oneCategory} />
          </div>
          <button type="button" className="primary" disabled={k === s.k || job !== null || oneCategory} onClick={() => void apply(k)} data-testid="apply-k">
            {previewing ? `Use k = ${k} (re-run)` : `Re-run with k = ${k}`}
          </button>
          <button type="button" disabled={(s.k === s.suggestedK && s.settings.k === 'auto') || job !== null} onClick={() => void apply(s.suggestedK)}>
            {s.suggestedK === 1 ? 'Use one peer group (suggested)' : `Use suggested k = ${s.suggestedK}`}
          </button>
          <span className="muted" data-testid="k-current">
            {previewing ? `Run ${s.runId} uses k = ${s.k}` : `Now showing k = ${s.k}`}
            {s.quality.find((q) => q.k === s.k && !q.converged) ? ' (k-means hit its iteration cap for this k)' : ''}
          </span>
        </div>
        {previewing && (
          <div className="notice info stacked" role="status" data-testid="k-preview-note">
            <p>
              {preview ? (
                <>
                  <strong>Previewing k = {preview.k}.</strong> The heatmap, profile cards and scatter below show the {preview.k} profiles a re-run with k = {preview.k} gives
                  {preview.converged ? '' : ' (k-means hit its iteration cap)'}. Actions, leakage and every other screen still come from run {s.runId} (k = {s.k}) until you use this k.
                </>
              ) : kPreview.error ? (
                <>Could not preview k = {k}: {kPreview.error.message}</>
              ) : (
                <>Fitting k = {k}…</>
              )}
            </p>
            <p>
              <button type="button" className="link" onClick={() => moveK(s.k)} data-testid="k-preview-back">
                Back to k = {s.k}
              </button>
            </p>
          </div>
        )}
      </Panel>
      {s.quality.length === 0 ? (
        <Panel title="Error and silhouette by k">
          <p className="muted" data-testid="no-k-sweep">
            No split into profiles was tried on this data (the notice above says why), so there is no error or silhouette curve to draw.
          </p>
        </Panel>
      ) : (
        <div className="grid-2">
          <Panel title="Elbow: error by k">
            <Chart option={elbow} label={`Within-profile error for k from ${kMin} to ${kMax}; chosen k ${s.k}`} height={260} testId="chart-elbow" onRendered={() => markKSwitch('end')} />
          </Panel>
          <Panel title="Silhouette by k">
            <Chart option={silhouette} label={silhouetteLabel(s.quality, s.k, s.suggestedK)} height={260} testId="chart-silhouette" />
          </Panel>
        </div>
      )}
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
          {pages > 1 && 'Categories that set profiles apart come first. '}
          {previewing ? `Actions exist for the run's k = ${s.k} profiles: use this k to open a cell's actions.` : "Click a cell to open that profile's actions and customers in that category."}
        </p>
        <Chart
          option={heatmap}
          label={`Heatmap of ${profiles.length} profiles by categories${preview ? ` (preview of k = ${preview.k})` : ''}`}
          height={profileHeatmapHeight(profiles, s.categories.length)}
          testId="chart-heatmap"
          onClick={previewing ? undefined : (e) => openCell(e.value as number[])}
          onRendered={() => preview && markKPreview('end')}
        />
      </Panel>
      <Panel title={preview ? `Profiles at k = ${preview.k} (preview)` : 'Profiles'}>
        <p className="muted">Click a profile to list its customers{previewing ? '' : ' and open its actions'}.</p>
        <div className="cards" role="list" data-testid="profile-cards">
          {profiles.map((p) => (
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
          <>
            <p className="muted">Click a point to open that customer; click a profile in the legend to hide or show it.</p>
            <Chart
              option={scatter}
              label={`Scatter of customers: 12-month revenue against categories bought, coloured by profile${preview ? ` (preview of k = ${preview.k})` : ''}`}
              height={customerScatterHeight(scatterPreview ? scatterPreview.profiles : s.profiles)}
              testId="chart-scatter"
              onClick={(e) => {
                const code = scatterPointCode(e.value);
                if (code) go('customer', { code });
              }}
            />
          </>
        ) : (
          <p className="muted">Loading customers…</p>
        )}
      </Panel>
      {selectedProfile && !previewing && (
        <Panel
          title={`Members of ${selectedProfile.id}. ${selectedProfile.label}`}
          actions={
            <button type="button" onClick={() => drill({ profile: selectedProfile.id })} data-testid="profile-explore">
              Explore this profile's actions
            </button>
          }
        >
          <ErrorNotice error={members.error} />
          <CustomerTable label={`Members of profile ${selectedProfile.id}`} customers={members.data?.rows ?? []} loading={members.loading} fmt={fmt} pAliveReferenceOnly={s.bgnbd?.verdict === 'degenerate'} horizonDays={s.settings.recovery.horizonDays} onOpen={(c) => go('customer', { code: c.code })} height={360} />
        </Panel>
      )}
      {selectedProfile && preview && previewMembers && (
        <Panel title={`Members of ${selectedProfile.id}. ${selectedProfile.label} at k = ${preview.k} (preview)`}>
          <DataTable
            label="Members of a previewed profile"
            columns={pointColumns(fmt)}
            rows={previewMembers}
            rowKey={(c) => c.code}
            onActivate={(c) => go('customer', { code: c.code })}
            height={360}
            initialSort={{ column: 'revenue', dir: 'desc' }}
            empty="No customers."
          />
        </Panel>
      )}
    </>
  );
}
