import { useState } from 'react';
import { call } from '../../api/client';
import { saveExport } from '../../api/files';
import { ErrorNotice } from '../../components/Feedback';

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'client';

/**
 * Writes the client report of the open workspace: the native save dialog in Electron, a download in
 * the browser. The file is one self-contained HTML page; printing it gives the PDF.
 */
export function ReportButton({ clientName, anonymise = false }: { clientName: string; anonymise?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const build = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const path = await saveExport(
        {
          title: 'Save the client report',
          defaultName: `${anonymise ? 'client' : slug(clientName)}-report.html`,
          filters: [{ name: 'Web page (HTML)', extensions: ['html'] }],
        },
        (out) => call('report-build', { out, anonymise }),
      );
      if (path) setDone(path);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="report-button">
      <button type="button" onClick={() => void build()} disabled={busy} data-testid="report-build">
        {busy ? 'Writing report…' : anonymise ? 'Anonymised report…' : 'Client report…'}
      </button>
      {done && (
        <span className="muted" role="status">
          Saved {done.split(/[\\/]/).pop()}
        </span>
      )}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
