import type { EChartsOption } from 'echarts';
import type { BgNbdHoldoutCheck } from '../../../../shared/model/bgnbd';
import { GROWTH_COLOR, RECOVERY_COLOR, grid, tooltipHtml, type ChartFormat } from '../../charts/common';

const perCustomer = (total: number, customers: number): number => (customers > 0 ? total / customers : 0);

/**
 * The conditional-expectation check (Fader, Hardie & Lee 2005, Fig. 3): for customers grouped by
 * how often they repeated in calibration, the holdout purchases per customer the fit expected
 * against what they made. Per customer, so the big zero-repeat group does not flatten the rest.
 */
export function holdoutCheckOption(h: BgNbdHoldoutCheck, fmt: ChartFormat, clickable = false): EChartsOption {
  const labels = h.buckets.map((b) => b.label);
  const two = (v: number) => v.toFixed(2);
  return {
    animation: false,
    grid: grid({ left: 64, top: 48, bottom: 64 }),
    legend: { top: 0, data: ['Actual', 'Predicted by the fit'] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (Array.isArray(params) ? (params[0] as { dataIndex: number }) : (params as { dataIndex: number })).dataIndex;
        const b = h.buckets[i];
        return tooltipHtml`<b>${b.label} repeat purchases to ${fmt.date(h.calibrationEnd)}</b>: ${fmt.count(b.customers)} customers<br/>Actual: ${fmt.count(b.actual)} (${two(perCustomer(b.actual, b.customers))} each)<br/>Predicted: ${fmt.count(Math.round(b.predicted))} (${two(perCustomer(b.predicted, b.customers))} each)` + (clickable ? '<br/>Click to open these customers' : '');
      },
    },
    // Labels take clicks too (triggerEvent): a column's customers open from its label as from its bar.
    xAxis: { type: 'category', data: labels, triggerEvent: clickable, name: `Repeat purchases in calibration (to ${fmt.date(h.calibrationEnd)})`, nameLocation: 'middle', nameGap: 32 },
    // Ticks as short as they can be (1, 1.5, 0.25): 8.00 and 7.00 down the axis read as noise.
    yAxis: { type: 'value', name: 'Holdout purchases per customer', nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: (v: number) => String(Number(v.toFixed(2))) } },
    series: [
      { type: 'bar', name: 'Actual', color: GROWTH_COLOR, barMaxWidth: 36, cursor: clickable ? 'pointer' : 'default', data: h.buckets.map((b) => perCustomer(b.actual, b.customers)) },
      {
        type: 'line',
        name: 'Predicted by the fit',
        color: RECOVERY_COLOR,
        symbolSize: 8,
        data: h.buckets.map((b) => perCustomer(b.predicted, b.customers)),
      },
    ],
  };
}

/**
 * The column a click in the plot falls in (x is the category index in data coordinates): the whole
 * column opens, so a short bar is as easy to hit as a tall one.
 */
export function holdoutBucketAt(h: BgNbdHoldoutCheck, x: number): string | null {
  const i = Math.round(x);
  return i >= 0 && i < h.buckets.length ? h.buckets[i].label : null;
}
