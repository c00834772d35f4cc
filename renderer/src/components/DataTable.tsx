import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cellText, filterRows, sortRows, toTsv, visibleWindow, type Column, type SortState } from './table-model';

export type { Column } from './table-model';

type Props<T> = {
  /** Names the table for screen readers and tests. */
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
  /** Shown under the table for the active row, e.g. an action's full reason. */
  detail?: (row: T) => ReactNode;
};

const ROW_HEIGHT = 32;

/** A windowed table of our own: only visible rows are in the DOM, so tens of thousands scroll smoothly. */
export function DataTable<T>({ label, columns, rows, rowKey, initialSort = null, onActivate, toolbar, height = 420, empty = 'Nothing to show.', detail }: Props<T>) {
  const [sort, setSort] = useState<SortState>(initialSort);
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const [copied, setCopied] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => sortRows(filterRows(rows, columns, query), columns, sort), [rows, columns, query, sort]);
  const viewport = height - ROW_HEIGHT;
  const { first, last } = visibleWindow(scrollTop, viewport, ROW_HEIGHT, shown.length);
  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  const activeRow = Math.min(active, Math.max(0, shown.length - 1));

  const toggleSort = (id: string) =>
    setSort((s) => (s?.column === id ? { column: id, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column: id, dir: 'desc' }));

  const copy = useCallback(async () => {
    const text = toTsv(shown, columns);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${shown.length.toLocaleString()} rows`);
    } catch {
      setCopied('The clipboard is not available here; select the rows in an export instead.');
    }
  }, [shown, columns]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    const el = body.current;
    if (!el) return;
    const top = next * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + viewport) el.scrollTop = top + ROW_HEIGHT - viewport;
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) moveTo(activeRow + moves[e.key]);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(shown.length - 1);
    else if (e.key === 'Enter' && onActivate && shown[activeRow]) onActivate(shown[activeRow]);
    else if ((e.ctrlKey || e.metaKey) && e.key === 'c') void copy();
    else return;
    e.preventDefault();
  };

  return (
    <div className="table" data-table={label}>
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
          {shown.length === rows.length ? `${rows.length.toLocaleString()} rows` : `${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} rows`}
        </span>
        {toolbar}
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
        aria-colcount={columns.length}
        tabIndex={0}
        onKeyDown={onKey}
        style={{ height }}
      >
        <div className="table-row table-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              aria-sort={sort?.column === c.id ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={c.align === 'right' ? 'num' : undefined}
            >
              <button type="button" className="sort" onClick={() => toggleSort(c.id)} tabIndex={-1} title={c.title}>
                {c.label}
                <span aria-hidden="true">{sort?.column === c.id ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </div>
          ))}
        </div>
        <div className="table-body" ref={body} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ height: viewport }}>
          {shown.length === 0 ? (
            <p className="muted table-empty">{rows.length === 0 ? empty : 'No row matches the filter.'}</p>
          ) : (
            <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
              {shown.slice(first, last).map((row, i) => {
                const index = first + i;
                return (
                  <div
                    key={rowKey(row)}
                    role="row"
                    aria-rowindex={index + 2}
                    aria-selected={index === activeRow}
                    className={`table-row${index === activeRow ? ' active' : ''}${onActivate ? ' clickable' : ''}`}
                    style={{ gridTemplateColumns: template, transform: `translateY(${index * ROW_HEIGHT}px)` }}
                    onClick={() => setActive(index)}
                    onDoubleClick={() => onActivate?.(row)}
                  >
                    {columns.map((c) => {
                      const text = cellText(c, row);
                      return (
                        <div key={c.id} role="gridcell" className={c.align === 'right' ? 'num' : undefined} title={text}>
                          {c.id === columns[0].id && onActivate ? (
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
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {detail && shown[activeRow] !== undefined && (
        <div className="table-detail" aria-live="polite">
          {detail(shown[activeRow])}
        </div>
      )}
    </div>
  );
}
