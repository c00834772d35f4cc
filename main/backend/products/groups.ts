import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { ProductGroupsView, ProductGroupSummary } from '../../../shared/contract/products';
import { LINE_KIND_LABELS, NOT_A_PRODUCT_GROUP } from '../../../shared/analytics/products/non-product';
import { summariseGroups } from '../../../shared/analytics/products/group-summary';
import type { SavedProductGroups } from '../../../shared/model/products';
import { PRODUCT_GROUPS_KEY, readSavedGroups, type CatalogueEntry } from '../analysis/load-dataset';
import { warmData } from '../analysis/warm';
import { writeCsv } from '../export/csv';
import type { Session } from '../session';

const EXAMPLES = 5;

function summarise(catalogue: readonly CatalogueEntry[]): ProductGroupSummary[] {
  return summariseGroups(catalogue, (p) => p.group, EXAMPLES);
}

/** The product level the next analysis will use, its groups with examples, and every product's place. */
export function viewGroups(session: Session): ProductGroupsView {
  const data = warmData(session);
  const saved = readSavedGroups(session.db);
  return {
    level: data.level,
    groups: summarise(data.catalogue),
    products: data.catalogue.map((p) => ({ ...p })),
    saved: saved !== null,
    savedAt: saved?.savedAt ?? null,
  };
}

export function saveGroups(session: Session, groups: Record<string, string>, lines: Record<string, 'product' | 'non-product'>, now: Date): ProductGroupsView {
  const known = new Set(warmData(session).catalogue.map((p) => p.code));
  const unknown = [...Object.keys(groups), ...Object.keys(lines)].filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${unknown.length} product code${unknown.length === 1 ? ' is' : 's are'} not in this workspace (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''}). Save groups for imported products only.`,
      { unknown: unknown.slice(0, 50) },
    );
  }
  const value: SavedProductGroups = { groups, lines, savedAt: now.toISOString() };
  session.db
    .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json')
    .run(PRODUCT_GROUPS_KEY, JSON.stringify(value));
  return viewGroups(session);
}

/** Back to the automatic level: groups proposed from descriptions, lines judged automatically. */
export function resetGroups(session: Session): ProductGroupsView {
  session.db.prepare('DELETE FROM settings WHERE key = ?').run(PRODUCT_GROUPS_KEY);
  return viewGroups(session);
}

/** The product master the app works with, as CSV (product, description, group, line): edit it and import it back as a product list. */
export function exportGroups(session: Session, out: string): { path: string; rows: number } {
  const data = warmData(session);
  const lines = new Map((data.level?.nonProduct ?? []).map((l) => [l.code, l]));
  const file = path.resolve(out);
  const rows = writeCsv(
    file,
    ['product', 'description', 'group', 'line', 'revenue'],
    data.catalogue.map((p) => {
      const line = lines.get(p.code);
      return [p.code, p.name, p.group ?? NOT_A_PRODUCT_GROUP, line ? (line.excluded ? `not a product: ${LINE_KIND_LABELS[line.kind]}` : 'kept as a product') : 'product', Math.round(p.revenue * 100) / 100];
    }),
  );
  return { path: file, rows };
}
