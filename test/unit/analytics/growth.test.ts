import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../shared/analytics/features';
import { customersBeyondPeers, findGrowthGaps } from '../../../shared/analytics/growth';
import { buildProfiles, sweepProfiles } from '../../../shared/analytics/profiles';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import { makeDataset, type Row } from './make-dataset';
import { quantileSorted } from '../../../shared/analytics/rng';

const CATS = ['Bakery', 'Dairy', 'Meat', 'Paper', 'Produce', 'Seafood'];

function restaurantsAndCafes(): Row[] {
  const rows: Row[] = [];
  const add = (customer: string, category: string, revenue: number) => rows.push({ customer, date: '2025-05-01', category, revenue });
  for (let i = 0; i < 20; i++) {
    const r = `R${String(i).padStart(2, '0')}`;
    const size = 1 + i / 20;
    add(r, 'Meat', 5000 * size);
    add(r, 'Produce', 3000 * size);
    // 18 of 20 restaurants buy Seafood.
    if (i < 18) add(r, 'Seafood', 2000 * size);
    // Two restaurants bought Paper once: a stray purchase, never a recommendation.
    if (i < 2) add(r, 'Paper', 400);
    const c = `K${String(i).padStart(2, '0')}`;
    add(c, 'Bakery', 4000 * size);
    add(c, 'Dairy', 3000 * size);
    add(c, 'Paper', 1000 * size);
  }
  // A small restaurant that never buys Seafood, and one that buys a token amount.
  add('X-never', 'Meat', 5000);
  add('X-never', 'Produce', 3000);
  add('Y-little', 'Meat', 5000);
  add('Y-little', 'Produce', 3000);
  add('Y-little', 'Seafood', 100);
  rows.push({ customer: 'Y-little', date: '2023-01-01', category: 'Bakery', revenue: 10 });
  return rows;
}

