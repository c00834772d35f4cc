import type { EChartsOption } from 'echarts';
import type { SliceGroup } from '../../../shared/model/slice';
import { GROWTH_COLOR, categoryAxisLabel, firstItem, grid, tooltipHtml, type ChartFormat } from './common';
import { spanOf, spanWords, type LeakageSpan } from '../../../shared/format/leakage-span';

export type CategoryTotal = { category: string; expected: number; count: number };

/** Expected growth revenue per category from the backend's sums over every matching action, largest first. */
export function growthByCategory(groups: readonly SliceGroup[]): CategoryTotal[] {
  return groups.map((g) => ({ category: g.key, expected: g.expected, count: g.actions })).sort((a, b) => b.expected - a.expected || (a.category < b.category ? -1 : 1));
}

/** Expected growth revenue per category, largest at the top. */
export function growthByCategoryOption(totals: readonly CategoryTotal[], fmt: ChartFormat, limit = 15, windowDays?: number | LeakageSpan): EChartsOption {
  const top = totals.slice(0, limit).reverse();
  return {
    // Room right of the longest bar for its money label ("$996.2K" was cut at the panel's edge).
    grid: grid({ left: 140, top: 16, bottom: 48, right: 72 }),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => {
        const item = firstItem<number>(p);
        const t = top[item.dataIndex];
        return tooltipHtml`${t.category}<br/>${fmt.money(t.expected)} expected from ${fmt.count(t.count)} actions`;
      },
    },
    xAxis: { type: 'value', name: spanWords('Expected revenue', spanOf(windowDays).heading, `(${fmt.unit})`), nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) } },
    yAxis: { type: 'category', data: top.map((t) => t.category), triggerEvent: true, axisLabel: categoryAxisLabel(124) },
    series: [{ type: 'bar', name: 'Expected revenue', color: GROWTH_COLOR, data: top.map((t) => t.expected), label: { show: true, position: 'right', formatter: (p) => fmt.moneyCompact(Number(p.value)) } }],
  };
}
