import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../../main/backend/dispatch';
import { cubeQuery, type CubeQueryOptions } from '../../../shared/cube/sql';
import { openDuckDb, sqlText } from '../../../main/backend/import/duckdb/engine';

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

/**
 * The three ways a CSV's rows are read, with the engine each reports: line by line in the import's
 * thread, in the parser thread, and summed by DuckDB. A check of rows must hold for all three.
 */
export const EVERY_ENGINE = [
  [{}, 'lines'],
  [{ parseInWorkerAboveMb: 0 }, 'lines'],
  [{ engine: 'duckdb' as const }, 'duckdb'],
] as const;

/**
 * What a client's warehouse would hand back: `longtail sql`'s query for DuckDB, run over `file`
 * with DuckDB itself, written as the cube CSV at `out` for the import.
 */
export async function warehouseCube(file: string, columns: CubeQueryOptions['columns'], out: string, currency?: string): Promise<string> {
  const query = cubeQuery({ dialect: 'duckdb', table: `read_csv(${sqlText(file)}, all_varchar = true)`, period: 'day', columns, ...(currency ? { currency } : {}) });
  const duck = await openDuckDb();
  try {
    await duck.connection.run(`COPY (${query.trim().replace(/;$/, '')}) TO ${sqlText(out)} (HEADER, DELIMITER ',')`);
  } finally {
    duck.close();
  }
  return query;
}
