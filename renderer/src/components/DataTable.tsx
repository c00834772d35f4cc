import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useViewScope, viewKey } from './view-scope';
import {
  EMPTY_VIEW,
  MIN_COLUMN_WIDTH,
  cellText,
  isDefaultView,
  filterRows,
  gridFloor,
  gridTemplate,
  parseView,
  rowCountText,
  rowTop,
  sortRows,
  toTsv,
  visibleWindow,
  type Column,
  type ColumnWidths,
  type SortState,
  type TableView,
} from './table-model';

export type { Column } from './table-model';

type Props<T> = {
  /** Names the table for screen readers and tests, and keys its saved view (hidden columns, widths). */
  label: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  initialSort?: SortState;
  /** Enter or double-click on a row. */
  onActivate?: (row: T) => void;
  /** Extra controls shown beside the filter box. */
  toolbar?: ReactNode;
  height?: number;
  empty?: string;
  /** The full text of a row (e.g. an action's whole reason), opened inside the row with ▸ or Space. */
  detail?: (row: T) => ReactNode;
  /** How many rows exist when `rows` is a capped page of them. */
  total?: number;
  /** Which rows the page holds and where the rest are, said beside the count. */
  capNote?: string;
  /** Pixels the columns need, where their declared widths do not say it; a narrower table scrolls sideways instead of cutting headers. */
  minWidth?: number;
  /** The rows are still on their way: say so, rather than "0 rows" and the empty text. */
  loading?: boolean;
  /**
   * Where `rows` is a page of a longer list, the filter and sort go to the screen too, which loads
   * the page that answers them (useServerQuery). `serverSorts`: the columns it can order the whole list by.
   */
  onQueryChange?: (q: { search: string; sort: SortState }) => void;
  serverSorts?: readonly string[];
  /** Text the filter finds a row by that no column shows (an action's customer code, which the backend's search reads too). */
  searchText?: (row: T) => string;
};

const ROW_HEIGHT = 32;
/** Room an opened row is given before it has been measured. */
const DETAIL_GUESS = 72;
const readView = (key: string) => {
  try {
    return parseView(window.localStorage.getItem(key));
  } catch {
    return parseView(null);
  }
};

/**
 * A windowed table of our own: only visible rows are in the DOM, so tens of thousands scroll
 * smoothly. Columns can be dragged wider or narrower and hidden; one row at a time opens to its full text.
 */
const isBlankCell = (v: unknown): boolean => v === null || v === undefined || v === '';

