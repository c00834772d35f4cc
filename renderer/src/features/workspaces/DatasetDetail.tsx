import { useState } from 'react';
import type { ImportSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useFormatters, useWorkspace } from '../../app/workbench';
import { ErrorNotice, Panel } from '../../components/Feedback';
import { ImportWarnings, RejectedRows } from '../import/RejectedRows';
import { readOnlyWhy } from './read-only';

const fileOf = (summary: ImportSummary): string => summary.file.split(/[\\/]/).pop() ?? summary.file;

/**
 * One import, chosen in the Datasets table: what it said when it ran (its warnings), its rejected
 * rows, and a way to take it out of the workspace when it was the wrong file.
 */
export function DatasetDetail({ summary, onRemoved }: { summary: ImportSummary; onRemoved: (message: string) => void }) {
  const fmt = useFormatters();
  const { refresh, workspace } = useWorkspace();
  const readOnly = readOnlyWhy(workspace);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const importId = summary.importId;
  const productList = summary.shape === 'product-master';

  const remove = async () => {
    if (importId === null) return;
    const sure = window.confirm(
      `Remove ${fileOf(summary)} from this workspace? Its ${fmt.count(summary.rowsImported)} rows, its rejects and the customers and categories no other import holds are taken out. Earlier analysis runs stay in the history; run the analysis again for figures without it.`,
    );
    if (!sure) return;
    setBusy(true);
    try {
      const removed = await call('import-remove', { importId });
      await refresh();
      onRemoved(
        `Removed ${removed.file}: ${fmt.count(removed.rowsRemoved)} ${removed.rowsRemoved === 1 ? 'row' : 'rows'}, ${fmt.counted(removed.customersRemoved, 'customer')} and ${fmt.counted(removed.categoriesRemoved, 'category', 'categories')} no other import held. Run the analysis again for figures without it.`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Panel
        title={`Import ${importId ?? ''}: ${fileOf(summary)}`}
        actions={
          <button
            type="button"
            onClick={() => void remove()}
            disabled={busy || productList || readOnly !== null}
            title={readOnly ?? (productList ? 'A product list is not removed: import a corrected one instead' : 'Take this import out of the workspace')}
            data-testid="remove-import"
          >
            Remove this import…
          </button>
        }
      >
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        <p className="muted" data-testid="dataset-detail">
          {fmt.count(summary.rowsRead)} rows read = {fmt.count(summary.rowsImported)} imported + {fmt.count(summary.rowsRejected)} rejected + {fmt.count(summary.rowsSkipped)} skipped
          {summary.finishedAt ? `, on ${new Date(summary.finishedAt).toLocaleString(fmt.locale)}` : ''}.
        </p>
        {productList && (
          <p className="muted" data-testid="product-list-kept">
            A product list is not removed: its products may carry the sales of other imports. Import a corrected list instead; it replaces the groups it names.
          </p>
        )}
        <ImportWarnings warnings={summary.warnings} label="What the import said" />
      </Panel>
      <RejectedRows summary={summary} />
    </>
  );
}
