import type { EChartsOption, ScatterSeriesOption } from 'echarts';
import type { KQuality, ProfileResult } from '../../../shared/model/results';
import { LEGEND_ROW, MARK_COLOR, categoryAxisLabel, colorOf, firstItem, grid, legendRows, tooltipHtml, truncate, wrapLabel, type ChartFormat } from './common';

const PREVIEW_COLOR = '#E69F00';

/**
 * A mark's label is centred on its line, so at the first k it ran left over the y-axis ticks and at
 * the last k past the plot's right edge: there it starts, or ends, at the line instead.
 */
const edgeAlign = (k: number, ks: readonly number[]): { align?: 'left' | 'right' } =>
  k === ks[0] ? { align: 'left' } : k === ks[ks.length - 1] ? { align: 'right' } : {};

const kMarks = (ks: readonly number[], chosenK: number, suggestedK: number, previewK: number | null) => ({
  symbol: 'none',
  label: { position: 'end' as const, distance: 4 },
  data: [
    { xAxis: String(chosenK), name: 'chosen', lineStyle: { color: MARK_COLOR, width: 2 }, label: { formatter: `chosen k = ${chosenK}`, ...edgeAlign(chosenK, ks) } },
    ...(suggestedK !== chosenK && suggestedK !== previewK
      ? [{ xAxis: String(suggestedK), name: 'suggested', lineStyle: { color: '#009E73', type: 'dashed' as const }, label: { formatter: `suggested k = ${suggestedK}`, position: 'end' as const, distance: 18, ...edgeAlign(suggestedK, ks) } }]
      : []),
    ...(previewK !== null && previewK !== chosenK
      ? [{ xAxis: String(previewK), name: 'preview', lineStyle: { color: PREVIEW_COLOR, width: 2, type: 'dotted' as const }, label: { formatter: `preview k = ${previewK}`, position: 'end' as const, distance: 32, ...edgeAlign(previewK, ks) } }]
      : []),
  ],
});

function qualityOption(
  quality: readonly KQuality[],
  chosenK: number,
  suggestedK: number,
  metric: 'sse' | 'silhouette',
  yName: string,
  yFormat: (v: number) => string,
  previewK: number | null,
): EChartsOption {
  const sorted = [...quality].sort((a, b) => a.k - b.k);
  return {
    // Redrawn when k changes: the new mark should be there at once.
    animation: false,
    grid: grid({ left: 72, top: 60 }),
    tooltip: { trigger: 'axis', valueFormatter: (v) => yFormat(Number(v)) },
    xAxis: { type: 'category', name: 'Number of profiles (k)', nameLocation: 'middle', nameGap: 30, data: sorted.map((q) => String(q.k)) },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 54, scale: true, axisLabel: { formatter: yFormat } },
    series: [
      {
        type: 'line',
        name: yName,
        data: sorted.map((q) => ({
          value: q[metric],
          symbolSize: q.k === chosenK || q.k === previewK ? 14 : 7,
          itemStyle: q.k === chosenK ? { color: MARK_COLOR } : q.k === previewK ? { color: PREVIEW_COLOR } : undefined,
        })),
        markLine: kMarks(sorted.map((q) => q.k), chosenK, suggestedK, previewK),
      },
    ],
  };
}

/** Within-cluster error by k: the bend (elbow) is where more profiles stop paying off. */
export const elbowOption = (quality: readonly KQuality[], chosenK: number, suggestedK: number, previewK: number | null = null): EChartsOption =>
  qualityOption(quality, chosenK, suggestedK, 'sse', 'Within-profile error (SSE)', (v) => new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 }).format(v), previewK);

/** The silhouette chart in words, its reference point included (the chart's accessible name). */
export function silhouetteLabel(quality: readonly KQuality[], chosenK: number, suggestedK: number): string {
  const measured = quality.find((q) => q.reference !== undefined);
  const cloud = measured ? `; a cloud with the same spread and no groups, cut into ${measured.k}, scores ${(measured.reference as number).toFixed(2)}` : '';
  return `Mean silhouette for each k; chosen k ${chosenK}, suggested ${suggestedK}${cloud}`;
}

/** The series name of the silhouette chart's reference point. */
export const REFERENCE_NAME = 'A cloud with the same spread and no groups';

/**
 * Mean silhouette by k: higher means customers sit clearly inside one profile. Three decimals, so
 * ticks 0.005 apart (weak structure) never read alike. Where the sweep measured it, the same split
 * of a cloud with no groups stands beside it: the gap between the two is the pattern.
 */
