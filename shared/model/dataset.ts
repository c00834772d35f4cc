/**
 * What the store hands the analytics: columnar and index-based so a million transactions fit in a
 * few typed arrays. Days are whole days since 1970-01-01 (UTC), so windows are integer arithmetic.
 */
export type CustomerRecord = {
  code: string;
  name: string;
  /** Current rep and territory: the most recent ones seen in the data (or set in the roster). */
  rep: string | null;
  territory: string | null;
  segment: string | null;
};

export type TransactionColumns = {
  /** Sorted by customer, then category, then day. Same-day rows are NOT merged here. */
  customer: Int32Array;
  category: Int32Array;
  day: Int32Array;
  /** Net revenue; returns and credits are negative. */
  revenue: Float64Array;
};

export type Dataset = {
  customers: CustomerRecord[];
  categories: string[];
  tx: TransactionColumns;
  /** False for a customer x category spend table (no dates): recovery and backtest do not apply. */
  hasDates: boolean;
  firstDay: number;
  lastDay: number;
  currency: string;
};
