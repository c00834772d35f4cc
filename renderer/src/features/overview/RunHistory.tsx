import { useState } from 'react';
import type { RunComparison, RunListItem } from '../../../../shared/contract';
import { describeChanges } from '../../../../shared/model/settings-changes';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useAnalysisJob, useFormatters, useSummary } from '../../app/workbench';
import { ErrorNotice, Panel } from '../../components/Feedback';

function Comparison({ c }: { c: RunComparison }) {
  const fmt = useFormatters();
  const delta = (a: number, b: number, f: (x: number) => string) => `${f(a)} → ${f(b)}`;
  const list = (title: string, change: RunComparison['appeared'], testId: string) => (
    <div data-testid={testId}>
      <h3>
        {title}: {fmt.count(change.count)} {change.count === 1 ? 'action' : 'actions'}, {fmt.money(change.expectedRevenue)}
      </h3>
      {change.largest.length > 0 && (
        <ul className="reasons">
          {change.largest.slice(0, 5).map((a) => (
            <li key={`${a.kind}-${a.customerCode}-${a.category}`}>
              {a.kind} · {a.customerName} · {a.category} · {fmt.money(a.expectedRevenue)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className="run-compare" data-testid="run-compare">
      <p>
        <strong>Settings:</strong> {c.settings.length === 0 ? 'the same in both runs.' : describeChanges(c.settings, `run ${c.before.runId}:`)}
        {!c.sameData && ' The data changed between the runs too (an import in between).'}
      </p>
      <p>
        <strong>Leakage:</strong> {delta(c.before.leakageTotal, c.after.leakageTotal, fmt.money)} ({delta(c.before.leakageShare, c.after.leakageShare, (x) => fmt.share(x))}) ·{' '}
        <strong>Recovery actions:</strong> {delta(c.before.recoveryActions, c.after.recoveryActions, fmt.count)} · <strong>Growth actions:</strong>{' '}
        {delta(c.before.growthActions, c.after.growthActions, fmt.count)} · <strong>Profiles:</strong> {c.before.k} → {c.after.k}
      </p>
      <div className="grid-2">
        {list(`New in run ${c.after.runId}`, c.appeared, 'run-appeared')}
        {list(`Gone since run ${c.before.runId}`, c.disappeared, 'run-disappeared')}
      </div>
    </div>
  );
}

/** Every analysis of this workspace: what each ran with, two compared side by side, and a way back. */
export function RunHistory() {
  const fmt = useFormatters();
  const { job, runAnalysis } = useAnalysisJob();
  const summary = useSummary();
  const current = summary?.runId;
  const runs = useAsync(() => call('analysis-runs', {}), [current]);
  const list: RunListItem[] = runs.data ?? [];
  const [before, setBefore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const after = current ?? null;
  const base = before ?? list.find((r) => r.runId !== after)?.runId ?? null;
  const comparison = useAsync(async () => (base !== null && after !== null && base !== after ? call('analysis-compare', { before: base, after }) : null), [base, after]);

  const revert = async (runId: number) => {
    try {
      const earlier = await call('analysis-summary', { runId });
      await runAnalysis(earlier.settings);
      setBefore(null);
    } catch (e) {
      setError(e);
    }
  };

  if (list.length === 0) return null;
  return (
    <Panel title="Run history">
      <ErrorNotice error={runs.error ?? comparison.error ?? error} />
      <div className="table-scroll">
        <table className="plain" data-testid="run-history">
          <thead>
            <tr>
              <th>Run</th>
              <th>Made</th>
              <th>As of</th>
              <th className="num">Profiles</th>
              <th className="num">Leakage</th>
              <th className="num">Actions (recovery / growth)</th>
              <th>Settings</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.slice(0, 20).map((r) => (
              <tr key={r.runId} aria-current={r.runId === current ? 'true' : undefined} className={r.runId === current ? 'current' : undefined}>
                <td>
                  {r.runId}
                  {r.runId === current ? ' (shown)' : ''}
                </td>
                <td>{fmt.date(r.createdAt.slice(0, 10))} {r.createdAt.slice(11, 16)}</td>
                <td>{fmt.date(r.asOf)}</td>
                <td className="num">{r.k}</td>
                <td className="num">
                  {fmt.money(r.leakageTotal)} · {fmt.share(r.leakageShare)}
                </td>
                <td className="num">
                  {fmt.count(r.recoveryActions)} / {fmt.count(r.growthActions)}
                </td>
                <td>{r.changes.length === 0 ? <span className="muted">defaults</span> : <span className="badge custom-settings">{describeChanges(r.changes)}</span>}</td>
                <td>
                  {r.runId !== current && (
                    <div className="row-actions">
                      <button type="button" onClick={() => setBefore(r.runId)} aria-pressed={base === r.runId} data-testid={`compare-run-${r.runId}`}>
                        Compare
                      </button>
                      <button type="button" onClick={() => void revert(r.runId)} disabled={job !== null} data-testid={`revert-run-${r.runId}`}>
                        Re-run with these settings
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.length > 20 && <p className="muted">The 20 latest of {fmt.count(list.length)} runs.</p>}
      {comparison.data && (
        <>
          <h3>
            Run {comparison.data.before.runId} → run {comparison.data.after.runId} (shown)
          </h3>
          <Comparison c={comparison.data} />
        </>
      )}
      {list.length === 1 && <p className="muted">One run so far. Change a setting and re-run to compare; every run is kept.</p>}
    </Panel>
  );
}
