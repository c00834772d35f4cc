import { makeFormatters } from '../../../renderer/src/app/format';
import type { KQuality, ProfileResult } from '../../../shared/model/results';

/** Fixed locale so labels are the same on every machine. */
export const fmt = makeFormatters('USD', 'en-US');

export const quality: KQuality[] = [
  { k: 2, silhouette: 0.31, sse: 900, converged: true, iterations: 8 },
  { k: 3, silhouette: 0.42, sse: 610, converged: true, iterations: 11 },
  { k: 4, silhouette: 0.47, sse: 420, converged: true, iterations: 14 },
  { k: 5, silhouette: 0.39, sse: 380, converged: false, iterations: 100 },
];

export const categories = ['Dairy', 'Meat', 'Seafood'];

export const profiles: ProfileResult[] = [
  { id: 1, label: 'Dairy heavy', mix: [0.7, 0.2, 0.1], penetration: [1, 0.6, 0.3], bestMembers: 10, members: 120, revenue12m: 500000 },
  { id: 2, label: 'Meat + Seafood', mix: [0.1, 0.5, 0.4], penetration: [0.4, 1, 0.9], bestMembers: 8, members: 90, revenue12m: 300000 },
];