export function DataTable<T>({ label, columns, rows, rowKey, initialSort = null, onActivate, toolbar, height = 420, empty = 'Nothing to show.', detail, total, capNote, minWidth, loading = false, onQueryChange, serverSorts, searchText }: Props<T>) {
  const storageKey = viewKey('table', useViewScope(), label);
  const waiting = loading && rows.length === 0;
  // New rows on their way over old ones (another profile's members, another filter): the old are
  // dimmed and the count says so, rather than stand under a heading that already names the new.
  const updating = loading && rows.length > 0;
  const [saved] = useState(() => readView(storageKey));
  const [sort, setSort] = useState<SortState>(saved.sort !== undefined ? saved.sort : initialSort);
  const [query, setQuery] = useState(saved.query ?? '');
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const [copied, setCopied] = useState<string | null>(null);
  const [view, setView] = useState<Pick<TableView, 'hidden' | 'widths'>>(() => ({ hidden: saved.hidden, widths: saved.widths }));
  const [expanded, setExpanded] = useState<string | null>(null);
  const [extra, setExtra] = useState(DETAIL_GUESS);
  const body = useRef<HTMLDivElement>(null);
  const openRow = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: string; x: number; width: number } | null>(null);

  // The sort and filter are kept only when they differ from the table's own defaults, so a table
  // whose default order changes in a new version is not held to an old one nobody chose.
  const sameSort = (sort?.column ?? null) === (initialSort?.column ?? null) && (sort?.dir ?? null) === (initialSort?.dir ?? null);
  const kept: TableView = { ...view, ...(sameSort ? {} : { sort }), ...(query ? { query } : {}) };
  const keptText = JSON.stringify(kept);
  useEffect(() => {
    try {
      if (isDefaultView(JSON.parse(keptText) as TableView)) window.localStorage.removeItem(storageKey);
      else window.localStorage.setItem(storageKey, keptText);
    } catch {
      // Storage off (private window): the view lasts for this page only.
    }
  }, [storageKey, keptText]);

  useEffect(() => {
    onQueryChange?.({ search: query, sort });
  }, [onQueryChange, query, sort]);
  const capped = total !== undefined && total > rows.length;
  // Ordered by a column the list cannot be ordered by as a whole: the order is of the page held.
  const pageSorted = capped && sort !== null && onQueryChange !== undefined && !(serverSorts ?? []).includes(sort.column);

  // A column no row fills (Rep and Territory of a file that names none) only takes room from the others.
  const blank = useMemo(() => new Set(columns.filter((c, i) => i > 0 && rows.length > 0 && rows.every((r) => isBlankCell(c.value(r)))).map((c) => c.id)), [columns, rows]);
  // The first column names the row and opens it, so it is never hidden.
  const visible = useMemo(() => columns.filter((c, i) => i === 0 || (!view.hidden.includes(c.id) && !blank.has(c.id))), [columns, view.hidden, blank]);
  const shown = useMemo(() => sortRows(filterRows(rows, columns, query, searchText), columns, sort), [rows, columns, query, sort, searchText]);
  const viewport = height - ROW_HEIGHT;
  const expandedIndex = expanded === null ? -1 : shown.findIndex((r) => rowKey(r) === expanded);
  const extraPx = expandedIndex >= 0 ? extra : 0;
  const { first, last } = visibleWindow(scrollTop, viewport, ROW_HEIGHT, shown.length, 8 + Math.ceil(extraPx / ROW_HEIGHT));
  const template = gridTemplate(visible, view.widths, detail ? '2rem' : null);
  const floor = minWidth ?? gridFloor(visible, view.widths, detail ? '2rem' : null);
  const activeRow = Math.min(active, Math.max(0, shown.length - 1));

  useLayoutEffect(() => {
    const el = openRow.current;
    if (!el) return;
    const measured = el.offsetHeight - ROW_HEIGHT;
    if (measured > 0 && Math.abs(measured - extra) > 1) setExtra(measured);
  }, [expandedIndex, extra, template, first]);

  const toggleSort = (id: string) =>
    setSort((s) => (s?.column === id ? { column: id, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column: id, dir: 'desc' }));

  const toggleOpen = (row: T) => {
    const key = rowKey(row);
    setExpanded((e) => (e === key ? null : key));
  };

  const copy = useCallback(async () => {
    const text = toTsv(shown, visible);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${shown.length.toLocaleString()} rows`);
    } catch {
      setCopied('The clipboard is not available here; select the rows in an export instead.');
    }
  }, [shown, visible]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    const el = body.current;
    if (!el) return;
    const top = rowTop(next, ROW_HEIGHT, expandedIndex, extraPx);
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + viewport) el.scrollTop = top + ROW_HEIGHT - viewport;
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) moveTo(activeRow + moves[e.key]);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(shown.length - 1);
    else if (e.key === 'Enter' && onActivate && shown[activeRow]) onActivate(shown[activeRow]);
    else if (e.key === ' ' && detail && shown[activeRow]) toggleOpen(shown[activeRow]);
    else if ((e.ctrlKey || e.metaKey) && e.key === 'c') void copy();
    else return;
    e.preventDefault();
  };

  const setWidth = (id: string, width: number | null) =>
    setView((v) => {
      const widths: ColumnWidths = { ...v.widths };
      if (width === null) delete widths[id];
      else widths[id] = Math.max(MIN_COLUMN_WIDTH, Math.round(width));
      return { ...v, widths };
    });
  const startDrag = (id: string) => (e: PointerEvent<HTMLSpanElement>) => {
    const cell = e.currentTarget.parentElement;
    if (!cell) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id, x: e.clientX, width: cell.getBoundingClientRect().width };
  };
  const moveDrag = (e: PointerEvent<HTMLSpanElement>) => {
    const d = drag.current;
    if (d) setWidth(d.id, d.width + e.clientX - d.x);
  };
  const endDrag = () => {
    drag.current = null;
  };
  const resizeByKey = (id: string) => (e: KeyboardEvent<HTMLSpanElement>) => {
    const step = e.key === 'ArrowRight' ? 16 : e.key === 'ArrowLeft' ? -16 : 0;
    if (!step) return;
    e.preventDefault();
    const cell = e.currentTarget.parentElement;
    setWidth(id, (view.widths[id] ?? cell?.getBoundingClientRect().width ?? 120) + step);
  };
  const setHidden = (id: string, hide: boolean) => setView((v) => ({ ...v, hidden: hide ? [...v.hidden.filter((h) => h !== id), id] : v.hidden.filter((h) => h !== id) }));
  const customised = !isDefaultView(kept);
  const resetView = () => {
    setView(EMPTY_VIEW);
    setSort(initialSort);
    setQuery('');
    setActive(0);
  };

  return (
    <div className={updating ? 'table updating' : 'table'} data-table={label} aria-busy={loading}>
      <div className="table-toolbar">
        <input
          type="search"
          placeholder="Filter rows…"
          aria-label={`Filter ${label}`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <span className="muted" aria-live="polite" data-testid="row-count">
          {waiting ? 'Loading…' : updating ? 'Updating… ' : ''}
          {waiting ? null : rowCountText(shown.length, rows.length, total, pageSorted ? `${capNote ? `${capNote}; ` : ''}the rows loaded are the first by the list's own order, and this column orders only them` : capNote)}
        </span>
        {toolbar}
        <details className="columns-menu">
          <summary title="Show or hide columns; drag a header's right edge to resize it. Columns, widths, sort and filter are kept for this workspace.">
            Columns{view.hidden.length > 0 ? ` (${view.hidden.length} hidden)` : ''}
          </summary>
          <div className="columns-menu-body" role="group" aria-label={`Columns of ${label}`}>
            {columns.map((c, i) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={i === 0 || !view.hidden.includes(c.id)} disabled={i === 0} onChange={(e) => setHidden(c.id, !e.target.checked)} /> {c.label}
              </label>
            ))}
            <button type="button" disabled={!customised} onClick={resetView} title="Show every column at its default width, in the table's default order, unfiltered">
              Reset view
            </button>
          </div>
        </details>
        <button type="button" onClick={() => void copy()} title="Copy the rows shown, as tab-separated text for a spreadsheet">
          Copy as TSV
        </button>
        {copied && (
          <span className="muted" role="status">
            {copied}
          </span>
        )}
      </div>
      <div
        className="table-grid"
        role="grid"
        aria-label={label}
        aria-rowcount={shown.length + 1}
        aria-colcount={visible.length}
        tabIndex={0}
        onKeyDown={onKey}
        style={{ overflowX: 'auto', overflowY: 'hidden' }}
      >
        <div className="table-row table-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, minWidth: floor }}>
          {detail && <div role="columnheader" aria-label="Full text" />}
          {visible.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              aria-sort={sort?.column === c.id ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={c.align === 'right' ? 'num' : undefined}
            >
              <button type="button" className="sort" onClick={() => toggleSort(c.id)} tabIndex={-1} title={c.title ? `${c.label}: ${c.title}` : c.label}>
                {c.label}
                <span aria-hidden="true">{sort?.column === c.id ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
              <span
                className="col-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize ${c.label}`}
                tabIndex={0}
                title="Drag to resize; double-click for the default width"
                onPointerDown={startDrag(c.id)}
                onPointerMove={moveDrag}
                onPointerUp={endDrag}
                onPointerCancel={endDrag}
                onDoubleClick={() => setWidth(c.id, null)}
                onKeyDown={resizeByKey(c.id)}
              />
            </div>
          ))}
        </div>
        <div className="table-body" ref={body} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ height: viewport, minWidth: floor }}>
          {shown.length === 0 ? (
            <p className="muted table-empty">{loading ? 'Loading…' : rows.length === 0 ? empty : 'No row matches the filter.'}</p>
          ) : (
            <div style={{ height: shown.length * ROW_HEIGHT + extraPx, position: 'relative' }}>
              {shown.slice(first, last).map((row, i) => {
                const index = first + i;
                const key = rowKey(row);
                const open = index === expandedIndex;
                return (
                  <div
                    key={key}
                    ref={open ? openRow : undefined}
                    role="row"
                    aria-rowindex={index + 2}
                    aria-selected={index === activeRow}
                    aria-expanded={detail ? open : undefined}
                    className={`table-row${index === activeRow ? ' active' : ''}${onActivate ? ' clickable' : ''}${open ? ' open' : ''}`}
                    style={{ gridTemplateColumns: template, transform: `translateY(${rowTop(index, ROW_HEIGHT, expandedIndex, extraPx)}px)` }}
                    onClick={() => setActive(index)}
                    onDoubleClick={() => onActivate?.(row)}
                  >
                    {detail && (
                      <div role="gridcell" className="row-toggle">
                        <button type="button" tabIndex={-1} aria-label={open ? 'Hide the full text' : 'Show the full text'} title={open ? 'Hide the full text (Space)' : 'Show the full text (Space)'} onClick={() => toggleOpen(row)} data-testid="row-toggle">
                          {open ? '▾' : '▸'}
                        </button>
                      </div>
                    )}
                    {visible.map((c, ci) => {
                      const text = cellText(c, row);
                      return (
                        <div key={c.id} role="gridcell" className={c.align === 'right' ? 'num' : undefined} title={text}>
                          {ci === 0 && onActivate ? (
                            <a
                              href="#"
                              tabIndex={-1}
                              onClick={(e) => {
                                e.preventDefault();
                                onActivate(row);
                              }}
                            >
                              {text}
                            </a>
                          ) : (
                            text
                          )}
                        </div>
                      );
                    })}
                    {open && detail && (
                      <div className="row-detail" data-testid="row-detail">
                        {detail(row)}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
