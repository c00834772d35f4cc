import { useEffect, useMemo, useRef, useState } from 'react';
import type { Portfolio, PortfolioRow, Progress } from '../../../../shared/contract';
import { call } from '../../api/client';
import { ApiError, isCancelled } from '../../api/errors';
import { saveExport } from '../../api/files';
import { useFormatters, useNavigation, useWorkspace } from '../../app/workbench';
import { Chart, type ChartClick } from '../../charts/Chart';
import { DataTable, type Column } from '../../components/DataTable';
import { Empty, ErrorNotice, Panel, ProgressBar, Stat } from '../../components/Feedback';
import { chartHeight, clickedClient, leakageShareOption, recoveryGrowthOption } from './charts';
import { portfolioColumns } from './columns';
import { ReportButton } from './ReportButton';
import { shareSpread } from './spread';

type Source = 'recent' | 'folder' | 'files';

type SetArgs = { paths?: string[]; folder?: string; anonymise: boolean; backtest: boolean };


function setArgs(source: Source, folder: string, files: string, anonymise: boolean, backtest: boolean): SetArgs {
  if (source === 'folder') return { folder: folder.trim(), anonymise, backtest };
  if (source === 'files') {
    const paths = files
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    return { paths, anonymise, backtest };
  }
  return { anonymise, backtest };
}

/** The least width the columns need (fixed widths, and the minimum of flexible ones), so headers are never cut. */
const columnsWidth = (columns: readonly Column<PortfolioRow>[]): number =>
  columns.reduce((sum, c) => sum + Number(/(\d+)px/.exec(c.width ?? '')?.[1] ?? 80), 0);

