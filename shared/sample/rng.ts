/**
 * A small seeded random source of our own: a 32-bit counter run through an avalanche mix, so every
 * seed gives an independent, reproducible stream and sub-streams can be derived by key without
 * consuming the parent (customers stay identical whatever else the generator does).
 */
export const mix32 = (value: number): number => {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
};

/** Folds keys into a seed: deriveSeed(seed, customer, category) names one relationship's stream. */
export const deriveSeed = (seed: number, ...keys: number[]): number => {
  let h = mix32(seed ^ 0x5bd1e995);
  for (const key of keys) h = mix32((h + Math.imul(key | 0, 0x27d4eb2f) + 0x165667b1) | 0);
  return h;
};

export type Rng = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Uniform in [low, high). */
  uniform: (low: number, high: number) => number;
  /** Integer in [low, high], both inclusive. */
  int: (low: number, high: number) => number;
  chance: (probability: number) => boolean;
  /** Standard normal. */
  normal: () => number;
  /** exp(N(0, sigma)): a multiplicative noise factor with median 1. */
  lognormal: (sigma: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** Index drawn with probability proportional to its weight. */
  weighted: (weights: readonly number[]) => number;
  shuffle: <T>(items: T[]) => T[];
};

export function createRng(seed: number): Rng {
  let counter = mix32(seed ^ 0x9e3779b9);
  const next = (): number => {
    counter = (counter + 0x6a09e667) | 0;
    return mix32(counter ^ (counter >>> 13)) / 4294967296;
  };
  const normal = (): number => {
    // Box-Muller; 1 - u keeps the log away from zero.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
    normal,
    lognormal: (sigma) => Math.exp(sigma * normal()),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let target = next() * total;
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0) return i;
      }
      return weights.length - 1;
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return rng;
}
