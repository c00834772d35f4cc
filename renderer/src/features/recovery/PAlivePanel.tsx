import { useMemo } from 'react';
import type { BgNbdFitReport } from '../../../../shared/model/bgnbd';
import { describeHoldoutError, describeParams, describeVerdict, roughHoldout } from '../../../../shared/format/bgnbd';
import type { Formatters } from '../../app/format';
import { Chart } from '../../charts/Chart';
import { Panel, Stat } from '../../components/Feedback';
import { repeatsOfLabel } from '../../app/slice-params';
import { holdoutBucketAt, holdoutCheckOption } from './palive-chart';

/**
 * The BG/NBD fit behind "probability alive", in the open: what was fitted, how well it predicted a
 * period it never saw, and, when it cannot see customers leave, a plain warning that nothing was
 * gated on it.
 */
export function PAlivePanel({ fit, fmt, onOpenBar }: { fit: BgNbdFitReport | null | undefined; fmt: Formatters; onOpenBar?: (repeats: number) => void }) {
  const h = fit?.holdout ?? null;
  // Runs stored before each customer's bar was kept cannot open a bar's customers.
  const clickable = !!onOpenBar && h?.groupsKept === true;
  const option = useMemo(() => (h ? holdoutCheckOption(h, fmt, clickable) : null), [h, fmt, clickable]);
  const open = (label: string | null) => {
    const n = label === null ? null : repeatsOfLabel(label);
    if (n !== null) onOpenBar?.(n);
  };
  if (fit === undefined) return null;
  if (fit === null) {
    return (
      <Panel title="Probability alive (BG/NBD)" id="recovery-palive">
        <p className="muted">No customer has bought twice yet, so the model has nothing to fit and no customer gets a probability alive.</p>
      </Panel>
    );
  }
  const degenerate = fit.verdict === 'degenerate';
  return (
    <Panel title="Probability alive (BG/NBD)" className="palive-panel" id="recovery-palive">
      <div data-testid="palive-fit">
        {degenerate ? (
          <div className="notice warning" role="status" data-testid="palive-degenerate">
            <p>
              <strong>The fit is degenerate; P(alive) is not used.</strong> {describeVerdict(fit).replace(/^Degenerate: /, 'Because ')} Growth still skips
              customers that stopped buying everything.
            </p>
          </div>
        ) : (
          <p className={roughHoldout(fit) ? 'notice warning' : 'muted'} data-testid="palive-healthy">
            {describeVerdict(fit)}
          </p>
        )}
        <div className="stats">
          <Stat label="Parameters" value={describeParams(fit.params)} small detail="r, alpha: purchase rate; a, b: dropout" />
          <Stat label="Log-likelihood" value={fmt.number(fit.logLikelihood, 1)} small detail={`${fmt.counted(fit.fittedCustomers, 'customer')} fitted of ${fmt.count(fit.customers)}`} />
          <Stat
            label="Customers leaving per year"
            // Runs stored by the first build that reported the fit lack the yearly figure.
            value={Number.isFinite(fit.degeneracy.annualDropout) ? fmt.share(fit.degeneracy.annualDropout, fit.degeneracy.annualDropout < 0.01 ? 2 : 0) : '—'}
            small
            detail={`${fmt.share(fit.degeneracy.dropoutMean, fit.degeneracy.dropoutMean < 0.01 ? 3 : 1)} per purchase, a/(a+b); under 1% a year means no one leaves`}
          />
          <Stat
            label="Long-silent customers"
            value={fit.degeneracy.silentMedianPAlive === null ? 'too few' : `${fmt.share(fit.degeneracy.silentMedianPAlive, 0)} alive`}
            small
            detail={`median P(alive) of ${fmt.count(fit.degeneracy.silentCustomers)} quiet for 3+ own intervals and 180+ days`}
          />
        </div>
        {h && option ? (
          <>
            <p className="muted" data-testid="palive-holdout">
              Holdout check: fitted on the data to {fmt.date(h.calibrationEnd)}, the model expected {fmt.count(Math.round(h.predicted))} repeat purchases from the{' '}
              {fmt.count(h.customers)} customers who had bought by then in the {fmt.number(h.holdoutWeeks, 0)} weeks to {fmt.date(h.holdoutEnd)}; they made {fmt.count(h.actual)} (
              {describeHoldoutError(h.error)}).{degenerate && h.error !== null && Math.abs(h.error) < 0.1 ? ' Counting purchases well does not make a fit see customers leave.' : ''}
            </p>
            <Chart
              option={option}
              label="BG/NBD holdout check: predicted against actual holdout purchases per customer, by calibration repeat purchases"
              height={260}
              testId="chart-palive-holdout"
              onPlotClick={clickable ? ([x]) => open(holdoutBucketAt(h, x)) : undefined}
              onClick={clickable ? (e) => { if (e.componentType === 'xAxis' && typeof e.value === 'string') open(e.value); } : undefined}
            />
            {onOpenBar && (
              <p className="muted" data-testid="palive-drill-hint">
                {clickable
                  ? 'Click a column or its label to open those customers in Explore, with their P(alive) and actions.'
                  : "This run was stored before each customer's column was kept: re-run the analysis to open a column's customers."}
              </p>
            )}
          </>
        ) : (
          <p className="muted">{fit.holdoutNote}</p>
        )}
      </div>
    </Panel>
  );
}
