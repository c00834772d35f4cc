import { useState } from 'react';
import type { FileFilter } from '../../../../shared/contract';
import { call } from '../../api/client';
import { saveExport } from '../../api/files';
import { ErrorNotice, SavedNotice } from '../../components/Feedback';

type ExportKind = 'reps-xlsx' | 'reps-csv' | 'territories-xlsx';

const XLSX_FILTER: FileFilter = { name: 'Excel workbook', extensions: ['xlsx'] };
const CSV_FILTER: FileFilter = { name: 'CSV (comma-separated)', extensions: ['csv'] };

const REQUESTS: Record<ExportKind, { label: string; title: string; defaultName: string; filters: FileFilter[] }> = {
  'reps-xlsx': { label: 'Rep lists (Excel)…', title: 'Save the rep assignment workbook', defaultName: 'assignments.xlsx', filters: [XLSX_FILTER] },
  'reps-csv': { label: 'Rep lists (CSV)…', title: 'Save the rep assignments as CSV', defaultName: 'assignments.csv', filters: [CSV_FILTER] },
  'territories-xlsx': { label: 'Territory plan (Excel)…', title: 'Save the territory plan', defaultName: 'territory-plan.xlsx', filters: [XLSX_FILTER] },
};

/**
 * Writes the plan shown through the native save dialog (Electron) or as a download (browser). A
 * plan made before the roster was last saved is planned again first (`onReplan`, with its own
 * settings), and the note says so: exported as it was, it had gone out without the new reps.
 */
export function ExportButtons({ planId, rosterStale = false, onReplan }: { planId: number; rosterStale?: boolean; onReplan?: () => Promise<number> }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [replanned, setReplanned] = useState<number | null>(null);
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    setDone(null);
    setReplanned(null);
    try {
      const { label: _label, ...request } = REQUESTS[kind];
      let id = planId;
      const path = await saveExport(request, async (out) => {
        if (rosterStale && onReplan) {
          id = await onReplan();
          setReplanned(id);
        }
        const result =
          kind === 'territories-xlsx'
            ? await call('export-territories', { out, format: 'xlsx', planId: id })
            : await call('export-assignments', { out, format: kind === 'reps-csv' ? 'csv' : 'xlsx', planId: id });
        return { path: result.files[0] };
      });
      if (path) setDone(path);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="panel-actions" data-testid="assignment-exports">
      {(Object.keys(REQUESTS) as ExportKind[]).map((kind) => (
        <button key={kind} type="button" onClick={() => void run(kind)} disabled={busy !== null} data-testid={`export-${kind}`}>
          {busy === kind ? (rosterStale ? 'Planning, then writing…' : 'Writing…') : REQUESTS[kind].label}
        </button>
      ))}
      {replanned !== null && (
        <span className="muted" role="status" data-testid="export-replanned">
          Planned again with the current roster (plan {replanned}) before writing.
        </span>
      )}
      <SavedNotice path={done} />
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
