import type { RawRecord } from '../csv-tokenizer';
import type { TableSource } from '../source';
import { openDuckDb, sqlText } from './engine';

const SAMPLE_ROWS = 200;
const BATCH_ROWS = 2048;

/**
 * A Parquet file as a table of text cells, read by DuckDB: record 1 is the column names, data rows
 * follow, so header detection, mapping and row numbers work as for a CSV file.
 */
export async function openParquetSource(file: string, size: number): Promise<TableSource> {
  const duck = await openDuckDb();
  try {
    const reader = `read_parquet(${sqlText(file)})`;
    const names = (await duck.connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).getColumns()[0] as string[];
    const asText = names.map((n) => `CAST("${n.replace(/"/g, '""')}" AS VARCHAR)`).join(', ');
    const rows = (await duck.connection.runAndReadAll(`SELECT ${asText} FROM ${reader} LIMIT ${SAMPLE_ROWS + 1}`)).getRows();
    const sample: RawRecord[] = [{ line: 1, cells: names }, ...rows.slice(0, SAMPLE_ROWS).map((r, i) => ({ line: i + 2, cells: r.map((v) => (v === null ? '' : String(v))) }))];
    return {
      format: 'parquet',
      encoding: null,
      delimiter: null,
      sheets: [],
      sheet: null,
      totalBytes: size,
      sample,
      sampleIsAll: rows.length <= SAMPLE_ROWS,
      notes: [],
      read: async (onBatch, { signal, onProgress }) => {
        const reading = await openDuckDb();
        try {
          const total = Number((await reading.connection.runAndReadAll(`SELECT count(*) FROM ${reader}`)).getRows()[0][0]);
          const result = await reading.connection.stream(`SELECT ${asText} FROM ${reader}`);
          onBatch([{ line: 1, cells: names }]);
          let line = 1;
          let batch: RawRecord[] = [];
          for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
            for (const r of chunk.getRows()) {
              batch.push({ line: ++line, cells: r.map((v) => (v === null ? '' : String(v))) });
              if (batch.length === BATCH_ROWS) {
                onBatch(batch);
                batch = [];
              }
            }
            onProgress({ bytes: Math.round(((line - 1) / Math.max(1, total)) * size), totalBytes: size });
            if (signal.aborted) return;
          }
          if (batch.length > 0) onBatch(batch);
          onProgress({ bytes: size, totalBytes: size });
        } finally {
          reading.close();
        }
      },
    };
  } finally {
    duck.close();
  }
}
