import { screenWords } from '../../app/screen-words';
import { useState } from 'react';
import type { ImportSummary, RejectedRow } from '../../../../shared/contract';
import { call } from '../../api/client';
import { saveExport, transportKind } from '../../api/files';
import { useAsync } from '../../app/useAsync';
import { useFormatters } from '../../app/workbench';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice, Panel } from '../../components/Feedback';

/** The most rejected rows the table holds (the most one `import-rejects` call returns); the CSV has them all. */
export const REJECTS_SHOWN = 10000;

/**
 * What the table's count leaves unsaid when the rows stop short of the import's rejects: it had read
 * "10,000 rows" of 107,927 and its filter searched only those, without a word.
 */
export function rejectsShownNote(shown: number, total: number, count: (n: number) => string): string | null {
  if (shown >= total) return null;
  return `The first ${count(shown)} of ${count(total)} rejected rows are shown, and the filter searches only these. Save rejects as CSV has them all.`;
}

/** An import's rejected rows with the reason for each, and a way to save them all: on the import's result and on Workspaces later. */
export function RejectedRows({ summary }: { summary: ImportSummary }) {
  const fmt = useFormatters();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const importId = summary.importId;
  const rejects = useAsync(
    async () => (importId !== null && summary.rowsRejected > 0 ? await call('import-rejects', { importId, limit: REJECTS_SHOWN }) : { total: 0, rows: [] }),
    [importId, summary.rowsRejected],
  );
  const columns: Column<RejectedRow>[] = [
    { id: 'row', label: 'Row', value: (r) => r.row, align: 'right', width: '5rem' },
    { id: 'column', label: 'Column', value: (r) => r.column, width: '10rem' },
    { id: 'value', label: 'Value', value: (r) => r.value, width: '12rem' },
    { id: 'reason', label: 'Why it was rejected', value: (r) => r.reason, width: '3fr' },
  ];

  const saveRejects = async () => {
    if (importId === null) return;
    try {
      const name = `${summary.file.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, '') ?? 'import'}-rejects.csv`;
      const path = await saveExport({ title: 'Save rejected rows', defaultName: name, filters: [{ name: 'CSV', extensions: ['csv'] }] }, (out) =>
        call('import-rejects-export', { importId, out }),
      );
      // In the browser the path is the server's scratch copy; the user's file is the download, under its name.
      if (path) setSaved(transportKind() === 'http' ? `Downloaded ${fmt.count(summary.rowsRejected)} rejected rows as ${name}` : `Saved ${fmt.count(summary.rowsRejected)} rejected rows to ${path}`);
    } catch (e) {
      setError(e);
    }
  };

  if (summary.rowsRejected === 0) return null;
  const note = rejects.data ? rejectsShownNote(rejects.data.rows.length, rejects.data.total, fmt.count) : null;
  return (
    <Panel
      title="Rejected rows"
      actions={
        <button type="button" onClick={() => void saveRejects()}>
          Save rejects as CSV…
        </button>
      }
    >
      <ErrorNotice error={error ?? rejects.error} onDismiss={() => setError(null)} />
      {saved && (
        <p role="status" data-testid="rejects-saved">
          {saved}
        </p>
      )}
      {note && (
        <p className="muted" data-testid="rejects-shown">
          {note}
        </p>
      )}
      <DataTable label="Rejected rows" columns={columns} rows={rejects.data?.rows ?? []} rowKey={(r) => `${r.row}-${r.column}-${r.reason}`} height={260} loading={rejects.loading} />
    </Panel>
  );
}

/** What an import said about its file (its notes and warnings), in the screen's words. */
export function ImportWarnings({ warnings, label = 'Warnings' }: { warnings: readonly string[]; label?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="reasons warnings" aria-label={label}>
      {warnings.map((text) => (
        <li key={text}>{screenWords(text)}</li>
      ))}
    </ul>
  );
}

/** A few rejected rows with the reason for each: a dry run's, or those of an import that stored nothing. */
export function RejectReasons({ rows, label = 'First rejected rows' }: { rows: readonly RejectedRow[]; label?: string }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{label}</h3>
      <ul className="reasons" aria-label={label}>
        {rows.map((r) => (
          <li key={`${r.row}-${r.column}`}>
            Row {r.row}
            {r.column && `, ${r.column}`}
            {r.value !== null && ` “${r.value}”`}: {screenWords(r.reason)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The rejected rows an error carries in its details (an import that stored no row), if it carries any. */
export function rejectsOfError(error: unknown): RejectedRow[] {
  const details = typeof error === 'object' && error !== null && 'details' in error ? (error as { details?: { rejectsSample?: unknown } }).details : undefined;
  const sample = details?.rejectsSample;
  if (!Array.isArray(sample)) return [];
  return sample
    .filter((r): r is RejectedRow => typeof r === 'object' && r !== null && typeof (r as RejectedRow).row === 'number' && typeof (r as RejectedRow).reason === 'string')
    .sort((a, b) => a.row - b.row);
}
