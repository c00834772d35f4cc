import { describe, expect, it } from 'vitest';
import { filterRows, gridFloor, gridTemplate, sortRows, toTsv, visibleWindow, type Column } from '../../../renderer/src/components/table-model';
import { actionListQuery, isDefaultPage } from '../../../renderer/src/app/useServerQuery';

type Row = { name: string; revenue: number | null; rep: string };
const rows: Row[] = [
  { name: 'Bistro 9', revenue: 1200, rep: 'Ana' },
  { name: 'bistro 10', revenue: null, rep: 'Bo' },
  { name: 'Café Crème', revenue: 80, rep: 'Ana' },
  { name: 'Deli\tOne', revenue: 5000, rep: 'Cy' },
];
const columns: Column<Row>[] = [
  { id: 'name', label: 'Customer', value: (r) => r.name },
  { id: 'revenue', label: 'Revenue', value: (r) => r.revenue, format: (v) => (v === null ? '' : `$${Number(v).toLocaleString('en-US')}`) },
  { id: 'rep', label: 'Rep', value: (r) => r.rep },
];

describe('table model', () => {
  it('sorts numbers as numbers, both ways, with blanks last either way', () => {
    expect(sortRows(rows, columns, { column: 'revenue', dir: 'desc' }).map((r) => r.revenue)).toEqual([5000, 1200, 80, null]);
    expect(sortRows(rows, columns, { column: 'revenue', dir: 'asc' }).map((r) => r.revenue)).toEqual([80, 1200, 5000, null]);
  });

  it('sorts on a column\'s own sort key where it has one: amounts in different currencies grouped by currency first', () => {
    const clients = [
      { name: 'UK', currency: 'GBP', revenue: 8_070_000 },
      { name: 'US', currency: 'USD', revenue: 78_300 },
      { name: 'UK2', currency: 'GBP', revenue: 98_000 },
    ];
    const money: Column<(typeof clients)[number]> = { id: 'revenue', label: 'Revenue', value: (r) => r.revenue, sortValue: (r) => `${r.currency} ${r.revenue + 1e13}` };
    expect(sortRows(clients, [money], { column: 'revenue', dir: 'asc' }).map((r) => r.name)).toEqual(['UK2', 'UK', 'US']);
    expect(sortRows(clients, [{ ...money, sortValue: undefined }], { column: 'revenue', dir: 'asc' }).map((r) => r.name)).toEqual(['US', 'UK2', 'UK']);
  });

  it('sorts text naturally and ignoring case: "Bistro 9" before "bistro 10"', () => {
    expect(sortRows(rows, columns, { column: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['Bistro 9', 'bistro 10', 'Café Crème', 'Deli\tOne']);
  });

  it('keeps the original order when nothing is sorted and never changes the input', () => {
    const copy = rows.slice();
    expect(sortRows(rows, columns, null)).toEqual(rows);
    sortRows(rows, columns, { column: 'name', dir: 'desc' });
    expect(rows).toEqual(copy);
  });

  it('filters on every word, in shown or raw values, ignoring case', () => {
    expect(filterRows(rows, columns, 'ana bistro').map((r) => r.name)).toEqual(['Bistro 9']);
    expect(filterRows(rows, columns, '$5,000').map((r) => r.name)).toEqual(['Deli\tOne']);
    expect(filterRows(rows, columns, 'crème').map((r) => r.name)).toEqual(['Café Crème']);
    expect(filterRows(rows, columns, '  ')).toHaveLength(4);
  });

  it('copies as TSV with a header, raw numbers, and tabs inside cells turned to spaces', () => {
    expect(toTsv(rows.slice(2), columns)).toBe('Customer\tRevenue\tRep\nCafé Crème\t80\tAna\nDeli One\t5000\tCy');
  });

  it('renders only the rows in view plus a margin, whatever the row count', () => {
    expect(visibleWindow(0, 320, 32, 30000, 8)).toEqual({ first: 0, last: 18 });
    expect(visibleWindow(32 * 1000, 320, 32, 30000, 8)).toEqual({ first: 992, last: 1018 });
    expect(visibleWindow(32 * 29995, 320, 32, 30000, 8)).toEqual({ first: 29987, last: 30000 });
    expect(visibleWindow(0, 320, 32, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe('column widths on a narrow window', () => {
  type Row = { name: string };
  const col = (id: string, width?: string): Column<Row> => ({ id, label: id, value: (r) => r.name, width });
  const columns = [col('customer', '2.4fr'), col('code', '6rem'), col('rep', '0.8fr'), col('note')];

  it('gives a share-of-the-rest column a floor it keeps, so a name is never cut to a few letters', () => {
    expect(gridTemplate(columns, {})).toBe('minmax(10rem, 2.4fr) 6rem minmax(4rem, 0.8fr) minmax(5rem, 1fr)');
  });

  it('lets a dragged width win over the declared one, and the lead column come first', () => {
    expect(gridTemplate(columns, { customer: 300, code: 20 }, '2rem')).toBe('2rem 300px 48px minmax(4rem, 0.8fr) minmax(5rem, 1fr)');
  });

  it('holds the rows to the sum of those floors, so a narrower table scrolls sideways instead', () => {
    expect(gridFloor(columns, {})).toBe('calc(25rem + 0px)');
    expect(gridFloor(columns, { customer: 300 }, '2rem')).toBe('calc(17rem + 300px)');
  });
});

describe('what a capped action list asks the backend for', () => {
  it('sends the filter and an order the backend knows, else the list\'s own order', () => {
    const fallback = { sort: 'weighted', dir: 'desc' } as const;
    expect(actionListQuery(null, fallback)).toEqual({ sort: 'weighted', dir: 'desc' });
    expect(actionListQuery({ search: '  rita ', sort: { column: 'expected', dir: 'asc' } }, fallback)).toEqual({ search: 'rita', sort: 'expectedRevenue', dir: 'asc' });
    expect(actionListQuery({ search: '', sort: { column: 'rep', dir: 'asc' } }, fallback)).toEqual({ sort: 'weighted', dir: 'desc' });
    expect(actionListQuery({ search: '', sort: { column: 'customer', dir: 'desc' } }, fallback)).toEqual({ sort: 'customerName', dir: 'desc' });
  });
});

describe('whether a capped list needs another page', () => {
  it('is the page the screen loads anyway only with no filter and its own order', () => {
    const own = { sort: 'priority', dir: 'desc' } as const;
    expect(isDefaultPage(actionListQuery(null, own), own)).toBe(true);
    expect(isDefaultPage(actionListQuery({ search: '', sort: { column: 'rep', dir: 'asc' } }, own), own)).toBe(true);
    expect(isDefaultPage(actionListQuery({ search: 'x', sort: null }, own), own)).toBe(false);
    expect(isDefaultPage(actionListQuery({ search: '', sort: { column: 'priority', dir: 'asc' } }, own), own)).toBe(false);
  });
});
