import type { EChartsOption } from 'echarts';
import type { Leakage, LeakageRow, ParetoPoint, Tier } from '../../../shared/model/results';
import { NONE_KEY } from '../../../shared/model/slice';
import { leakageKeyLabel } from '../../../shared/format/leakage-keys';
import { GROWTH_COLOR, MARK_COLOR, RECOVERY_COLOR, grid, tooltipHtml, truncate, type ChartFormat } from './common';
import { spanOf, spanWords, type LeakageSpan } from '../../../shared/format/leakage-span';

/** The two bands of the Pareto curve: the strategic accounts, then the long tail. */
export type ParetoBands = { strategic: number; longTail: number };

/** The tier a click at this share of customers lands in: strategic up to their share of those buying. */
export function paretoBandAt(customerShare: number, bands: ParetoBands): Extract<Tier, 'strategic' | 'long-tail'> | null {
  const active = bands.strategic + bands.longTail;
  if (!Number.isFinite(customerShare) || customerShare < 0 || customerShare > 1 || active === 0) return null;
  return customerShare <= bands.strategic / active ? 'strategic' : 'long-tail';
}

/**
 * Share of customers (ranked by 12-month revenue) against cumulative share of revenue, shaded in
 * its two tiers; each band opens its customers.
 */
export function paretoOption(points: readonly ParetoPoint[], strategicShare: number, fmt: ChartFormat, bands?: ParetoBands, windowDays?: number | LeakageSpan): EChartsOption {
  const active = bands ? bands.strategic + bands.longTail : 0;
  const cut = bands && active > 0 ? bands.strategic / active : null;
  const markArea =
    bands && cut !== null
      ? {
          silent: true,
          label: { position: 'insideBottom' as const, fontSize: 11, fontWeight: 'bold' as const, lineHeight: 15, distance: 8 },
          data: [
            [
              { name: 'Strategic accounts', xAxis: 0, itemStyle: { color: 'rgba(0,114,178,0.10)' }, label: { color: GROWTH_COLOR, formatter: `Strategic\n${fmt.count(bands.strategic)} customers` } },
              { xAxis: cut },
            ],
            [
              { name: 'Long tail', xAxis: cut, itemStyle: { color: 'rgba(213,94,0,0.08)' }, label: { color: RECOVERY_COLOR, formatter: `Long tail\n${fmt.count(bands.longTail)} customers` } },
              { xAxis: 1 },
            ],
          ] as [object, object][],
        }
      : undefined;
  return {
    grid: grid({ left: 64, bottom: 60 }),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => fmt.share(Number(v)),
    },
    xAxis: {
      type: 'value',
      name: 'Share of customers, largest first',
      nameLocation: 'middle',
      nameGap: 32,
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => fmt.share(v, 0) },
    },
    yAxis: {
      type: 'value',
      name: `Share of ${spanOf(windowDays).revenue}`,
      nameLocation: 'middle',
      nameGap: 48,
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => fmt.share(v, 0) },
    },
    series: [
      {
        type: 'line',
        name: 'Cumulative revenue',
        showSymbol: false,
        data: points.map((p) => [p.customerShare, p.revenueShare]),
        areaStyle: { opacity: 0.15 },
        markLine: {
          symbol: 'none',
          lineStyle: { color: MARK_COLOR, type: 'dashed' },
          label: { formatter: `Strategic: ${fmt.share(strategicShare, 0)} of revenue`, position: 'insideEndTop' },
          data: [{ yAxis: strategicShare }],
        },
        ...(markArea ? { markArea } : {}),
      },
    ],
  };
}

/** Leakage per key (territory, rep, category...) as recovery + growth stacked bars, largest first. */
/** Every row is the customers without one (no rep or territory in the data): a chart of one '(none)' bar says nothing. */
export const onlyUnassigned = (rows: readonly LeakageRow[]): boolean => rows.length > 0 && rows.every((r) => r.key === NONE_KEY);

