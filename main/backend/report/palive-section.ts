import type * as echarts from 'echarts';
import type { BgNbdHoldoutCheck } from '../../../shared/model/bgnbd';
import { describeFit, describeHoldout, describeVerdict } from '../../../shared/format/bgnbd';
import { formatCount, formatShare } from '../../../shared/format/numbers';
import { renderChart } from './charts';
import { html, raw, type SafeHtml } from './escape';
import type { ReportView } from './view';

const WIDTH = 760;
const HEIGHT = 240;

/** Holdout purchases per customer by calibration repeat purchases, actual bars against the fit's line. */
function holdoutOption(h: BgNbdHoldoutCheck): echarts.EChartsCoreOption {
  const each = (total: number, n: number): number => (n > 0 ? Math.round((total / n) * 100) / 100 : 0);
  return {
    grid: { left: 64, right: 24, top: 36, bottom: 52 },
    legend: { top: 0, data: ['Actual', 'Predicted by the fit'] },
    xAxis: { type: 'category', data: h.buckets.map((b) => b.label), name: `Repeat purchases to ${h.calibrationEnd}`, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: 'Holdout purchases per customer', nameLocation: 'middle', nameGap: 42 },
    series: [
      { type: 'bar', name: 'Actual', color: '#1d4ed8', barMaxWidth: 36, data: h.buckets.map((b) => each(b.actual, b.customers)) },
      { type: 'line', name: 'Predicted by the fit', color: '#c2410c', symbolSize: 7, data: h.buckets.map((b) => each(b.predicted, b.customers)) },
    ],
  };
}

/** The BG/NBD fit behind probability alive: parameters, holdout check and verdict, warning plainly when degenerate. */
export function pAliveSection(v: ReportView): SafeHtml {
  const fit = v.summary.bgnbd;
  // Runs saved before the fit was reported, and spend tables without dates, have nothing to show.
  if (fit === undefined || !v.summary.hasDates) return raw('');
  if (fit === null) {
    return html`<section id="p-alive"><h2>Probability alive (BG/NBD)</h2><p>No customer bought twice by the as-of date, so the model could not be fitted.</p></section>`;
  }
  const h = fit.holdout;
  const rows = h
    ? h.buckets.map(
        (b) =>
          html`<tr><td>${b.label}</td><td class="num">${formatCount(b.customers)}</td><td class="num">${formatCount(b.actual)}</td><td class="num">${b.predicted.toFixed(1)}</td></tr>`,
      )
    : [];
  const verdict =
    fit.verdict === 'degenerate'
      ? html`<p class="warning"><strong>Warning: the fit is degenerate.</strong> ${describeVerdict(fit).replace(/^Degenerate: /, 'Because ')}</p>`
      : html`<p>${describeVerdict(fit)}</p>`;
  return html`<section id="p-alive"><h2>Probability alive (BG/NBD)</h2>
${verdict}
<p>The model of Fader, Hardie &amp; Lee (2005), fitted to each customer's repeat purchases in weeks: ${describeFit(fit)}.
The mean chance of leaving after a purchase is ${formatShare(fit.degeneracy.dropoutMean, fit.degeneracy.dropoutMean < 0.01 ? 3 : 1)}, so the fit expects ${formatShare(fit.degeneracy.annualDropout, fit.degeneracy.annualDropout < 0.01 ? 2 : 0)} of customers to leave in a year;
${fit.degeneracy.silentMedianPAlive === null ? `too few customers (${formatCount(fit.degeneracy.silentCustomers)}) have been silent for three of their own intervals and 180 days to judge them` : `the ${formatCount(fit.degeneracy.silentCustomers)} customers silent for three of their own intervals and 180 days have a median P(alive) of ${formatShare(fit.degeneracy.silentMedianPAlive, 0)}`}.</p>
<p>Holdout check: ${describeHoldout(fit)}.</p>
${h ? html`<img class="chart" src="${renderChart(holdoutOption(h), WIDTH, HEIGHT)}" alt="Holdout purchases per customer, actual against predicted, by calibration repeat purchases" width="${WIDTH}" height="${HEIGHT}">
<table><thead><tr><th>Repeat purchases in calibration</th><th>Customers</th><th>Actual holdout purchases</th><th>Predicted</th></tr></thead><tbody>${rows}</tbody></table>` : raw('')}
</section>`;
}
