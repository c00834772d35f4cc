import type { EChartsOption } from 'echarts';
import type { CustomerDetail } from '../../../shared/contract';
import { LEGEND_ROW, MARK_COLOR, PALETTE, RECOVERY_COLOR, categoryAxisLabel, colorOf, firstItem, grid, legendRows, tooltipHtml, type ChartFormat } from './common';

/**
 * The monthly legend's width: about the narrowest the chart gets beside the mix chart. Held to it
 * at every width, so the lines it takes (and the room left for them) are known before drawing.
 */
const MONTHLY_LEGEND_WIDTH = 380;
const MONTHLY_PLOT_HEIGHT = 300;

/** The folded series' grey: kept out of the named categories' colours so it reads as none of them. */
const OTHER_COLOR = '#7F7F7F';
const NAMED_COLORS = PALETTE.filter((c) => c !== OTHER_COLOR);

type MonthlySeries = { name: string; color: string; data: number[] };

/**
 * One series per category the customer bought, coloured by its place among them (indexed among all
 * the workspace's categories, Online Retail's 30 product groups drew Art and Frame in one blue).
 * Past the distinct colours the smallest (by the money their bars draw) fold into one grey "Other"
 * series that names how many it holds, rather than two categories sharing a colour.
 */
function monthlySeries(detail: Pick<CustomerDetail, 'monthly' | 'categories'>): MonthlySeries[] {
  const bought = detail.categories.map((_, i) => i).filter((i) => detail.monthly.some((m) => m.byCategory[i] !== 0));
  const size = (i: number): number => detail.monthly.reduce((sum, m) => sum + Math.abs(m.byCategory[i]), 0);
  const folded = new Set<number>();
  if (bought.length > NAMED_COLORS.length) {
    const bySize = [...bought].sort((a, b) => size(b) - size(a) || a - b);
    for (const i of bySize.slice(NAMED_COLORS.length)) folded.add(i);
  }
  const named = bought.filter((i) => !folded.has(i));
  const series = named.map((i, place) => ({ name: detail.categories[i], color: NAMED_COLORS[place], data: detail.monthly.map((m) => m.byCategory[i]) }));
  if (folded.size === 0) return series;
  return [
    ...series,
    {
      name: `Other ${folded.size} smaller categories`,
      color: OTHER_COLOR,
      data: detail.monthly.map((m) => [...folded].reduce((sum, i) => sum + m.byCategory[i], 0)),
    },
  ];
}

/** The monthly chart's height: one more legend line for each the category names need past the first. */
export function customerMonthlyHeight(detail: Pick<CustomerDetail, 'monthly' | 'categories'>): number {
  const rows = legendRows(monthlySeries(detail).map((s) => s.name), MONTHLY_LEGEND_WIDTH);
  return MONTHLY_PLOT_HEIGHT + LEGEND_ROW * Math.max(0, rows - 1);
}

/**
 * Monthly revenue stacked by category over the last 24 months. The legend wraps rather than
 * scrolls: a scrolled one hid the names of the categories on its second page.
 */
export function customerMonthlyOption(detail: Pick<CustomerDetail, 'monthly' | 'categories'>, fmt: ChartFormat): EChartsOption {
  const series = monthlySeries(detail);
  const rows = legendRows(series.map((s) => s.name), MONTHLY_LEGEND_WIDTH);
  return {
    grid: grid({ left: 64, top: 56 + LEGEND_ROW * Math.max(0, rows - 1) }),
    legend: { type: 'plain', top: 0, left: 'center', width: MONTHLY_LEGEND_WIDTH },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.money(Number(v)) },
    xAxis: { type: 'category', name: 'Month', nameLocation: 'middle', nameGap: 32, data: detail.monthly.map((m) => m.month) },
    yAxis: { type: 'value', name: `Revenue (${fmt.unit})`, nameLocation: 'middle', nameGap: 50, axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) } },
    series: series.map((s) => ({ type: 'bar' as const, name: s.name, stack: 'revenue', color: s.color, data: s.data })),
  };
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Tick steps in days for a short history, with at most this many ticks across it. */
const SHORT_STEPS = [1, 2, 7, 14];
const MAX_TICKS = 13;

/** A `YYYY-MM-DD` day at local midnight, as ECharts places such a date on a time axis. */
const localDay = (iso: string): Date => new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/**
 * Date ticks for a history of a few weeks or months, or null where ECharts' own month ticks serve.
 * Its own day ticks restart each month (…22, 29, Oct, 6, 8…), so ticks two days apart read as a
 * week; these are one step apart throughout (weeks from a Monday), and name the month wherever it
 * changes ("29 Sep", "6 Oct", "13"), the year too where that changes.
 */
export function shortSpanTicks(first: string, last: string): { values: number[]; labels: Map<number, string> } | null {
  const start = localDay(first);
  const end = localDay(last);
  const days = Math.round((end.getTime() - start.getTime()) / DAY);
  const step = SHORT_STEPS.find((d) => days / d <= MAX_TICKS);
  if (step === undefined) return null;
  // Day arithmetic on the calendar, not in milliseconds: a clock change would shift a tick off midnight.
  const tick = new Date(start);
  if (step >= 7) tick.setDate(tick.getDate() + ((8 - tick.getDay()) % 7));
  const values: number[] = [];
  const labels = new Map<number, string>();
  let previous: Date | null = null;
  while (tick <= end) {
    const newMonth = previous === null || previous.getMonth() !== tick.getMonth();
    const newYear = previous !== null && previous.getFullYear() !== tick.getFullYear();
    const label = `${tick.getDate()}${newMonth ? ` ${MONTHS[tick.getMonth()]}` : ''}${newYear ? ` ${tick.getFullYear()}` : ''}`;
    values.push(tick.getTime());
    labels.set(tick.getTime(), label);
    previous = new Date(tick);
    tick.setDate(tick.getDate() + step);
  }
  return { values, labels };
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
  const dates = [...detail.purchases.map((p) => p.date), ...detail.cycles.flatMap((c) => (c.expectedBy ? [c.expectedBy] : [])), asOf].map((d) => d.slice(0, 10)).sort();
  const ticks = shortSpanTicks(dates[0], dates[dates.length - 1]);
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
    xAxis: {
      type: 'time',
      name: 'Date',
      nameLocation: 'middle',
      nameGap: 30,
      max: (extent: { max: number }) => Math.max(extent.max, Date.parse(asOf)),
      ...(ticks ? { axisTick: { customValues: ticks.values }, axisLabel: { customValues: ticks.values, formatter: (v: number) => ticks.labels.get(v) ?? '' } } : {}),
    },
    yAxis: { type: 'category', data: categories, axisLabel: categoryAxisLabel(124) },
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
    yAxis: { type: 'category', data: rows.map((r) => r.category), axisLabel: categoryAxisLabel(124) },
    series: [
      { type: 'bar', name: 'This customer', color: colorOf(0), data: rows.map((r) => r.own) },
      ...(profileMix ? [{ type: 'bar' as const, name: profileLabel, color: colorOf(7), data: rows.map((r) => r.typical) }] : []),
    ],
  };
}
