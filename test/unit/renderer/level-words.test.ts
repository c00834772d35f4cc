import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/src/app/format';
import { levelDetail } from '../../../renderer/src/features/products/level-words';
import { productLevel } from '../../helpers/product-level';

const fmt = makeFormatters('USD', 'en-US');
const level = (over: Parameters<typeof productLevel>[0]) => productLevel({ level: 'products', column: 'article_id', rawValues: 48520, values: 48520, ...over });

describe("the product level's count", () => {
  it('says how many values were kept and how many pooled as Other products, where a level too fine was pooled', () => {
    expect(levelDetail(level({ values: 201, pooled: { values: 48320, revenueShare: 0.992 } }), fmt.count)).toBe(
      "200 most widely bought and 'Other products' (48,320 pooled), from 48,520 'article_id' values",
    );
  });

  it('says spellings were merged where that is all that changed the count, and groups where they were proposed', () => {
    expect(levelDetail(level({ level: 'categories', column: 'Category', rawValues: 60, values: 15 }), fmt.count)).toBe("15 after merging spellings, from 60 'Category' values");
    expect(levelDetail(level({ level: 'product-groups', column: 'StockCode', rawValues: 3676, values: 30 }), fmt.count)).toBe("30 groups from 3,676 'StockCode' values");
  });

  it('names a product master or spend table as where the categories came from, not as a quoted column', () => {
    expect(levelDetail(level({ level: 'categories', column: 'the product master', columnIsSource: true, rawValues: 30, values: 30 }), fmt.count)).toBe('30 categories in the product master');
    expect(levelDetail(level({ level: 'categories', column: "the spend table's columns", columnIsSource: true, rawValues: 6, values: 6 }), fmt.count)).toBe("6 categories in the spend table's columns");
  });
});
