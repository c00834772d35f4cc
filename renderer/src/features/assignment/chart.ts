import type { EChartsOption } from 'echarts';
import type { RepLoad } from '../../../../shared/contract/assignment';
import { GROWTH_COLOR, RECOVERY_COLOR, firstItem, grid, tooltipHtml, truncate, type ChartClick, type ChartFormat } from '../../charts/common';

const CAPACITY_COLOR = '#7F7F7F';
const LONG_TAIL_COLOR = '#009E73';
const KEPT_COLOR = '#8C6D31';
/** The growth line is drawn on top of recovery, so its height is the two together: the legend says so. */
const GROWTH_STACKED = 'Growth (stacked on recovery)';

/**
 * The top of the accounts axis when one capacity dwarfs every load (a rep at 1,000,000 had flattened
 * every other rep's bars to nothing): a little above the busiest load or ordinary capacity, or null
 * to let the axis fit everything. A capacity is an outlier past five times the larger of the busiest
 * load and the median capacity, so an inside rep's 150 beside outside reps' 40 is still drawn whole.
 */
export function accountsAxisCap(reps: readonly RepLoad[]): number | null {
  if (reps.length === 0) return null;
  const busiest = Math.max(...reps.map((r) => r.accounts));
  const capacities = reps.map((r) => r.capacity).sort((a, b) => a - b);
  const median = capacities[Math.floor((capacities.length - 1) / 2)];
  const limit = 5 * Math.max(busiest, median, 1);
  if (capacities[capacities.length - 1] <= limit) return null;
  const ordinary = Math.max(busiest, ...capacities.filter((c) => c <= limit), 1) * 1.15;
  // A round top (200, not 207), so the last tick is not crowded by the axis' own end.
  const step = 10 ** Math.floor(Math.log10(ordinary)) / 2;
  return Math.max(1, Math.ceil(ordinary / step) * step);
}

/**
 * Per rep: accounts given against capacity (stacked bars: long-tail work, then strategic accounts
 * kept; capacity drawn behind) and the expected revenue of those accounts (recovery + growth,
 * stacked on a second axis). Reps in the order given.
 */
export function repLoadOption(reps: readonly RepLoad[], fmt: ChartFormat, strategicUsesCapacity = false): EChartsOption {
  const names = reps.map((r) => r.rep);
  const using = (r: RepLoad) => (strategicUsesCapacity ? r.accounts : r.accounts - r.keptAccounts);
  const cap = accountsAxisCap(reps);
  return {
    grid: grid({ left: 64, right: 80, bottom: 96, top: 48 }),
    legend: { top: 0, data: ['Capacity', 'Long-tail accounts', 'Strategic kept', 'Recovery', GROWTH_STACKED] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const rep = reps[firstItem(params).dataIndex];
        if (!rep) return '';
        return [
          tooltipHtml`<strong>${rep.rep}</strong> (${rep.kind}${rep.territory ? `, ${rep.territory}` : ''}${rep.active === false ? ', inactive' : ''})`,
          `Accounts: ${fmt.count(rep.accounts)} (${fmt.count(rep.keptAccounts)} strategic kept)`,
          `Capacity: ${fmt.count(using(rep))} of ${fmt.count(rep.capacity)} used (${fmt.share(rep.capacityUse, 0)})`,
          `Expected revenue: ${fmt.money(rep.expectedRevenue)}`,
          `Recovery ${fmt.money(rep.recovery)} · Growth ${fmt.money(rep.growth)}`,
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      triggerEvent: true,
      axisLabel: { rotate: 35, interval: 0, formatter: (v: string) => truncate(v, 18) },
    },
    yAxis: [
      { type: 'value', name: 'Accounts', nameLocation: 'middle', nameGap: 44, minInterval: 1, ...(cap === null ? {} : { max: cap }) },
      {
        type: 'value',
        name: `Expected revenue (${fmt.unit})`,
        nameLocation: 'middle',
        nameGap: 64,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: 'Capacity',
        yAxisIndex: 0,
        // A capacity past the axis is drawn to its top, broken off, with its figure written on it.
        data: reps.map((r) =>
          cap !== null && r.capacity > cap
            ? {
                value: cap,
                itemStyle: { borderType: 'dotted' as const },
                label: { show: true, position: 'insideTop' as const, color: CAPACITY_COLOR, fontWeight: 'bold' as const, formatter: `capacity ${fmt.count(r.capacity)} ↑` },
              }
            : r.capacity,
        ),
        // An outline drawn over the accounts: a filled bar behind them vanished wherever a rep was full.
        itemStyle: { color: 'rgba(127, 127, 127, 0.08)', borderColor: CAPACITY_COLOR, borderWidth: 2, borderType: 'dashed' },
        barWidth: '40%',
        barGap: '-100%',
        z: 3,
      },
      {
        type: 'bar',
        name: 'Long-tail accounts',
        yAxisIndex: 0,
        stack: 'accounts',
        // The legend takes the series colour; a rep over capacity is drawn in the warning colour.
        color: LONG_TAIL_COLOR,
        barWidth: '40%',
        data: reps.map((r) => ({
          value: r.accounts - r.keptAccounts,
          itemStyle: { color: using(r) > r.capacity ? RECOVERY_COLOR : LONG_TAIL_COLOR },
        })),
        z: 2,
      },
      { type: 'bar', name: 'Strategic kept', yAxisIndex: 0, stack: 'accounts', barWidth: '40%', data: reps.map((r) => r.keptAccounts), color: KEPT_COLOR, z: 2 },
      // Markers on each rep, no line between them: reps are no series in time, and a line from one
      // rep to the next read as a trend (filled areas had also tinted the account bars).
      { type: 'line', name: 'Recovery', yAxisIndex: 1, stack: 'value', showSymbol: true, symbol: 'circle', symbolSize: 13, lineStyle: { width: 0 }, data: reps.map((r) => r.recovery), color: RECOVERY_COLOR, z: 4 },
      { type: 'line', name: GROWTH_STACKED, yAxisIndex: 1, stack: 'value', showSymbol: true, symbol: 'diamond', symbolSize: 9, lineStyle: { width: 0 }, data: reps.map((r) => r.growth), color: GROWTH_COLOR, z: 4 },
    ],
  };
}

/** The rep a click on the chart names: any of its bars or points, or its axis label. */
export function clickedRep(e: ChartClick, reps: readonly RepLoad[]): string | null {
  if (e.componentType === 'xAxis') return typeof e.value === 'string' ? e.value : null;
  return reps[e.dataIndex]?.rep ?? null;
}
