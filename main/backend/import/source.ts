import type { RawRecord } from './csv-tokenizer';
import type { TextEncoding } from './encoding';

export type SourceFormat = 'csv' | 'parquet' | 'xlsx' | 'xls' | 'xlsb' | 'ods';

export type ReadProgress = { bytes: number; totalBytes: number };

/** How a delimited text file is read, so that another thread can read it the same way. */
export type TextTable = { file: string; encoding: TextEncoding; bom: number; delimiter: string; width: number; totalBytes: number };

/**
 * A table read from a file, whatever its format: a sample for detection and previews, and a
 * streaming read of every record (from the top of the file or sheet, header and title rows included).
 */
export type TableSource = {
  format: SourceFormat;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  totalBytes: number;
  /** The first records of the table, for header detection, mapping guesses and previews. */
  sample: RawRecord[];
  /** True when the sample holds the whole table. */
  sampleIsAll: boolean;
  /** What the reader noticed and the user should know (an encoding fallback, a renamed file, ...). */
  notes: string[];
  /**
   * Workbooks only: per column, the number format of each number cell in the sample (null where it
   * is General), which shows a currency its values do not ('"£"#,##0.00' over 1000).
   */
  numberFormats?: (string | null)[][];
  /** Delimited text only: how to read it again elsewhere (the parser worker). */
  text?: TextTable;
  read: (onBatch: (records: RawRecord[]) => void, options: { signal: AbortSignal; onProgress: (p: ReadProgress) => void; onBytes?: (chunk: Uint8Array) => void }) => Promise<void>;
};

export const isBlank = (cells: readonly string[]): boolean => {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
};

/**
 * A copy of a cell that does not pin the megabyte-sized chunk it was sliced from: V8 keeps the
 * parent of a sliced string alive, so a cell kept in a map would hold its whole chunk in memory.
 */
export const ownString = (text: string): string => (' ' + text).slice(1);
