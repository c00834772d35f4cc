/**
 * Product groups proposed from product descriptions, for catalogues whose only product level is a
 * code. Each product joins the most widely shared meaningful word of its description (a product
 * type such as "bag" or "mug", or a range such as "christmas"); the words that carry the most
 * revenue are kept as groups, up to maxGroups, and a product whose word was not kept moves to
 * another of its words that was, else to "Other products". Generic by design: it knows English
 * function words, colours and sizes, never a product list. The analyst reviews, renames and
 * merges the proposal before it is saved.
 */
export type ProductInfo = { code: string; name: string; revenue: number };

export type ProposedGroup = {
  name: string;
  /** Products in the group and their revenue. */
  products: number;
  revenue: number;
  /** The group's largest products' descriptions, for review. */
  examples: string[];
};

export type GroupProposal = { groups: ProposedGroup[]; groupOf: Map<string, string> };

export const OTHER_GROUP = 'Other products';
export const DEFAULT_MAX_GROUPS = 30;

/** Words that never name a group: function words, colours, sizes, quantities, generic packaging. */
const STOP = new Set(
  (
    'the and for with from into onto your our this that its of in on to by at or as a an ' +
    'set sets pack packs piece pieces pcs pc assorted asst assort box boxes lot item items new old ' +
    'small large medium mini jumbo big little tiny giant extra super mega tall short long wide round square ' +
    'red blue green pink white black ivory cream gold golden silver purple orange yellow brown grey gray ' +
    'natural multi multicolour colour colours color colors coloured colored bright dark pastel ' +
    'design designs style styled vintage retro classic modern antique traditional deluxe luxury fancy ' +
    'sweet pretty cute lovely happy mixed various single double triple one two three four five six ' +
    'cm mm inch inches ml ltr litre kg gram grams size sizes'
  ).split(' '),
);

const words = (text: string): string[] => (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 3 && !STOP.has(w));

/** Title case of the surface form most used for a word: "christmas" -> "Christmas". */
const titleCase = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function proposeGroupsFromDescriptions(products: readonly ProductInfo[], maxGroups = DEFAULT_MAX_GROUPS): GroupProposal {
  // Plurals fold into the singular only when the singular is itself a word of the catalogue.
  const vocabulary = new Set<string>();
  const raw = products.map((p) => words(p.name));
  for (const ws of raw) for (const w of ws) vocabulary.add(w);
  const stem = (w: string): string => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && vocabulary.has(w.slice(0, -1)) ? w.slice(0, -1) : w);
  const tokens = raw.map((ws) => [...new Set(ws.map(stem))]);
  const df = new Map<string, number>();
  for (const ts of tokens) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
  const described = tokens.filter((t) => t.length > 0).length;
  const minProducts = Math.max(3, Math.ceil(described * 0.004));
  const candidates = tokens.map((ts) => ts.filter((t) => (df.get(t) ?? 0) >= minProducts));

  // Greedy cover: take the word whose products carry the most revenue not yet covered, until
  // maxGroups - 1 words are taken or none covers a product more; each product joins the first
  // taken word it contains. This maximises the revenue the named groups explain, so "Other
  // products" stays small.
  const byWord = new Map<string, number[]>();
  candidates.forEach((ts, i) => {
    for (const t of ts) {
      const list = byWord.get(t);
      if (list) list.push(i);
      else byWord.set(t, [i]);
    }
  });
  const keyOf: (string | null)[] = new Array<string | null>(products.length).fill(null);
  const kept = new Set<string>();
  const value = (i: number): number => Math.max(0, products[i].revenue) + 1e-9;
  while (kept.size < Math.max(1, maxGroups - 1)) {
    let best: string | null = null;
    let bestGain = 0;
    for (const [t, list] of byWord) {
      if (kept.has(t)) continue;
      let gain = 0;
      let fresh = 0;
      for (const i of list) {
        if (keyOf[i] !== null) continue;
        gain += value(i);
        fresh++;
      }
      if (fresh >= minProducts && (gain > bestGain || (gain === bestGain && best !== null && t < best))) {
        best = t;
        bestGain = gain;
      }
    }
    if (best === null) break;
    kept.add(best);
    for (const i of byWord.get(best) as number[]) if (keyOf[i] === null) keyOf[i] = best;
  }
  const surface = new Map<string, string>();
  for (const t of kept) surface.set(t, titleCase(t));
  const groupOf = new Map<string, string>();
  const stats = new Map<string, { products: number; revenue: number; members: { name: string; revenue: number }[] }>();
  products.forEach((p, i) => {
    const k = keyOf[i];
    const group = k ? (surface.get(k) as string) : OTHER_GROUP;
    groupOf.set(p.code, group);
    let s = stats.get(group);
    if (!s) stats.set(group, (s = { products: 0, revenue: 0, members: [] }));
    s.products++;
    s.revenue += p.revenue;
    s.members.push({ name: p.name || p.code, revenue: p.revenue });
  });
  const groups = [...stats.entries()]
    .map(([name, s]) => ({
      name,
      products: s.products,
      revenue: s.revenue,
      examples: s.members
        .sort((a, b) => b.revenue - a.revenue)
        .slice(0, 5)
        .map((m) => m.name),
    }))
    .sort((a, b) => (a.name === OTHER_GROUP ? 1 : b.name === OTHER_GROUP ? -1 : b.revenue - a.revenue));
  return { groups, groupOf };
}
