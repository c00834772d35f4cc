import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice, ProgressBar } from '../components/Feedback';
import { routeById, routes, type ScreenNeeds, type ScreenRoute } from './routes';
import { SettingsBadge } from '../components/SettingsBadge';
import { ReadOnlyMark, readOnlyWhy } from '../features/workspaces/read-only';
import { settingsChanges } from '../../../shared/model/settings-changes';
import type { WorkspaceInfo } from '../../../shared/contract';
import type { AnalysisSummary } from '../../../shared/model/results';
import { ViewScopeContext } from '../components/view-scope';
import { WorkbenchProvider, useAnalysisJob, useAppError, useFormatters, useNavigation, useSummary, useWorkspace } from './workbench';

/** What decides which screens can be opened yet. */
type Opened = { workspace: WorkspaceInfo | null; summary: AnalysisSummary | null };

class ScreenBoundary extends Component<{ children: ReactNode; screen: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: { screen: string }) {
    if (previous.screen !== this.props.screen && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Screen failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorNotice
          error={{ code: 'INTERNAL', message: `This screen failed to draw (${this.state.error.message}). Switch to another screen and back, or reload the window; your data is safe in the workspace file.` }}
        />
      );
    }
    return this.props.children;
  }
}

function unmet(needs: ScreenNeeds, w: Opened): string | null {
  if (needs === 'nothing') return null;
  if (!w.workspace) return 'Open or create a workspace first.';
  if (needs === 'workspace') return null;
  if (w.workspace.transactions === 0) return 'Import sales data into this workspace first.';
  if (needs === 'data') return null;
  if (!w.summary) return 'Run an analysis first (Import screen, "Run analysis").';
  return null;
}

function defaultScreen(w: Opened): string {
  if (!w.workspace) return 'workspaces';
  if (!w.summary) return 'import';
  return 'overview';
}

/** The running analysis's progress; the only part of the window a progress tick redraws. */
function JobBar() {
  const { job } = useAnalysisJob();
  return job ? <ProgressBar label={job.label} progress={job.progress} onCancel={job.cancel} /> : null;
}

/**
 * The run every screen shows was made on other data than the workspace now holds (an import added
 * or removed, product groups changed): said above every analysis screen, with the way to catch up.
 * A removed import's customers had stayed on Overview without a word.
 */
function StaleRun() {
  const { workspace } = useWorkspace();
  const summary = useSummary();
  const { job, runAnalysis } = useAnalysisJob();
  if (!workspace?.dataHash || !summary || summary.dataHash === workspace.dataHash) return null;
  return (
    <div className="notice warning" role="status" data-testid="stale-run">
      <p>
        The data changed since run {summary.runId} was made (an import added or removed, or product groups changed): the figures on this screen are that run's. Run the analysis again to
        see the data as it stands.
      </p>
      <button type="button" disabled={job !== null || workspace.readOnly} title={readOnlyWhy(workspace) ?? undefined} onClick={() => void runAnalysis(summary.settings)}>
        Re-run analysis
      </button>
    </div>
  );
}

function ErrorBanner() {
  const { error, setError } = useAppError();
  return <ErrorNotice error={error} onDismiss={() => setError(null)} />;
}

function Shell() {
  const { workspace, loading } = useWorkspace();
  const summary = useSummary();
  const { location, go } = useNavigation();
  const fmt = useFormatters();
  const w: Opened = { workspace, summary };
  const main = useRef<HTMLElement>(null);
  const current: ScreenRoute | undefined = routeById(location.screen) ?? (loading ? undefined : routeById(defaultScreen(w)));
  const blocked = current ? unmet(current.needs, w) : null;

  // A new screen opens at its top: a drill-down from far down Overview had opened Explore scrolled past its breadcrumb and totals.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
    document.scrollingElement?.scrollTo?.(0, 0);
  }, [current?.id]);

  const Screen = current?.component;
  return (
    <div className="app">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <nav className="rail" aria-label="Screens">
        <div className="brand" aria-label="Longtail">
          <span aria-hidden="true">∿</span> Longtail
        </div>
        <ul>
          {routes.map((r) => {
            const why = unmet(r.needs, w);
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === current?.id ? 'active' : undefined}
                  aria-current={r.id === current?.id ? 'page' : undefined}
                  disabled={why !== null}
                  title={why ?? r.label}
                  onClick={() => go(r.id)}
                  data-screen={r.id}
                >
                  <span className="icon" aria-hidden="true">
                    {r.icon ?? '•'}
                  </span>
                  {r.label}
                </button>
              </li>
            );
          })}
        </ul>
        {workspace && (
          <div className="rail-foot" title={workspace.path}>
            <div className="muted">Workspace</div>
            <div className="client" data-testid="client-name">
              {workspace.clientName}
            </div>
            <ReadOnlyMark workspace={workspace} />
            {summary && <div className="muted">As of {fmt.date(summary.asOf)} · run {summary.runId}</div>}
            {/* The badge says settings changed; a click opens them, each beside its default. */}
            {summary && settingsChanges(summary.settings).length > 0 && (
              <button type="button" className="link badge-link" onClick={() => go('settings')} title="Open Run settings" data-testid="settings-badge-link">
                <SettingsBadge summary={summary} />
              </button>
            )}
          </div>
        )}
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <JobBar />
        <ErrorBanner />
        {current && current.id !== 'import' && current.id !== 'workspaces' && <StaleRun />}
        {loading && !current && <p className="muted">Opening Longtail…</p>}
        {current && blocked && (
          <div className="notice" role="status">
            <p>
              {current.label}: {blocked}
            </p>
            <button type="button" onClick={() => go(defaultScreen(w))}>
              Go there
            </button>
          </div>
        )}
        {current && !blocked && Screen && (
          <ScreenBoundary screen={current.id}>
            {/* Saved views belong to the workspace: another workspace remounts the screen with its own. */}
            <ViewScopeContext.Provider value={workspace?.path ?? ''}>
              <Screen key={`${current.id}|${workspace?.path ?? ''}`} />
            </ViewScopeContext.Provider>
          </ScreenBoundary>
        )}
      </main>
    </div>
  );
}

export function App() {
  return (
    <WorkbenchProvider>
      <Shell />
    </WorkbenchProvider>
  );
}
