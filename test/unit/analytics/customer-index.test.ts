import { describe, expect, it } from 'vitest';
import { customerIndex } from '../../../shared/analytics/customer-index';
import type { CustomerRecord } from '../../../shared/model/dataset';

const customer = (code: string): CustomerRecord => ({ code, name: `Shop ${code}`, rep: null, territory: null, segment: null });

describe('the customer index', () => {
  it('finds each customer’s position in the dataset by its code', () => {
    const customers = ['C3', 'C1', 'C2'].map(customer);
    const index = customerIndex(customers);
    expect(customers.map((c) => index.get(c.code))).toEqual([0, 1, 2]);
    expect(index.get('C4')).toBeUndefined();
  });

  it('is built once per dataset and never shared between two', () => {
    const customers = ['A', 'B'].map(customer);
    const other = ['B', 'A'].map(customer);
    expect(customerIndex(customers)).toBe(customerIndex(customers));
    expect(customerIndex(other).get('A')).toBe(1);
    expect(customerIndex(customers).get('A')).toBe(0);
  });
});
