/**
 * A column saying what a row is: an order's status (Shipped, Cancelled), or a web shop's event
 * (view, cart, purchase). Rows that are no sale (views, carts, cancelled orders, quotes) are
 * skipped and counted, never summed as revenue; every other row is read as a sale, so a status
 * first seen deep in the file is kept unless it is one of the words below.
 */

/** A status as compared: lower case, letters only ("Add to cart" and add_to_cart alike). */
export const statusWord = (value: string): string => value.toLowerCase().replace(/[^a-z]/g, '');

/** Events and states that are not a sale made. */
const NOT_A_SALE: ReadonlySet<string> = new Set([
  // web-shop events
  'view', 'views', 'viewed', 'pageview', 'pv', 'productview', 'detailview', 'click', 'clicked', 'impression', 'search',
  'cart', 'addtocart', 'addedtocart', 'addtobasket', 'basket', 'removefromcart', 'removedfromcart', 'remove', 'removed',
  'wishlist', 'addtowishlist', 'fav', 'favorite', 'favourite', 'like', 'share',
  // orders that did not happen
  'cancelled', 'canceled', 'cancel', 'cancellation', 'void', 'voided', 'rejected', 'declined', 'refused',
  'quote', 'quotation', 'draft', 'deleted', 'failed', 'abandoned', 'unavailable', 'expired',
  // a web shop's order paid back in full (Shopify's Financial Status)
  'refunded',
  // an accounting report's documents that sell nothing (QuickBooks' and NetSuite's Type)
  'estimate', 'proforma', 'proformainvoice',
]);

/** Events and states of a sale made (or being fulfilled). */
const A_SALE: ReadonlySet<string> = new Set([
  'purchase', 'purchased', 'buy', 'bought', 'order', 'ordered', 'orderplaced', 'placed', 'transaction', 'sale', 'sold',
  'checkout', 'completed', 'complete', 'shipped', 'partiallyshipped', 'delivered', 'invoiced', 'invoice', 'billed', 'paid',
  'posted', 'closed', 'resolved', 'fulfilled', 'processing', 'inprocess', 'onhold', 'hold', 'pending', 'disputed',
  'approved', 'created', 'open', 'booked', 'confirmed', 'accepted', 'backordered', 'success', 'successful',
  'authorized', 'authorised', 'partiallypaid', 'partiallyrefunded',
  // ... and those that do, or take a sale back with its amount negative as the report writes it
  'salesreceipt', 'cashsale', 'creditmemo', 'creditnote', 'refundreceipt', 'cashrefund', 'refund',
]);

/** Headers of such a column, normalised as the mapping normalises them. */
const STATUS_HEADERS: ReadonlySet<string> = new Set([
  'status', 'orderstatus', 'salestatus', 'salesstatus', 'linestatus', 'invoicestatus', 'transactionstatus', 'state', 'orderstate',
  'event', 'eventtype', 'eventname', 'type', 'action', 'activity', 'behavior', 'behaviour', 'behaviortype', 'behaviourtype',
  'interaction', 'interactiontype', 'transactiontype', 'recordtype', 'documenttype', 'doctype', 'financialstatus', 'paymentstatus',
]);

/**
 * Documents that take a sale back: their amount is a credit whatever sign the report wrote it
 * with (QuickBooks writes a credit memo negative; other ledgers write the document's amount as it
 * stands and let the type say which way it goes). An order whose status is "Returned" is no such
 * document: it is the sale itself, and not negated.
 */
const CREDIT_DOCUMENTS: ReadonlySet<string> = new Set(['creditmemo', 'creditnote', 'refundreceipt', 'cashrefund', 'refund']);

/** Whether a status cell says its row is a credit (a credit memo, a refund). */
export const namesCredit = (value: string): boolean => CREDIT_DOCUMENTS.has(statusWord(value));

/** The words of credit documents, for a query that compares statusWord's spelling of each cell. */
export const creditWords = (): string[] => [...CREDIT_DOCUMENTS];

/** Whether a status cell says its row is no sale (whatever its case, spaces or underscores). */
export const namesNoSale = (value: string): boolean => NOT_A_SALE.has(statusWord(value));

/** The words of rows that are no sale, for a query that compares statusWord's spelling of each cell. */
export const notASaleWords = (): string[] => [...NOT_A_SALE];

/**
 * Whether a column is a sale status, by its header and its first values: every value read is a
 * word of the lists above. A customer's status (Active, Inactive) or a product type is not.
 */
export function readsAsSaleStatus(normalisedHeader: string, values: readonly string[]): boolean {
  if (!STATUS_HEADERS.has(normalisedHeader)) return false;
  const words = new Set(values.map(statusWord).filter((w) => w !== ''));
  return words.size > 0 && [...words].every((w) => NOT_A_SALE.has(w) || A_SALE.has(w));
}

/** Rows skipped as no sale, by the status as first written, for the import's count and its warning. */
export class NotSales {
  private readonly counts = new Map<string, { text: string; rows: number }>();
  total = 0;

  /** `rows` rows with this status, skipped as no sale; spellings of one word count together. */
  count(value: string, rows: number): void {
    const word = statusWord(value);
    const seen = this.counts.get(word);
    if (seen) seen.rows += rows;
    else this.counts.set(word, { text: value.trim(), rows });
    this.total += rows;
  }

  /** "view (3,120), cart (211)", most rows first. */
  describe(): string {
    return [...this.counts.values()]
      .sort((a, b) => b.rows - a.rows)
      .map((c) => `${c.text} (${c.rows.toLocaleString('en-US')})`)
      .join(', ');
  }
}
