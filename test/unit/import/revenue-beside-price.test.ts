import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../main/backend/import/mapping';
import { revenueBesidePriceNote } from '../../../main/backend/import/revenue-beside-price';

describe('a revenue mapped beside a unit price with no quantity', () => {
  it('says which column is read as the money and how to read the other as the count', () => {
    expect(revenueBesidePriceNote({ revenue: 'AMOUNT', unitPrice: 'SALES_PRICE' })).toBe(
      "'AMOUNT' is read as each line's money and 'SALES_PRICE' as a price per unit, with no column counting the items. If 'AMOUNT' counts items, map --map quantity=AMOUNT and --map revenue=SALES_PRICE (where 'SALES_PRICE' is the line's total) or leave 'SALES_PRICE' the unit price.",
    );
  });

  it('stays quiet where a quantity is mapped, or only one of the two', () => {
    expect(revenueBesidePriceNote({ revenue: 'Net Sales', unitPrice: 'Unit Price', quantity: 'Quantity' })).toBeNull();
    expect(revenueBesidePriceNote({ revenue: 'Net Sales' })).toBeNull();
    expect(revenueBesidePriceNote({ unitPrice: 'Price' })).toBeNull();
  });

  it("puts the same words in the revenue's reason where the guess leaves an amount with cents beside a price", () => {
    const headers = ['Date', 'Customer', 'Amount', 'Price'];
    const rows = Array.from({ length: 20 }, (_, i) => ['2024-01-02', `C${i}`, (25 + i).toFixed(2), '12.50']);
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    const revenue = g.find((x) => x.field === 'revenue');
    expect(revenue?.column).toBe('Amount');
    expect(revenue?.reason).toContain("'Amount' is read as each line's money and 'Price' as a price per unit, with no column counting the items.");
  });
});
