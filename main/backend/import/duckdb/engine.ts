import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../../../shared/contract/errors';

/** `memoryLimitMb` is the cap it was opened with, which a caller may lower once its big step is done. */
export type DuckDb = { connection: DuckDBConnection; memoryLimitMb: number; close: () => void };

let loaded: Promise<typeof import('@duckdb/node-api')> | null = null;

/** Why DuckDB cannot run here, or null when it can; asked once per process. */
export async function duckDbProblem(): Promise<string | null> {
  try {
    loaded ??= import('@duckdb/node-api');
    await loaded;
    return null;
  } catch (e) {
    loaded = null;
    return e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}

/**
 * An in-memory DuckDB sized for a laptop shared with the app: two threads and a memory cap, spilling
 * to `spillDir` past it. The native binary ships inside the npm package for Windows, macOS and Linux
 * (x64, arm64); anywhere else the import says so and callers fall back to the line-by-line reader.
 */
export async function openDuckDb(options: { memoryLimitMb?: number; threads?: number; spillDir?: string } = {}): Promise<DuckDb> {
  const problem = await duckDbProblem();
  if (problem !== null || loaded === null) {
    throw new AppError('DUCKDB_UNAVAILABLE', `DuckDB could not be loaded on this computer (${problem}). Large files are imported line by line instead, which is slower; reinstall Longtail (npm install) to restore it.`);
  }
  const { DuckDBInstance } = await loaded;
  const memoryLimitMb = options.memoryLimitMb ?? 1024;
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    memory_limit: `${memoryLimitMb}MB`,
    preserve_insertion_order: 'true',
    ...(options.spillDir ? { temp_directory: options.spillDir } : {}),
  });
  const connection = await instance.connect();
  return {
    connection,
    memoryLimitMb,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal; file paths and names go into DuckDB only this way. */
export const sqlText = (value: string): string => `'${value.replace(/'/g, "''")}'`;
