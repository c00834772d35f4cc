import type { EChartsOption } from 'echarts';
import type { RecoveryEvaluation } from '../../../shared/contract';
import type { BacktestAcrossDates, BacktestLevel, GrowthBacktest, GrowthMethod } from '../../../shared/model/results';
import { isJudged } from '../../../shared/analytics/holdout/across-dates';
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

/**
 * The backtest across dates: at each as-of date, our flags' loss captured and perfect foresight's,
 * each over the best naive rule's, against the 1.2x target (1x = as good as the best rule). Ratios
 * run from under 1x to over 10x on one file, so the axis doubles at each step: a linear one
 * flattened every date but the extreme one. A date with too few declines to judge is drawn faint.
 */
export function acrossDatesOption(result: BacktestAcrossDates, fmt: ChartFormat): EChartsOption {
  // A log axis has no place for 0 or a missing ratio: those dates get no bar, and the table says why.
  const ratio = (v: number | null) => (v === null || !(v > 0) ? null : Math.round(v * 100) / 100);
  return {
    animation: false,
    grid: grid({ left: 64, right: 96, top: 40 }),
    legend: { top: 0, data: ['Longtail', 'Perfect foresight (the ceiling)'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(2)}x`) },
    xAxis: { type: 'category', data: result.points.map((p) => fmt.date(p.asOf)), name: `As of (${result.horizonDays} days watched after each)`, nameLocation: 'middle', nameGap: 30 },
    // From 0.5x at most, so the best rule's 1x line and a ratio under it stand clear of the floor.
    yAxis: { type: 'log', logBase: 2, min: (extent) => Math.min(0.5, 2 ** Math.floor(Math.log2(extent.min))), name: "Loss captured, x the best rule's", nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: (v: number) => `${v}x` } },
    series: [
      {
        type: 'bar',
        name: 'Longtail',
        color: RECOVERY_COLOR,
        data: result.points.map((p) => ({ value: ratio(p.capturedRatio), itemStyle: isJudged(p) ? {} : { opacity: 0.35 } })),
        markLine: {
          symbol: 'none',
          lineStyle: { color: MARK_COLOR, type: 'dashed' },
          data: [
            { yAxis: 1, label: { position: 'insideEndBottom', formatter: 'best rule' } },
            { yAxis: 1.2, label: { position: 'insideEndTop', formatter: '1.2x target' } },
          ],
        },
      },
      { type: 'line', name: 'Perfect foresight (the ceiling)', color: GROWTH_COLOR, data: result.points.map((p) => ratio(p.ceilingRatio)) },
    ],
  };
}
