import { useMemo, useState } from 'react';
import { formatSignedPoints } from '../../../../shared/format/numbers';
import { bandJudgement, chanceBandLabel } from '../../../../shared/analytics/holdout/bands';
import { differenceTable, usualSpendEach } from '../../../../shared/analytics/holdout/differences';
import { otherOrdersTable } from '../../../../shared/analytics/holdout/other-orders';
import { verdictTargets } from '../../../../shared/analytics/holdout/verdict-targets';
import { repeatedLevelText, repeatsTopLevel } from '../../../../shared/analytics/holdout/repeated-level';
import type { BacktestLevel, BacktestReport, ChanceBand, ListDifference } from '../../../../shared/model/results';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useFormatters } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { backtestOption } from '../../charts/recovery';
import { ErrorNotice, Panel, ProgressBar, Stat } from '../../components/Feedback';
import { GrowthBacktestTable } from './GrowthBacktest';
import { splitVerdict } from './verdict-parts';
import { HorizonSelect, useReplayJob } from './replay-job';

/** " · 1.18-1.49x the best rule (90% of resamples)", or nothing when the verdict has no ranges (too few slides, or kept from before). */
function captureRange(level: BacktestLevel): string {
  const range = level.verdict.tooFewDeclines ? null : level.verdict.sureness?.captureRatio;
  return range ? ` · ${range[0].toFixed(2)}-${range[1].toFixed(2)}x the best rule (90% of resamples)` : '';
}

/** " · 0.63-0.92x (90% of resamples)": money stated over the loss that followed. */
function moneyRange(level: BacktestLevel): string {
  const range = level.verdict.tooFewDeclines ? null : level.verdict.sureness?.calibration;
  return range ? ` · ${range[0].toFixed(2)}-${range[1].toFixed(2)}x (90% of resamples)` : '';
}

/** " · -14 to -4 points vs the better money-minded rule (90% of resamples)". */
function precisionRange(level: BacktestLevel): string {
  const range = level.verdict.tooFewDeclines ? null : level.verdict.sureness?.precisionGap;
  if (!range) return '';
  return ` · ${formatSignedPoints(range[0])} to ${formatSignedPoints(range[1])} points vs the better money-minded rule (90% of resamples)`;
}

