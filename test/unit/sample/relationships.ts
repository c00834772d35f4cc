import { dayFromIso } from '../../../shared/format/dates';
import type { SampleRow } from '../../../shared/sample';

/** Rows of one customer x category, in date order. */
export type Relationship = { rows: SampleRow[]; days: number[]; purchaseDays: number[] };

export const keyOf = (customerId: string, category: string): string => `${customerId}|${category}`;

export function relationshipsOf(rows: Iterable<SampleRow>): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const row of rows) {
    const key = keyOf(row.customerId, row.category);
    let rel = map.get(key);
    if (!rel) {
      rel = { rows: [], days: [], purchaseDays: [] };
      map.set(key, rel);
    }
    const day = dayFromIso(row.date);
    rel.rows.push(row);
    rel.days.push(day);
    if (row.revenue > 0 && rel.purchaseDays[rel.purchaseDays.length - 1] !== day) rel.purchaseDays.push(day);
  }
  return map;
}

export const intervalsOf = (days: number[]): number[] => days.slice(1).map((d, i) => d - days[i]);

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const coefficientOfVariation = (xs: number[]): number => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return sd / mean;
};
