/**
 * A grouped report, as ERP and spreadsheet reports print one: the customer written on the first line
 * of its group and left blank on the lines below it (a pivot's or a merged cell's blank). Read as it
 * is, every line but the first of each customer is rejected for having no customer.
 */

/** Too few lines say nothing about how a file was laid out. */
const MIN_LINES = 10;
const MIN_GROUPS = 3;
/** Blank customers on at least this share of the lines. */
const MIN_BLANK_SHARE = 0.2;
/** A report names a customer once per group: a name on two lines running is a log, not a report. */
const MAX_REPEATED_SHARE = 0.05;
/**
 * A group starts with an earlier date than the last line of the group before it on at least this
 * share of the groups: a report sorted by customer, then date. A log sorted by date, where blank
 * customers are guests scattered among named ones, never goes back in time.
 */
const MIN_DATE_RESTARTS = 0.2;

/**
 * Whether the sample's customer column is a grouped report's (blank below each customer), so the
 * blanks are that customer's lines. `days` are the lines' dates as days, null where unreadable.
 */
export function isGroupedReport(customers: readonly string[], days: readonly (number | null)[]): boolean {
  const n = customers.length;
  if (n < MIN_LINES || customers[0].trim() === '') return false;
  let blanks = 0;
  let groups = 0;
  let repeated = 0;
  let restarts = 0;
  let previousName = '';
  // The last date seen: an invoice's lines may leave their date blank below the first, as they do the customer.
  let before: number | null = null;
  for (let i = 0; i < n; i++) {
    const name = customers[i].trim();
    const day = days[i];
    if (name === '') blanks++;
    else {
      groups++;
      if (name === previousName) repeated++;
      previousName = name;
      if (day !== null && before !== null && day < before) restarts++;
    }
    if (day !== null) before = day;
  }
  return (
    groups >= MIN_GROUPS &&
    blanks / n >= MIN_BLANK_SHARE &&
    repeated / groups <= MAX_REPEATED_SHARE &&
    restarts / Math.max(1, groups - 1) >= MIN_DATE_RESTARTS
  );
}

/**
 * Rows with the blank customer cells of a grouped report given the customer above them. `columns`
 * are the customer (and name) columns; a row that starts a group sets them. `within` are columns a
 * report also prints once for several lines of a group (an invoice's date and number): blank on a
 * line of the group, they take the line above's; a group's first line never takes another group's.
 */
export function fillingDown(
  columns: readonly number[],
  within: readonly number[],
  row: (line: number, cells: string[]) => void,
): { row: (line: number, cells: string[]) => void; filled: () => number } {
  const last: string[] = columns.map(() => '');
  const lastWithin: string[] = within.map(() => '');
  let filled = 0;
  const key = columns[0];
  const blank = (cells: string[], c: number): boolean => (cells[c] ?? '').trim() === '';
  return {
    row: (line, cells) => {
      if (blank(cells, key) && last[0] !== '') {
        const copy = cells.slice();
        columns.forEach((c, k) => {
          if (blank(copy, c)) copy[c] = last[k];
        });
        within.forEach((c, k) => {
          if (blank(copy, c)) copy[c] = lastWithin[k];
          else lastWithin[k] = copy[c];
        });
        filled++;
        return row(line, copy);
      }
      if (!blank(cells, key)) {
        columns.forEach((c, k) => (last[k] = cells[c] ?? ''));
        within.forEach((c, k) => (lastWithin[k] = cells[c] ?? ''));
      }
      row(line, cells);
    },
    filled: () => filled,
  };
}

export const fillDownNote = (column: string, filled: number): string =>
  `'${column}' is blank on ${filled.toLocaleString('en-US')} ${filled === 1 ? 'line' : 'lines'} below a customer, as a grouped report leaves it: each was given the customer above it (and, where its date or invoice is blank too, the line above's). If those lines belong to no customer, import with --no-fill-down to reject them instead.`;
