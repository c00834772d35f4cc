import type { EChartsOption } from 'echarts';
import type { PortfolioRow } from '../../../../shared/contract';
import { GROWTH_COLOR, RECOVERY_COLOR, grid, truncate, type ChartClick, type ChartFormat } from '../../charts/common';

const BAND_FILL = 'rgba(0, 158, 115, 0.14)';
const GROWTH_ALONE_COLOR = '#9AA5B1';
const GROWTH_ALONE_SHORT = 'growth alone (no dates)';

const usable = (rows: readonly PortfolioRow[]): PortfolioRow[] => rows.filter((r) => r.status === 'ok');

/** Leakage share per client as bars, the 7-30% industry band shaded behind them. */
export function leakageShareOption(rows: readonly PortfolioRow[], band: { low: number; high: number }, fmt: Pick<ChartFormat, 'share'>): EChartsOption {
  const shown = usable(rows);
  const top = Math.max(band.high * 1.15, ...shown.map((r) => (r.leakageShare ?? 0) * 1.1));
  return {
    grid: grid({ left: 140, bottom: 48 }),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.share(Number(v)) },
    xAxis: { type: 'value', max: Math.ceil(top * 20) / 20, axisLabel: { formatter: (v: number) => fmt.share(v, 0) }, name: 'Leakage as a share of 12-month revenue', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', inverse: true, triggerEvent: true, data: shown.map((r) => truncate(r.label)) },
    series: [
      {
        name: 'Leakage share',
        cursor: 'pointer',
        type: 'bar',
        data: shown.map((r) =>
          r.growthOnly
            ? // Growth alone (a spend table) is not read against the band: grey, and said on the bar.
              { value: r.leakageShare ?? 0, itemStyle: { color: GROWTH_ALONE_COLOR }, label: { formatter: `${fmt.share(r.leakageShare ?? 0)}, ${GROWTH_ALONE_SHORT}` } }
            : { value: r.leakageShare ?? 0, itemStyle: { color: r.band === 'within' ? '#009E73' : r.band === 'above' ? RECOVERY_COLOR : GROWTH_COLOR } },
        ),
        label: { show: true, position: 'right', formatter: (p) => fmt.share(Number(p.value)) },
        markArea: {
          silent: true,
          itemStyle: { color: BAND_FILL },
          label: { formatter: `Industry band ${fmt.share(band.low, 0)}–${fmt.share(band.high, 0)}`, position: 'top', color: '#007a5a', textBorderWidth: 0 },
          data: [[{ xAxis: band.low }, { xAxis: band.high }]],
        },
      },
    ],
  };
}

/** Recovery vs growth as a stacked share of each client's revenue, so clients of any size compare. */
export function recoveryGrowthOption(rows: readonly PortfolioRow[], fmt: Pick<ChartFormat, 'share'>): EChartsOption {
  const shown = usable(rows);
  return {
    grid: grid({ left: 140, bottom: 48 }),
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.share(Number(v)) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.share(v, 0) }, name: 'Share of 12-month revenue', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', inverse: true, triggerEvent: true, data: shown.map((r) => truncate(r.label)) },
    series: [
      { name: 'Recovery', type: 'bar', stack: 'leakage', cursor: 'pointer', itemStyle: { color: RECOVERY_COLOR }, data: shown.map((r) => r.recoveryShare ?? 0) },
      { name: 'Growth', type: 'bar', stack: 'leakage', cursor: 'pointer', itemStyle: { color: GROWTH_COLOR }, data: shown.map((r) => r.growthShare ?? 0) },
    ],
  };
}

/** Chart height that gives every client a readable bar. */
export const chartHeight = (rows: readonly PortfolioRow[]): number => 100 + Math.max(1, usable(rows).length) * 34;

/**
 * The client a click on either chart names: a bar by its position among the analysed clients, a
 * name on the axis by its (shortened) label, the first such client when two share one.
 */
export function clickedClient(rows: readonly PortfolioRow[], e: ChartClick): PortfolioRow | null {
  const shown = usable(rows);
  if (e.componentType === 'yAxis') return shown.find((r) => truncate(r.label) === e.value) ?? null;
  return e.componentType === 'series' ? (shown[e.dataIndex] ?? null) : null;
}
