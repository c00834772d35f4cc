import { describe, expect, it } from 'vitest';
import { callOrderFormula, callOrderNotes, callOrderWeightNote, callValue, levelOrder, type OrderedCall } from '../../../shared/analytics/recovery/call-order';
import type { RiskForecast } from '../../../shared/analytics/risk';
import { formatMoney } from '../../../shared/format/numbers';

const CUT = 1000;

/** A kind of unit: how many, what it spent and how it bought up to the cut, and what the model says of it. */
type Kind = { count: number; prior: number; previous90: number; last90: number; daysSilent: number; gapP90: number; atRisk: number; pDecline: number };

/** A customer-level forecast made of these kinds of units, in order. */
function forecastOf(kinds: Kind[], basis: RiskForecast['basis'] = 'model'): RiskForecast {
  const units = kinds.flatMap((k) => Array.from({ length: k.count }, () => k));
  const n = units.length;
  const column = (of: (k: Kind) => number) => Float64Array.from(units, of);
  return {
    level: 'customer',
    cut: CUT,
    horizonDays: 365,
    priorDays: 365,
    facts: {
      cut: CUT,
      priorDays: 365,
      orders: Int32Array.from(units, () => 12),
      ordersPrior: Int32Array.from(units, () => 6),
      first: new Int32Array(n),
      last: Int32Array.from(units, (k) => CUT - k.daysSilent),
      cycle: column(() => 30),
      gapP90: column((k) => k.gapP90),
      prior: column((k) => k.prior),
      last90: column((k) => k.last90),
      previous90: column((k) => k.previous90),
      lastYearAhead: column(() => Number.NaN),
    },
    breadth: null,
    expected: column((k) => k.prior),
    kept: null,
    pDecline: column((k) => k.pDecline),
    lossShare: column((k) => k.atRisk / k.prior),
    atRisk: column((k) => k.atRisk),
    training: null,
    basis,
    calibrated: true,
    pace: { season: 0, quarter: 0, last90: 0 },
  };
}

/** Large accounts drifting a little (much money, seldom a real slide), the naive rules' picks, and small quiet ones sure to go. */
const DRIFTING: Kind = { count: 300, prior: 10_000, previous90: 2_500, last90: 2_400, daysSilent: 10, gapP90: 30, atRisk: 3_000, pDecline: 0.3 };
const DROPPED: Kind = { count: 300, prior: 1_000, previous90: 250, last90: 0, daysSilent: 100, gapP90: 40, atRisk: 400, pDecline: 0.5 };
const quiet = (pDecline: number): Kind => ({ count: 400, prior: 600, previous90: 150, last90: 150, daysSilent: 20, gapP90: 1_000, atRisk: 500, pDecline });

const callsOf = (f: RiskForecast): OrderedCall[] => Array.from(f.atRisk, (money, u) => ({ money, chance: f.pDecline[u] }));
const topChance = (calls: OrderedCall[], weight: number, size: number): number =>
  calls
    .map((c) => callValue(c.money, c.chance, weight))
    .map((v, i) => ({ v, c: calls[i] }))
    .sort((a, b) => b.v - a.v)
    .slice(0, size)
    .reduce((s, x) => s + x.c.chance, 0) / size;

