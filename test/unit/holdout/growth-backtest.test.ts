import { describe, expect, it } from 'vitest';
import { growthBacktest } from '../../../shared/analytics/holdout/growth';
import { dayFromIso } from '../../../shared/format/dates';
import type { Action } from '../../../shared/model/results';
import { makeDataset } from '../analytics/make-dataset';

const suggest = (customer: string, category: string, expectedRevenue: number): Action => ({
  id: `growth:${customer}:${category}`,
  kind: 'growth',
  customerCode: customer,
  customerName: `Customer ${customer}`,
  category,
  expectedRevenue,
  priority: 50,
  reason: '',
  facts: {},
  tier: 'long-tail',
  profile: 0,
  rep: null,
  territory: null,
});

// A year of Bolts for everyone (a's New Year order falls just outside the prior window), Nuts for c
// (a little) and d; then, after 2024-12-31: a tries Nuts, b buys Bolts only, c buys five times its
// Nuts rate, d buys Bolts and Nuts about at its rate.
const rowsOf = (suffix: string) => [
  { customer: `a${suffix}`, date: '2024-01-01', category: 'Bolts', revenue: 500 },
  { customer: `a${suffix}`, date: '2024-03-01', category: 'Bolts', revenue: 1000 },
  { customer: `b${suffix}`, date: '2024-03-01', category: 'Bolts', revenue: 1000 },
  { customer: `c${suffix}`, date: '2024-03-01', category: 'Bolts', revenue: 1000 },
  { customer: `c${suffix}`, date: '2024-06-01', category: 'Nuts', revenue: 73 },
  { customer: `d${suffix}`, date: '2024-03-01', category: 'Bolts', revenue: 1000 },
  { customer: `d${suffix}`, date: '2024-06-01', category: 'Nuts', revenue: 365 },
  { customer: `a${suffix}`, date: '2025-02-01', category: 'Nuts', revenue: 200 },
  { customer: `b${suffix}`, date: '2025-02-01', category: 'Bolts', revenue: 300 },
  { customer: `c${suffix}`, date: '2025-02-01', category: 'Nuts', revenue: 100 },
  { customer: `d${suffix}`, date: '2025-02-01', category: 'Bolts', revenue: 500 },
  { customer: `d${suffix}`, date: '2025-02-01', category: 'Nuts', revenue: 100 },
  { customer: `d${suffix}`, date: '2024-06-01', category: 'Tape', revenue: 0 },
];
const ds = makeDataset(rowsOf(''));
const cut = dayFromIso('2024-12-31');
const actions = [suggest('a', 'Nuts', 365), suggest('b', 'Tape', 365), suggest('c', 'Nuts', 365)];
const g = growthBacktest(ds, actions, cut, 100, 42);
const row = (method: string) => g.rows.find((r) => r.method === method)!;

// The business spent 1,200 in the 100 days against 4,438 a year before: index 1200 / (4438 x 100 / 365).
const index = 1200 / ((4438 * 100) / 365);
const expected = (prior: number) => (prior * 100) / 365;

describe('the growth backtest, on a hand-counted business', () => {
  it('deflates what was spent in the horizon by the whole business change', () => {
    expect(g.businessIndex).toBeCloseTo(index, 12);
    expect(g.priorDays).toBe(365);
    expect(g.activeCustomers).toBe(4);
  });

  it('counts a new category bought at all, or an underbought one at over twice its own rate, as taken up', () => {
    const ours = row('model');
    expect(ours.suggestions).toBe(3);
    expect(ours.takenUp).toBe(2);
    expect(ours.uplift).toBeCloseTo(200 / index + (100 / index - expected(73)), 9);
  });

  it('holds the share of every active customer’s new spend beyond its own rates that the list pointed at', () => {
    const every = 200 / index + (300 / index - expected(1000)) + (100 / index - expected(73)) + (500 / index - expected(1000)) + (100 / index - expected(365));
    expect(g.totalUplift).toBeCloseTo(every, 9);
    expect(row('model').upliftShare).toBeCloseTo(row('model').uplift / every, 12);
  });

  it('states a year of each action’s money scaled to the horizon, and no money for the rules', () => {
    expect(row('model').stated).toBeCloseTo((3 * 365 * 100) / 365, 9);
    for (const method of ['same-customers-popular', 'popular', 'random', 'foresight']) expect(row(method).stated).toBeNull();
  });

  it('gives the same customers their most widely bought missing categories, and any customer the most widely bought one', () => {
    // Nuts has two buyers, Tape none: a and b get Nuts, c (who has Nuts) gets Tape.
    expect(row('same-customers-popular')).toMatchObject({ suggestions: 3, customers: 3, takenUp: 1 });
    expect(row('same-customers-popular').uplift).toBeCloseTo(200 / index, 9);
    // Over everyone: a's and b's Nuts, then the biggest customer's Tape (d's).
    expect(row('popular')).toMatchObject({ suggestions: 3, customers: 3, takenUp: 1 });
  });

  it('takes the pairs that really grew most as the ceiling', () => {
    expect(row('foresight').uplift).toBeCloseTo(500 / index - expected(1000) + 200 / index + (100 / index - expected(73)), 9);
    for (const r of g.rows) expect(r.uplift).toBeLessThanOrEqual(row('foresight').uplift + 1e-9);
  });

  it('judges no list where a handful of suggestions were taken up, by ours or the rules', () => {
    // Two of ours against one of a rule's: too few to tell them apart.
    expect(g.verdict).toMatchObject({ takeUpOk: null, upliftOk: null, takeUpRatio: null });
    expect(g.verdict.text).toBe("Too few suggestions were taken up to judge: 2 of our 3 and at most 1 of the popularity rules' over the horizon, so no list can be told from another by what followed.");
  });

  // The same business five times over: enough taken up to judge the lists.
  const copies = ['1', '2', '3', '4', '5'];
  const five = makeDataset(copies.flatMap(rowsOf));
  const fiveTimes = (picks: [string, string][]) => copies.flatMap((copy) => picks.map(([customer, category]) => suggest(`${customer}${copy}`, category, 365)));

  it('says the suggestions pointed where customers were heading when they beat both popularity rules', () => {
    const better = growthBacktest(five, fiveTimes([['a', 'Nuts'], ['b', 'Tape'], ['c', 'Nuts']]), cut, 100, 42);
    expect(better.verdict).toMatchObject({ takeUpOk: true, upliftOk: true });
    // Ten of fifteen taken up against the better rule's five of fifteen.
    expect(better.verdict.takeUpRatio).toBeCloseTo(2, 12);
    expect(better.verdict.text).toMatch(/^Growth actions pointed where customers were heading/);
    expect(better.verdict.text).toContain('67% of the 15 suggestions were taken up');
  });

  it('says so plainly when a popularity rule does better', () => {
    const worse = growthBacktest(five, fiveTimes([['b', 'Tape'], ['c', 'Tape']]), cut, 100, 42);
    expect(worse.verdict.takeUpOk).toBe(false);
    expect(worse.verdict.text).toMatch(/did not point where customers were heading .* read their money as peers’ spend, not as a likely gain/);
  });
});
