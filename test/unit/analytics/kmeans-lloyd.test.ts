import { kmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { flatten, lloyd } from '../../../shared/analytics/kmeans-lloyd';
import { bestOfRestarts, flatPoints, kmeansPlusPlus } from '../../../shared/analytics/kmeans-sweep';
import { seededRandom } from '../../../shared/analytics/rng';

/** Points around a few centres with seeded noise, plus exact duplicates that tie on distance. */
function blobs(n: number, dims: number, centres: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const middles = Array.from({ length: centres }, () => Array.from({ length: dims }, () => random() * 3));
  const points = Array.from({ length: n }, (_, i) => middles[i % centres].map((x) => x + (random() - 0.5) * 1.4));
  for (let i = 0; i < n / 10; i++) points.push([...points[i]]);
  return points;
}

describe("Lloyd's k-means on flat arrays", () => {
  it('finds the same clusters, centres, iteration count and convergence as ml-kmeans from the same start, to the bit', () => {
    for (const [k, seed] of [[2, 1], [5, 2], [9, 3], [12, 4]]) {
      const points = blobs(600, 17, 6, seed);
      const start = kmeansPlusPlus(flatPoints(points), k, seed);
      const theirs = kmeans(points, k, { initialization: start.map((c) => [...c]), maxIterations: 500 });
      const ours = lloyd(flatten(points, 17), 17, start, 500);
      expect(Array.from(ours.clusters)).toEqual(theirs.clusters);
      expect(ours.centroids).toEqual(theirs.centroids);
      expect(ours.iterations).toBe(theirs.iterations);
      expect(ours.converged).toBe(theirs.converged);
    }
  });

  it('skips points only where their centre cannot have changed: still the same as ml-kmeans to the bit over many shapes, with ties, outliers and stragglers', () => {
    // The bounds let most points go unmeasured after the first iterations; a point whose bounds
    // leave any doubt (a tie, a centre that moved past it) must be measured, or it would differ here.
    for (let seed = 20; seed < 60; seed++) {
      const random = seededRandom(seed);
      const dims = 2 + (seed % 16);
      const k = 2 + (seed % 11);
      const points = blobs(150 + (seed % 7) * 60, dims, 2 + (seed % 9), seed);
      // Far outliers and points exactly between two blobs' centres.
      for (let i = 0; i < 5; i++) points.push(Array.from({ length: dims }, () => (random() < 0.5 ? -40 : 40)));
      for (let i = 0; i < 5; i++) points.push(points[i].map((x, d) => (x + points[i + 1][d]) / 2));
      const start = kmeansPlusPlus(flatPoints(points), k, seed);
      const theirs = kmeans(points, k, { initialization: start.map((c) => [...c]), maxIterations: 500 });
      const ours = lloyd(flatten(points, dims), dims, start, 500);
      expect(Array.from(ours.clusters), `seed ${seed}`).toEqual(theirs.clusters);
      expect(ours.centroids, `seed ${seed}`).toEqual(theirs.centroids);
      expect(ours.iterations, `seed ${seed}`).toBe(theirs.iterations);
    }
  });

  it('stops at the iteration cap unconverged, as ml-kmeans does', () => {
    const points = blobs(400, 5, 4, 9);
    const start = kmeansPlusPlus(flatPoints(points), 8, 9);
    const theirs = kmeans(points, 8, { initialization: start.map((c) => [...c]), maxIterations: 2 });
    const ours = lloyd(flatten(points, 5), 5, start, 2);
    expect(ours.converged).toBe(false);
    expect(ours.iterations).toBe(2);
    expect(ours.centroids).toEqual(theirs.centroids);
  });

  it('keeps an empty cluster where it was', () => {
    const points = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const fit = lloyd(flatten(points, 2), 2, [[0.5, 0.5], [50, 50]], 10);
    expect(fit.centroids[1]).toEqual([50, 50]);
    expect(Array.from(fit.clusters)).toEqual([0, 0, 0, 0]);
  });

  it('gives the same best-of-restarts fit on the same seed twice', () => {
    const p = flatPoints(blobs(500, 8, 5, 11));
    expect(bestOfRestarts(p, 5, 7, 3)).toEqual(bestOfRestarts(p, 5, 7, 3));
  });
});