export function silhouetteOption(quality: readonly KQuality[], chosenK: number, suggestedK: number, previewK: number | null = null): EChartsOption {
  const three = (v: number): string => String(Number(v.toFixed(3)));
  const option = qualityOption(quality, chosenK, suggestedK, 'silhouette', 'Mean silhouette', three, previewK);
  const sorted = [...quality].sort((a, b) => a.k - b.k);
  if (!sorted.some((q) => q.reference !== undefined)) return option;
  const series = option.series as object[];
  return {
    ...option,
    legend: { top: 0, left: 'center', data: ['Mean silhouette', REFERENCE_NAME] },
    grid: grid({ left: 72, top: 72 }),
    series: [
      ...series,
      {
        type: 'scatter',
        name: REFERENCE_NAME,
        symbol: 'diamond',
        symbolSize: 13,
        itemStyle: { color: '#999999' },
        data: sorted.map((q) => q.reference ?? null),
      },
    ],
  };
}

/** Columns the heatmap shows at once: more and the labels no longer fit under their cells. */
export const HEATMAP_PAGE = 12;

/**
 * Categories in the order that tells profiles apart: by the largest value any profile has, so the
 * first page holds what the profiles are about, whatever the catalogue's size.
 */
export function rankCategories(profiles: readonly ProfileResult[], categories: readonly string[], measure: 'mix' | 'penetration'): number[] {
  const top = categories.map((_, c) => Math.max(0, ...profiles.map((p) => p[measure][c] ?? 0)));
  return categories.map((_, c) => c).sort((a, b) => top[b] - top[a] || (categories[a] < categories[b] ? -1 : 1));
}

/**
 * A profile's name beside its heatmap row: wrapped onto as many as three lines rather than cut, as
 * a name of four categories ("Bakery + Coffee & Tea + Dairy + Paper & Disposables heavy") needs.
 */
const rowLabel = (p: Pick<ProfileResult, 'id' | 'label'>): string => wrapLabel(`${p.id}. ${p.label}`, 32, 3);

/** Room under the heatmap for its category names: slanted when more than six columns share the width. */
const columnLabelRoom = (columns: number): number => (columns > 6 ? 100 : 64);

/** The heatmap's height: each row as tall as the longest profile name beside it needs. */
export function profileHeatmapHeight(profiles: readonly Pick<ProfileResult, 'id' | 'label'>[], categoryCount: number): number {
  const lines = Math.max(1, ...profiles.map((p) => rowLabel(p).split('\n').length));
  const row = Math.max(34, 14 * lines + 8);
  return Math.max(220, 40 + row * profiles.length + columnLabelRoom(Math.min(HEATMAP_PAGE, categoryCount)));
}

