import { describe, expect, it } from 'vitest';
import { actionListTitle, customerListTitle, customerSortOf } from '../../../renderer/src/features/explore/list-titles';

describe("Explore's list titles say the order shown", () => {
  it('reads "largest first" only while the customers are in their loaded order', () => {
    expect(customerListTitle(null, true, '2,000')).toBe('largest first');
    expect(customerListTitle({ column: 'revenue', dir: 'desc' }, true, '2,000')).toBe('largest first');
  });

  it('orders the whole slice by a column the backend knows, and says so', () => {
    expect(customerSortOf({ column: 'atRisk', dir: 'desc' })).toEqual({ sort: 'atRiskRevenue', dir: 'desc' });
    expect(customerListTitle({ column: 'atRisk', dir: 'desc' }, true, '2,000')).toBe('by money at risk, largest first');
    expect(customerListTitle({ column: 'name', dir: 'asc' }, true, '2,000')).toBe('by name, A to Z');
  });

  it('says a column the backend cannot order by sorts only the largest rows loaded', () => {
    expect(customerSortOf({ column: 'territory', dir: 'asc' })).toEqual({ sort: 'revenue12m', dir: 'desc' });
    expect(customerListTitle({ column: 'territory', dir: 'asc' }, true, '2,000')).toBe('the 2,000 largest, by territory, A to Z');
    expect(customerListTitle({ column: 'territory', dir: 'asc' }, false, '40')).toBe('by territory, A to Z');
  });

  it('follows the action list sort instead of staying "highest priority first"', () => {
    expect(actionListTitle(null)).toBe('highest priority first');
    expect(actionListTitle({ column: 'priority', dir: 'desc' })).toBe('highest priority first');
    expect(actionListTitle({ column: 'priority', dir: 'asc' })).toBe('lowest priority first');
    expect(actionListTitle({ column: 'expected', dir: 'desc' }, true, '2,000')).toBe('by expected money, largest first');
    expect(actionListTitle({ column: 'rep', dir: 'asc' }, true, '2,000')).toBe('the 2,000 of highest priority, by rep, A to Z');
  });
});
