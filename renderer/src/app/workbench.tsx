import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnalysisSettingsInput, Progress, WorkspaceInfo } from '../../../shared/contract';
import type { AnalysisSummary } from '../../../shared/model/results';
import { call } from '../api/client';
import { ApiError, describeError, isCancelled } from '../api/errors';
import { makeFormatters, type Formatters } from './format';
import { parseHash, toHash, type Location } from './navigation';

/** `cancel` is gone once asked: the backend stops at its next stage, which can take a few seconds. */
export type Job = { label: string; progress: Progress | null; cancel?: () => void };

/** The open workspace and whether Longtail is still finding out which one that is. */
export type WorkspaceState = {
  workspace: WorkspaceInfo | null;
  loading: boolean;
  /** Re-reads the workspace and the latest analysis; call after any change. */
  refresh: () => Promise<void>;
  setWorkspace: (info: WorkspaceInfo | null) => void;
};

export type Navigation = {
  location: Location;
  go: (screen: string, params?: Record<string, string>) => void;
};

/** The running analysis, if any, and the way to start one; progress ticks reach only screens that use this. */
export type AnalysisJob = {
  job: Job | null;
  /** Runs 'analysis-run' with the given settings (defaults filled), showing progress app-wide. */
  runAnalysis: (settings: AnalysisSettingsInput) => Promise<AnalysisSummary | null>;
};

export type AppError = {
  /** The last failure of an app-wide action, shown in the banner. */
  error: { code: string; message: string } | null;
  setError: (e: unknown) => void;
};

/** A file dropped anywhere on the window, waiting for the import screen to take it. */
export type DroppedFile = { droppedFile: File | null; takeDroppedFile: () => File | null };

const userLocale = (): string | undefined => navigator.language || undefined;

// One context per concern, so a screen re-renders only when what it reads changes: a progress
// tick of a running analysis no longer redraws every chart of every screen.
const WorkspaceContext = createContext<WorkspaceState | null>(null);
const SummaryContext = createContext<AnalysisSummary | null | undefined>(undefined);
const NavigationContext = createContext<Navigation | null>(null);
const JobContext = createContext<AnalysisJob | null>(null);
const ErrorContext = createContext<AppError | null>(null);
const FormattersContext = createContext<Formatters | null>(null);
const DroppedFileContext = createContext<DroppedFile | null>(null);

function required<T>(value: T | null | undefined, hook: string): T {
  if (value === null || value === undefined) throw new Error(`${hook}() outside <WorkbenchProvider>`);
  return value;
}

export const useWorkspace = (): WorkspaceState => required(useContext(WorkspaceContext), 'useWorkspace');
export const useNavigation = (): Navigation => required(useContext(NavigationContext), 'useNavigation');
export const useAnalysisJob = (): AnalysisJob => required(useContext(JobContext), 'useAnalysisJob');
export const useAppError = (): AppError => required(useContext(ErrorContext), 'useAppError');
export const useFormatters = (): Formatters => required(useContext(FormattersContext), 'useFormatters');
export const useDroppedFile = (): DroppedFile => required(useContext(DroppedFileContext), 'useDroppedFile');

/** The latest analysis of the open workspace, or null before the first run. */
export function useSummary(): AnalysisSummary | null {
  const summary = useContext(SummaryContext);
  if (summary === undefined) throw new Error('useSummary() outside <WorkbenchProvider>');
  return summary;
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
  const [error, setErrorState] = useState<AppError['error']>(null);
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
      const cancel = () => {
        controller.abort();
        setJob((j) => (j ? { ...j, label: 'Cancelling the analysis', cancel: undefined } : j));
      };
      setJob({ label: 'Analysing', progress: null, cancel });
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
        // A cancel that reached the backend after its last check (the run was saving) changes
        // nothing: the run is stored, and the user is told so rather than shown it without a word.
        setErrorState(
          controller.signal.aborted
            ? new ApiError({ code: 'CANCELLED', message: `The analysis had finished before the cancel reached it: run ${result.runId} is stored and shown. Run history compares it with the one before and re-runs that one's settings.` })
            : null,
        );
        setWorkspaceState(await call('workspace-info', {}));
        return result;
      } catch (e) {
        setError(isCancelled(e) ? new ApiError({ code: 'CANCELLED', message: 'Analysis cancelled: nothing was stored, and the screens still show the last run.' }) : e);
        return null;
      } finally {
        setJob(null);
      }
    },
    [setError],
  );

  const fmt = useMemo(() => makeFormatters(summary?.currency ?? workspace?.currency ?? 'USD', userLocale()), [summary, workspace]);

  const workspaceState = useMemo<WorkspaceState>(() => ({ workspace, loading, refresh, setWorkspace }), [workspace, loading, refresh, setWorkspace]);
  const navigation = useMemo<Navigation>(() => ({ location, go }), [location, go]);
  const analysisJob = useMemo<AnalysisJob>(() => ({ job, runAnalysis }), [job, runAnalysis]);
  const appError = useMemo<AppError>(() => ({ error, setError }), [error, setError]);
  const dropped = useMemo<DroppedFile>(() => ({ droppedFile, takeDroppedFile }), [droppedFile, takeDroppedFile]);
  return (
    <WorkspaceContext.Provider value={workspaceState}>
      <SummaryContext.Provider value={summary}>
        <NavigationContext.Provider value={navigation}>
          <FormattersContext.Provider value={fmt}>
            <ErrorContext.Provider value={appError}>
              <JobContext.Provider value={analysisJob}>
                <DroppedFileContext.Provider value={dropped}>{children}</DroppedFileContext.Provider>
              </JobContext.Provider>
            </ErrorContext.Provider>
          </FormattersContext.Provider>
        </NavigationContext.Provider>
      </SummaryContext.Provider>
    </WorkspaceContext.Provider>
  );
}
