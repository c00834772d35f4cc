import { useMemo, useState } from 'react';
import type { ProductGroupsView, Progress } from '../../../../shared/contract';
import { LINE_KIND_LABELS } from '../../../../shared/analytics/products/non-product';
import { call } from '../../api/client';
import { isCancelled } from '../../api/errors';
import { pickDataFile, saveExport } from '../../api/files';
import { useAsync } from '../../app/useAsync';
import { useAnalysisJob, useFormatters, useSummary, useWorkspace } from '../../app/workbench';
import { ErrorNotice, Panel, ProgressBar, SavedNotice, Stat } from '../../components/Feedback';
import { groupRows, mergeGroups, renameGroup, type Assignment } from './edit';
import { LEVEL_WORDS, levelDetail } from './level-words';
import { NoProducts } from './NoProducts';
import { ProductGroupsHead } from './ProductGroupsHead';
import './products.css';

/**
 * Review of the product level the analysis works on: the proposed (or saved) groups with their
 * largest products as examples, renamed and merged here, and the lines that are not products.
 * Saving stores the groups in the workspace and re-runs the analysis on them.
 */
export function ProductGroupsScreen() {
  const fmt = useFormatters();
  const summary = useSummary();
  const { workspace } = useWorkspace();
  const view = useAsync(() => call('products-groups-view', {}), [summary?.runId, workspace?.transactions]);
  if (view.error) return <ErrorNotice error={view.error} />;
  if (!view.data) return <p className="muted">Reading the catalogue…</p>;
  if (view.data.products.length === 0) return <NoProducts level={view.data.level} fmt={fmt} />;
  // A fresh editor for every answer: edits start from what the workspace now holds.
  return <GroupEditor key={`${view.data.savedAt ?? 'auto'}:${view.data.products.length}:${summary?.runId ?? 0}`} data={view.data} reload={view.reload} />;
}