describe('growth actions', () => {
  const ds = makeDataset(restaurantsAndCafes(), { categories: CATS });
  const f = computeFeatures(ds, ds.lastDay);
  const settings = { ...defaultAnalysisSettings(), k: 2 as const };
  const model = buildProfiles(f, sweepProfiles(f, settings), 2, CATS);
  const gaps = findGrowthGaps(f, model, settings.growth, CATS, 'USD');
  const of = (code: string) => gaps.filter((g) => ds.customers[g.customer].code === code);

  it('recommends a category most peers of the profile buy that the customer never has, with numbers in the reason', () => {
    const x = of('X-never');
    expect(x.map((g) => CATS[g.category])).toEqual(['Seafood']);
    expect(x[0].kind).toBe('never');
    const pen = model.profiles[x[0].profile].penetration[CATS.indexOf('Seafood')];
    expect(pen).toBeGreaterThan(0.8);
    expect(x[0].penetration).toBe(pen);
    expect(x[0].peers).toBeGreaterThanOrEqual(5);
    expect(x[0].expectedRevenue).toBeCloseTo(x[0].peerSpend * pen, 6);
    expect(x[0].reason).toMatch(/^\d\d% of 'Meat \+ Produce( \+ Seafood)? heavy' peers buy Seafood; this customer never has; peers of its size spend (\d\d|\d\.\d)% of theirs on it, about \$1,\d00 a year at its size \(middle half of peers: \$[\d,]+-\$[\d,]+\); weighted by that \d\d%, the gap is worth about \$[\d,]+ a year \(likely range \$[\d,]+-\$[\d,]+\)$/);
    // The share quoted is the peers' own, which the money scales to this customer's revenue.
    const share = Number(/spend ([\d.]+)% of theirs/.exec(x[0].reason)?.[1]) / 100;
    expect(Math.abs(share * f.revenue12m[x[0].customer] - x[0].peerSpend)).toBeLessThanOrEqual(0.01 * f.revenue12m[x[0].customer]);
  });

  it('recommends a category the customer buys far below what peers of its size spend', () => {
    const y = of('Y-little');
    expect(y.map((g) => [CATS[g.category], g.kind])).toEqual([['Seafood', 'under-buy']]);
    expect(y[0].expectedRevenue).toBeCloseTo((y[0].peerSpend - 100) * y[0].penetration, 6);
    expect(y[0].reason).toContain('this customer bought $100 in the last 12 months');
  });

  it('says its money covers the days of data, not a year, when the data is younger than a year', () => {
    // Y-little's stray 2023 purchase left out and one row on 2025-01-01: 121 days of data by 2025-05-01.
    const rows = restaurantsAndCafes().filter((r) => r.date !== '2023-01-01');
    rows.push({ customer: 'X-never', date: '2025-01-01', category: 'Meat', revenue: 10 });
    const young = makeDataset(rows, { categories: CATS });
    const yf = computeFeatures(young, young.lastDay);
    expect(yf.windowDays).toBe(121);
    const found = findGrowthGaps(yf, buildProfiles(yf, sweepProfiles(yf, settings), 2, CATS), settings.growth, CATS, 'USD');
    const codeOf = (g: { customer: number }) => young.customers[g.customer].code;
    expect(found.find((g) => codeOf(g) === 'X-never')?.reason).toMatch(/; this customer never has; peers of its size spend [\d.]+% of theirs on it, about \$1,\d00 over 121 days at its size \(middle half/);
    expect(found.find((g) => codeOf(g) === 'Y-little')?.reason).toContain('this customer bought $100 in the 121 days of data');
  });

  it('prices no growth for an account many times the largest peer, whose peers of its size do not exist, and names it', () => {
    const rows = restaurantsAndCafes();
    rows.push({ customer: 'Z-giant', date: '2025-05-01', category: 'Meat', revenue: 500_000 }, { customer: 'Z-giant', date: '2025-05-01', category: 'Produce', revenue: 300_000 });
    const big = makeDataset(rows, { categories: CATS });
    const bf = computeFeatures(big, big.lastDay);
    const bigModel = buildProfiles(bf, sweepProfiles(bf, settings), 2, CATS);
    const found = findGrowthGaps(bf, bigModel, settings.growth, CATS, 'USD');
    const giant = big.customers.findIndex((c) => c.code === 'Z-giant');
    // Seafood's buyers top out near $19,000 a year: scaled to $800,000 their share would be $160,000 of guesswork.
    expect(found.filter((g) => g.customer === giant)).toEqual([]);
    expect(customersBeyondPeers(bf, bigModel, settings.growth)).toEqual([giant]);
    expect(found.some((g) => big.customers[g.customer].code === 'X-never' && CATS[g.category] === 'Seafood')).toBe(true);
  });

  it('never recommends a category only a few peers bought once', () => {
    expect(gaps.some((g) => CATS[g.category] === 'Paper' && ds.customers[g.customer].code.startsWith('R'))).toBe(false);
    expect(gaps.some((g) => CATS[g.category] === 'Bakery' && ds.customers[g.customer].code === 'Y-little')).toBe(false);
  });

  it('needs at least minPeers buying peers', () => {
    const strict = findGrowthGaps(f, model, { ...settings.growth, minPeers: 50 }, CATS, 'USD');
    expect(strict).toEqual([]);
  });

  it('suggests no category the customer sent back at least as much of as it bought this year, and still one it kept some of', () => {
    const rows = restaurantsAndCafes();
    // Y-little sent its token Seafood back; Z-returns bought $900 of Seafood and sent $200 back.
    rows.push({ customer: 'Y-little', date: '2025-05-20', category: 'Seafood', revenue: -100 });
    for (const [category, revenue] of [['Meat', 5000], ['Produce', 3000], ['Seafood', 300], ['Seafood', -200]] as const) rows.push({ customer: 'Z-returns', date: '2025-05-01', category, revenue });
    const returned = makeDataset(rows, { categories: CATS });
    const rf = computeFeatures(returned, returned.lastDay);
    const found = findGrowthGaps(rf, buildProfiles(rf, sweepProfiles(rf, settings), 2, CATS), settings.growth, CATS, 'USD');
    const codeOf = (g: { customer: number }) => returned.customers[g.customer].code;
    expect(found.filter((g) => codeOf(g) === 'Y-little')).toEqual([]);
    const z = found.filter((g) => codeOf(g) === 'Z-returns');
    expect(z.map((g) => [CATS[g.category], g.kind])).toEqual([['Seafood', 'under-buy']]);
    expect(z[0].reason).toContain('this customer bought $100 in the last 12 months');
    // The customers that sent nothing back are suggested what they were before.
    expect(found.filter((g) => codeOf(g) === 'X-never').map((g) => CATS[g.category])).toEqual(['Seafood']);
  });
});

describe('peers spread over several size bands', () => {
  // Forty restaurants from about $2k to $250k a year, each spending its own share on Seafood (one
  // in eight a token amount), and as many cafes.
  const rows: Row[] = [];
  const add = (customer: string, category: string, revenue: number) => rows.push({ customer, date: '2025-05-01', category, revenue });
  for (let i = 0; i < 40; i++) {
    const size = 2000 * 1.13 ** i;
    const seafood = i % 8 === 3 ? 0.002 : 0.05 + ((i * 5) % 11) * 0.02;
    const r = `R${String(i).padStart(2, '0')}`;
    add(r, 'Meat', size * (0.6 - seafood));
    add(r, 'Produce', size * 0.4);
    add(r, 'Seafood', size * seafood);
    const c = `K${String(i).padStart(2, '0')}`;
    add(c, 'Bakery', size * 0.6);
    add(c, 'Dairy', size * 0.4);
  }
  const ds = makeDataset(rows, { categories: CATS });
  const f = computeFeatures(ds, ds.lastDay);
  const settings = { ...defaultAnalysisSettings(), k: 2 as const };
  const model = buildProfiles(f, sweepProfiles(f, settings), 2, CATS);
  const seafood = CATS.indexOf('Seafood');
  const bandOf = (i: number) => Math.floor(Math.log2(Math.max(1, f.revenue12m[i])));
  /** The shares of the customer's buying peers within `width` bands of its own, sorted all together. */
  const peerShares = (customer: number, width: number): Float64Array => {
    const shares: number[] = [];
    for (const i of model.selection.best) {
      const near = width > 3 || Math.abs(bandOf(i) - bandOf(customer)) <= width;
      const spend = f.catRevenue12m[i * f.m + seafood];
      if (model.profileOf[i] === model.profileOf[customer] && spend > 0 && near) shares.push(spend / f.revenue12m[i]);
    }
    return Float64Array.from(shares).sort();
  };

  it.each([5, 8, 12])('prices each gap at the quantiles of all its window’s peers, as if sorted together (at least %i peers)', (minPeers) => {
    const gaps = findGrowthGaps(f, model, { ...settings.growth, minPeers }, CATS, 'USD').filter((g) => g.category === seafood);
    expect(new Set(gaps.map((g) => g.sizeBand)).size).toBeGreaterThan(1);
    for (const g of gaps) {
      const shares = peerShares(g.customer, g.sizeBand);
      const revenue = f.revenue12m[g.customer];
      expect(g.peers).toBe(shares.length);
      expect(g.peerSpend).toBe(quantileSorted(shares, settings.growth.peerQuantile) * revenue);
      expect(g.expectedLow).toBe(Math.max(0, (quantileSorted(shares, 0.25) * revenue - Math.max(0, f.catRevenue12m[g.customer * f.m + seafood])) * g.penetration));
    }
  });
});
