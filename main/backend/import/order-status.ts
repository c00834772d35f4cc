/**
 * An order's status written on its first line only, as a web shop's orders export writes it
 * (Shopify's Financial Status is blank on an order's other lines). Read as it stands, a refunded
 * order's first line is skipped as no sale and its other lines are summed as sales.
 */

/** Too few orders of several lines say nothing about how the file was written. */
const MIN_SPLIT_ORDERS = 2;
/** An order's later lines leave the status blank at least this often... */
const MIN_BLANK_LATER = 0.8;
/** ...and its first lines fill it at least this often. */
const MIN_FILLED_FIRST = 0.9;

const blank = (v: string | undefined): boolean => (v ?? '').trim() === '';

/**
 * Whether the sample's status column is filled on each order's first line and blank on the lines
 * that follow it, by the invoice column (the order number) beside it.
 */
export function statusOnFirstLineOnly(statuses: readonly string[], invoices: readonly string[]): boolean {
  let firstLines = 0;
  let firstFilled = 0;
  let laterLines = 0;
  let laterBlank = 0;
  let split = 0;
  let previous = '';
  let run = 0;
  invoices.forEach((written, row) => {
    const invoice = written.trim();
    if (invoice === '') return;
    if (invoice === previous) {
      run++;
      if (run === 2) split++;
      laterLines++;
      if (blank(statuses[row])) laterBlank++;
    } else {
      run = 1;
      firstLines++;
      if (!blank(statuses[row])) firstFilled++;
    }
    previous = invoice;
  });
  return split >= MIN_SPLIT_ORDERS && laterBlank >= MIN_BLANK_LATER * laterLines && firstFilled >= MIN_FILLED_FIRST * firstLines;
}

/**
 * Rows whose blank status is given the status of the order's line before it, when the line before
 * is of the same order (an order's lines run together in such an export). A status written on a
 * later line stands as written.
 */
export function statusFilledByOrder(
  status: number,
  invoice: number,
  row: (line: number, cells: string[]) => void,
): { row: (line: number, cells: string[]) => void; filled: () => number } {
  let lastInvoice = '';
  let lastStatus = '';
  let filled = 0;
  return {
    row: (line, cells) => {
      const order = (cells[invoice] ?? '').trim();
      if (order !== '' && order === lastInvoice && blank(cells[status]) && lastStatus !== '') {
        const copy = cells.slice();
        copy[status] = lastStatus;
        filled++;
        return row(line, copy);
      }
      lastInvoice = order;
      lastStatus = (cells[status] ?? '').trim();
      row(line, cells);
    },
    filled: () => filled,
  };
}

export const orderStatusNote = (status: string, invoice: string, filled: number): string =>
  `'${status}' is written on each order's first line only: ${filled.toLocaleString('en-US')} ${filled === 1 ? 'line' : 'lines'} of an order took the status of the order's first line (by '${invoice}'), so a refunded or cancelled order is skipped whole.`;
