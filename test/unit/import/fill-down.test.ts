import { describe, expect, it } from 'vitest';
import { fillingDown, isGroupedReport } from '../../../main/backend/import/fill-down';

describe('filling down a grouped report', () => {
  const read = (rows: string[][]): string[][] => {
    const out: string[][] = [];
    const f = fillingDown([0], [1], (_, cells) => out.push(cells));
    rows.forEach((r, i) => f.row(i + 2, r));
    return out;
  };

  it("gives a group's blank lines its customer and the date above, but never carries a date into the next customer's first line", () => {
    expect(
      read([
        ['Acme', '2024-01-05', '100'],
        ['', '', '50'],
        ['', '2024-02-01', '70'],
        ['', '', '10'],
        ['Beta', '', '20'],
        ['', '2024-03-01', '30'],
      ]),
    ).toEqual([
      ['Acme', '2024-01-05', '100'],
      ['Acme', '2024-01-05', '50'],
      ['Acme', '2024-02-01', '70'],
      ['Acme', '2024-02-01', '10'],
      ['Beta', '', '20'],
      ['Beta', '2024-03-01', '30'],
    ]);
  });

  it('leaves blank lines before the first customer blank', () => {
    expect(read([['', '2024-01-01', '5'], ['Acme', '2024-01-02', '6']])[0]).toEqual(['', '2024-01-01', '5']);
  });
});

describe('telling a grouped report by its look', () => {
  const days = (list: (number | null)[]) => list;
  it('sees one where each customer is named once and its dates start again', () => {
    const customers = ['A', '', '', 'B', '', 'C', '', '', 'D', '', ''];
    expect(isGroupedReport(customers, days([5, 40, 90, 3, 60, 10, 20, 200, 1, 2, 300]))).toBe(true);
  });

  it('does not where the dates only go forward (a log with guests), or names repeat line after line', () => {
    const customers = ['A', '', '', 'B', '', 'C', '', '', 'D', '', ''];
    expect(isGroupedReport(customers, days([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toBe(false);
    expect(isGroupedReport(['A', 'A', '', 'B', 'B', '', 'C', 'C', '', 'D', 'D'], days([5, 6, 7, 1, 2, 3, 1, 2, 3, 1, 2]))).toBe(false);
    expect(isGroupedReport(['A', '', 'B'], days([3, 2, 1]))).toBe(false);
  });
});
