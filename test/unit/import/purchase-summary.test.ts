import { describe, expect, it } from 'vitest';
import { purchaseSummaryColumns } from '../../../main/backend/import/purchase-summary';

describe('a per-customer purchase summary', () => {
  it("is told by a purchase count beside a time, in lifetimes' and BTYD's names", () => {
    expect(purchaseSummaryColumns(['frequency', 'recency', 'T', 'monetary_value'])).toEqual(['frequency', 'recency', 'T', 'monetary_value']);
    expect(purchaseSummaryColumns(['x', 't_x', 'T.cal', 'x.star'])).toEqual(['x', 't_x', 'T.cal', 'x.star']);
  });

  it('is not a spend table whose categories happen to include one such name', () => {
    expect(purchaseSummaryColumns(['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen'])).toBeNull();
    expect(purchaseSummaryColumns(['Frequency', 'Paper', 'Dairy'])).toBeNull();
    expect(purchaseSummaryColumns(['T', 'Dairy'])).toBeNull();
  });
});
