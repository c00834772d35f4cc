/** The pure half of DataTable: sorting, filtering, windowing and TSV, kept apart so it is unit-tested. */
export type CellValue = string | number | null;

export type Column<T> = {
  id: string;
  label: string;
  /** What the column means, shown on hover over its header. */
  title?: string;
  /** The raw value: sorted on, and copied as TSV. */
  value: (row: T) => CellValue;
  /** What to sort on where the raw value alone would mislead (amounts in different currencies). */
  sortValue?: (row: T) => CellValue;
  /** How the value reads in the cell (money, dates...); defaults to the raw value. */
  format?: (value: CellValue, row: T) => string;
  align?: 'left' | 'right';
  /** CSS width, e.g. '8rem' or '2fr'. */
  width?: string;
};

export type SortState = { column: string; dir: 'asc' | 'desc' } | null;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  // Blanks sort last either way: an empty cell is never the answer someone sorts for.
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState): T[] {
  const column = sort && columns.find((c) => c.id === sort.column);
  if (!sort || !column) return rows.slice();
  const sign = sort.dir === 'asc' ? 1 : -1;
  const key = column.sortValue ?? column.value;
  const keyed = rows.map((row, i) => ({ row, i, v: key(row) }));
  keyed.sort((x, y) => {
    if (x.v === null || y.v === null) return compareCells(x.v, y.v) || x.i - y.i;
    return sign * compareCells(x.v, y.v) || x.i - y.i;
  });
  return keyed.map((k) => k.row);
}

export const cellText = <T>(column: Column<T>, row: T): string => {
  const v = column.value(row);
  return column.format ? column.format(v, row) : v === null ? '' : String(v);
};

/** Rows where every word of the query appears in some cell (as shown or raw), case-insensitive. */
/** `also`: text a row is found by that no column shows (an action's customer code). */
export function filterRows<T>(rows: readonly T[], columns: readonly Column<T>[], query: string, also?: (row: T) => string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows.slice();
  return rows.filter((row) => {
    const text = `${columns.map((c) => `${cellText(c, row)}\u0000${c.value(row) ?? ''}`).join('\u0000')}\u0000${also?.(row) ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

const tsvCell = (v: CellValue): string => (v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' '));

/** Tab-separated, header first: pastes straight into a spreadsheet, numbers stay numbers. */
export const toTsv = <T>(rows: readonly T[], columns: readonly Column<T>[]): string =>
  [columns.map((c) => tsvCell(c.label)).join('\t'), ...rows.map((r) => columns.map((c) => tsvCell(c.value(r))).join('\t'))].join('\n');

/** Which rows to render for a scroll position: the visible ones plus a margin. */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** A column's width once the user has dragged it, in pixels; the narrowest a drag may make it. */
export type ColumnWidths = Record<string, number>;
export const MIN_COLUMN_WIDTH = 48;

/**
 * The least a share-of-the-rest column (fr) is given, in rem: room for about ten characters of a
 * name at 2fr and more, four at the narrowest. Without it, a laptop's 1280 pixels cut customer
 * names to "Copper K…" and reps to one letter; with it, a table too wide for the window scrolls sideways.
 */
export const frFloorRem = (fr: number): number => Math.min(10, Math.max(4, fr * 5));

/** One column's track: a dragged width, a fixed width as declared, or a share of the rest above its floor. */
const track = <T>(c: Column<T>, widths: ColumnWidths): string => {
  if (widths[c.id] !== undefined) return `${Math.max(MIN_COLUMN_WIDTH, widths[c.id])}px`;
  const width = c.width ?? '1fr';
  const fr = /^([\d.]+)fr$/.exec(width);
  return fr ? `minmax(${frFloorRem(Number(fr[1]))}rem, ${width})` : width;
};

/** The CSS grid template of the columns shown: dragged widths win over the declared ones. */
export const gridTemplate = <T>(columns: readonly Column<T>[], widths: ColumnWidths, lead: string | null = null): string =>
  [...(lead ? [lead] : []), ...columns.map((c) => track(c, widths))].join(' ');

/** The width the columns need at the least (a CSS length): the table's rows are held to it, so a narrower window scrolls them sideways. */
export function gridFloor<T>(columns: readonly Column<T>[], widths: ColumnWidths, lead: string | null = null): string {
  let rem = 0;
  let px = 0;
  const add = (length: string) => {
    const m = /^([\d.]+)(rem|px|fr)$/.exec(length);
    if (!m) rem += frFloorRem(1);
    else if (m[2] === 'px') px += Number(m[1]);
    else if (m[2] === 'rem') rem += Number(m[1]);
    else rem += frFloorRem(Number(m[1]));
  };
  if (lead) add(lead);
  for (const c of columns) {
    if (widths[c.id] !== undefined) px += Math.max(MIN_COLUMN_WIDTH, widths[c.id]);
    else add(c.width ?? '1fr');
  }
  return `calc(${Number(rem.toFixed(2))}rem + ${Math.round(px)}px)`;
}

/** Where a row starts when one row (expandedIndex) is taller by `extra` pixels than the rest. */
export const rowTop = (index: number, rowHeight: number, expandedIndex: number, extra: number): number =>
  index * rowHeight + (expandedIndex >= 0 && index > expandedIndex ? extra : 0);

/** What the row count says: matches of a filter, and when the rows are a capped page, of how many and why. */
export function rowCountText(shown: number, loaded: number, total: number | undefined, capNote: string | undefined): string {
  const n = (v: number) => v.toLocaleString();
  const rowsWord = (v: number) => (v === 1 ? 'row' : 'rows');
  const filtered = shown === loaded ? `${n(loaded)} ${rowsWord(loaded)}` : `${n(shown)} of ${n(loaded)} ${rowsWord(loaded)}`;
  if (total === undefined || total <= loaded) return filtered;
  return `${filtered} loaded of ${n(total)}${capNote ? `: ${capNote}` : ''}`;
}

/**
 * Per-table view kept in the browser's storage under the workspace and the table's label: hidden
 * columns, dragged widths, and the sort and filter when they differ from the table's defaults.
 */
export type TableView = { hidden: string[]; widths: ColumnWidths; sort?: SortState; query?: string };

export const EMPTY_VIEW: TableView = { hidden: [], widths: {} };

export function parseView(text: string | null): TableView {
  if (!text) return { hidden: [], widths: {} };
  try {
    const v = JSON.parse(text) as Partial<TableView>;
    const hidden = Array.isArray(v.hidden) ? v.hidden.filter((h): h is string => typeof h === 'string') : [];
    const widths: ColumnWidths = {};
    if (v.widths && typeof v.widths === 'object') for (const [k, w] of Object.entries(v.widths)) if (typeof w === 'number' && Number.isFinite(w)) widths[k] = w;
    const view: TableView = { hidden, widths };
    const sort = v.sort as { column?: unknown; dir?: unknown } | null | undefined;
    if (sort === null) view.sort = null;
    else if (sort && typeof sort.column === 'string' && (sort.dir === 'asc' || sort.dir === 'desc')) view.sort = { column: sort.column, dir: sort.dir };
    if (typeof v.query === 'string' && v.query !== '') view.query = v.query;
    return view;
  } catch {
    return { hidden: [], widths: {} };
  }
}

/** Whether a view holds anything to keep: an empty one is removed from storage, not written. */
export const isDefaultView = (v: TableView): boolean => v.hidden.length === 0 && Object.keys(v.widths).length === 0 && v.sort === undefined && v.query === undefined;
