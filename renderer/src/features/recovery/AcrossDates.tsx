import { useMemo, useState } from 'react';
import { calibrationText, captureText, edgeHolds, targetMet, timesText, whyNotJudged } from '../../../../shared/analytics/holdout/across-dates';

/** Our precision and its bar in the reader's locale, with a second decimal where one alone would show them equal beside a verdict. */
export const sharesApart = (ours: number, bar: number, share: (v: number, digits?: number) => string): string => {
  const digits = ours !== bar && share(ours) === share(bar) ? 2 : 1;
  return `${share(ours, digits)} / ${share(bar, digits)}`;
};
import type { BacktestAcrossDates, DatePoint } from '../../../../shared/model/results';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useFormatters } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { acrossDatesOption } from '../../charts/recovery';
import { ErrorNotice, Panel, ProgressBar } from '../../components/Feedback';
import { HorizonSelect, useReplayJob } from './replay-job';

const DATE_COUNTS = [4, 6, 8, 12];

/** A target met or missed at one date; nothing for a date with too few declines to judge. */
function Mark({ point, ok }: { point: DatePoint; ok: boolean | null }) {
  const met = targetMet(point, ok);
  return met === null ? null : <span className={met === 'met' ? 'mark ok' : 'mark miss'}> {met}</span>;
}

/** The backtest replayed at dates spread over the data: does the edge over the naive rules hold, or rest on one date? */
export function AcrossDates({ runId }: { runId: number }) {
  const fmt = useFormatters();
  const [dates, setDates] = useState(6);
  const [horizon, setHorizon] = useState<number | null>(null);
  const { result, job, error, clearError, start } = useReplayJob<BacktestAcrossDates>();
  // Kept in the workspace like the single backtest: a dozen whole replays are not made again on every visit.
  const kept = useAsync(() => call('analysis-backtest-dates-last', { runId }), [runId]);
  const shown = result ?? kept.data?.result ?? null;
  const option = useMemo(() => (shown ? acrossDatesOption(shown, fmt) : null), [shown, fmt]);

  const run = () => start((options) => call('analysis-backtest-dates', horizon === null ? { runId, dates } : { runId, dates, horizonDays: horizon }, options));

  return (
    <Panel
      id="recovery-across-dates"
      title="Across dates: does the edge hold, or rest on one date?"
      actions={
        <div className="row">
          <label htmlFor="bt-dates" className="muted">
            Dates
          </label>
          <select id="bt-dates" value={dates} onChange={(e) => setDates(Number(e.target.value))} disabled={job !== null}>
            {DATE_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <HorizonSelect id="bt-dates-horizon" value={horizon} onChange={setHorizon} disabled={job !== null} />
          <button type="button" onClick={() => void run()} disabled={job !== null} data-testid="run-backtest-dates">
            Replay at {dates} dates
          </button>
        </div>
      }
    >
      {job && <ProgressBar label="Replaying" progress={job.progress} onCancel={() => job.controller.abort()} />}
      <ErrorNotice error={error} onDismiss={clearError} />
      {!shown && !job && (
        <p className="muted">
          One date's backtest can rest on one season or one big customer. This replays the same backtest at dates spread from the first the data allows to the last, each with only the data up to it,
          and shows whether our flags beat the naive rules at most of them. Each date is a whole replay of the analysis, so it takes that many times as long.
        </p>
      )}
      {shown && option && (
        <div data-testid="backtest-dates">
          <p className={edgeHolds(shown.met) ? 'verdict' : 'verdict miss'} data-testid="backtest-dates-verdict">
            {result === null && <span className="muted">The run's last replay across dates, kept in the workspace. </span>}
            {shown.verdict}
          </p>
          <table className="compare" data-testid="backtest-dates-table">
            <caption>Customers, the top flags (at most 300) at each date, beside the naive rules given as many</caption>
            <thead>
              <tr>
                <th scope="col">As of</th>
                <th scope="col">Flagged</th>
                <th scope="col">Loss captured vs the best rule</th>
                <th scope="col">Perfect foresight (the ceiling)</th>
                <th scope="col">Really declined, ours / the bar</th>
                <th scope="col">Stated / realised</th>
              </tr>
            </thead>
            <tbody>
              {shown.points.map((p) => (
                <tr key={p.asOf}>
                  <th scope="row">
                    {fmt.date(p.asOf)}
                    {whyNotJudged(p) && <span className="muted"> ({whyNotJudged(p)})</span>}
                  </th>
                  <td>{fmt.count(p.flagged)}</td>
                  <td>
                    {captureText(p) ?? '—'}
                    <Mark point={p} ok={p.beatsCapture} />
                  </td>
                  <td>{timesText(p.ceilingRatio) ?? '—'}</td>
                  <td>
                    {p.flagged === 0 ? '—' : sharesApart(p.precision, p.precisionBar, fmt.share)}
                    <Mark point={p} ok={p.precisionOk} />
                  </td>
                  <td>
                    {calibrationText(p.calibration) ?? '—'}
                    <Mark point={p} ok={p.calibrationOk} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart option={option} label="Backtest across dates: loss captured by our flags and by perfect foresight, each over the best naive rule's" height={240} testId="chart-backtest-dates" />
        </div>
      )}
    </Panel>
  );
}
