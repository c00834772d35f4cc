import { describe, expect, it } from 'vitest';
import { statusFilledByOrder, statusOnFirstLineOnly } from '../../../main/backend/import/order-status';

describe("an order's status written on its first line only", () => {
  it('is recognised where each order fills its status on its first line and leaves it blank below', () => {
    const invoices = ['#1', '#1', '#2', '#3', '#3', '#3', '#4'];
    const statuses = ['paid', '', 'paid', 'refunded', '', '', 'paid'];
    expect(statusOnFirstLineOnly(statuses, invoices)).toBe(true);
  });

  it('is not a log that writes the status on every line, nor one whose orders all have one line', () => {
    expect(statusOnFirstLineOnly(['paid', 'paid', 'paid', 'refunded', 'refunded'], ['#1', '#1', '#2', '#3', '#3'])).toBe(false);
    expect(statusOnFirstLineOnly(['paid', '', 'paid', ''], ['#1', '#2', '#3', '#4'])).toBe(false);
  });

  it("gives an order's later lines its first line's status, never another order's, and keeps a status written on a later line", () => {
    const out: string[][] = [];
    const f = statusFilledByOrder(1, 0, (_, cells) => out.push(cells));
    [
      ['#1', 'refunded', 'Mug'],
      ['#1', '', 'Plate'],
      ['#2', '', 'Teapot'],
      ['#3', 'paid', 'Cup'],
      ['#3', 'refunded', 'Saucer'],
      ['#3', '', 'Spoon'],
    ].forEach((r, i) => f.row(i + 2, r));
    expect(out.map((r) => r[1])).toEqual(['refunded', 'refunded', '', 'paid', 'refunded', 'refunded']);
    expect(f.filled()).toBe(2);
  });
});