/** Clients side by side: where each one's leakage falls against the industry band and the others. */
export function PortfolioScreen() {
  const fmt = useFormatters();
  const { go, location } = useNavigation();
  const { workspace, setWorkspace } = useWorkspace();
  const [source, setSource] = useState<Source>('recent');
  const [folder, setFolder] = useState('');
  const [files, setFiles] = useState('');
  const [anonymise, setAnonymise] = useState(false);
  const [backtest, setBacktest] = useState(false);
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // The comparison made on open found no recent client: a first visit, not a failure.
  const [noRecent, setNoRecent] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // A backtest too short to judge leaves precision and recall blank (the table then leaves those columns out), not growth's take-up.
  const currencies = portfolio?.currencies ?? [];
  const withBacktest = portfolio?.rows.some((r) => r.precision !== null || r.recall !== null || r.growthTakeUp !== null) ?? false;
  const mixedCurrencies = currencies.length > 1;
  const columns = useMemo(() => portfolioColumns(fmt, withBacktest, mixedCurrencies), [fmt, withBacktest, mixedCurrencies]);
  const args = setArgs(source, folder, files, anonymise, backtest);
  const ready = source === 'recent' || (source === 'folder' ? args.folder !== '' : (args.paths?.length ?? 0) > 0);

  const compare = async (onOpen = false) => {
    abort.current = new AbortController();
    setRunning(true);
    setError(null);
    setNoRecent(false);
    setProgress(null);
    // A file saved from the last comparison is not this one's.
    setSaved(null);
    try {
      setPortfolio(await call('portfolio-summarise', args, { onProgress: setProgress, signal: abort.current.signal }));
    } catch (e) {
      if (onOpen && e instanceof ApiError && e.code === 'NOT_FOUND') setNoRecent(true);
      else if (!isCancelled(e)) setError(e);
    } finally {
      setRunning(false);
    }
  };

  const exportAs = async (ext: 'xlsx' | 'csv') => {
    setError(null);
    try {
      const path = await saveExport(
        { title: 'Save the client comparison', defaultName: `comparison.${ext}`, filters: [{ name: ext === 'xlsx' ? 'Excel workbook' : 'CSV', extensions: [ext] }] },
        (out) => call('benchmark-export', { ...args, out }),
      );
      if (path) setSaved(path.split(/[\\/]/).pop() ?? path);
    } catch (e) {
      setError(e);
    }
  };

  const addWorkspaceFile = async () => {
    const path = await globalThis.api?.openFile({ title: 'Add a client workspace', filters: [{ name: 'Longtail workspace', extensions: ['longtail'] }] });
    if (path) setFiles((f) => (f.trim() ? `${f.trim()}\n${path}` : path));
  };

  // The recent clients are compared on open: a blank screen until Compare said nothing.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    void compare(true);
    // Once, on open, with the default source; later comparisons are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const openClient = async (row: PortfolioRow) => {
    if (!row.path) {
      setError({ code: 'ANONYMISED', message: 'Anonymised rows do not keep their file; untick Anonymise and compare again to open a client from here.' });
      return;
    }
    try {
      setWorkspace(await call('workspace-open', { path: row.path }));
      go(row.status === 'ok' ? 'overview' : 'import');
    } catch (e) {
      setError(e);
    }
  };

  const openClicked = (e: ChartClick) => {
    const row = portfolio ? clickedClient(portfolio.rows, e) : null;
    if (row) void openClient(row);
  };

  const analysed = portfolio?.rows.filter((r) => r.status === 'ok').length ?? 0;
  const growthOnly = portfolio?.rows.filter((r) => r.status === 'ok' && r.growthOnly).length ?? 0;
  const tooShort = portfolio?.rows.filter((r) => r.status === 'ok' && !r.growthOnly && r.band === null).length ?? 0;
  const spread = shareSpread(portfolio?.leakageShareRange, analysed - growthOnly - tooShort, growthOnly, fmt.share, tooShort);
  return (
    <section aria-labelledby="screen-title" className="portfolio">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Portfolio</h1>
          <p className="muted">Your clients side by side: how much each one leaks to slipping relationships and missed cross-sell, against the 7–30% B2B band and each other. The recent workspaces are compared on open (the bundled sample is not a client: choose its file to include it); choose a folder or files to compare others.</p>
        </div>
        {workspace && <ReportButton clientName={workspace.clientName} anonymise={anonymise} request={location.params.report} onRequestTaken={() => go('portfolio')} />}
      </div>

      <Panel title="Clients to compare">
        <div className="row" role="radiogroup" aria-label="Which workspaces">
          {(['recent', 'folder', 'files'] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="portfolio-source" checked={source === s} onChange={() => setSource(s)} />
              {s === 'recent' ? 'Recent workspaces' : s === 'folder' ? 'A folder of workspaces' : 'Chosen workspace files'}
            </label>
          ))}
        </div>
        {source === 'folder' && (
          <div className="field">
            <label htmlFor="portfolio-folder">Folder holding *.longtail files</label>
            <input id="portfolio-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/clients" />
          </div>
        )}
        {source === 'files' && (
          <div className="field">
            <label htmlFor="portfolio-files">Workspace files, one path per line</label>
            <textarea id="portfolio-files" rows={4} value={files} onChange={(e) => setFiles(e.target.value)} />
            {globalThis.api && (
              <button type="button" onClick={() => void addWorkspaceFile()}>
                Add workspace…
              </button>
            )}
          </div>
        )}
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={anonymise} onChange={(e) => setAnonymise(e.target.checked)} data-testid="portfolio-anonymise" />
            Anonymise (Client A, B, …; no names)
          </label>
          <label className="check">
            <input type="checkbox" checked={backtest} onChange={(e) => setBacktest(e.target.checked)} />
            Backtest each client for precision, recall and growth take-up (slower)
          </label>
        </div>
        <div className="row">
          <button type="button" className="primary" disabled={!ready || running} onClick={() => void compare()} data-testid="portfolio-compare">
            Compare
          </button>
          <button type="button" disabled={!portfolio || running} onClick={() => void exportAs('xlsx')}>
            Export XLSX…
          </button>
          <button type="button" disabled={!portfolio || running} onClick={() => void exportAs('csv')}>
            Export CSV…
          </button>
        </div>
        {running && <ProgressBar label="Reading workspaces" progress={progress} onCancel={() => abort.current?.abort()} />}
        {saved && (
          <p className="muted" role="status">
            Saved {saved}
          </p>
        )}
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
      </Panel>

      {(noRecent || (portfolio && portfolio.rows.length === 0)) && (
        <Empty>
          <span data-testid="portfolio-empty">
            No client workspaces to compare yet: none has been opened or created here besides the bundled sample. Import each client's sales into its own workspace (Import), or choose a folder of
            workspaces or workspace files above, then Compare.
          </span>
        </Empty>
      )}
      {portfolio && portfolio.rows.length > 0 && (
        <>
          <div className="stats" data-testid="portfolio-stats">
            <Stat label="Clients" value={fmt.count(portfolio.rows.length)} detail={`${fmt.count(portfolio.rows.filter((r) => r.status === 'ok').length)} analysed`} />
            <Stat label={spread.label} value={spread.value} detail={spread.detail} testId="portfolio-spread" />
            <Stat label="Industry band" value={`${fmt.share(portfolio.band.low, 0)}–${fmt.share(portfolio.band.high, 0)}`} detail="of available revenue, B2B vendors" />
          </div>
          <Panel title="Clients">
            {currencies.length > 1 && (
              <p className="notice" role="note" data-testid="portfolio-currencies">
                These clients keep their books in {currencies.join(' and ').replace(/ and (?=.* and )/g, ', ')}: amounts are not converted, so a money column sorts them by currency first. Compare their shares.
              </p>
            )}
            <p className="muted">Double-click a client, or press Enter on it, to open its workspace.</p>
            <DataTable label="Clients compared" columns={columns} rows={portfolio.rows} rowKey={(r) => r.id} onActivate={(r) => void openClient(r)} minWidth={columnsWidth(columns)} height={Math.min(480, 64 + portfolio.rows.length * 32)} />
            <ClientCaveats rows={portfolio.rows} />
          </Panel>
          <Panel title="Leakage share against the 7–30% band">
            <p className="muted">Click a client's bar or name, in either chart, to open its workspace.</p>
            <Chart option={leakageShareOption(portfolio.rows, portfolio.band, fmt)} label="Leakage share by client against the industry band" height={chartHeight(portfolio.rows)} testId="portfolio-band-chart" onClick={openClicked} />
          </Panel>
          <Panel title="Recovery vs growth">
            <Chart option={recoveryGrowthOption(portfolio.rows, fmt)} label="Recovery and growth leakage by client, as a share of revenue" height={chartHeight(portfolio.rows)} testId="portfolio-split-chart" onClick={openClicked} />
          </Panel>
        </>
      )}
    </section>
  );
}

/** Each client's caveats in full: a ranked share with a doubt behind it must say so beside the ranking. */
function ClientCaveats({ rows }: { rows: readonly PortfolioRow[] }) {
  const doubtful = rows.filter((r) => r.status === 'ok' && (r.caveats?.length ?? 0) > 0);
  if (doubtful.length === 0) return null;
  return (
    <div className="client-caveats" data-testid="portfolio-caveats">
      <h3>What weakens these figures</h3>
      {doubtful.map((r) => (
        <details key={r.id}>
          <summary>
            {r.label}: {r.caveats?.length} caveat{r.caveats?.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {r.caveats?.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
