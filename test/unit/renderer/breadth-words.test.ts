import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/src/app/format';
import { breadthWords } from '../../../renderer/src/features/workspaces/breadth-words';
import { productLevel as level } from '../../helpers/product-level';

const fmt = makeFormatters('GBP', 'en-GB');

describe("the workspace's breadth, beside its customer count", () => {
  it('counts categories when the file had them, or before any run', () => {
    expect(breadthWords(12, level({}), fmt)).toBe('12 categories');
    expect(breadthWords(1, null, fmt)).toBe('1 category');
  });

  it('counts product codes and the groups the run worked on, not thousands of categories', () => {
    expect(breadthWords(4031, level({ level: 'product-groups', source: 'descriptions', column: 'StockCode', rawValues: 4020, values: 30 }), fmt)).toBe('4,020 products in 30 groups');
    expect(breadthWords(180, level({ level: 'products', rawValues: 180, values: 180 }), fmt)).toBe('180 products');
  });
});