describe('the order of the recovery list', () => {
  it('weighs sureness just enough that the top calls are surer than the naive lists and hold 1.2x their money', () => {
    const forecast = forecastOf([DRIFTING, DROPPED, quiet(0.9)]);
    const calls = callsOf(forecast);
    const order = levelOrder(calls, forecast);
    expect(order).not.toBeNull();
    if (!order) return;
    // The naive lists (largest drop, gap past its own P90, longest silence) all take the dropped
    // accounts: a 50% chance each by the model, so the bar is 50% plus its sampling error at 300.
    expect(order.chanceBar).toBeCloseTo(0.5 + 1.645 * Math.sqrt(0.25 / 300), 6);
    expect(order.moneyBar).toBeCloseTo(1.2 * 300 * 400, 6);
    // Money first, the drifting accounts fill the top at a 30% chance: the weight moves the quiet ones up.
    expect(topChance(calls, 0, 300)).toBeCloseTo(0.3, 6);
    expect(order.met).toBe(true);
    expect(order.weight).toBeGreaterThan(0);
    expect(order.chance).toBeCloseTo(0.9, 6);
    expect(order.money).toBe(300 * 500);
    expect(order.money).toBeGreaterThanOrEqual(order.moneyBar);
    // The least weight that does it: half of it still leaves the drifting accounts on top.
    expect(topChance(calls, order.weight / 2, 300)).toBeLessThan(order.chanceBar);
  });

  it('stays money first, and says it missed, when no weight makes the top both surer and richer', () => {
    const forecast = forecastOf([DRIFTING, DROPPED, quiet(0.52)]);
    const order = levelOrder(callsOf(forecast), forecast);
    expect(order).toMatchObject({ weight: 0, met: false, size: 300 });
    expect(order?.chance).toBeCloseTo(0.3, 6);
  });

  it("reads a call that holds a share of its account's money at the forecast's own loss, as the naive lists are read", () => {
    const forecast = forecastOf([DRIFTING, DROPPED, quiet(0.9)]);
    // The quiet units as categories of whole-account calls: each carries a fifth of the forecast's loss.
    const shares = callsOf(forecast).map((c, u) => (u >= 600 ? { money: c.money / 5, chance: c.chance, forecastLoss: c.money } : c));
    const order = levelOrder(shares, forecast);
    // Their shares alone (300 x 100) fall short of 1.2x the dropped list's 300 x 400; their forecast loss does not.
    expect(order).toMatchObject({ met: true, money: 300 * 500 });
    const asShares = levelOrder(
      shares.map(({ money, chance }) => ({ money, chance })),
      forecast,
    );
    expect(asShares).toMatchObject({ met: false, weight: 0 });
  });

  it('orders nothing where no model priced the calls', () => {
    const forecast = forecastOf([DRIFTING, DROPPED, quiet(0.9)], 'none');
    expect(levelOrder(callsOf(forecast), forecast)).toBeNull();
    expect(levelOrder([], forecastOf([DRIFTING]))).toBeNull();
  });

  it('names the weight and its figures in the run notes, and says plainly when the list stays money first', () => {
    const sure = forecastOf([DRIFTING, DROPPED, quiet(0.9)]);
    const doubtful = forecastOf([DRIFTING, DROPPED, quiet(0.52)]);
    const order = { customer: levelOrder(callsOf(sure), sure), relationship: levelOrder(callsOf(doubtful), doubtful) };
    const [customers, relationships] = callOrderNotes(order, (x) => formatMoney(x, 'USD'));
    expect(customers).toContain(`(money at risk + ${formatMoney(order.customer?.weight ?? 0, 'USD')})`);
    expect(customers).toContain('a 90% chance of a slide on average against a bar of 55%');
    expect(customers).toContain('1.25x the richest naive list');
    expect(relationships).toContain('Customer x category calls stay ordered by money at risk x chance');
    expect(relationships).toContain('Expect more of the money than a naive rule catches, with fewer true slides');
    // Sure enough, but without the money: the rules' lists hold large accounts the calls do not.
    const poor = forecastOf([{ ...DROPPED, atRisk: 2_000 }, quiet(0.9)]);
    const fewCalls = callsOf(poor).slice(300);
    const [short] = callOrderNotes({ customer: levelOrder(fewCalls, poor), relationship: null }, String);
    expect(short).toContain("Expect surer slides than a naive rule's, with less of the money");
    // One category: the relationships are the customers, said once.
    const single = levelOrder(callsOf(sure), sure);
    expect(callOrderNotes({ customer: single, relationship: single }, String)).toHaveLength(1);
    // A list of a few calls is read whole: no note that it stayed money first.
    const few = levelOrder(callsOf(doubtful).slice(0, 20), doubtful);
    expect(few?.met).toBe(false);
    expect(callOrderNotes({ customer: few, relationship: null }, String)).toEqual([]);
    // Money first already meets both bars: nothing to say.
    const plain = forecastOf([DROPPED, quiet(0.9)]);
    expect(callOrderNotes({ customer: levelOrder(callsOf(plain), plain), relationship: null }, String)).toEqual([]);
  });

  it('writes the order above the list as a formula with each level\'s weight', () => {
    const sure = forecastOf([DRIFTING, DROPPED, quiet(0.9)]);
    const doubtful = forecastOf([DRIFTING, DROPPED, quiet(0.52)]);
    const weighted = levelOrder(callsOf(sure), sure);
    const plain = levelOrder(callsOf(doubtful), doubtful);
    const usd = (x: number) => formatMoney(x, 'USD');
    expect(callOrderFormula({ customer: weighted, relationship: plain }, usd)).toBe(
      `chance of a slide × (money at risk + ${usd(weighted?.weight ?? 0)}) for customers sliding as a whole, chance of a slide × money at risk for customer x category calls`,
    );
    expect(callOrderFormula({ customer: plain, relationship: null }, usd)).toBe('chance of a slide × money at risk');
    expect(callOrderFormula(undefined, usd)).toBe('chance of a slide × money at risk');
  });

  it('keeps money first, or puts the surest calls first, when the settings ask, whatever the bars say', () => {
    const forecast = forecastOf([DRIFTING, DROPPED, quiet(0.9)]);
    const calls = callsOf(forecast);
    // Balanced, this data moves the quiet accounts up (the first case above); money first leaves the drifting ones on top.
    const money = levelOrder(calls, forecast, 'money');
    expect(money).toMatchObject({ weight: 0, mode: 'money', met: false });
    expect(money?.chance).toBeCloseTo(0.3, 6);
    // Surest first: 64 times the median call's money (the quiet accounts' 500 here).
    const sure = levelOrder(calls, forecast, 'sure');
    expect(sure).toMatchObject({ weight: 64 * 500, mode: 'sure' });
    expect(sure?.chance).toBeCloseTo(0.9, 6);
    // Where balanced keeps money first, surest first still leads with the likeliest slides.
    const doubtful = forecastOf([DRIFTING, DROPPED, quiet(0.52)]);
    expect(levelOrder(callsOf(doubtful), doubtful, 'balanced')?.chance).toBeCloseTo(0.3, 6);
    expect(levelOrder(callsOf(doubtful), doubtful, 'sure')?.chance).toBeCloseTo(0.52, 6);
    const usd = (x: number) => formatMoney(x, 'USD');
    const [said] = callOrderNotes({ customer: sure, relationship: null }, usd);
    expect(said).toContain(`Customers sliding as a whole are ordered surest first, as the settings ask: by chance of a slide x (money at risk + ${usd(64 * 500)})`);
    expect(callOrderNotes({ customer: money, relationship: null }, usd)[0]).toContain('are ordered money first, as the settings ask');
    expect(callOrderWeightNote({ customer: sure, relationship: sure })).toContain('Surest first');
    expect(callOrderWeightNote({ customer: money, relationship: money })).toBe(" Money first, as the run's settings ask.");
    expect(callOrderWeightNote({ customer: levelOrder(calls, forecast), relationship: null })).toContain("the run's weight on sureness");
    expect(callOrderWeightNote(undefined)).toBe('');
  });
});
