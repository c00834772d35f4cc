import { useEffect, useState } from 'react';
import type { WorkspaceInfo, WorkspaceListing } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useAnalysisJob, useAppError, useFormatters, useNavigation, useSummary, useWorkspace } from '../../app/workbench';
import { DataTable, type Column } from '../../components/DataTable';
import { Empty, ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { breadthWords } from './breadth-words';
import { OpenOrCreate } from './OpenOrCreate';
import { DatasetDetail } from './DatasetDetail';
import { ReadOnlyMark, readOnlyWhy } from './read-only';

function CurrentWorkspace({ info }: { info: WorkspaceInfo }) {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const { job, runAnalysis } = useAnalysisJob();
  const { setError } = useAppError();
  const { setWorkspace } = useWorkspace();
  const summary = useSummary();
  const [clientName, setClientName] = useState(info.clientName);
  const [currency, setCurrency] = useState(info.currency);
  const [saveError, setSaveError] = useState<unknown>(null);
  const dirty = clientName !== info.clientName || currency !== info.currency;
  const save = async () => {
    try {
      setWorkspace(await call('workspace-update', { clientName, currency: currency.toUpperCase() }));
      setSaveError(null);
    } catch (e) {
      setSaveError(e);
    }
  };
  const readOnly = readOnlyWhy(info);
  return (
    <Panel
      title="Open workspace"
      actions={
        <div className="row">
          <button type="button" disabled={readOnly !== null} title={readOnly ?? undefined} onClick={() => go('import')}>
            Import data…
          </button>
          <button
            type="button"
            className="primary"
            disabled={readOnly !== null || info.transactions === 0 || job !== null}
            title={readOnly ?? undefined}
            onClick={() => void runAnalysis(summary?.settings ?? {}).then((s) => s && go('overview'))}
          >
            {info.lastAnalysis ? 'Re-run analysis' : 'Run analysis'}
          </button>
        </div>
      }
    >
      <p className="muted" title={info.path}>
        {info.path} <ReadOnlyMark workspace={info} />
      </p>
      <div className="stats" data-testid="workspace-stats">
        <Stat label="Transactions" value={fmt.count(info.transactions)} detail={fmt.counted(info.imports, 'import')} />
        <Stat label="Customers" value={fmt.count(info.customers)} detail={breadthWords(info.categories, summary?.productLevel, fmt)} />
        <Stat label="Revenue in the data" value={fmt.money(info.revenue)} detail={info.dateFrom ? fmt.range(info.dateFrom, info.dateTo) : 'no dates'} />
        <Stat
          label="Last analysis"
          value={info.lastAnalysis ? fmt.date(info.lastAnalysis.asOf) : 'None yet'}
          detail={info.lastAnalysis ? `run ${info.lastAnalysis.runId}, ${new Date(info.lastAnalysis.createdAt).toLocaleString(fmt.locale)}` : 'Run an analysis after importing'}
        />
      </div>
      <div className="row" style={{ marginTop: '0.75rem' }}>
        <div className="field">
          <label htmlFor="ws-client">Client name</label>
          <input id="ws-client" value={clientName} onChange={(e) => setClientName(e.target.value)} maxLength={200} />
        </div>
        <div className="field" style={{ minWidth: 100 }}>
          <label htmlFor="ws-currency">Currency (ISO code)</label>
          <input id="ws-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} size={4} />
        </div>
        <button type="button" disabled={readOnly !== null || !dirty || !clientName.trim() || !/^[A-Za-z]{3}$/.test(currency)} title={readOnly ?? undefined} onClick={() => void save()}>
          Save
        </button>
        <button
          type="button"
          onClick={() =>
            void call('workspace-close', {}).then(
              () => setWorkspace(null),
              (e: unknown) => setError(e),
            )
          }
        >
          Close workspace
        </button>
      </div>
      <ErrorNotice error={saveError} onDismiss={() => setSaveError(null)} />
    </Panel>
  );
}

type ImportRow = Awaited<ReturnType<typeof loadImports>>[number];
const loadImports = () => call('import-list', {});

function Datasets({ revision }: { revision: string }) {
  const fmt = useFormatters();
  const imports = useAsync(() => loadImports(), [revision]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const detail = imports.data?.find((r) => r.importId === chosen) ?? null;
  const columns: Column<ImportRow>[] = [
    { id: 'file', label: 'File', value: (r) => `${r.file.split(/[\\/]/).pop() ?? r.file}${r.sheet ? ` (${r.sheet})` : ''}`, width: '2fr' },
    { id: 'when', label: 'Imported', value: (r) => r.finishedAt, format: (v) => (v ? new Date(String(v)).toLocaleString(fmt.locale) : ''), width: '1.4fr' },
    { id: 'rows', label: 'Rows', value: (r) => r.rowsImported, format: (v) => fmt.count(Number(v)), align: 'right' },
    { id: 'rejected', label: 'Rejected', value: (r) => r.rowsRejected, format: (v) => fmt.count(Number(v)), align: 'right' },
    { id: 'customers', label: 'Customers', value: (r) => r.customers, format: (v) => fmt.count(Number(v)), align: 'right' },
    { id: 'range', label: 'Dates', value: (r) => (r.dateFrom ? `${r.dateFrom} – ${r.dateTo}` : null), width: '1.6fr' },
    { id: 'revenue', label: 'Revenue', value: (r) => r.revenue, format: (v) => fmt.money(Number(v)), align: 'right' },
  ];
  return (
    <>
    <Panel title="Datasets">
      <ErrorNotice error={imports.error} />
      {removed && (
        <p role="status" data-testid="import-removed">
          {removed}
        </p>
      )}
      {imports.data && (
        <>
          <DataTable
            label="Imported datasets"
            columns={columns}
            rows={imports.data}
            rowKey={(r) => `${r.importId}-${r.sha256}`}
            height={Math.min(200, 32 * (1 + Math.max(2, imports.data.length)) + 8)}
            empty="No data imported yet."
            onActivate={(r) => setChosen(r.importId)}
          />
          {imports.data.length > 0 && (
            <div className="row dataset-choice">
              <label htmlFor="dataset-choice" className="muted">Rejected rows and removal of</label>
              <select id="dataset-choice" value={chosen ?? ''} onChange={(e) => setChosen(e.target.value === '' ? null : Number(e.target.value))} data-testid="dataset-choice">
                <option value="">choose an import (or double-click its row)</option>
                {imports.data.map((r) => (
                  <option key={r.importId ?? r.sha256} value={r.importId ?? ''}>
                    {`${r.importId}. ${r.file.split(/[\\/]/).pop() ?? r.file}${r.sheet ? ` (${r.sheet})` : ''}: ${fmt.count(r.rowsImported)} rows, ${fmt.count(r.rowsRejected)} rejected`}
                  </option>
                ))}
              </select>
            </div>
          )}
        </>
      )}
      {/* Keeps the table's room while it loads, so the forms below do not jump under the pointer. */}
      {!imports.data && !imports.error && <div className="loading-room" style={{ height: 240 }} aria-busy="true" />}
    </Panel>
      {detail && (
        <DatasetDetail
          key={detail.importId}
          summary={detail}
          onRemoved={(message) => {
            setChosen(null);
            setRemoved(message);
          }}
        />
      )}
    </>
  );
}

/**
 * Opens a workspace by path and keeps the failure, if any, for the panel that asked. A failed open
 * is often a file deleted or moved since the lists were read, so it has them read again.
 */
function useOpenWorkspace(onFailed: () => void) {
  const { setWorkspace } = useWorkspace();
  const [error, setError] = useState<unknown>(null);
  const open = async (path: string) => {
    try {
      setWorkspace(await call('workspace-open', { path }));
      setError(null);
    } catch (e) {
      setError(e);
      onFailed();
    }
  };
  return { open, error, setError };
}

function Recent({ revision, refresh }: { revision: string; refresh: () => void }) {
  const fmt = useFormatters();
  const { workspace } = useWorkspace();
  const recent = useAsync(() => call('workspace-recent', {}), [revision]);
  const { open, error, setError } = useOpenWorkspace(refresh);
  const missing = recent.data?.filter((r) => !r.exists).length ?? 0;
  const forgetMissing = async () => {
    try {
      await call('workspace-forget-missing', {});
      recent.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Panel
      title="Recent workspaces"
      actions={
        missing > 0 && (
          <button type="button" onClick={() => void forgetMissing()} title="Take the workspaces whose file is no longer there off this list; no file is touched" data-testid="forget-missing">
            Forget {missing === 1 ? 'the missing one' : `${missing} missing`}
          </button>
        )
      }
    >
      <ErrorNotice error={error ?? recent.error} onDismiss={() => setError(null)} />
      {recent.data && recent.data.length === 0 && <Empty>No recent workspaces.</Empty>}
      <ul className="reasons">
        {recent.data?.map((r) => (
          <li key={r.path}>
            <button type="button" disabled={!r.exists || r.path === workspace?.path} onClick={() => void open(r.path)} title={r.exists ? r.path : `${r.path} no longer exists`}>
              {r.clientName}
            </button>{' '}
            <span className="muted">
              {r.path} · opened {new Date(r.openedAt).toLocaleString(fmt.locale)}
              {!r.exists && ' · missing'}
              {r.path === workspace?.path && ' · open now'}
              {r.path === workspace?.path && <> <ReadOnlyMark workspace={workspace} /></>}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/** The browser's stand-in for a file dialog: the workspaces in the default folder on the server. */
function FolderWorkspaces({ listing, refresh }: { listing: WorkspaceListing; refresh: () => void }) {
  const fmt = useFormatters();
  const { workspace } = useWorkspace();
  const { open, error, setError } = useOpenWorkspace(refresh);
  return (
    <Panel title="Workspaces folder">
      <p className="muted" data-testid="workspaces-folder">
        {listing.folder}
      </p>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {listing.workspaces.length === 0 && <Empty>No workspaces here yet. Create one above: it is saved in this folder.</Empty>}
      <ul className="reasons" data-testid="folder-workspaces">
        {listing.workspaces.map((f) => (
          <li key={f.path}>
            <button type="button" disabled={f.path === workspace?.path} onClick={() => void open(f.path)} title={f.path}>
              {f.clientName}
            </button>{' '}
            <span className="muted">
              {f.fileName} · changed {new Date(f.modifiedAt).toLocaleString(fmt.locale)}
              {f.path === workspace?.path && ' · open now'}
              {f.path === workspace?.path && <> <ReadOnlyMark workspace={workspace} /></>}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/**
 * What the folder and recent lists answer: the open workspace and its name (a rename lists it anew),
 * and a count bumped whenever the files may have changed behind the app's back.
 */
function useListsRevision(): { revision: string; refresh: () => void } {
  const { workspace } = useWorkspace();
  const [changes, setChanges] = useState(0);
  const refresh = () => setChanges((n) => n + 1);
  useEffect(() => {
    // Coming back to the window is when files deleted or moved elsewhere show.
    const onVisible = () => {
      if (document.visibilityState === 'visible') setChanges((n) => n + 1);
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return { revision: `${workspace?.path ?? ''}\u0000${workspace?.clientName ?? ''}\u0000${changes}`, refresh };
}

export function WorkspacesScreen() {
  const { workspace } = useWorkspace();
  const { revision, refresh } = useListsRevision();
  // Electron has native dialogs; only the browser needs the folder listing.
  const listing = useAsync(() => (globalThis.api ? Promise.resolve(null) : call('workspace-list', {})), [revision]);
  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Workspaces</h1>
          <p className="muted">One workspace file per client: its imported data, analyses and settings.</p>
        </div>
      </div>
      {workspace && <CurrentWorkspace key={workspace.path + workspace.clientName + workspace.currency} info={workspace} />}
      {workspace && <Datasets revision={`${workspace.path}:${workspace.imports}`} />}
      <OpenOrCreate folder={listing.data} onOpenFailed={refresh} />
      {listing.data && <FolderWorkspaces listing={listing.data} refresh={refresh} />}
      <Recent revision={revision} refresh={refresh} />
    </>
  );
}
