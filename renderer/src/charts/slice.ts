import type { EChartsOption } from 'echarts';
import type { SliceGroup } from '../../../shared/model/slice';
import { horizonOtherThanYear } from '../../../shared/analytics/recovery/risk-reasons';
import { GROWTH_COLOR, RECOVERY_COLOR, firstItem, grid, tooltipHtml, truncate, type ChartClick, type ChartFormat } from './common';

/**
 * What a slice's money is over: growth is a year of peers' spend, recovery the money at risk over
 * the run's horizon. Only at the default 365 days is a mixed sum "per year"; at 100 days, calling
 * it that overstated nothing but misnamed the recovery part.
 */
export function sliceMoneyWords(kind: 'growth' | 'recovery' | undefined, horizonDays: number | undefined): { label: string; span: string; detail: string } {
  const horizon = horizonOtherThanYear(horizonDays);
  if (kind === 'growth') return { label: 'Expected per year', span: 'a year', detail: "a year of what the customers' peers buy" };
  if (kind === 'recovery') {
    return horizon === null
      ? { label: 'At risk per year', span: 'a year', detail: 'money at risk over the next 12 months' }
      : { label: `At risk, next ${horizon}`, span: `over the next ${horizon}`, detail: `money at risk over the next ${horizon} (the run's recovery horizon)` };
  }
  return horizon === null
    ? { label: 'Expected per year', span: 'a year', detail: 'growth a year; recovery at risk over the next 12 months' }
    : { label: 'Expected money', span: `(growth a year, recovery over the next ${horizon})`, detail: `growth a year; recovery at risk over the next ${horizon} (the run's horizon)` };
}

/** A slice's money per key of one dimension, largest at the top; a bar or its label is clickable. */
export function sliceBarsOption(
  groups: readonly SliceGroup[],
  labelOf: (key: string) => string,
  kind: 'growth' | 'recovery' | undefined,
  fmt: ChartFormat,
  limit = 15,
  horizonDays?: number,
): EChartsOption {
  const top = groups.slice(0, limit).reverse();
  const words = sliceMoneyWords(kind, horizonDays);
  return {
    // Each narrowing brings other keys: animated, the old bars slid into the new ones' places and
    // read as wrong figures for a second.
    animation: false,
    grid: grid({ left: 170, top: 16, bottom: 48, right: 72 }),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => {
        const g = top[firstItem<number>(p).dataIndex];
        return tooltipHtml`${labelOf(g.key)}<br/>${fmt.money(g.expected)} ${words.span} from ${fmt.count(g.actions)} actions, ${fmt.count(g.customers)} customers<br/>Click to narrow to it`;
      },
    },
    xAxis: { type: 'value', name: `${words.label} (${fmt.unit})`, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) } },
    yAxis: {
      type: 'category',
      data: top.map((g) => g.key),
      triggerEvent: true,
      axisLabel: { formatter: (v: string) => truncate(labelOf(v), 24) },
    },
    series: [
      {
        type: 'bar',
        name: words.label,
        color: kind === 'recovery' ? RECOVERY_COLOR : GROWTH_COLOR,
        cursor: 'pointer',
        data: top.map((g) => g.expected),
        label: { show: true, position: 'right', formatter: (p) => fmt.moneyCompact(Number(p.value)) },
      },
    ],
  };
}

/** The category a click on a bar or on its axis label names (labels need `triggerEvent`). */
export const clickedCategory = (e: ChartClick): string | null => {
  if (e.componentType === 'yAxis' || e.componentType === 'xAxis') return typeof e.value === 'string' ? e.value : null;
  return e.name || null;
};
