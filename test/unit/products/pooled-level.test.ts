import { describe, expect, it } from 'vitest';
import { decideLevel, MAX_POOLED_CELLS, MAX_UNGROUPED_CATEGORIES, ungroupedLimit, type RawCategory } from '../../../shared/analytics/products/level';

/** `count` article codes with no descriptions, code i bought by `count - i` customers. */
const codes = (count: number): RawCategory[] =>
  Array.from({ length: count }, (_, i) => ({ name: `0${500000000 + i}`, buyers: count - i, revenue: 10 * (count - i), rows: count - i, negativeRows: 0, rowsWithoutProduct: count - i }));

const decide = (categories: RawCategory[], customers: number) =>
  decideLevel({ categories, products: [], customers, categoryColumn: 'article_id', productColumn: null, categoriesAreProducts: true, saved: null });

describe('a level too fine to use, with nothing to group it by', () => {
  it('keeps the 200 most widely bought codes on a customer base the size of a shop', () => {
    const level = decide(codes(5000), 3000);
    expect(level.categories).toHaveLength(MAX_UNGROUPED_CATEGORIES + 1);
    expect(level.categories.slice(0, 3)).toEqual(['0500000000', '0500000001', '0500000002']);
    expect(level.categories.at(-1)).toBe('Other products');
  });

  it('keeps fewer where the customer x category matrix would outgrow its memory, never under twenty', () => {
    expect(ungroupedLimit(3_000)).toBe(MAX_UNGROUPED_CATEGORIES);
    expect(ungroupedLimit(500_000)).toBe(MAX_POOLED_CELLS / 500_000);
    expect(ungroupedLimit(5_000_000)).toBe(20);
    const level = decide(codes(5000), 500_000);
    expect(level.categories).toHaveLength(40 + 1);
    expect(level.info.pooled?.values).toBe(5000 - 40);
    expect(level.info.reason).toContain('The 40 bought by the most customers are kept as they are, and the other 4,960');
  });
});

describe('a category level fine enough to sell by, over a big customer base', () => {
  /** `count` named categories, category i bought by `buyers - i * step` customers. */
  const named = (count: number, buyers: number): RawCategory[] =>
    Array.from({ length: count }, (_, i) => ({ name: `Category ${String(i).padStart(2, '0')}`, buyers: buyers - i * 1000, revenue: 1e6 - i * 1e4, rows: 5000, negativeRows: 0, rowsWithoutProduct: 5000 }));
  const categoryLevel = (categories: RawCategory[], customers: number) =>
    decideLevel({ categories, products: [], customers, categoryColumn: 'Product Group', productColumn: null, categoriesAreProducts: false, saved: null });

  it('keeps all of it where the customer x category matrix fits', () => {
    const level = categoryLevel(named(55, 200_000), 300_000);
    expect(level.categories).toHaveLength(55);
    expect(level.info.pooled).toBeUndefined();
    expect(level.info.reason).toBe("The imported category level: 'Product Group' (55 values).");
  });

  it('pools the least widely bought where 55 categories over a million customers would outgrow memory, and says so', () => {
    const level = categoryLevel(named(55, 900_000), 1_000_000);
    // 20 million cells over a million customers: twenty kept, and one for the rest.
    expect(level.categories).toHaveLength(20 + 1);
    expect(level.categories.slice(0, 2)).toEqual(['Category 00', 'Category 01']);
    expect(level.categories.at(-1)).toBe('Other products');
    expect(level.info.pooled?.values).toBe(35);
    expect(level.info.reason).toMatch(
      /^The imported category level: 'Product Group' \(55 values\), too many to keep whole over 1,000,000 customers \(the customer x category matrix stays within 20,000,000 cells\)\. The 20 bought by the most customers are kept as they are, and the other 35 \([\d.]+% of revenue\) are one category, 'Other products', which gets no cross-sell\.$/,
    );
  });
});
