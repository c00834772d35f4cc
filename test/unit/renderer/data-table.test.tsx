// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { DataTable, type Column } from '../../../renderer/src/components/DataTable';

type Row = { id: number; name: string; revenue: number };
const many: Row[] = Array.from({ length: 30000 }, (_, i) => ({ id: i, name: `Customer ${i}`, revenue: (i * 7919) % 100000 }));
const columns: Column<Row>[] = [
  { id: 'name', label: 'Customer', value: (r) => r.name },
  { id: 'revenue', label: 'Revenue', value: (r) => r.revenue, align: 'right' },
];

afterEach(cleanup);

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
});
