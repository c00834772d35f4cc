import type { CatalogueProduct } from '../../../../shared/contract';

/** Product code -> group name, as the analyst is editing it. */
export type Assignment = Map<string, string>;

export type GroupRow = { name: string; products: number; revenue: number; examples: string[] };

/** Groups as the edited assignment makes them, largest revenue first, with their largest products. */
export function groupRows(products: readonly CatalogueProduct[], assignment: Assignment): GroupRow[] {
  const byGroup = new Map<string, { products: number; revenue: number; top: CatalogueProduct[] }>();
  for (const p of products) {
    const name = assignment.get(p.code);
    if (name === undefined) continue;
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
        .sort((a, b) => b.revenue - a.revenue)
        .slice(0, 4)
        .map((p) => p.name || p.code),
    }))
    .sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : 1));
}

/** Renaming onto an existing name merges the two groups, as a spreadsheet user would expect. */
export function renameGroup(assignment: Assignment, from: string, to: string): Assignment {
  const next = new Map(assignment);
  for (const [code, group] of assignment) if (group === from) next.set(code, to);
  return next;
}

export function mergeGroups(assignment: Assignment, groups: readonly string[], into: string): Assignment {
  const merging = new Set(groups);
  const next = new Map(assignment);
  for (const [code, group] of assignment) if (merging.has(group)) next.set(code, into);
  return next;
}
