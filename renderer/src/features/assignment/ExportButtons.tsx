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

/** Writes the plan shown through the native save dialog (Electron) or as a download (browser). */
export function ExportButtons({ planId }: { planId: number }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      const { label: _label, ...request } = REQUESTS[kind];
      const path = await saveExport(request, async (out) => {
        const result =
          kind === 'territories-xlsx'
            ? await call('export-territories', { out, format: 'xlsx', planId })
            : await call('export-assignments', { out, format: kind === 'reps-csv' ? 'csv' : 'xlsx', planId });
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
          {busy === kind ? 'Writing…' : REQUESTS[kind].label}
        </button>
      ))}
      <SavedNotice path={done} />
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
