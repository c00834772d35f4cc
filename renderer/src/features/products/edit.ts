import type { CatalogueProduct } from '../../../../shared/contract';
import { summariseGroups } from '../../../../shared/analytics/products/group-summary';

/** Product code -> group name, as the analyst is editing it. */
export type Assignment = Map<string, string>;

export type GroupRow = { name: string; products: number; revenue: number; examples: string[] };

/** Groups as the edited assignment makes them, largest revenue first, with their largest products. */
export function groupRows(products: readonly CatalogueProduct[], assignment: Assignment): GroupRow[] {
  return summariseGroups(products, (p) => assignment.get(p.code), 4);
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
