// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { DataTable, type Column } from '../../../renderer/src/components/DataTable';
import { ViewScopeContext } from '../../../renderer/src/components/view-scope';

type Row = { id: number; name: string; revenue: number };
const many: Row[] = Array.from({ length: 30000 }, (_, i) => ({ id: i, name: `Customer ${i}`, revenue: (i * 7919) % 100000 }));
const columns: Column<Row>[] = [
  { id: 'name', label: 'Customer', value: (r) => r.name },
  { id: 'revenue', label: 'Revenue', value: (r) => r.revenue, align: 'right' },
];

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const bodyRows = () => within(screen.getByRole('grid')).getAllByRole('row').slice(1);

describe('DataTable', () => {
  it('keeps only a window of 30,000 rows in the page', () => {
    render(<DataTable label="Customers" columns={columns} rows={many} rowKey={(r) => String(r.id)} height={352} />);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('30001');
    expect(bodyRows().length).toBeLessThan(40);
    expect(screen.getByTestId('row-count').textContent).toBe('30,000 rows');
  });

  it('sorts by a column when its header is clicked, descending first', () => {
    render(<DataTable label="Customers" columns={columns} rows={many.slice(0, 50)} rowKey={(r) => String(r.id)} />);
    fireEvent.click(screen.getByRole('button', { name: /Revenue/ }));
    const top = Math.max(...many.slice(0, 50).map((r) => r.revenue));
    expect(within(bodyRows()[0]).getAllByRole('gridcell')[1].textContent).toBe(String(top));
    expect(screen.getByRole('columnheader', { name: /Revenue/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('filters rows as the user types and says how many match', () => {
    const rows = many.slice(0, 200).map((r) => ({ ...r, revenue: 5 }));
    render(<DataTable label="Customers" columns={columns} rows={rows} rowKey={(r) => String(r.id)} />);
    fireEvent.change(screen.getByLabelText('Filter Customers'), { target: { value: 'Customer 19' } });
    // Customer 19, 119 and 190-199
    expect(screen.getByTestId('row-count').textContent).toBe('12 of 200 rows');
  });

  it('opens the active row with Enter after moving down with the arrow keys', () => {
    const opened: string[] = [];
    render(<DataTable label="Customers" columns={columns} rows={many.slice(0, 5)} rowKey={(r) => String(r.id)} onActivate={(r) => opened.push(r.name)} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(opened).toEqual(['Customer 2']);
  });

  it('says when the rows are a capped page of a larger total, and which page', () => {
    render(<DataTable label="Top" columns={columns} rows={many.slice(0, 200)} rowKey={(r) => String(r.id)} total={1234} capNote="the highest priority; Explore lists them all" />);
    expect(screen.getByTestId('row-count').textContent).toBe('200 rows loaded of 1,234: the highest priority; Explore lists them all');
  });

  it('hands a capped page\'s filter and sort to the screen, and says when a column orders only the rows loaded', () => {
    const asked: { search: string; sort: unknown }[] = [];
    const rows = many.slice(0, 200).map((r) => ({ ...r, revenue: 5 }));
    render(<DataTable label="Top" columns={columns} rows={rows} rowKey={(r) => String(r.id)} total={1234} capNote="the first" onQueryChange={(q) => asked.push(q)} serverSorts={['revenue']} />);
    fireEvent.change(screen.getByLabelText('Filter Top'), { target: { value: 'Customer 19' } });
    expect(asked.at(-1)).toEqual({ search: 'Customer 19', sort: null });
    fireEvent.click(screen.getByRole('button', { name: /Revenue/ }));
    expect(asked.at(-1)).toEqual({ search: 'Customer 19', sort: { column: 'revenue', dir: 'desc' } });
    expect(screen.getByTestId('row-count').textContent).toBe('12 of 200 rows loaded of 1,234: the first');
    fireEvent.click(screen.getByRole('button', { name: /Customer/ }));
    expect(screen.getByTestId('row-count').textContent).toBe('12 of 200 rows loaded of 1,234: the first; the rows loaded are the first by the list\'s own order, and this column orders only them');
  });

  it('dims the rows it holds and says it is updating while new ones load over them', () => {
    const { rerender } = render(<DataTable label="Members" columns={columns} rows={many.slice(0, 3)} rowKey={(r) => String(r.id)} />);
    expect(screen.getByTestId('row-count').textContent).toBe('3 rows');
    rerender(<DataTable label="Members" columns={columns} rows={many.slice(0, 3)} rowKey={(r) => String(r.id)} loading />);
    expect(screen.getByTestId('row-count').textContent).toBe('Updating… 3 rows');
    expect(document.querySelector('[data-table="Members"]')?.className).toBe('table updating');
    rerender(<DataTable label="Members" columns={columns} rows={[]} rowKey={(r) => String(r.id)} loading />);
    expect(screen.getByTestId('row-count').textContent).toBe('Loading…');
  });

  it('hides a column from the Columns menu, keeps the first, and remembers the choice for the same table', () => {
    const { unmount } = render(<DataTable label="Customers" columns={columns} rows={many.slice(0, 5)} rowKey={(r) => String(r.id)} />);
    const menu = screen.getByRole('group', { name: 'Columns of Customers' });
    expect((within(menu).getByLabelText('Customer') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(menu).getByLabelText('Revenue'));
    expect(screen.queryByRole('columnheader', { name: /Revenue/ })).toBeNull();
    expect(within(bodyRows()[0]).getAllByRole('gridcell')).toHaveLength(1);
    unmount();
    render(<DataTable label="Customers" columns={columns} rows={many.slice(0, 5)} rowKey={(r) => String(r.id)} />);
    expect(screen.queryByRole('columnheader', { name: /Revenue/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reset view' }));
    expect(screen.getByRole('columnheader', { name: /Revenue/ })).toBeTruthy();
  });

  it("keeps each workspace's sort and filter per table, restores them when the table opens again, and resets them", () => {
    const rows = many.slice(0, 300);
    const table = (scope: string) => (
      <ViewScopeContext.Provider value={scope}>
        <DataTable label="Customers" columns={columns} rows={rows} rowKey={(r) => String(r.id)} initialSort={{ column: 'name', dir: 'asc' }} />
      </ViewScopeContext.Provider>
    );
    const first = render(table('/clients/acme.longtail'));
    fireEvent.click(screen.getByRole('button', { name: /Revenue/ }));
    fireEvent.change(screen.getByLabelText('Filter Customers'), { target: { value: 'Customer 2' } });
    const shown = screen.getByTestId('row-count').textContent;
    first.unmount();

    // Reopened in the same workspace: the same order and filter.
    const again = render(table('/clients/acme.longtail'));
    expect(screen.getByRole('columnheader', { name: /Revenue/ }).getAttribute('aria-sort')).toBe('descending');
    expect((screen.getByLabelText('Filter Customers') as HTMLInputElement).value).toBe('Customer 2');
    expect(screen.getByTestId('row-count').textContent).toBe(shown);
    again.unmount();

    // Another workspace's table of the same name starts from its defaults.
    const other = render(table('/clients/zenith.longtail'));
    expect(screen.getByRole('columnheader', { name: /Customer/ }).getAttribute('aria-sort')).toBe('ascending');
    expect((screen.getByLabelText('Filter Customers') as HTMLInputElement).value).toBe('');
    other.unmount();

    render(table('/clients/acme.longtail'));
    fireEvent.click(screen.getByRole('button', { name: 'Reset view' }));
    expect(screen.getByRole('columnheader', { name: /Customer/ }).getAttribute('aria-sort')).toBe('ascending');
    expect((screen.getByLabelText('Filter Customers') as HTMLInputElement).value).toBe('');
    expect(Object.keys(window.localStorage)).toEqual([]);
  });

  it('resizes a column from its header edge with the keyboard and lays every row out the same', () => {
    render(<DataTable label="Customers" columns={columns} rows={many.slice(0, 5)} rowKey={(r) => String(r.id)} />);
    const edge = screen.getByRole('separator', { name: 'Resize Revenue' });
    // jsdom lays nothing out (width 0): the first step lands on the narrowest width, 48 px, the next adds 16.
    fireEvent.keyDown(edge, { key: 'ArrowRight' });
    fireEvent.keyDown(edge, { key: 'ArrowRight' });
    const head = screen.getAllByRole('row')[0] as HTMLElement;
    expect(head.style.gridTemplateColumns).toBe('minmax(5rem, 1fr) 64px');
    expect((bodyRows()[0] as HTMLElement).style.gridTemplateColumns).toBe(head.style.gridTemplateColumns);
    // The rows are held to what the columns need, so a narrow window scrolls them sideways together.
    expect(head.style.minWidth).toMatch(/^calc\((5rem \+ 64px|64px \+ 5rem)\)$/);
    const tableBody = (bodyRows()[0] as HTMLElement).parentElement?.parentElement as HTMLElement;
    expect(tableBody.className).toBe('table-body');
    expect(tableBody.style.minWidth).toBe(head.style.minWidth);
    fireEvent.doubleClick(edge);
    expect((screen.getAllByRole('row')[0] as HTMLElement).style.gridTemplateColumns).toBe('minmax(5rem, 1fr) minmax(5rem, 1fr)');
  });

  it('opens a row to its full text with Space or its toggle, one row at a time', () => {
    const long = many.slice(0, 5).map((r) => ({ ...r, name: `${r.name} ${'because it stopped ordering '.repeat(8)}` }));
    render(<DataTable label="Actions" columns={columns} rows={long} rowKey={(r) => String(r.id)} detail={(r) => <p>{r.name}</p>} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: ' ' });
    expect(screen.getByTestId('row-detail').textContent).toBe(long[1].name);
    expect(bodyRows()[1].getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(within(bodyRows()[3]).getByRole('button', { name: 'Show the full text' }));
    expect(screen.getAllByTestId('row-detail')).toHaveLength(1);
    expect(screen.getByTestId('row-detail').textContent).toBe(long[3].name);
    // Rows below the open one move down by its extra height.
    const top = (i: number) => Number(/translateY\((\d+)px\)/.exec((bodyRows()[i] as HTMLElement).style.transform)?.[1]);
    expect(top(4) - top(3)).toBeGreaterThan(32);
    expect(top(3) - top(2)).toBe(32);
  });
  it('says it is loading while its first rows are on their way, not that there are none', () => {
    const { rerender } = render(<DataTable label="Customers" columns={columns} rows={[]} rowKey={(r) => String(r.id)} empty="No customers." loading />);
    expect(screen.getByTestId('row-count').textContent).toBe('Loading…');
    expect(screen.queryByText('No customers.')).toBeNull();
    expect(screen.getByText('Loading…', { selector: '.table-empty' })).toBeTruthy();
    // Rows kept from an earlier answer stay in view while the next one loads, dimmed.
    rerender(<DataTable label="Customers" columns={columns} rows={many.slice(0, 3)} rowKey={(r) => String(r.id)} empty="No customers." loading />);
    expect(screen.getByTestId('row-count').textContent).toBe('Updating… 3 rows');
    expect(bodyRows()).toHaveLength(3);
    // An answer with nothing in it is said as such.
    rerender(<DataTable label="Customers" columns={columns} rows={[]} rowKey={(r) => String(r.id)} empty="No customers." />);
    expect(screen.getByTestId('row-count').textContent).toBe('0 rows');
    expect(screen.getByText('No customers.')).toBeTruthy();
  });
});
