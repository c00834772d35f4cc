import type { EChartsOption } from 'echarts';
import type { RecoveryEvaluation } from '../../../shared/contract';
import type { BacktestLevel, GrowthBacktest, GrowthMethod } from '../../../shared/model/results';
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
      { type: 'value', name: `At risk (${fmt.unit})`, nameLocation: 'middle', nameGap: 60, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) }, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'Actions', color: GROWTH_COLOR, data: points.map((p) => [p.lateness, p.count]), markLine: latenessMark(lateness), tooltip: { valueFormatter: (v) => fmt.count(Number(v)) } },
      { type: 'line', name: 'Revenue at risk', color: RECOVERY_COLOR, yAxisIndex: 1, data: points.map((p) => [p.lateness, p.atRisk]), tooltip: { valueFormatter: (v) => fmt.money(Number(v)) } },
    ],
  };
}

/** Lateness moves fewer than this share of the most actions any lateness gives: the curve is read as flat. */
const FLAT_CURVE_SHARE = 0.1;

/**
 * A sentence under a flat curve, or null: a slider that moves nothing would otherwise read as broken.
 * On data where the learned chance of a slide decides most actions (whole customers gone quiet or
 * slipping), lateness only tips the few relationship flags beside them.
 */
export function flatCurveNote(evaluation: Pick<RecoveryEvaluation, 'curve' | 'count' | 'wholeCustomers'>, fmt: Pick<ChartFormat, 'count'>): string | null {
  const counts = evaluation.curve.map((p) => p.count);
  if (counts.length < 2) return null;
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  if (high === 0 || high - low >= FLAT_CURVE_SHARE * high) return null;
  const lateness = evaluation.curve.map((p) => p.lateness);
  const span = `from ${Math.min(...lateness)} to ${Math.max(...lateness)} cycles`;
  const range = low === high ? `they stay at ${fmt.count(low)}` : `they number ${fmt.count(low)} to ${fmt.count(high)}`;
  const whole =
    evaluation.wholeCustomers > 0
      ? ` ${fmt.count(evaluation.wholeCustomers)} of the ${fmt.count(evaluation.count)} actions are whole customers gone quiet or slipping, judged mostly by the chance of a slide the model learned on this data's past, not by lateness.`
      : ' Its actions are decided by the other thresholds or by the learned chance of a slide, not by lateness.';
  return `Lateness moves few actions on this data: ${span} ${range}.${whole}`;
}

/** Backtest: share of the realised loss each method's flags held, and their precision, side by side. */
export function backtestOption(level: BacktestLevel, fmt: ChartFormat): EChartsOption {
  const labels = level.rows.map((r) => (r.method === 'model' ? 'Longtail' : r.label));
  return {
    animation: false,
    grid: grid({ left: 230, right: 24, top: 40 }),
    legend: { top: 0, data: ['Realised loss captured', 'Precision'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.share(Number(v)) },
    xAxis: { type: 'value', min: 0, max: 1, name: `Share (${fmt.count(level.compared)} flags each)`, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.share(v, 0) } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: 'Realised loss captured', color: RECOVERY_COLOR, data: level.rows.map((r) => r.capturedShare) },
      { type: 'bar', name: 'Precision', color: GROWTH_COLOR, data: level.rows.map((r) => r.precision) },
    ],
  };
}

/** The table's method names, short enough for the chart's axis. */
const GROWTH_CHART_LABELS: Record<GrowthMethod, string> = {
  model: 'Longtail',
  'same-customers-popular': 'Same customers, most popular',
  popular: 'Most popular, any customer',
  random: 'Random missing category',
  foresight: 'Perfect foresight (the ceiling)',
};

/** Growth's backtest: the share of each method's suggestions taken up unprompted, and of the new spend they held. */
export function growthBacktestOption(growth: GrowthBacktest, fmt: ChartFormat): EChartsOption {
  const labels = growth.rows.map((r) => GROWTH_CHART_LABELS[r.method]);
  return {
    animation: false,
    grid: grid({ left: 230, right: 24, top: 40 }),
    legend: { top: 0, data: ['Taken up', 'New spend held'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.share(Number(v)) },
    // Take-up runs from a few percent to foresight's most: a fixed 0-100% axis would flatten the rules.
    xAxis: { type: 'value', min: 0, name: `Share (${fmt.count(growth.rows[0]?.suggestions ?? 0)} suggestions each)`, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.share(v, 0) } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: 'Taken up', color: GROWTH_COLOR, data: growth.rows.map((r) => r.takeUpRate) },
      { type: 'bar', name: 'New spend held', color: RECOVERY_COLOR, data: growth.rows.map((r) => r.upliftShare) },
    ],
  };
}
