import type { Formatters } from '../app/format';

/** What the option builders need to label numbers: a subset of the app's formatters, plain functions. */
export type ChartFormat = Pick<Formatters, 'currency' | 'unit' | 'money' | 'moneyCompact' | 'share' | 'count' | 'date'>;

/** Distinguishable in light and dark themes and for common colour blindness (Okabe-Ito first). */
export const PALETTE = [
  '#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D31', '#7F7F7F',
  '#393B79', '#BCBD22', '#17BECF', '#AD494A', '#6B6ECF', '#637939', '#E7BA52',
];

/** What a click on a chart reports (kept here, beside the pure builders, so they can read it). */
export type ChartClick = {
  /** 'series' for a bar, cell or point; 'xAxis' / 'yAxis' for an axis label drawn with triggerEvent. */
  componentType?: string;
  seriesIndex?: number;
  seriesName?: string;
  dataIndex: number;
  name: string;
  value: unknown;
};

export const RECOVERY_COLOR = '#D55E00';
export const GROWTH_COLOR = '#0072B2';
export const MARK_COLOR = '#CC79A7';

export const colorOf = (index: number): string => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** Room for axis names; ECharts' default grid clips long labels. */
export const grid = (extra: { left?: number; right?: number; bottom?: number; top?: number } = {}) => ({
  left: extra.left ?? 72,
  right: extra.right ?? 24,
  top: extra.top ?? 40,
  bottom: extra.bottom ?? 56,
  containLabel: false,
});

export const truncate = (text: string, max = 22): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A label broken at spaces into at most `lines` lines of `width` characters, cut with an ellipsis
 * only past them: a profile's name ("Broad buyers of bags and hearts") reads whole beside its row.
 */
export function wrapLabel(text: string, width = 22, lines = 2): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const word of words) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (joined.length <= width || line === '') {
      line = joined;
      used++;
      continue;
    }
    out.push(line);
    if (out.length === lines) break;
    line = word;
    used++;
  }
  if (out.length < lines && line !== '') out.push(line);
  const shown = out.map((l) => truncate(l, width));
  const last = shown.length - 1;
  const cut = used < words.length || shown[last] !== out[last];
  if (cut && !shown[last].endsWith('…')) shown[last] = shown[last].length < width ? `${shown[last]}…` : `${shown[last].slice(0, width - 1)}…`;
  return shown.join('\n');
}

/**
 * A category axis's labels broken onto more lines within the room left of (or under) the axis: cut
 * to one width, "Paper & Disposables" lost its end on every chart that named categories.
 */
export const categoryAxisLabel = (width: number) => ({
  width,
  overflow: 'break' as const,
  lineHeight: 13,
  formatter: (v: string) => truncate(v, 48),
});

/** Pixels a legend item takes: its 25px key, the gap to its text, the text, and the gap to the next. */
const legendItemWidth = (name: string): number => 25 + 5 + 7 * name.length + 10;

/**
 * The lines a plain (wrapping) legend of these names takes in the given width. An estimate (seven
 * pixels a character, on the wide side), so the plot below it is moved down by at least enough.
 */
export function legendRows(names: readonly string[], width: number): number {
  let rows = names.length > 0 ? 1 : 0;
  let used = 0;
  for (const name of names) {
    const item = legendItemWidth(name);
    if (used > 0 && used + item > width) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}

/** The height of one line of a wrapping legend: its 14px key and text, and the 10px gap below. */
export const LEGEND_ROW = 24;

/** Tooltip formatters get one item or a list (axis trigger); this reads the first either way. */
export function firstItem<V>(params: unknown): { seriesName: string; dataIndex: number; value: V } {
  const item = (Array.isArray(params) ? params[0] : params) as { seriesName?: string; dataIndex?: number; value?: unknown };
  return { seriesName: item.seriesName ?? '', dataIndex: item.dataIndex ?? 0, value: item.value as V };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Data as text inside tooltip markup: a customer or category named `<img onerror=...>` stays text. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * The one way chart code writes tooltip HTML: the template's own text is markup, every
 * interpolated value is escaped. ECharts inserts a formatter's string as HTML, so a name from
 * the data must never reach it any other way. (Axis labels, legends and default tooltips are
 * drawn on the canvas or escaped by ECharts itself.)
 */
export function tooltipHtml(markup: TemplateStringsArray, ...values: unknown[]): string {
  return markup.reduce((out, part, i) => out + part + (i < values.length ? escapeHtml(values[i]) : ''), '');
}
