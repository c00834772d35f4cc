// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { makeFormatters } from '../../../renderer/src/app/format';
import { NoProducts } from '../../../renderer/src/features/products/NoProducts';
import type { ProductLevelInfo } from '../../../shared/model/products';

afterEach(cleanup);

// The product level of UCI's Wholesale table (test/integration/analysis/spend-table.test.ts reads the same from the backend).
const wholesale: ProductLevelInfo = {
  level: 'categories',
  source: 'imported',
  column: "the spend table's columns",
  rawValues: 6,
  values: 6,
  reason: "The imported category level: the spend table's columns (6 values).",
  nonProduct: [],
  nonProductRevenue: 0,
  nonProductRows: 0,
  coPurchase: null,
};

describe('the product groups of sales without product codes', () => {
  it('says there is nothing to group, what the analysis works on instead, and what to import for product groups', () => {
    render(<NoProducts level={wholesale} fmt={makeFormatters('EUR', 'en-GB')} />);
    const notice = screen.getByTestId('no-products');
    expect(notice.textContent).toBe(
      "The imported category level: the spend table's columns (6 values). The sales in this workspace carry no product codes, so there is nothing to group here: profiles and growth actions work on its imported categories. To work on product groups, import sales with a product column (a product ID or stock code); a product list (product → group) can then be imported on this screen.",
    );
    expect(screen.getByTestId('product-level').textContent).toContain('Imported categories');
    expect(screen.queryByTestId('group-table')).toBeNull();
  });
});
