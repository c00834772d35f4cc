import type { Dataset } from '../../shared/model/dataset';

/**
 * A smaller business cut from a real one: its first `count` customers and all of their rows. The
 * rows are sorted by customer, so theirs are a prefix of the columns.
 */
export function firstCustomers(ds: Dataset, count: number): Dataset {
  let end = 0;
  while (end < ds.tx.customer.length && ds.tx.customer[end] < count) end++;
  const { customer, category, day, revenue } = ds.tx;
  return { ...ds, customers: ds.customers.slice(0, count), tx: { customer: customer.subarray(0, end), category: category.subarray(0, end), day: day.subarray(0, end), revenue: revenue.subarray(0, end) } };
}
