/** A product group as a list shows it: how many products, their revenue, and the largest few by name. */
export type GroupSummary = { name: string; products: number; revenue: number; examples: string[] };

/** byCoPurchase: placed by what it is bought with, so its name may not say the group's word. */
type Product = { code: string; name: string; revenue: number; byCoPurchase?: boolean };

/**
 * Groups the products by `groupOf` (null or undefined = in no group), largest revenue first, each
 * with its `examples` largest products; those whose descriptions gave the group come first, as they
 * explain its name. The backend's proposal and the screen's live edit show the
 * same list, so both use this.
 */
export function summariseGroups<P extends Product>(products: readonly P[], groupOf: (p: P) => string | null | undefined, examples: number): GroupSummary[] {
  const byGroup = new Map<string, { products: number; revenue: number; top: P[] }>();
  for (const p of products) {
    const name = groupOf(p);
    if (name === null || name === undefined) continue;
    let g = byGroup.get(name);
    if (!g) byGroup.set(name, (g = { products: 0, revenue: 0, top: [] }));
    g.products++;
    g.revenue += p.revenue;
    g.top.push(p);
  }
  return [...byGroup.entries()]
    .map(([name, g]) => ({
      name,
      products: g.products,
      revenue: g.revenue,
      examples: g.top
        .sort((a, b) => Number(a.byCoPurchase ?? false) - Number(b.byCoPurchase ?? false) || b.revenue - a.revenue)
        .slice(0, examples)
        .map((p) => p.name || p.code),
    }))
    .sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : 1));
}
