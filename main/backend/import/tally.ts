import type Database from 'better-sqlite3';
import type { RejectedRow } from '../../../shared/contract/import';
import type { Db } from '../db/open';

const SAMPLE_SIZE = 20;

/** Running counts of one import. rowsRead = rowsImported + rowsRejected + rowsSkipped at every step. */
export class Tally {
  rowsRead = 0;
  rowsImported = 0;
  rowsRejected = 0;
  rowsSkipped = 0;
  returns = 0;
  revenue = 0;
  /** Cube imports: the orders the imported rows sum up. */
  orders = 0;
  dayMin: number | null = null;
  dayMax: number | null = null;
  readonly customers = new Set<number>();
  readonly categories = new Set<number>();
  readonly products = new Set<number>();
  readonly rejectsSample: RejectedRow[] = [];
  readonly warnings: string[] = [];
  private readonly insertReject: Database.Statement;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.insertReject = db.prepare('INSERT INTO rejects (import_id, source_row, column_name, raw_value, reason) VALUES (?, ?, ?, ?, ?)');
  }

  reject(row: number, column: string | null, value: string | null, reason: string): void {
    this.rowsRejected++;
    this.insertReject.run(this.importId, row, column, value, reason);
    if (this.rejectsSample.length < SAMPLE_SIZE) this.rejectsSample.push({ row, column, value, reason });
  }

  /** One bit per weekday seen (bit 0 = Monday): a cube whose periods all fall on Mondays is weekly. */
  weekdays = 0;

  day(day: number): void {
    this.weekdays |= 1 << (((day + 3) % 7) + 7) % 7;
    if (this.dayMin === null || day < this.dayMin) this.dayMin = day;
    if (this.dayMax === null || day > this.dayMax) this.dayMax = day;
  }
}

/** Consumes the data rows of one shape. */
export type RowSink = {
  row: (line: number, cells: string[]) => void;
  finish: () => void;
};
