import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnalysisSettingsInput, Progress, WorkspaceInfo } from '../../../shared/contract';
import type { AnalysisSummary } from '../../../shared/model/results';
import { call } from '../api/client';
import { ApiError, describeError, isCancelled } from '../api/errors';
import { makeFormatters, type Formatters } from './format';
import { parseHash, toHash, type Location } from './navigation';

export type Job = { label: string; progress: Progress | null; cancel: () => void };

export type Workbench = {
  workspace: WorkspaceInfo | null;
  summary: AnalysisSummary | null;
  location: Location;
  go: (screen: string, params?: Record<string, string>) => void;
  /** Re-reads the workspace and the latest analysis; call after any change. */
  refresh: () => Promise<void>;
  setWorkspace: (info: WorkspaceInfo | null) => void;
  /** Runs 'analysis-run' with the given settings (defaults filled), showing progress app-wide. */
  runAnalysis: (settings: AnalysisSettingsInput) => Promise<AnalysisSummary | null>;
  job: Job | null;
  /** The last failure of an app-wide action, shown in the banner. */
  error: { code: string; message: string } | null;
  setError: (e: unknown) => void;
  fmt: Formatters;
  loading: boolean;
  /** A file dropped anywhere on the window, waiting for the import screen to take it. */
  droppedFile: File | null;
  takeDroppedFile: () => File | null;
};

const userLocale = (): string | undefined => navigator.language || undefined;

const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const w = useContext(WorkbenchContext);
  if (!w) throw new Error('useWorkbench() outside <WorkbenchProvider>');
  return w;
}

async function latestSummary(info: WorkspaceInfo | null): Promise<AnalysisSummary | null> {
  if (!info?.lastAnalysis) return null;
  try {
    return await call('analysis-summary', {});
  } catch (e) {
    if (e instanceof ApiError && (e.code === 'NO_ANALYSIS' || e.code === 'UNKNOWN_HANDLER')) return null;
    throw e;
  }
}

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const [workspace, setWorkspaceState] = useState<WorkspaceInfo | null>(null);
  const [summary, setSummary] = useState<AnalysisSummary | null>(null);
  const [location, setLocation] = useState<Location>(() => parseHash(window.location.hash));
  const [job, setJob] = useState<Job | null>(null);
  const [error, setErrorState] = useState<Workbench['error']>(null);
  const [loading, setLoading] = useState(true);
  const started = useRef(false);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);

  const go = useCallback((screen: string, params: Record<string, string> = {}) => {
    const next = { screen, params };
    window.location.hash = toHash(next);
    setLocation(next);
  }, []);

  useEffect(() => {
    const onHash = () => setLocation(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const setError = useCallback((e: unknown) => setErrorState(e === null ? null : describeError(e)), []);

  const refresh = useCallback(async () => {
    try {
      const info = await call('workspace-info', {});
      setWorkspaceState(info);
      setSummary(await latestSummary(info));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NO_WORKSPACE') {
        setWorkspaceState(null);
        setSummary(null);
      } else setError(e);
    }
  }, [setError]);

  const setWorkspace = useCallback(
    (info: WorkspaceInfo | null) => {
      setWorkspaceState(info);
      setSummary(null);
      if (info) void latestSummary(info).then(setSummary, setError);
    },
    [setError],
  );

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      await refresh();
      setLoading(false);
    })();
  }, [refresh]);

  useEffect(() => {
    const api = globalThis.api;
    if (!api) return;
    return api.onMenu((command, arg) => {
      if (command === 'open-recent' && arg) {
        void call('workspace-open', { path: arg }).then(setWorkspace, setError);
        return;
      }
      // File > Report… is the report action itself: the Portfolio screen's report button starts it.
      if (command === 'report') {
        go('portfolio', { report: String(Date.now()) });
        return;
      }
      const screen: Record<typeof command, string> = {
        'workspace-new': 'workspaces',
        'workspace-open': 'workspaces',
        'open-recent': 'workspaces',
        'import-data': 'import',
        'export-plan': 'assignment',
        'export-reps': 'assignment',
      };
      go(screen[command]);
    });
  }, [go, setWorkspace, setError]);

  // A file dropped outside the import wizard goes to the wizard, instead of the browser opening it.
  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      setDroppedFile(file);
      go('import');
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [go]);

  const takeDroppedFile = useCallback(() => {
    const file = droppedFile;
    if (file) setDroppedFile(null);
    return file;
  }, [droppedFile]);

  const runAnalysis = useCallback(
    async (settings: AnalysisSettingsInput) => {
      const controller = new AbortController();
      setJob({ label: 'Analysing', progress: null, cancel: () => controller.abort() });
      try {
        // Marked so the browser suite can split a k switch into backend time and drawing time.
        performance.mark('analysis-run-start');
        const result = await call(
          'analysis-run',
          { settings },
          { signal: controller.signal, onProgress: (p) => setJob((j) => (j ? { ...j, progress: p } : j)) },
        );
        performance.measure('analysis-run-call', 'analysis-run-start');
        setSummary(result);
        setErrorState(null);
        setWorkspaceState(await call('workspace-info', {}));
        return result;
      } catch (e) {
        if (!isCancelled(e)) setError(e);
        return null;
      } finally {
        setJob(null);
      }
    },
    [setError],
  );

  const fmt = useMemo(() => makeFormatters(summary?.currency ?? workspace?.currency ?? 'USD', userLocale()), [summary, workspace]);

  const value = useMemo<Workbench>(
    () => ({ workspace, summary, location, go, refresh, setWorkspace, runAnalysis, job, error, setError, fmt, loading, droppedFile, takeDroppedFile }),
    [workspace, summary, location, go, refresh, setWorkspace, runAnalysis, job, error, setError, fmt, loading, droppedFile, takeDroppedFile],
  );
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}