function LevelTable({ level }: { level: BacktestLevel }) {
  const fmt = useFormatters();
  const option = useMemo(() => backtestOption(level, fmt), [level, fmt]);
  const ours = level.rows[0];
  // No flags: every method's row is zero by construction, so the verdict alone says what there is.
  if (level.flagged === 0) {
    return (
      <section className="backtest-level" data-testid={`backtest-${level.id}`}>
        <h3>{level.title}</h3>
        <Verdict level={level} />
      </section>
    );
  }
  return (
    <section className="backtest-level" data-testid={`backtest-${level.id}`}>
      <h3>{level.title}</h3>
      <Verdict level={level} />
      <div className="stats">
        <Stat label="Flagged" value={fmt.count(level.flagged)} detail={level.compared === level.flagged ? 'every one compared' : `top ${fmt.count(level.compared)} compared`} small />
        <Stat
          label="Really declined"
          value={fmt.share(ours.precision)}
          detail={`${fmt.count(ours.declined)} of ${fmt.count(ours.flagged)}${ours.statedChance == null ? '' : ` · ${fmt.share(ours.statedChance)} chance stated`}${precisionRange(level)}`}
          small
        />
        <Stat label="Loss captured" value={fmt.share(ours.capturedShare)} detail={`${fmt.money(ours.capturedLoss)}${captureRange(level)}`} small />
        <Stat label="Stated / realised" value={ours.calibration === null ? '—' : `${ours.calibration.toFixed(2)}x`} detail={ours.stated === null ? '' : `${fmt.money(ours.stated)} stated${moneyRange(level)}`} small />
      </div>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Flags</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Recall by revenue</th>
            <th scope="col">Realised loss captured</th>
            <th scope="col">Stated at risk</th>
            <th scope="col">Stated / realised</th>
          </tr>
        </thead>
        <tbody>
          {level.rows.map((r) => (
            <tr key={r.method} className={r.method === 'model' ? 'ours' : ''}>
              <th scope="row">{r.label}</th>
              <td>{fmt.count(Math.round(r.flagged))}</td>
              <td>{fmt.share(r.precision)}</td>
              <td>{fmt.share(r.recallCount)}</td>
              <td>{fmt.share(r.recallRevenue)}</td>
              <td>
                {fmt.share(r.capturedShare)} ({fmt.money(r.capturedLoss)})
              </td>
              <td>{r.stated === null ? '—' : fmt.money(r.stated)}</td>
              <td>{r.calibration === null ? '—' : `${r.calibration.toFixed(2)}x`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {level.bands && level.bands.length > 0 && <BandTable bands={level.bands} levelId={level.id} />}
      {level.difference && <DifferenceTable difference={level.difference} levelId={level.id} />}
      <OtherOrdersTable level={level} />
      <Chart option={option} label={`Backtest, ${level.title.toLowerCase()}: loss captured and precision by method`} height={220} testId={`chart-backtest-${level.id}`} />
    </section>
  );
}

/** The three targets met or missed, the verdict's first sentence, and the rest of it a click away. */
function Verdict({ level }: { level: BacktestLevel }) {
  const v = level.verdict;
  const { lead, rest } = splitVerdict(v.text);
  const targets = verdictTargets(level);
  return (
    <div className={v.beatsCapture && v.precisionOk && v.calibrationOk ? 'verdict' : 'verdict miss'} data-testid={`backtest-verdict-${level.id}`}>
      {targets.length > 0 && (
        <ul className="verdict-targets" aria-label="Targets">
          {targets.map((t) => (
            <li key={t.id} className={t.met ? 'met' : 'missed'} data-testid={`backtest-target-${level.id}-${t.id}`}>
              <span className="mark" aria-hidden="true">
                {t.met ? '✓' : '✗'}
              </span>{' '}
              <strong>{t.label}</strong> {t.figure} <span className="muted">· target {t.target}</span>
              <span className="sr-only">{t.met ? ' (met)' : ' (missed)'}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="verdict-lead">{lead}</p>
      {rest && (
        <details className="verdict-rest">
          <summary>How sure, where the lists differ, and the other orders</summary>
          <p>{rest}</p>
        </details>
      )}
    </div>
  );
}

/** Our compared flags by the chance of a slide we stated: where that chance and the money held, and where they did not. */
function BandTable({ bands, levelId }: { bands: ChanceBand[]; levelId: BacktestLevel['id'] }) {
  const fmt = useFormatters();
  return (
    <table className="compare bands" data-testid={`backtest-bands-${levelId}`}>
      <caption>Ours, by the chance of a slide stated</caption>
      <thead>
        <tr>
          <th scope="col">Chance stated</th>
          <th scope="col">Flags</th>
          <th scope="col">Really declined</th>
          <th scope="col">Mean chance stated</th>
          <th scope="col">Stated at risk</th>
          <th scope="col">Realised loss</th>
          <th scope="col">Stated / realised</th>
        </tr>
      </thead>
      <tbody>
        {bands.map((b) => {
          const judged = bandJudgement(b, fmt.share);
          return (
            <tr key={b.from}>
              <th scope="row">{chanceBandLabel(b)}</th>
              <td>{fmt.count(b.flagged)}</td>
              <td>{judged.declined}</td>
              <td>{b.statedChance == null ? '—' : fmt.share(b.statedChance)}</td>
              <td>{b.stated === null ? '—' : fmt.money(b.stated)}</td>
              <td>{fmt.money(b.capturedLoss)}</td>
              <td>{judged.statedLost}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Our list beside the precision bar's rule: what both hold, and what each holds alone, so a precision gap shows what it bought. */
function DifferenceTable({ difference, levelId }: { difference: ListDifference; levelId: BacktestLevel['id'] }) {
  const fmt = useFormatters();
  const table = differenceTable(difference);
  return (
    <table className="compare bands" data-testid={`backtest-difference-${levelId}`}>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Which flags</th>
          <th scope="col">Flags</th>
          <th scope="col">Really declined</th>
          <th scope="col">Realised loss</th>
          <th scope="col">Usual spend each</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map(({ key, label, part }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>{fmt.count(part.flagged)}</td>
            <td>{part.flagged > 0 ? fmt.share(part.precision) : '—'}</td>
            <td>{fmt.money(part.capturedLoss)}</td>
            <td>{part.flagged > 0 ? fmt.money(usualSpendEach(part)) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** This run's list beside the other list orders on the same replay (nothing when no other order changes the top flags). */
function OtherOrdersTable({ level }: { level: BacktestLevel }) {
  const fmt = useFormatters();
  const table = otherOrdersTable(level);
  if (!table) return null;
  return (
    <table className="compare bands" data-testid={`backtest-orders-${level.id}`}>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          <th scope="col">List order</th>
          <th scope="col">Really declined</th>
          <th scope="col">Loss captured</th>
          <th scope="col">vs the best rule</th>
          <th scope="col">Stated / realised</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.key} className={r.key === 'run' ? 'ours' : undefined}>
            <th scope="row">{r.label}</th>
            <td>{fmt.share(r.precision)}</td>
            <td>{fmt.share(r.capturedShare)}</td>
            <td>{r.vsBest === null ? '—' : `${r.vsBest.toFixed(2)}x`}</td>
            <td>{r.calibration === null ? '—' : `${r.calibration.toFixed(2)}x`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Replays the analysis as of an earlier date and compares its flags, money and growth actions with what happened next, beside naive rules. */
export function Backtest({ runId }: { runId: number }) {
  const fmt = useFormatters();
  const [horizon, setHorizon] = useState<number | null>(null);
  const { result, job, error, clearError, start } = useReplayJob<BacktestReport>();
  // The run's last backtest, kept in the workspace: shown until a new one is made (a replay of the
  // whole analysis takes a while on a big file).
  const kept = useAsync(() => call('analysis-backtest-last', { runId }), [runId]);
  const shown = result ?? kept.data?.report ?? null;

  const run = () => start((options) => call('analysis-backtest', horizon === null ? { runId } : { runId, horizonDays: horizon }, options));

  return (
    <Panel
      id="recovery-backtest"
      title="Backtest: would these flags and this money have been right?"
      actions={
        <div className="row">
          <HorizonSelect id="bt-horizon" value={horizon} onChange={setHorizon} disabled={job !== null} />
          <button type="button" onClick={() => void run()} disabled={job !== null} data-testid="run-backtest">
            Run backtest
          </button>
        </div>
      }
    >
      {job && <ProgressBar label="Backtesting" progress={job.progress} onCancel={() => job.controller.abort()} />}
      <ErrorNotice error={error} onDismiss={clearError} />
      {!shown && !job && (
        <p className="muted">
          Replays the analysis as of an earlier date with only the data up to it, then checks what each flagged customer and relationship really spent over the horizon, beside four naive rules given
          the same number of flags, and whether the customers given growth actions bought those categories. Flags are taken as the list below ranks them: highest call value first.
        </p>
      )}
      {shown && (
        <div data-testid="backtest-stats">
          <p>
            {result === null && <span className="muted" data-testid="backtest-kept">The run's last backtest, kept in the workspace; run it again for another horizon. </span>}
            Replayed as of {fmt.date(shown.asOf)}, watched for {shown.horizonDays} days (data {fmt.date(shown.dataFrom)} to {fmt.date(shown.dataTo)}).
          </p>
          {shown.warnings.length > 0 && (
            <ul className="reasons backtest-notes" data-testid="backtest-notes">
              {shown.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {shown.levels
            .filter((level) => level.id !== 'relationship-all')
            .map((level) => (
              <LevelTable key={level.id} level={level} />
            ))}
          {shown.levels
            .filter((level) => level.id === 'relationship-all')
            .map((level) =>
              repeatsTopLevel(level, shown.levels) ? (
                <p key={level.id} className="muted" data-testid="backtest-every-flag">
                  {repeatedLevelText(level)}
                </p>
              ) : (
                <details key={level.id} data-testid="backtest-every-flag">
                  <summary>
                    {level.title}: all {fmt.count(level.flagged)}, scored the same way
                  </summary>
                  <LevelTable level={level} />
                </details>
              ),
            )}
          {shown.growth && <GrowthBacktestTable growth={shown.growth} />}
          <details>
            <summary>How outcomes are defined</summary>
            <ul>
              {shown.definitions.text.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </Panel>
  );
}
