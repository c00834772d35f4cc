import type Database from 'better-sqlite3';
import type { RejectedRow } from '../../../shared/contract/import';
import type { Db } from '../db/open';
import { NotSales } from '../../../shared/model/sale-status';

const SAMPLE_SIZE = 20;
/** Days counted in an array around an import's first day: 2^17 days, 179 years either side. */
const DAY_WINDOW = 1 << 17;

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
  /** Rows skipped because their status says they are no sale (a view, a cancelled order); in rowsSkipped. */
  readonly notSales = new NotSales();
  readonly rejectsSample: RejectedRow[] = [];
  /** Rejected rows by the rule that rejected them, each with its first row: the sample is only the first few, in file order. */
  readonly rejectRules = new Map<string, { rows: number; first: RejectedRow }>();
  readonly warnings: string[] = [];
  private readonly insertReject: Database.Statement;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.insertReject = db.prepare('INSERT INTO rejects (import_id, source_row, column_name, raw_value, reason) VALUES (?, ?, ?, ?, ?)');
  }

  /** Rows that are no sale by their status (found line by line, in the parser thread or by DuckDB), by the status as written. */
  skipNotSales(status: string, rows: number): void {
    this.notSales.count(status, rows);
    this.rowsSkipped += rows;
  }

  reject(row: number, column: string | null, value: string | null, reason: string): void {
    this.rowsRejected++;
    this.insertReject.run(this.importId, row, column, value, reason);
    if (this.rejectsSample.length < SAMPLE_SIZE) this.rejectsSample.push({ row, column, value, reason });
    // A reason quotes its cell and counts ('2023-01-15' is 25 years after ...): without them, one rule is one key.
    const rule = `${column ?? ''}|${reason.replace(/'[^']*'/g, '').replace(/\d+/g, '#')}`;
    const seen = this.rejectRules.get(rule);
    if (seen) seen.rows++;
    else this.rejectRules.set(rule, { rows: 1, first: { row, column, value, reason } });
  }

  /** The rules that rejected rows, the one that rejected most first. */
  rulesByRows(): { rows: number; first: RejectedRow }[] {
    return [...this.rejectRules.values()].sort((a, b) => b.rows - a.rows || a.first.row - b.first.row);
  }

  /** A row rejected after it was stored (its sale taken back out of the counts). */
  rejectStored(row: number, column: string | null, value: string | null, reason: string, revenue: number): void {
    this.reject(row, column, value, reason);
    this.rowsImported--;
    this.revenue -= revenue;
    if (revenue < 0) this.returns--;
  }

  /** One bit per weekday seen (bit 0 = Monday): a cube whose periods all fall on Mondays is weekly. */
  weekdays = 0;

  private readonly rowsPerDay = new Map<number, number>();
  /**
   * Rows per day counted in an array over a window of days around the first one, the map only
   * for days outside it: files sorted by customer change day on nearly every row, and a map
   * update per row was half a second of a 5M-row import.
   */
  private window: Uint32Array | null = null;
  private windowStart = 0;

  day(day: number): void {
    this.weekdays |= 1 << (((day + 3) % 7) + 7) % 7;
    if (this.dayMin === null || day < this.dayMin) this.dayMin = day;
    if (this.dayMax === null || day > this.dayMax) this.dayMax = day;
    if (this.window === null) {
      this.window = new Uint32Array(DAY_WINDOW);
      this.windowStart = Math.trunc(day) - DAY_WINDOW / 2;
    }
    const at = day - this.windowStart;
    if (at >= 0 && at < DAY_WINDOW && Number.isInteger(at)) this.window[at]++;
    else this.rowsPerDay.set(day, (this.rowsPerDay.get(day) ?? 0) + 1);
  }

  /** Stored rows per day, for the check on dates far from the rest. */
  daysStored(): Map<number, number> {
    if (this.window) {
      for (let at = 0; at < DAY_WINDOW; at++) {
        const n = this.window[at];
        if (n === 0) continue;
        const day = this.windowStart + at;
        this.rowsPerDay.set(day, (this.rowsPerDay.get(day) ?? 0) + n);
      }
      this.window.fill(0);
    }
    return this.rowsPerDay;
  }

  /** Takes back rows rejected after they were stored (dates far from the rest). */
  unstoreDays(days: ReadonlySet<number>): void {
    this.daysStored();
    for (const d of days) this.rowsPerDay.delete(d);
    this.spanStoredDays();
  }

  /** Takes back single rows rejected after they were stored, one day each (lines already imported). */
  unstoreRows(days: readonly number[]): void {
    this.daysStored();
    for (const d of days) {
      const left = (this.rowsPerDay.get(d) ?? 0) - 1;
      if (left > 0) this.rowsPerDay.set(d, left);
      else this.rowsPerDay.delete(d);
    }
    this.spanStoredDays();
  }

  private spanStoredDays(): void {
    this.dayMin = null;
    this.dayMax = null;
    for (const d of this.rowsPerDay.keys()) {
      if (this.dayMin === null || d < this.dayMin) this.dayMin = d;
      if (this.dayMax === null || d > this.dayMax) this.dayMax = d;
    }
  }
}

/** Consumes the data rows of one shape. */
export type RowSink = {
  row: (line: number, cells: string[]) => void;
  finish: () => void;
};
