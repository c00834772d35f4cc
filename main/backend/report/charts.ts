import * as echarts from 'echarts';
import type { LeakageRow, ParetoPoint } from '../../../shared/model/results';
import { formatMoneyCompact } from '../../../shared/format/numbers';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { spanWords, type LeakageSpan } from '../../../shared/format/leakage-span';

type Option = echarts.EChartsCoreOption;

const RECOVERY_COLOR = '#c2410c';
const GROWTH_COLOR = '#1d4ed8';
const BAND_COLOR = 'rgba(22, 163, 74, 0.14)';

/**
 * Renders a chart to an <img> data URI. The report must open offline and must not run anything,
 * so charts go in as SVG images: a browser never runs script inside an <img>, whatever the labels hold.
 */
export function renderChart(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'Helvetica, Arial, sans-serif' }, ...option });
    const svg = chart.renderToSVGString();
    return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  } finally {
    chart.dispose();
  }
}

const pct = (v: number): string => `${Math.round(v * 1000) / 10}%`;

/**
 * Leakage share of one or more clients as bars, with the 7-30% industry band shaded behind them
 * (none where the share is not read against it). `axis` names what the share is of.
 */
export function leakageBandOption(
  bars: { label: string; recoveryShare: number; growthShare: number }[],
  band: { low: number; high: number } | null,
  axis = 'Leakage as a share of 12-month revenue',
): Option {
  const top = Math.max((band?.high ?? 0) * 1.2, ...bars.map((b) => (b.recoveryShare + b.growthShare) * 1.1), 0.05);
  return {
    // Room between the legend and the plot for the band's label, which no bar can then cover.
    grid: { left: 110, right: 30, top: 50, bottom: 44 },
    legend: { top: 0, data: ['Recovery', 'Growth'] },
    xAxis: { type: 'value', max: Math.ceil(top * 20) / 20, name: axis, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label) },
    series: [
      {
        name: 'Recovery',
        type: 'bar',
        stack: 'leakage',
        itemStyle: { color: RECOVERY_COLOR },
        data: bars.map((b) => b.recoveryShare),
        ...(band
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: BAND_COLOR },
                label: { formatter: `Industry band ${pct(band.low)}-${pct(band.high)}`, position: 'top', color: '#166534', textBorderWidth: 0 },
                data: [[{ xAxis: band.low }, { xAxis: band.high }]],
              },
            }
          : {}),
      },
      { name: 'Growth', type: 'bar', stack: 'leakage', itemStyle: { color: GROWTH_COLOR }, data: bars.map((b) => b.growthShare) },
    ],
  };
}

/** Characters of a bar label's line in the 140 pixels left of the axis. */
const LABEL_WIDTH = 22;
const LABEL_LINES = 3;
const LINE_HEIGHT = 13;

/**
 * A bar's name broken at spaces onto at most three lines, cut with an ellipsis only past them: one
 * line cut at 140 pixels had left every long profile name reading "Frozen + Dry Goods he…".
 */
export function wrapLabel(text: string, width = LABEL_WIDTH, lines = LABEL_LINES): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let rest = word; rest !== ''; ) {
      const joined = line === '' ? rest : `${line} ${rest}`;
      if (joined.length <= width) {
        line = joined;
        rest = '';
      } else if (line === '') {
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      } else {
        out.push(line);
        line = '';
      }
    }
  }
  if (line !== '') out.push(line);
  if (out.length <= lines) return out.join('\n');
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1].slice(0, width - 1)}…`;
  return kept.join('\n');
}

/** Pixels a breakdown chart needs for these labels: a row per bar, taller where its name wraps. */
export function breakdownHeight(labels: readonly string[]): number {
  return 60 + labels.reduce((sum, l) => sum + Math.max(26, wrapLabel(l).split('\n').length * LINE_HEIGHT + 10), 0);
}

/** What an axis of amounts counts in: the currency, or purchases for a purchase log. */
const unitOf = (currency: string): string => (currency === PURCHASE_UNITS ? 'purchases' : currency);

/** Recovery and growth money per key of one breakdown, largest first. */
export function leakageBreakdownOption(rows: LeakageRow[], currency: string, span: LeakageSpan, limit = 12, label: (key: string) => string = (key) => key): Option {
  const shown = [...rows].sort((a, b) => b.total - a.total).slice(0, limit);
  return {
    grid: { left: 150, right: 30, top: 30, bottom: 48 },
    legend: { top: 0, data: ['Recovery', 'Growth'] },
    xAxis: { type: 'value', name: `${spanWords('Leakage', span.per)} (${unitOf(currency)})`, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => formatMoneyCompact(v, currency) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => wrapLabel(label(r.key))),
      axisLabel: { width: 140, lineHeight: LINE_HEIGHT },
    },
    series: [
      { name: 'Recovery', type: 'bar', stack: 'leakage', itemStyle: { color: RECOVERY_COLOR }, data: shown.map((r) => r.recovery) },
      { name: 'Growth', type: 'bar', stack: 'leakage', itemStyle: { color: GROWTH_COLOR }, data: shown.map((r) => r.growth) },
    ],
  };
}

/** Cumulative revenue share against cumulative customer share. */
export function paretoOption(points: ParetoPoint[], span: LeakageSpan): Option {
  return {
    grid: { left: 70, right: 30, top: 20, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'Share of customers, largest first', nameLocation: 'middle', nameGap: 25, axisLabel: { formatter: pct } },
    yAxis: { type: 'value', min: 0, max: 1, name: `Share of ${span.revenue}`, nameLocation: 'middle', nameGap: 48, axisLabel: { formatter: pct } },
    series: [
      {
        type: 'line',
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: points.map((p) => [p.customerShare, p.revenueShare]),
      },
    ],
  };
}