/** Profiles x categories: each cell the profile's typical share of spend (or penetration); one page of columns. */
export function profileHeatmapOption(
  profiles: readonly ProfileResult[],
  categories: readonly string[],
  measure: 'mix' | 'penetration',
  fmt: ChartFormat,
  page: { offset: number; size: number } = { offset: 0, size: HEATMAP_PAGE },
): EChartsOption {
  const shown = rankCategories(profiles, categories, measure).slice(page.offset, page.offset + page.size);
  const names = shown.map((c) => categories[c]);
  const data: [number, number, number][] = [];
  profiles.forEach((p, y) => shown.forEach((c, x) => data.push([x, y, p[measure][c] ?? 0])));
  // One colour scale for every page, so a cell reads the same on page 1 and page 3.
  const max = measure === 'penetration' ? 1 : Math.max(0.01, ...profiles.flatMap((p) => p.mix));
  // Labels get the cell's width: horizontal when few columns fit, slanted otherwise; either way
  // broken onto more lines, not cut.
  const slant = names.length > 6;
  return {
    grid: grid({ left: 240, bottom: columnLabelRoom(names.length), top: 16, right: 90 }),
    tooltip: {
      formatter: (p) => {
        const [x, y, v] = firstItem<[number, number, number]>(p).value;
        return tooltipHtml`${profiles[y].label}<br/>${names[x]}: ${fmt.share(v)}${measure === 'mix' ? ' of spend' : ' of best customers buy it'}`;
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { ...categoryAxisLabel(slant ? 110 : 90), rotate: slant ? 35 : 0, interval: 0, hideOverlap: false },
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: profiles.map(rowLabel), axisLabel: { lineHeight: 14 }, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 140,
      formatter: (v) => fmt.share(Number(v), 0),
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [
      {
        type: 'heatmap',
        name: measure === 'mix' ? 'Share of spend' : 'Penetration',
        data,
        label: { show: profiles.length <= 12, formatter: (p) => fmt.share((p.value as number[])[2], 0), fontSize: 10 },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
    ],
  };
}

/** The profile and category of a clicked heatmap cell ([x, y, value] on the given page), or null. */
export function heatmapCell(
  profiles: readonly ProfileResult[],
  categories: readonly string[],
  measure: 'mix' | 'penetration',
  page: { offset: number; size: number },
  value: readonly number[],
): { profile: number; category: string } | null {
  const [x, y] = value;
  const shown = rankCategories(profiles, categories, measure).slice(page.offset, page.offset + page.size);
  const category = shown[x];
  const profile = profiles[y];
  return category === undefined || !profile ? null : { profile: profile.id, category: categories[category] };
}

/** Log-axis bounds at whole powers of ten around the data, so ticks read £100, £1K, £10K... */
export function logBounds(values: readonly number[]): { min: number; max: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return { min: 1, max: 10 };
  const min = 10 ** Math.floor(Math.log10(Math.max(1, lo)));
  const max = Math.max(min * 10, 10 ** Math.ceil(Math.log10(hi)));
  return { min, max };
}

/** One drawn point: revenue, jittered breadth, name, breadth, code (what a click opens). */
type ScatterPoint = [number, number, string, number, string];

/** The customer code of a clicked scatter point, or null when the click was not on a point. */
export function scatterPointCode(value: unknown): string | null {
  return Array.isArray(value) && typeof value[4] === 'string' ? value[4] : null;
}

export type ScatterCustomer = { code: string; name: string; revenue12m: number; breadth: number; profile: number | null };

/**
 * A fixed offset in -0.35..0.35 from the customer code: breadth is a whole number, so without it
 * thousands of customers stack on a few lines and the last profile drawn hides the others.
 * Derived from the code, so the same customer sits in the same place on every render.
 */
export function jitterFor(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return (((h >>> 0) % 1000) / 999 - 0.5) * 0.7;
}

/** The scatter legend's width: about the narrowest its full-width panel gets (a 1280 px window). */
const SCATTER_LEGEND_WIDTH = 960;
const SCATTER_PLOT_HEIGHT = 380;
const scatterName = (p: Pick<ProfileResult, 'id' | 'label'>): string => `${p.id}. ${truncate(p.label, 44)}`;

/** The scatter's height: one more legend line for each the profile names need past the first. */
export function customerScatterHeight(profiles: readonly Pick<ProfileResult, 'id' | 'label'>[]): number {
  return SCATTER_PLOT_HEIGHT + LEGEND_ROW * Math.max(0, legendRows(profiles.map(scatterName), SCATTER_LEGEND_WIDTH) - 1);
}

/**
 * Customers by size (log axis) and breadth, one series per profile. Large mode draws tens of
 * thousands of points in one pass; customers without 12-month revenue cannot sit on a log axis.
 * The legend wraps rather than scrolls: scrolled, the profiles on its second page had no name
 * beside their colour (the README's own screenshot showed "1/2" after six of seven).
 */
export function customerScatterOption(
  customers: readonly ScatterCustomer[],
  profiles: readonly Pick<ProfileResult, 'id' | 'label'>[],
  fmt: ChartFormat,
  /** Another k's profile per customer (null: none), instead of the run's: the k preview. */
  profileAt?: (index: number) => number | null,
): EChartsOption {
  const byProfile = new Map<number, ScatterPoint[]>(profiles.map((p) => [p.id, []]));
  customers.forEach((c, i) => {
    const profile = profileAt ? profileAt(i) : c.profile;
    // Below one unit of money a log axis only adds empty decades: such customers sit at its floor.
    if (profile === null || !(c.revenue12m > 0)) return;
    byProfile.get(profile)?.push([Math.max(1, c.revenue12m), c.breadth + jitterFor(c.code), c.name, c.breadth, c.code]);
  });
  const total = customers.length;
  const series: ScatterSeriesOption[] = profiles.map((p, i) => ({
    type: 'scatter',
    name: scatterName(p),
    color: colorOf(i),
    large: true,
    largeThreshold: 2000,
    symbolSize: total > 5000 ? 3 : 5,
    itemStyle: { opacity: total > 5000 ? 0.45 : 0.7 },
    data: byProfile.get(p.id) ?? [],
  }));
  return {
    grid: grid({ left: 64, bottom: 56, top: 64 + LEGEND_ROW * Math.max(0, legendRows(profiles.map(scatterName), SCATTER_LEGEND_WIDTH) - 1) }),
    legend: { type: 'plain', top: 0, left: 'center', width: SCATTER_LEGEND_WIDTH },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const [rev, , name, breadth] = firstItem<ScatterPoint>(p).value;
        return tooltipHtml`${name}<br/>${fmt.money(rev)} in 12 months · ${breadth} categories<br/>Click to open the customer`;
      },
    },
    xAxis: {
      type: 'log',
      logBase: 10,
      ...logBounds(customers.map((c) => (c.profile === null ? 0 : c.revenue12m))),
      name: `12-month revenue (${fmt.currency}, log scale)`,
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { formatter: (v: number) => fmt.moneyCompact(v) },
    },
    yAxis: { type: 'value', name: 'Categories bought', nameLocation: 'middle', nameGap: 40, minInterval: 1 },
    series,
  };
}
