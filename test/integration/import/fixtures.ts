import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../../main/backend/dispatch';

const here = path.dirname(fileURLToPath(import.meta.url));

export const fixture = (name: string): string => path.resolve(here, '../../fixtures/import', name);

/** ../shared/data beside the clone (CI) or the machine's /work/shared/data layout, which is the same relative path. */
export const sharedData = (name: string): string => path.resolve(here, '../../../../shared/data', name);

/** Everything an import may touch, to prove that a failed one touched nothing. */
export function storeCounts(backend: Backend): Record<string, number> {
  const db = backend.session.db;
  const out: Record<string, number> = {};
  for (const table of ['imports', 'transactions', 'customers', 'categories', 'products', 'reps', 'territories', 'rejects', 'mappings']) {
    out[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return out;
}
