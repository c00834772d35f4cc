import type { EChartsOption } from 'echarts';
import type { RecoveryEvaluation } from '../../../shared/contract';
import type { BacktestPoint } from '../../../shared/model/results';
import { GROWTH_COLOR, MARK_COLOR, RECOVERY_COLOR, grid, type ChartFormat } from './common';

const latenessMark = (lateness: number) => ({
  symbol: 'none',
  lineStyle: { color: MARK_COLOR, width: 2 },
  label: { formatter: `now: ${lateness} cycles`, position: 'end' as const },
  data: [{ xAxis: lateness }],
});

/** How the number of recovery actions and the money at risk fall as the lateness threshold rises. */
export function recoveryCurveOption(curve: RecoveryEvaluation['curve'], lateness: number, fmt: ChartFormat): EChartsOption {
  const points = [...curve].sort((a, b) => a.lateness - b.lateness);
  return {
    // Redrawn on every slider step: an animation would trail the slider by a second.
    animation: false,
    grid: grid({ left: 64, right: 80, top: 56 }),
    legend: { top: 0, data: ['Actions', 'Revenue at risk'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'Lateness threshold (own purchase cycles)', nameLocation: 'middle', nameGap: 30, min: 'dataMin', max: 'dataMax' },
    yAxis: [
      { type: 'value', name: 'Actions', nameLocation: 'middle', nameGap: 48, minInterval: 1, axisLabel: { formatter: (v: number) => fmt.count(v) } },
      { type: 'value', name: `At risk (${fmt.currency})`, nameLocation: 'middle', nameGap: 60, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) }, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'Actions', color: GROWTH_COLOR, data: points.map((p) => [p.lateness, p.count]), markLine: latenessMark(lateness), tooltip: { valueFormatter: (v) => fmt.count(Number(v)) } },
      { type: 'line', name: 'Revenue at risk', color: RECOVERY_COLOR, yAxisIndex: 1, data: points.map((p) => [p.lateness, p.atRisk]), tooltip: { valueFormatter: (v) => fmt.money(Number(v)) } },
    ],
  };
}

/** Backtest: precision and recall of the flags by lateness threshold, as shares. */
export function backtestOption(curve: readonly BacktestPoint[], lateness: number, fmt: ChartFormat): EChartsOption {
  const points = [...curve].sort((a, b) => a.lateness - b.lateness);
  return {
    animation: false,
    grid: grid({ left: 64, top: 56 }),
    legend: { top: 0, data: ['Precision', 'Recall'] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.share(Number(v)) },
    xAxis: { type: 'value', name: 'Lateness threshold (own purchase cycles)', nameLocation: 'middle', nameGap: 30, min: 'dataMin', max: 'dataMax' },
    yAxis: { type: 'value', name: 'Share', nameLocation: 'middle', nameGap: 48, min: 0, max: 1, axisLabel: { formatter: (v: number) => fmt.share(v, 0) } },
    series: [
      { type: 'line', name: 'Precision', color: GROWTH_COLOR, data: points.map((p) => [p.lateness, p.precision]), markLine: latenessMark(lateness) },
      { type: 'line', name: 'Recall', color: RECOVERY_COLOR, data: points.map((p) => [p.lateness, p.recall]) },
    ],
  };
}
