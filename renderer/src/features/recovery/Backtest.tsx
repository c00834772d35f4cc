import { useMemo, useState } from 'react';
import type { Progress } from '../../../../shared/contract';
import type { BacktestResult } from '../../../../shared/model/results';
import { call } from '../../api/client';
import { isCancelled } from '../../api/errors';
import { useWorkbench } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { backtestOption } from '../../charts/recovery';
import { ErrorNotice, Panel, ProgressBar, Stat } from '../../components/Feedback';

/** Replays the analysis as of an earlier date and scores the flags against what happened next. */
export function Backtest({ runId, lateness, disabled }: { runId: number; lateness: number; disabled: boolean }) {
  const { fmt } = useWorkbench();
  const [horizon, setHorizon] = useState(180);
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [job, setJob] = useState<{ progress: Progress | null; controller: AbortController } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const option = useMemo(() => (result ? backtestOption(result.curve, lateness, fmt) : null), [result, lateness, fmt]);

  const run = async () => {
    const controller = new AbortController();
    setJob({ progress: null, controller });
    setError(null);
    try {
      setResult(await call('analysis-backtest', { runId, horizonDays: horizon }, { signal: controller.signal, onProgress: (progress) => setJob((j) => (j ? { ...j, progress } : j)) }));
    } catch (e) {
      if (!isCancelled(e)) setError(e);
    } finally {
      setJob(null);
    }
  };

  return (
    <Panel
      title="Backtest: would these thresholds have been right?"
      actions={
        <div className="row">
          <label htmlFor="bt-horizon" className="muted">
            Look back
          </label>
          <select id="bt-horizon" value={horizon} onChange={(e) => setHorizon(Number(e.target.value))} disabled={job !== null}>
            {[90, 180, 270, 365].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void run()} disabled={disabled || job !== null} data-testid="run-backtest">
            Run backtest
          </button>
        </div>
      }
    >
      {job && <ProgressBar label="Backtesting" progress={job.progress} onCancel={() => job.controller.abort()} />}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {!result && !job && <p className="muted">Runs the analysis as of {horizon} days before the as-of date, then checks which flagged relationships really lapsed and which came back.</p>}
      {result && option && (
        <>
          <div className="stats" data-testid="backtest-stats">
            <Stat label="Precision" value={fmt.share(result.precision)} detail={`${fmt.count(result.truePositives)} of ${fmt.count(result.flagged)} flags lapsed`} />
            <Stat label="Recall" value={fmt.share(result.recall)} detail={`${fmt.count(result.missed)} lapses missed`} />
            <Stat label="False alarms" value={fmt.count(result.falseAlarms)} detail="flagged but came back" />
            <Stat label="Replayed as of" value={fmt.date(result.asOf)} detail={`${result.horizonDays} days of outcome`} />
          </div>
          <Chart option={option} label="Backtest precision and recall against the lateness threshold" height={260} testId="chart-backtest" />
        </>
      )}
    </Panel>
  );
}
