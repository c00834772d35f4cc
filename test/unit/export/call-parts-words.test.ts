import { describe, expect, it } from 'vitest';
import { partsWords } from '../../../main/backend/export/assignments';

describe("a whole-account call's categories in the rep list", () => {
  it('names each slipping category with its money, largest first as stored, in the plan currency', () => {
    const words = partsWords(
      [
        { category: 'Bag', atRisk: 45357.06, spread: false },
        { category: 'Christmas range', atRisk: 5648.03, spread: false },
      ],
      'GBP',
    );
    expect(words).toBe('Bag £45,357; Christmas range £5,648');
  });

  it("sums the account's wider slide into one phrase, naming the category when there is only one", () => {
    const many = partsWords(
      [
        { category: 'Other products', atRisk: 11337.78, spread: false },
        { category: 'Holder', atRisk: 1731.36, spread: true },
        { category: 'Bag', atRisk: 1714.41, spread: true },
      ],
      'EUR',
    );
    expect(many).toBe('Other products €11,338; and €3,446 over 2 other categories as the account slides');
    const one = partsWords(
      [
        { category: 'Heart', atRisk: 187.66, spread: false },
        { category: 'Bag', atRisk: 181.72, spread: true },
      ],
      'USD',
    );
    expect(one).toBe('Heart $188; and $182 on Bag as the account slides');
  });

  it('counts purchases as units where the data has no money, as every other figure of such a workspace does', () => {
    expect(partsWords([{ category: 'All products', atRisk: 12.4, spread: false }], 'XXX')).toBe('All products 12 units');
  });

  it('leaves the cell empty for an action about one category', () => {
    expect(partsWords(null, 'USD')).toBeNull();
  });
});
