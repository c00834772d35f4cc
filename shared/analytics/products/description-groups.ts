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

/**
 * How much a word behaves as the head of its descriptions (the product type) rather than a
 * modifier (motif, material, range): English names put the head last ("red retrospot cake
 * cases", "wooden picture frame"), so a type word ends descriptions far more often than it starts
 * them, and a motif or material starts them. Catalogues written type first ("DOORMAT UNION FLAG")
 * reverse this; the words seen both singular and plural (count nouns, mostly product types) tell
 * which way the catalogue runs. In -1..1, 1 = always the head.
 */
export function headness(tokens: readonly (readonly string[])[], countNouns: ReadonlySet<string>): Map<string, number> {
  const stats = new Map<string, { n: number; last: number; first: number }>();
  for (const ts of tokens) {
    if (ts.length < 2) continue;
    ts.forEach((t, i) => {
      let s = stats.get(t);
      if (!s) stats.set(t, (s = { n: 0, last: 0, first: 0 }));
      s.n++;
      if (i === ts.length - 1) s.last++;
      if (i === 0) s.first++;
    });
  }
  let lean = 0;
  for (const [t, s] of stats) if (countNouns.has(t)) lean += s.last - s.first;
  const sign = lean < 0 ? -1 : 1;
  const out = new Map<string, number>();
  for (const [t, s] of stats) out.set(t, (sign * (s.last - s.first)) / s.n);
  return out;
}

/** A word whose headness is below this reads as a modifier: its group is named "<Word> range". */
const MODIFIER_BELOW = -0.2;

export function proposeGroupsFromDescriptions(products: readonly ProductInfo[], maxGroups = DEFAULT_MAX_GROUPS): GroupProposal {
  // Plurals fold into the singular only when the singular is itself a word of the catalogue.
  const vocabulary = new Set<string>();
  const raw = products.map((p) => words(p.name));
  for (const ws of raw) for (const w of ws) vocabulary.add(w);
  const countNouns = new Set<string>();
  const stem = (w: string): string => {
    if (w.length <= 3 || !w.endsWith('s') || w.endsWith('ss')) return w;
    const singular = w.endsWith('ies') && vocabulary.has(`${w.slice(0, -3)}y`) ? `${w.slice(0, -3)}y` : vocabulary.has(w.slice(0, -1)) ? w.slice(0, -1) : w.endsWith('es') && vocabulary.has(w.slice(0, -2)) ? w.slice(0, -2) : w;
    if (singular !== w) countNouns.add(singular);
    return singular;
  };
  // In description order, each word once (its last place: the head rule looks at the end).
  const ordered = raw.map((ws) => {
    const stems = ws.map(stem);
    return stems.filter((t, i) => stems.lastIndexOf(t) === i);
  });
  const head = headness(ordered, countNouns);
  const h = (t: string): number => head.get(t) ?? 0;
  const df = new Map<string, number>();
  for (const ts of ordered) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
  const described = ordered.filter((t) => t.length > 0).length;
  const minProducts = Math.max(3, Math.ceil(described * 0.004));
  const candidates = ordered.map((ts) => ts.filter((t) => (df.get(t) ?? 0) >= minProducts));

  // Greedy cover: take the word whose products carry the most revenue not yet covered, weighted
  // towards head words, until maxGroups - 1 words are taken or none covers a product more. A
  // motif or material still becomes a group where no type word covers its products.
  const byWord = new Map<string, number[]>();
  candidates.forEach((ts, i) => {
    for (const t of ts) {
      const list = byWord.get(t);
      if (list) list.push(i);
      else byWord.set(t, [i]);
    }
  });
  const covered = new Uint8Array(products.length);
  const kept = new Set<string>();
  const value = (i: number): number => Math.max(0, products[i].revenue) + 1e-9;
  const weight = (t: string): number => Math.min(1, Math.max(0.35, 0.5 + h(t) + (countNouns.has(t) ? 0.1 : 0)));
  while (kept.size < Math.max(1, maxGroups - 1)) {
    let best: string | null = null;
    let bestGain = 0;
    for (const [t, list] of byWord) {
      if (kept.has(t)) continue;
      let gain = 0;
      let fresh = 0;
      for (const i of list) {
        if (covered[i]) continue;
        gain += value(i);
        fresh++;
      }
      gain *= weight(t);
      if (fresh >= minProducts && (gain > bestGain || (gain === bestGain && best !== null && t < best))) {
        best = t;
        bestGain = gain;
      }
    }
    if (best === null) break;
    kept.add(best);
    for (const i of byWord.get(best) as number[]) covered[i] = 1;
  }
  // Each product joins its most head-like kept word; between equals, the later one in its description.
  const keyOf = candidates.map((ts) => {
    let best: string | null = null;
    let bestScore = -Infinity;
    ts.forEach((t, at) => {
      if (!kept.has(t)) return;
      const score = h(t) + (countNouns.has(t) ? 0.1 : 0) + (0.01 * at) / ts.length;
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    });
    return best as string | null;
  });
  const surface = new Map<string, string>();
  for (const t of kept) surface.set(t, h(t) < MODIFIER_BELOW && !countNouns.has(t) ? `${titleCase(t)} range` : titleCase(t));
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