function GroupEditor({ data, reload }: { data: ProductGroupsView; reload: () => void }) {
  const fmt = useFormatters();
  const { job, runAnalysis } = useAnalysisJob();
  const { refresh } = useWorkspace();
  const summary = useSummary();
  const view = { reload };
  const [assignment, setAssignment] = useState<Assignment>(() => new Map(data.products.filter((p) => p.group !== null).map((p) => [p.code, p.group as string])));
  const [lines, setLines] = useState<Record<string, 'product' | 'non-product'>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [importing, setImporting] = useState<{ label: string; progress: Progress | null; controller: AbortController } | null>(null);
  const busy = job !== null || importing !== null;
  const rows = useMemo(() => groupRows(data.products, assignment), [data, assignment]);
  const level = data.level;
  const total = rows.reduce((s, r) => s + r.revenue, 0);
  const edited = (next: Assignment) => {
    setAssignment(next);
    setDirty(true);
  };
  const save = async () => {
    setError(null);
    try {
      await call('products-groups-save', { groups: Object.fromEntries(assignment), lines });
      await runAnalysis(summary?.settings ?? {});
      view.reload();
    } catch (e) {
      setError(e);
    }
  };
  const reset = async () => {
    setError(null);
    try {
      await call('products-groups-reset', {});
      await runAnalysis(summary?.settings ?? {});
      view.reload();
    } catch (e) {
      setError(e);
    }
  };
  const exportCsv = async () => {
    setError(null);
    try {
      setSaved(
        await saveExport({ title: 'Save product groups', defaultName: 'product-groups.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }, (out) =>
          call('products-groups-export', { out }),
        ),
      );
    } catch (e) {
      setError(e);
    }
  };
  const importMaster = async () => {
    setError(null);
    try {
      const file = await pickDataFile('Import a product list (product, group)');
      if (!file) return;
      const controller = new AbortController();
      setImporting({ label: `Importing ${file.name}`, progress: null, controller });
      try {
        await call('import-run', { path: file.path, shape: 'product-master' }, { signal: controller.signal, onProgress: (progress) => setImporting((j) => (j ? { ...j, progress } : j)) });
      } finally {
        setImporting(null);
      }
      await refresh();
      await runAnalysis(summary?.settings ?? {});
      view.reload();
    } catch (e) {
      if (isCancelled(e)) setError({ code: 'CANCELLED', message: 'Import of the product list cancelled: the groups are as they were.' });
      else setError(e);
    }
  };
  const toggle = (name: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const mergeTarget = rows.find((r) => selected.has(r.name))?.name ?? null;
  // Every product in the catalogue is either in a group or a line left out: the two counts add up to it.
  const productCount = data.products.filter((p) => p.group !== null).length;
  const leftOut = data.products.length - productCount;
  const coPurchaseIn = new Map<string, number>();
  for (const p of data.products) {
    const group = p.byCoPurchase ? assignment.get(p.code) : undefined;
    if (group !== undefined) coPurchaseIn.set(group, (coPurchaseIn.get(group) ?? 0) + 1);
  }
  const coPurchased = [...coPurchaseIn.values()].reduce((a, b) => a + b, 0);
  const productsDetail = [
    data.saved ? `groups saved ${data.savedAt ? fmt.date(data.savedAt.slice(0, 10)) : ''}` : 'grouped automatically',
    coPurchased > 0 ? `${fmt.count(coPurchased)} by co-purchase` : null,
    leftOut > 0 ? `+ ${fmt.count(leftOut)} line${leftOut === 1 ? '' : 's'} not products` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <ProductGroupsHead />
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <div className="stats" data-testid="product-level">
        <Stat label="Level used" value={level ? LEVEL_WORDS[level.level] : '—'} detail={level ? levelDetail(level, fmt.count) : undefined} />
        <Stat label="Products" value={fmt.count(productCount)} detail={productsDetail} />
        <Stat
          label="Not products, left out"
          value={level ? fmt.money(level.nonProductRevenue) : '—'}
          detail={level ? `${fmt.count(level.nonProduct.filter((l) => l.excluded).length)} lines, ${fmt.count(level.nonProductRows)} rows` : undefined}
        />
      </div>
      {level && (
        <p className="notice" role="status" data-testid="level-reason">
          {level.reason}
        </p>
      )}
      <Panel
        title={`Groups (${rows.length})`}
        actions={
          <div className="row">
            <button type="button" disabled={selected.size < 2 || !mergeTarget || busy} onClick={() => (edited(mergeGroups(assignment, [...selected], mergeTarget as string)), setSelected(new Set()))} data-testid="merge-groups">
              Merge {selected.size >= 2 ? `${selected.size} groups into “${mergeTarget}”` : 'selected groups'}
            </button>
            <button type="button" className="primary" disabled={(!dirty && Object.keys(lines).length === 0) || busy} onClick={() => void save()} data-testid="save-groups">
              Save and re-run analysis
            </button>
          </div>
        }
      >
        <div className="groups-scroll" style={{ maxHeight: 520 }}>
          <table className="plain" aria-label="Product groups" data-testid="group-table">
            <thead>
              <tr>
                <th scope="col">Merge</th>
                <th scope="col">Group name</th>
                <th scope="col" className="num">Products</th>
                <th scope="col" className="num" title="Products whose description named no group, placed by what they are bought with on the same day">
                  By co-purchase
                </th>
                <th scope="col" className="num">Revenue</th>
                <th scope="col">Largest products</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${r.name} to merge`} checked={selected.has(r.name)} onChange={() => toggle(r.name)} />
                  </td>
                  <td>
                    <input
                      aria-label={`Name of group ${r.name}`}
                      defaultValue={r.name}
                      key={r.name}
                      onBlur={(e) => {
                        const next = e.target.value.trim();
                        if (next && next !== r.name) edited(renameGroup(assignment, r.name, next));
                      }}
                      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                    />
                  </td>
                  <td className="num">{fmt.count(r.products)}</td>
                  <td className="num muted">{coPurchaseIn.get(r.name) ? fmt.count(coPurchaseIn.get(r.name) as number) : ''}</td>
                  <td className="num">
                    {fmt.money(r.revenue)} <span className="muted">({fmt.share(total ? r.revenue / total : 0, 0)})</span>
                  </td>
                  <td className="muted examples">{r.examples.join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel title="Lines that are not products">
        <p className="muted">
          Postage, carriage, fees, discounts, manual adjustments and the like, recognised by their code and description. They are left out of revenue, tiers, profiles, actions and leakage; untick one to
          keep it as a product. A credit of an adjustment or discount booked on a day the same customer bought goods nets that day&apos;s goods instead, as a same-day return does
          {level?.sameDayCredits ? ` (${fmt.count(level.sameDayCredits.rows)} here, ${fmt.money(level.sameDayCredits.revenue)} in all)` : ''}.
        </p>
        {level && level.nonProduct.length > 0 ? (
          <table className="plain" aria-label="Non-product lines" data-testid="non-product-table">
            <thead>
              <tr>
                <th scope="col">Leave out</th>
                <th scope="col">Code</th>
                <th scope="col">Description</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Net revenue</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {level.nonProduct.map((l) => {
                const out = lines[l.code] ? lines[l.code] === 'non-product' : l.excluded;
                return (
                  <tr key={l.code}>
                    <td>
                      <input type="checkbox" aria-label={`Leave ${l.code} out`} checked={out} onChange={() => setLines((x) => ({ ...x, [l.code]: out ? 'product' : 'non-product' }))} />
                    </td>
                    <td>{l.code}</td>
                    <td>{l.name}</td>
                    <td>{LINE_KIND_LABELS[l.kind]}</td>
                    <td className="num">{fmt.count(l.rows)}</td>
                    <td className="num">{fmt.money(l.revenue)}</td>
                    <td className="muted">{l.reason}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted">None found.</p>
        )}
      </Panel>
      <Panel title="Product list file">
        <div className="row">
          <button type="button" onClick={() => void exportCsv()} disabled={busy} data-testid="export-groups">
            Export groups as CSV
          </button>
          <button type="button" onClick={() => void importMaster()} disabled={busy} data-testid="import-product-list">
            Import a product list (product → group)…
          </button>
          <button type="button" onClick={() => void reset()} disabled={!data.saved || busy}>
            Back to automatic groups
          </button>
          <SavedNotice path={saved} />
        </div>
        {importing && <ProgressBar label={importing.label} progress={importing.progress} onCancel={() => importing.controller.abort()} />}
        <p className="muted">The CSV has product, description, group: edit the group column in a spreadsheet and import it back as a product list.</p>
      </Panel>
    </>
  );
}
