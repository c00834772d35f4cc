import type { EChartsOption } from 'echarts';
import type { SliceGroup } from '../../../shared/model/slice';
import { GROWTH_COLOR, RECOVERY_COLOR, firstItem, grid, tooltipHtml, truncate, type ChartClick, type ChartFormat } from './common';

/** A slice's money per key of one dimension, largest at the top; a bar or its label is clickable. */
export function sliceBarsOption(
  groups: readonly SliceGroup[],
  labelOf: (key: string) => string,
  kind: 'growth' | 'recovery' | undefined,
  fmt: ChartFormat,
  limit = 15,
): EChartsOption {
  const top = groups.slice(0, limit).reverse();
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
        return tooltipHtml`${labelOf(g.key)}<br/>${fmt.money(g.expected)} a year from ${fmt.count(g.actions)} actions, ${fmt.count(g.customers)} customers<br/>Click to narrow to it`;
      },
    },
    xAxis: { type: 'value', name: `Expected per year (${fmt.unit})`, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) } },
    yAxis: {
      type: 'category',
      data: top.map((g) => g.key),
      triggerEvent: true,
      axisLabel: { formatter: (v: string) => truncate(labelOf(v), 24) },
    },
    series: [
      {
        type: 'bar',
        name: 'Expected per year',
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
