import { AppError } from '../../../shared/contract/errors';
import type { ImportPlan } from './plan';
import { namesNoSale } from '../../../shared/model/sale-status';
import { isBlank, type TableSource } from './source';

/**
 * DuckDB is worth it only when summing per customer x category x day stores far fewer rows than the
 * file has lines: its path pays a GROUP BY, a sort of the groups and the id joins on top of the
 * SQLite insert, while the line-by-line path has grown faster. Measured in session 28 (import +
 * analysis, 2 shared cores, bench/results/cube.md), DuckDB vs line by line: 5M lines at one line per
 * key 44 s vs 16 s; at 50 rows per 100 lines 33 s vs 13-18 s; at 26 per 100 lines 18 s vs 14 s (0.72
 * vs 0.63 GB), and on 20M lines 56 s vs 39 s (1.32 vs 0.97 GB); at 14 per 100 lines 12.5-14.5 s vs
 * 10.4-14.9 s, the break-even, with 0.50-0.52 GB against 0.61-0.63. Below that, DuckDB wins.
 */
export const DUCKDB_WORTH_IT_BELOW = 0.15;

/** Lines looked at before the import: about 10 MB of a typical export, read in well under a second. */
export const SHRINK_SAMPLE_LINES = 100_000;

export type ShrinkEstimate = { lines: number; keys: number; share: number };

/**
 * Counts distinct customer x category x day keys among the first data lines (rows that are no sale by
 * their status make none). The lines of an invoice
 * sit together in the exports we see, so a file that shrinks shows it in its first lines; a file whose
 * repeats are spread far apart looks like it does not shrink and is read line by line, the safe choice.
 */
export async function estimateShrink(source: TableSource, plan: ImportPlan, signal: AbortSignal, sampleLines = SHRINK_SAMPLE_LINES): Promise<ShrinkEstimate> {
  const at = (field: 'customer' | 'category' | 'date'): number => plan.headers.indexOf(plan.mapping[field] ?? '');
  const [customer, category, date] = [at('customer'), at('category'), at('date')];
  // A row that is no sale by its status (a view) is stored by neither engine: it counts as no row kept.
  const status = plan.mapping.status ? plan.headers.indexOf(plan.mapping.status) : -1;
  const keys = new Set<string>();
  let lines = 0;
  const enough = new AbortController();
  const stop = (): void => enough.abort();
  signal.addEventListener('abort', stop);
  try {
    await source.read(
      (batch) => {
        for (const r of batch) {
          if (r.line <= plan.headerLine || lines >= sampleLines || isBlank(r.cells)) continue;
          lines++;
          if (status >= 0 && namesNoSale(r.cells[status] ?? '')) continue;
          keys.add(`${(r.cells[customer] ?? '').trim()}\u0001${(r.cells[category] ?? '').trim()}\u0001${(r.cells[date] ?? '').trim()}`);
        }
        if (lines >= sampleLines) enough.abort();
      },
      { signal: enough.signal, onProgress: () => {} },
    );
  } catch (e) {
    // Stopping the read once the sample is full ends it with CANCELLED; only the user's cancel is one.
    if (signal.aborted || !(e instanceof AppError && e.code === 'CANCELLED')) throw e;
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');
  return { lines, keys: keys.size, share: lines === 0 ? 1 : keys.size / lines };
}

/** Whether the estimate says to sum with DuckDB, and why, in words for the import's notes. */
export function shrinkDecision(e: ShrinkEstimate): { duckdb: boolean; note: string } {
  const per100 = Math.round(e.share * 100);
  const sample = `in the first ${e.lines.toLocaleString('en-US')} lines, summing per customer x category x day leaves about ${per100} rows for every 100 lines`;
  return e.share < DUCKDB_WORTH_IT_BELOW
    ? { duckdb: true, note: `Summed with DuckDB because the file shrinks when summed: ${sample}.` }
    : { duckdb: false, note: `Imported line by line, not through DuckDB: ${sample}, so summing first would save little and reading line by line is faster.` };
}
