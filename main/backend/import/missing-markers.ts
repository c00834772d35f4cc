/**
 * The words tools write where a value is missing: R's NA, pandas' nan (and a Parquet DOUBLE's NaN
 * cast to text), SQL's NULL, Python's None, N/A, Excel's #N/A and a lone dash. Read as values they
 * make one customer or category of every gap: UCI Online Retail's 135,080 lines without a customer,
 * written as nan, became its biggest customer.
 */
const MARKERS = new Set(['na', 'nan', 'null', 'none', 'n/a', '#n/a', '-']);

/** The longest marker: a longer cell is never one, and needs no lowering. */
const LONGEST = 4;

/** Whether a cell (trimmed here, any case) is a missing-value marker rather than a value. */
export function isMissingMarker(cell: string): boolean {
  const v = cell.trim();
  return v.length > 0 && v.length <= LONGEST && MARKERS.has(v.toLowerCase());
}

/**
 * Whether a territory or segment cell is a marker: `NA` is kept there as written, since it is also
 * North America's code, and a region lost to "missing" would hide a whole territory's customers.
 */
export const isMissingRegionMarker = (cell: string): boolean => isMissingMarker(cell) && cell.trim().toLowerCase() !== 'na';

/** Why a row whose `column` holds the marker `value` has no such value, as the rejects list says it. */
export const markerReason = (what: string, column: string | undefined, value: string): string =>
  `no ${what} (${column ?? what} is "${value.trim()}", a missing-value marker)`;

/** A text cell as stored: a marker reads as empty. */
export const unlessMarker = (cell: string): string => (isMissingMarker(cell) ? '' : cell);

/** A territory or segment cell as stored: a marker but `NA` reads as empty. */
export const unlessRegionMarker = (cell: string): string => (isMissingRegionMarker(cell) ? '' : cell);
