/**
 * "Meat + Produce heavy": the categories that make the bulk of a profile's typical mix. A profile
 * whose top category alone is most of its spend is named by that one; otherwise the top two (or
 * three when the mix is flat). Duplicate labels take the next category until they differ, then a
 * number as the last resort.
 */
const DOMINANT = 0.6;

/** Catch-all groups ("Other products") are a remainder, not a pattern: they name a profile only last. */
export const CATCH_ALL = /^(other|others|misc|miscellaneous|unknown|unassigned)\b/i;

const ordered = (mix: readonly number[], categories: readonly string[]): number[] =>
  mix
    .map((_, i) => i)
    .sort((a, b) => Number(CATCH_ALL.test(categories[a] ?? '')) - Number(CATCH_ALL.test(categories[b] ?? '')) || mix[b] - mix[a] || a - b);

const labelOf = (names: string[], order: number[], take: number): string =>
  `${order
    .slice(0, take)
    .map((i) => names[i])
    .join(' + ')} heavy`;

export function profileLabels(mixes: readonly (readonly number[])[], categories: readonly string[]): string[] {
  const orders = mixes.map((m) => ordered([...m], categories));
  const takes = mixes.map((mix, p) => {
    const o = orders[p];
    if (o.length === 0) return 0;
    if (mix[o[0]] >= DOMINANT) return 1;
    if (o.length > 2 && mix[o[0]] + mix[o[1]] < 0.5) return 3;
    return Math.min(2, o.length);
  });
  const names = [...categories];
  const labels = mixes.map((_, p) => labelOf(names, orders[p], takes[p]));
  for (let round = 0; round < categories.length; round++) {
    const seen = new Map<string, number[]>();
    labels.forEach((l, p) => seen.set(l, [...(seen.get(l) ?? []), p]));
    const clashes = [...seen.values()].filter((ps) => ps.length > 1);
    if (clashes.length === 0) return labels;
    for (const ps of clashes) {
      for (const p of ps) {
        if (takes[p] < categories.length) {
          takes[p]++;
          labels[p] = labelOf(names, orders[p], takes[p]);
        }
      }
    }
  }
  const count = new Map<string, number>();
  return labels.map((l) => {
    const c = (count.get(l) ?? 0) + 1;
    count.set(l, c);
    return c === 1 ? l : `${l} (${c})`;
  });
}
