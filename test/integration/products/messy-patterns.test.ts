import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../shared/analytics/agreement';
import type { CustomerResult } from '../../../shared/model/results';
import type { AnalysisSummary } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { seededRandom } from '../../../shared/analytics/rng';

/**
 * An export as a small distributor sends it: 300 customers who each follow one of five buying
 * patterns, and category names typed by hand (case, spacing, hyphens and full stops vary from row
 * to row). Seeded, so the file is the same on every run.
 */
const CATEGORIES = [
  'Safety Gear', 'Hand Tools', 'Power Tools', 'Fasteners', 'Adhesives', 'Cleaning Supplies', 'Paper Goods', 'Office Furniture',
  'Lighting', 'Cable Management', 'Plumbing Fittings', 'Garden Care', 'Paint', 'Packaging', 'Workwear',
];
const PATTERNS = [
  ['Safety Gear', 'Workwear', 'Hand Tools'],
  ['Power Tools', 'Fasteners', 'Adhesives'],
  ['Cleaning Supplies', 'Paper Goods', 'Packaging'],
  ['Office Furniture', 'Lighting', 'Cable Management'],
  ['Plumbing Fittings', 'Garden Care', 'Paint'],
];

const messy = (name: string, r: number): string =>
  [name, name.toUpperCase(), ` ${name.toLowerCase().replace(' ', '-')} `, `${name.replace(' ', '  ')}.`][Math.floor(r * 4)];

function plantedExport(file: string): Map<string, number> {
  const rand = seededRandom(20261201);
  const planted = new Map<string, number>();
  const lines = ['Customer ID,Invoice Date,Product Category,Amount'];
  const start = Date.UTC(2024, 6, 1);
  const days = 540;
  for (let c = 0; c < 300; c++) {
    const code = `C${String(c + 1).padStart(4, '0')}`;
    const pattern = c % 5;
    planted.set(code, pattern);
    // Sizes differ by an order of magnitude, as real customers do; the pattern is in the mix.
    const size = Math.exp(rand() * 2.3);
    const orders = 14 + Math.floor(rand() * 16);
    for (let o = 0; o < orders; o++) {
      const date = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
      const core = rand() < 0.9;
      const category = core ? PATTERNS[pattern][Math.floor(rand() * 3)] : CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
      const amount = (size * (40 + rand() * 160)).toFixed(2);
      lines.push(`${code},${date},${messy(category, rand())},${amount}`);
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return planted;
}

describe('five planted buying patterns in an export with messy category names', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let planted: Map<string, number>;
  let summary: AnalysisSummary;
  let customers: CustomerResult[];

  beforeAll(async () => {
    w = await newWorkspace({ clientName: 'Messy Names Ltd' });
    const file = path.join(w.dir, 'messy-export.csv');
    planted = plantedExport(file);
    await w.backend.call('import-run', { path: file });
    summary = await w.backend.call('analysis-run', { settings: {} });
    customers = (await w.backend.call('analysis-customers', { runId: summary.runId, limit: 100000 })).rows;
  }, 300_000);
  afterAll(() => w?.cleanup());

  it('reads the 60 spellings as the 15 categories they are, each named by its tidiest spelling', () => {
    const sorted = (names: readonly string[]) => [...names].sort((a, b) => a.localeCompare(b));
    expect(sorted(summary.categories)).toEqual(sorted(CATEGORIES));
  });

  it('suggests five profiles, says the patterns are there, and leaves no profile tiny', () => {
    console.log(`messy names: k ${summary.suggestedK}, ${summary.structure?.state}: ${summary.structure?.reason}; profiles ${summary.profiles.map((p) => `${p.label} (${p.members})`).join(', ')}`);
    console.log(`quality: ${summary.quality.map((q) => `k${q.k} s${q.silhouette.toFixed(3)} st${(q.stability ?? NaN).toFixed(2)} min${((q.smallestShare ?? NaN) * 100).toFixed(0)}%`).join(' | ')}`);
    expect(summary.suggestedK).toBe(5);
    expect(summary.k).toBe(5);
    expect(summary.structure?.state).not.toBe('none');
    for (const p of summary.profiles) expect(p.members, p.label).toBeGreaterThanOrEqual(30);
  });

  it('recovers the planted patterns (adjusted Rand index >= 0.9) and names each profile after its own categories', () => {
    const matched = customers.filter((c) => c.profile !== null);
    expect(matched.length).toBeGreaterThan(280);
    const ari = adjustedRandIndex(
      matched.map((c) => c.profile as number),
      matched.map((c) => planted.get(c.code) as number),
    );
    expect(ari).toBeGreaterThanOrEqual(0.9);
    for (const p of summary.profiles) {
      const members = matched.filter((c) => c.profile === p.id);
      const counts = [0, 0, 0, 0, 0];
      for (const c of members) counts[planted.get(c.code) as number]++;
      const pattern = counts.indexOf(Math.max(...counts));
      const words = PATTERNS[pattern].map((name) => name.toLowerCase());
      expect(words.some((word) => p.label.toLowerCase().includes(word)), `${p.label} for ${PATTERNS[pattern].join(', ')}`).toBe(true);
      expect(p.label).not.toMatch(/\s{2}|\.|-|[A-Z]{4}/);
    }
  });
});