/** The one key all the leakage sits in (a file with one category), where a lone bar would say nothing; null otherwise. */
export const singleKey = (rows: readonly LeakageRow[]): LeakageRow | null => (rows.length === 1 ? rows[0] : null);

/** Bars a leakage breakdown draws at most: the largest, so the labels stay readable. */
export const LEAKAGE_BARS = 12;

/** A breakdown panel's title, saying when the bars are only the largest of more (17 categories, 12 bars). */
export function leakageBarsTitle(dimension: string, rows: readonly LeakageRow[], limit = LEAKAGE_BARS): string {
  return rows.length > limit ? `Leakage by ${dimension}: the ${limit} largest of ${rows.length}` : `Leakage by ${dimension}`;
}

export function leakageBarsOption(rows: readonly LeakageRow[], dimension: string, fmt: ChartFormat, limit = LEAKAGE_BARS, windowDays?: number | LeakageSpan): EChartsOption {
  const top = [...rows].sort((a, b) => b.total - a.total).slice(0, limit).reverse();
  const span = spanOf(windowDays);
  // A spend table has no dates, so no recovery: a "Revenue at risk" key over bars that cannot hold any misleads.
  const series = [
    ...(span.dated ? [{ type: 'bar' as const, name: 'Revenue at risk', stack: 'leak', color: RECOVERY_COLOR, data: top.map((r) => r.recovery) }] : []),
    { type: 'bar' as const, name: 'Growth potential', stack: 'leak', color: GROWTH_COLOR, data: top.map((r) => r.growth) },
  ];
  return {
    grid: grid({ left: 140, bottom: 48, top: 36 }),
    legend: { top: 0, data: series.map((x) => x.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // Headed by the row's name as its axis label gives it ('No territory', not the stored key).
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as { axisValue: string; seriesName: string; value: number }[];
        const head = tooltipHtml`<b>${leakageKeyLabel(dimension, items[0]?.axisValue ?? '')}</b>`;
        return head + items.map((p) => tooltipHtml`<br/>${p.seriesName}: ${fmt.money(Number(p.value))}`).join('');
      },
    },
    xAxis: {
      type: 'value',
      name: spanWords('Leakage', span.heading, `(${fmt.unit})`),
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) },
    },
    yAxis: {
      // The panel title names the dimension; an axis name here would collide with the legend.
      type: 'category',
      data: top.map((r) => r.key),
      // Labels open the same drill-down as their bars (a small bar is hard to hit).
      triggerEvent: true,
      axisLabel: { formatter: (v: string) => truncate(leakageKeyLabel(dimension, v), 20) },
    },
    series,
  };
}

/** Where the leakage share falls against the 7-30% industry band. */
export function leakageBandOption(leakage: Pick<Leakage, 'share' | 'band' | 'windowDays'>, fmt: ChartFormat, span: LeakageSpan = spanOf(leakage.windowDays)): EChartsOption {
  const max = Math.max(0.4, Math.ceil((leakage.share * 1.2) / 0.1) * 0.1);
  return {
    grid: { left: 16, right: 24, top: 28, bottom: 36 },
    xAxis: { type: 'value', min: 0, max, axisLabel: { formatter: (v: number) => fmt.share(v, 0) }, name: `Leakage as a share of ${span.revenue}`, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: ['This client'], show: false },
    series: [
      {
        type: 'bar',
        name: 'Leakage share',
        data: [leakage.share],
        barWidth: 18,
        color: RECOVERY_COLOR,
        label: { show: true, position: 'right', formatter: () => fmt.share(leakage.share) },
        markArea: {
          itemStyle: { color: 'rgba(0,158,115,0.18)' },
          label: { show: true, position: 'top', formatter: `Typical B2B band ${fmt.share(leakage.band.low, 0)}–${fmt.share(leakage.band.high, 0)}` },
          data: [[{ xAxis: leakage.band.low }, { xAxis: leakage.band.high }]],
        },
      },
    ],
  };
}
