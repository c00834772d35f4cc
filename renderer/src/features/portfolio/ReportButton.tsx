import { useEffect, useRef, useState } from 'react';
import { ErrorNotice, SavedNotice } from '../../components/Feedback';
import { canPrintPdf, saveReport, type ReportFormat } from './report-action';

/**
 * Writes the client report of the open workspace: HTML through the native save dialog or as a
 * browser download, and in the desktop app also PDF. `request` (from File > Report…) starts the
 * PDF, or the HTML in a browser, once per distinct value.
 */
export function ReportButton({
  clientName,
  anonymise = false,
  request,
  onRequestTaken,
}: {
  clientName: string;
  anonymise?: boolean;
  request?: string;
  /** Called once a menu request started, so the caller can drop it (a reload must not repeat it). */
  onRequestTaken?: () => void;
}) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const pdf = canPrintPdf();
  const build = async (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      const path = await saveReport(format, { clientName, anonymise });
      if (path) setDone(path);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const handled = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!request || handled.current === request) return;
    handled.current = request;
    void build(pdf ? 'pdf' : 'html');
    onRequestTaken?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a menu request starts the build once; later prop changes must not re-run it
  }, [request]);
  const label = anonymise ? 'Anonymised report' : 'Client report';
  return (
    <div className="report-button">
      <button type="button" onClick={() => void build('html')} disabled={busy !== null} data-testid="report-build">
        {busy === 'html' ? 'Writing report…' : `${label}${pdf ? ' (HTML)' : ''}…`}
      </button>
      {pdf && (
        <button type="button" onClick={() => void build('pdf')} disabled={busy !== null} data-testid="report-pdf">
          {busy === 'pdf' ? 'Printing PDF…' : `${label} (PDF)…`}
        </button>
      )}
      <SavedNotice path={done} />
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
