import { describe, expect, it } from 'vitest';
import { rankShares } from '../../../shared/analytics/risk/rank-shares';

/** The rank shares by definition: rows by key descending, ties in row order (keys are numbers). */
function byDefinition(key: Float64Array): Float64Array {
  const rows = Array.from(key.keys()).sort((a, b) => (key[a] > key[b] ? -1 : key[a] < key[b] ? 1 : a - b));
  const share = new Float64Array(key.length);
  rows.forEach((row, position) => (share[row] = position / key.length));
  return share;
}

describe('rank shares', () => {
  it('put the largest key first, number tied keys in row order and take -0 as 0', () => {
    const key = Float64Array.from([3, -0, 0, 7, -2, 3, -Infinity, Infinity, 3, 0]);
    expect(Array.from(rankShares(key))).toEqual(Array.from(byDefinition(key)));
    expect(rankShares(key)[7]).toBe(0);
  });

  it('give NaN keys shares from 1 up in row order, each number moved down one place per NaN, as they always were', () => {
    expect(Array.from(rankShares(Float64Array.from([2, Number.NaN, 5, Number.NaN, 2])))).toEqual([3 / 5, 5 / 5, 2 / 5, 6 / 5, 4 / 5]);
  });

  it('match the definition on many keys of every sign and size, with ties', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const key = Float64Array.from({ length: 20_000 }, () => (next() < 0.3 ? Math.floor(next() * 4) : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20)));
    expect(Array.from(rankShares(key))).toEqual(Array.from(byDefinition(key)));
  });

  it('are empty for no keys', () => {
    expect(rankShares(new Float64Array(0))).toHaveLength(0);
  });
});
