import type { ImportSummary } from '../../../../shared/contract';
import { PURCHASE_UNITS } from '../../../../shared/format/currency';
import { useAnalysisJob, useFormatters, useNavigation, useSummary, useWorkspace } from '../../app/workbench';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { ImportWarnings, RejectedRows } from './RejectedRows';

export function ImportResult({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { job, runAnalysis } = useAnalysisJob();
  const latest = useSummary();
  const { workspace } = useWorkspace();
  return (
    <>
      <Panel title={`Imported ${summary.file.split(/[\\/]/).pop()}`}>
        <div className="stats" data-testid="import-summary">
          <Stat label="Rows imported" value={fmt.count(summary.rowsImported)} detail={`of ${fmt.count(summary.rowsRead)} read`} testId="rows-imported" />
          <Stat label="Rejected" value={fmt.count(summary.rowsRejected)} detail={`${fmt.count(summary.rowsSkipped)} skipped (blank, or no sale by status)`} testId="rows-rejected" />
          <Stat label="Customers" value={fmt.count(summary.customers)} detail={fmt.counted(summary.categories, 'category', 'categories')} testId="import-customers" />
          <Stat label="Dates" value={summary.dateFrom ? fmt.range(summary.dateFrom, summary.dateTo) : 'no dates'} small />
          {summary.currency && <Stat label="Currency" value={summary.currency.code === PURCHASE_UNITS ? 'units' : summary.currency.code} detail={summary.currency.reason} testId="import-currency" small />}
          <Stat label="Revenue" value={fmt.money(summary.revenue)} detail={`${fmt.count(summary.returns)} ${summary.returns === 1 ? 'return or credit' : 'returns or credits'}`} testId="import-revenue" />
          <Stat label="Took" value={summary.durationMs < 1000 ? `${Math.round(summary.durationMs)} ms` : `${(summary.durationMs / 1000).toFixed(1)} s`} />
        </div>
        <ImportWarnings warnings={summary.warnings} />
      </Panel>
      {summary.shape === 'transactions' && !summary.dryRun && <ProductLevelStep />}
      <RejectedRows summary={summary} />
      <div className="row">
        <button type="button" onClick={onAnother}>
          Import another file
        </button>
        <button
          type="button"
          className="primary"
          disabled={job !== null}
          onClick={() => void runAnalysis(latest?.settings ?? {}).then((s) => s && go('overview'))}
        >
          {workspace?.lastAnalysis ? 'Re-run analysis' : 'Run analysis'}
        </button>
      </div>
    </>
  );
}

/**
 * The grouping step of the import flow: which product level the analysis will use and why, the
 * non-product lines found, and the way to review groups or bring a product master.
 */
function ProductLevelStep() {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { workspace } = useWorkspace();
  const view = useAsync(() => call('products-groups-view', {}), [workspace?.transactions]);
  const level = view.data?.level;
  if (view.error) return <ErrorNotice error={view.error} />;
  if (!level) return null;
  const out = level.nonProduct.filter((l) => l.excluded);
  const credits = level.sameDayCredits;
  return (
    <Panel
      title="Product level for profiles and growth"
      actions={
        <button type="button" onClick={() => go('products')} data-testid="review-groups">
          Review product groups
        </button>
      }
    >
      <p data-testid="import-level">{level.reason}</p>
      {level.level === 'product-groups' && view.data && (
        <p className="muted">
          Largest groups: {view.data.groups
            .slice(0, 6)
            .map((g) => `${g.name} (${fmt.count(g.products)} products, e.g. ${g.examples[0] ?? ''})`)
            .join('; ')}
          .
        </p>
      )}
      {out.length > 0 && (
        <p className="muted" data-testid="import-non-products">
          Not products, left out of revenue, tiers, profiles, actions and leakage: {out
            .slice(0, 6)
            .map((l) => `${l.code}${l.name && l.name !== l.code ? ` (${l.name})` : ''} ${fmt.money(l.revenue)}`)
            .join(', ')}
          {out.length > 6 ? ` and ${fmt.count(out.length - 6)} more` : ''}.
          {credits
            ? ` ${fmt.count(credits.rows)} of their credits (${fmt.money(credits.revenue)}), adjustments and discounts booked on a day the same customer bought goods, net those goods instead, as a same-day return does.`
            : ''}
        </p>
      )}
    </Panel>
  );
}
