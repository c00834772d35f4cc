import type { EChartsOption } from 'echarts';
import type { CustomerDetail } from '../../../shared/contract';
import { MARK_COLOR, RECOVERY_COLOR, colorOf, firstItem, grid, tooltipHtml, truncate, type ChartFormat } from './common';

/** Monthly revenue stacked by category over the last 24 months. */
export function customerMonthlyOption(detail: Pick<CustomerDetail, 'monthly' | 'categories'>, fmt: ChartFormat): EChartsOption {
  const bought = detail.categories.map((_, i) => detail.monthly.some((m) => m.byCategory[i] !== 0));
  return {
    grid: grid({ left: 64, top: 56 }),
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.money(Number(v)) },
    xAxis: { type: 'category', name: 'Month', nameLocation: 'middle', nameGap: 32, data: detail.monthly.map((m) => m.month) },
    yAxis: { type: 'value', name: `Revenue (${fmt.unit})`, nameLocation: 'middle', nameGap: 50, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) } },
    series: detail.categories
      .map((category, i) => ({ category, i }))
      .filter(({ i }) => bought[i])
      .map(({ category, i }) => ({ type: 'bar' as const, name: category, stack: 'revenue', color: colorOf(i), data: detail.monthly.map((m) => m.byCategory[i]) })),
  };
}

/** Each purchase as a dot per category (size by revenue); a triangle where the next one was due. */
export function purchaseTimelineOption(detail: Pick<CustomerDetail, 'purchases' | 'cycles'>, asOf: string, fmt: ChartFormat): EChartsOption {
  const categories = [...new Set([...detail.cycles.map((c) => c.category), ...detail.purchases.map((p) => p.category)])];
  const maxRevenue = Math.max(1, ...detail.purchases.map((p) => Math.abs(p.revenue)));
  // A day whose lines net to nothing or less is goods coming back (or an order voided), not a purchase:
  // drawn as one, a full order sent back three weeks later read as a second order.
  const bought = detail.purchases.filter((p) => p.revenue > 0);
  const returned = detail.purchases.filter((p) => !(p.revenue > 0));
  const size = (v: [string, string, number]) => 5 + 12 * Math.sqrt(Math.abs(v[2]) / maxRevenue);
  return {
    grid: grid({ left: 140, top: 40, right: 32 }),
    legend: { top: 0, data: ['Purchase', ...(returned.length > 0 ? ['Return or credit'] : []), 'Next purchase due'] },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const { seriesName, value } = firstItem<[string, string, number?] | string>(p);
        // The as-of mark line is an item too; its value is the date alone.
        if (!Array.isArray(value)) return tooltipHtml`as of ${fmt.date(asOf)}`;
        if (seriesName === 'Purchase') return tooltipHtml`${value[1]}<br/>${fmt.date(value[0])}: ${fmt.money(value[2] ?? 0)}`;
        if (seriesName === 'Return or credit') return tooltipHtml`${value[1]}<br/>${fmt.date(value[0])}: ${fmt.money(value[2] ?? 0)} (returns and credits net of any purchase that day)`;
        return tooltipHtml`${value[1]}<br/>next purchase due by ${fmt.date(value[0])}`;
      },
    },
    // The axis runs to the as-of date at least: a mark line does not stretch it, so a customer silent
    // for months showed its last orders at the right edge and neither the silence nor the as-of mark.
    xAxis: { type: 'time', name: 'Date', nameLocation: 'middle', nameGap: 30, max: (extent: { max: number }) => Math.max(extent.max, Date.parse(asOf)) },
    yAxis: { type: 'category', data: categories, axisLabel: { formatter: (v: string) => truncate(v, 18) } },
    series: [
      {
        type: 'scatter',
        name: 'Purchase',
        color: colorOf(0),
        symbolSize: size,
        data: bought.map((p) => [p.date, p.category, p.revenue]),
        // Its label ends at the line: the as-of date is often the axis's last day, where a centred label was cut off.
        markLine: { symbol: 'none', lineStyle: { color: MARK_COLOR }, label: { formatter: `as of ${fmt.date(asOf)}`, align: 'right' }, data: [{ xAxis: asOf }] },
      },
      ...(returned.length > 0
        ? [
            {
              type: 'scatter' as const,
              name: 'Return or credit',
              symbol: 'emptyCircle',
              symbolSize: size,
              color: colorOf(7),
              data: returned.map((p) => [p.date, p.category, p.revenue]),
            },
          ]
        : []),
      {
        type: 'scatter',
        name: 'Next purchase due',
        symbol: 'triangle',
        symbolSize: 14,
        color: RECOVERY_COLOR,
        data: detail.cycles.filter((c) => c.expectedBy).map((c) => [c.expectedBy as string, c.category]),
      },
    ],
  };
}

/** The customer's share of spend per category beside its profile's typical mix. */
export function mixVsProfileOption(categories: readonly string[], customerMix: readonly number[], profileMix: readonly number[] | null, profileLabel: string, fmt: ChartFormat): EChartsOption {
  const rows = categories
    .map((category, i) => ({ category, own: customerMix[i] ?? 0, typical: profileMix?.[i] ?? 0 }))
    .filter((r) => r.own > 0 || r.typical > 0.01)
    .reverse();
  return {
    grid: grid({ left: 140, top: 36, bottom: 48 }),
    legend: { top: 0, data: ['This customer', profileLabel] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.share(Number(v)) },
    xAxis: { type: 'value', name: 'Share of 12-month spend', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => fmt.share(v, 0) } },
    yAxis: { type: 'category', data: rows.map((r) => r.category), axisLabel: { formatter: (v: string) => truncate(v, 18) } },
    series: [
      { type: 'bar', name: 'This customer', color: colorOf(0), data: rows.map((r) => r.own) },
      ...(profileMix ? [{ type: 'bar' as const, name: profileLabel, color: colorOf(7), data: rows.map((r) => r.typical) }] : []),
    ],
  };
}
