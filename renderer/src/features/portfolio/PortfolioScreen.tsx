import { useEffect, useMemo, useRef, useState } from 'react';
import type { Portfolio, PortfolioRow, Progress } from '../../../../shared/contract';
import { BAND_PLACE, GROWTH_ALONE, TOO_SHORT } from '../../../../shared/format/band-words';
import { formatMoneyCompact, ordinal } from '../../../../shared/format/numbers';
import { backtestVerdictWords } from '../../../../shared/format/portfolio-words';
import { call } from '../../api/client';
import { ApiError, isCancelled } from '../../api/errors';
import { saveExport } from '../../api/files';
import { useFormatters, useNavigation, useWorkspace } from '../../app/workbench';
import { Chart, type ChartClick } from '../../charts/Chart';
import { DataTable, type Column } from '../../components/DataTable';
import { Empty, ErrorNotice, Panel, ProgressBar, Stat } from '../../components/Feedback';
import { chartHeight, clickedClient, leakageShareOption, recoveryGrowthOption } from './charts';
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

/**
 * Where clients keep their books in different currencies, a money column sorts them by currency
 * first, then by amount: unconverted, £8.07M ranked beside $78.3M as if one unit.
 */
const byCurrency = (amount: (r: PortfolioRow) => number | null) => (r: PortfolioRow) => {
  const v = amount(r);
  return v === null ? null : `${r.currency} ${Math.round(v) + 1e13}`;
};

function useColumns(withBacktest: boolean, mixedCurrencies: boolean): Column<PortfolioRow>[] {
  const fmt = useFormatters();
  return useMemo(() => {
    const sortMoney = (amount: (r: PortfolioRow) => number | null) => (mixedCurrencies ? { sortValue: byCurrency(amount) } : {});
    const share = (v: number | string | null) => (v === null ? '—' : fmt.share(Number(v)));
    const pct = (v: number | string | null) => (v === null ? '—' : ordinal(Math.round(Number(v) * 100)));
    // Compact: the table compares sizes across clients; the exports keep every digit.
    const money = (row: PortfolioRow, v: number | string | null) => (v === null ? '—' : formatMoneyCompact(Number(v), row.currency, fmt.locale));
    return [
      // Figures from moved thresholds say so in the row itself; the tooltip-free table has no other place.
      { id: 'label', label: 'Client', value: (r) => r.label, format: (v, r) => (r.customSettings ? `${String(v)} (custom settings: ${r.customSettings})` : String(v)), width: 'minmax(150px, 2fr)' },
      { id: 'months', label: 'Data', title: 'Months of data in the workspace', value: (r) => r.months, format: (v) => (v === null ? '—' : Number(v) < 1 ? 'under a month' : `${v} month${v === 1 ? '' : 's'}`), width: '96px' },
      { id: 'revenue', label: 'Revenue', title: 'Revenue in the last 12 months', value: (r) => r.revenue12m, ...sortMoney((r) => r.revenue12m), format: (v, r) => money(r, v), align: 'right', width: '96px' },
      { id: 'customers', label: 'Customers', title: 'Customers buying in the last 12 months', value: (r) => r.activeCustomers, format: (v) => (v === null ? '—' : fmt.count(Number(v))), align: 'right', width: '104px' },
      { id: 'ltCustomers', label: 'Tail cust.', title: 'Share of customers in the long tail', value: (r) => r.longTailCustomerShare, format: share, align: 'right', width: '96px' },
      // The tail's revenue share is the strategic setting's complement for every client; the top fifth's share tells books apart.
      { id: 'topFifth', label: 'Top 20%', title: 'Share of 12-month revenue made by the top fifth of customers: how concentrated the book is', value: (r) => r.topFifthRevenueShare, format: share, align: 'right', width: '90px' },
      { id: 'recovery', label: 'Recovery', title: 'Revenue at risk per year', value: (r) => r.recovery, ...sortMoney((r) => r.recovery), format: (v, r) => money(r, v), align: 'right', width: '96px' },
      { id: 'growth', label: 'Growth', title: 'Growth potential per year', value: (r) => r.growth, ...sortMoney((r) => r.growth), format: (v, r) => money(r, v), align: 'right', width: '86px' },
      { id: 'leakage', label: 'Leakage', title: 'Recovery + growth per year', value: (r) => r.leakage, ...sortMoney((r) => r.leakage), format: (v, r) => money(r, v), align: 'right', width: '90px' },
      { id: 'share', label: 'Share', title: 'Leakage as a share of 12-month revenue', value: (r) => r.leakageShare, format: share, align: 'right', width: '76px' },
      { id: 'band', label: '7–30% band', title: 'Where the share falls against the B2B industry band', value: (r) => (r.band ? BAND_PLACE[r.band] : r.status !== 'ok' ? (r.problem ?? r.status) : r.growthOnly ? GROWTH_ALONE : TOO_SHORT), width: 'minmax(120px, 1.2fr)' },
      {
        id: 'caveats',
        label: 'Caveats',
        title: "What weakens the client's figures (listed in full below the table)",
        value: (r) => (r.status === 'ok' ? (r.caveats?.length ?? 0) : null),
        format: (v) => (v === null ? '—' : Number(v) === 0 ? 'none' : `⚠ ${fmt.count(Number(v))}`),
        align: 'right',
        width: '90px',
      },
      { id: 'pct', label: 'Pctile', title: "Percentile of the client's leakage share among those compared", value: (r) => r.percentile.leakageShare, format: pct, align: 'right', width: '76px' },
      { id: 'profiles', label: 'Profiles', title: 'Customer profiles found', value: (r) => r.profiles, align: 'right', width: '90px' },
      // Backtest figures exist only when asked for: empty columns would crowd the others' headers.
      ...(withBacktest
        ? [
            { id: 'verdict', label: 'Backtest verdict', title: 'Capture at least 1.2x the best naive rule, precision no lower than the better money-minded rule, money stated within 0.8-1.25 of what was lost', value: (r: PortfolioRow) => backtestVerdictWords(r, { backtest: true }), width: '190px' },
            { id: 'precision', label: 'Precision', value: (r: PortfolioRow) => r.precision, format: share, align: 'right' as const, width: '96px' },
            { id: 'recall', label: 'Recall', value: (r: PortfolioRow) => r.recall, format: share, align: 'right' as const, width: '80px' },
            {
              id: 'takeup',
              label: 'Growth take-up',
              title: 'Backtest: share of the growth actions their customers took up unprompted',
              value: (r: PortfolioRow) => r.growthTakeUp,
              format: share,
              align: 'right' as const,
              width: '150px',
            },
          ]
        : []),
    ];
  }, [fmt, withBacktest, mixedCurrencies]);
}

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
  const columns = useColumns(portfolio?.rows.some((r) => r.precision !== null || r.recall !== null || r.growthTakeUp !== null) ?? false, currencies.length > 1);
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
