import { isAscii } from 'node:buffer';
import { TEXT, TEXT_FIELDS, type CheckedRows, type CodedTexts, type StoredRows } from '../row-check';
import type { RecordsOut } from '../record-feed';
import { ownString } from '../source';

const FIELDS = TEXT_FIELDS;

type Reject = [line: number, column: string | null, value: string | null, reason: string];

/**
 * Rows the parser worker checked, as they cross to the thread that stores them: numbers in typed
 * arrays (moved, not copied), each text field as a code into a dictionary both sides grow in step,
 * so a customer code or category crosses once, with its first row, not with every row. Invoice
 * numbers, nearly one per row, cross as bytes.
 */
export type ParsedBatch = {
  /** Records read, skipped as blank, and the file's bytes read so far (for progress). */
  read: number;
  skipped: number;
  bytes: number;
  rows: number;
  line: Int32Array;
  day: Int32Array;
  revenue: Float64Array;
  /** NaN: no quantity. */
  quantity: Float64Array;
  orders: number;
  codes: Int32Array[];
  /** Per text field, the strings first seen in this batch; their codes follow the dictionary's last. */
  fresh: string[][];
  /** Invoice numbers as UTF-8 bytes, row i's from invoiceEnd[i - 1] (0 for the first) to invoiceEnd[i]. */
  invoiceEnd: Int32Array | null;
  invoiceBytes: Uint8Array | null;
  rejects: Reject[];
  /** Rows skipped as no sale, by status as written. */
  noSales: Map<string, number>;
  dayTexts: [number, string][];
  warnings: string[];
};

export const transferList = (b: ParsedBatch): ArrayBuffer[] =>
  [b.line, b.day, b.revenue, b.quantity, ...b.codes, ...(b.invoiceEnd && b.invoiceBytes ? [b.invoiceEnd, b.invoiceBytes] : [])].map((a) => a.buffer as ArrayBuffer);

/**
 * The worker's side: takes the checked rows and the record counts and fills batches of
 * `capacity` rows (the last one shorter).
 */
export class BatchWriter {
  private readonly dictionaries = Array.from({ length: FIELDS }, () => new Map<string, number>());
  private readonly last = Array.from({ length: FIELDS }, () => ({ text: '', code: -1 }));
  private batch: ParsedBatch;
  private readonly encoder = new TextEncoder();
  private ready: ParsedBatch[] = [];
  private readonly spare: ArrayBuffer[][] = [];
  readonly records: RecordsOut;
  readonly checked: CheckedRows;

  constructor(
    private readonly capacity: number,
    private readonly hasInvoice: boolean,
    row: (writer: BatchWriter) => RecordsOut['row'],
  ) {
    this.batch = this.empty();
    this.checked = {
      reject: (line, column, value, reason) => this.batch.rejects.push([line, column, value, reason]),
      noSale: (status) => this.batch.noSales.set(status, (this.batch.noSales.get(status) ?? 0) + 1),
      dayText: (day, text) => this.batch.dayTexts.push([day, text]),
      store: (line, customer, customerName, day, category, product, productName, quantity, revenue, rep, territory, segment, invoice, orders) => {
        const b = this.batch;
        const i = b.rows++;
        b.line[i] = line;
        b.day[i] = day;
        b.revenue[i] = revenue;
        b.quantity[i] = quantity ?? NaN;
        b.orders += orders;
        b.codes[TEXT.customer][i] = this.code(TEXT.customer, customer);
        b.codes[TEXT.customerName][i] = this.code(TEXT.customerName, customerName);
        b.codes[TEXT.category][i] = this.code(TEXT.category, category);
        b.codes[TEXT.product][i] = this.code(TEXT.product, product);
        b.codes[TEXT.productName][i] = this.code(TEXT.productName, productName);
        b.codes[TEXT.rep][i] = this.code(TEXT.rep, rep);
        b.codes[TEXT.territory][i] = this.code(TEXT.territory, territory);
        b.codes[TEXT.segment][i] = this.code(TEXT.segment, segment);
        if (b.invoiceEnd) b.invoiceEnd[i] = this.writeInvoice(b, i, invoice);
        if (b.rows === this.capacity) this.seal();
      },
    };
    this.records = {
      read: () => this.batch.read++,
      skip: () => this.batch.skipped++,
      reject: this.checked.reject,
      warn: (text) => this.batch.warnings.push(text),
      row: row(this),
    };
  }

  /** The batches filled since the last call, marked with the file's bytes read so far. */
  filled(bytes: number): ParsedBatch[] {
    const out = this.ready;
    this.ready = [];
    for (const b of out) b.bytes = bytes;
    return out;
  }

  /** The last batch, its arrays cut to the rows it holds. */
  rest(bytes: number): ParsedBatch {
    const b = this.batch;
    this.batch = this.empty();
    const n = b.rows;
    return {
      ...b,
      bytes,
      line: b.line.slice(0, n),
      day: b.day.slice(0, n),
      revenue: b.revenue.slice(0, n),
      quantity: b.quantity.slice(0, n),
      codes: b.codes.map((c) => c.slice(0, n)),
      invoiceEnd: b.invoiceEnd ? b.invoiceEnd.slice(0, n) : null,
      invoiceBytes: b.invoiceBytes && b.invoiceEnd ? b.invoiceBytes.slice(0, n > 0 ? b.invoiceEnd[n - 1] : 0) : null,
    };
  }

  /**
   * Appends row i's invoice number to the batch's bytes and returns where it ends. Invoice numbers
   * rarely repeat beyond one invoice's lines, and strings kept per row until the batch is sent
   * would be copied by every young collection on both sides.
   */
  private writeInvoice(b: ParsedBatch, i: number, invoice: string): number {
    const start = i === 0 ? 0 : (b.invoiceEnd as Int32Array)[i - 1];
    let bytes = b.invoiceBytes as Uint8Array;
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    if (start + invoice.length * 3 > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, start + invoice.length * 3));
      grown.set(bytes.subarray(0, start));
      b.invoiceBytes = bytes = grown;
    }
    return start + this.encoder.encodeInto(invoice, bytes.subarray(start)).written;
  }

  /**
   * The byte reader's store: a row already checked, its text fields as codes (from `code`), its
   * invoice number either as bytes buf[start, end) that are already UTF-8 or as text.
   */
  storeCodes(line: number, day: number, quantity: number, revenue: number, orders: number, codes: Int32Array, invoiceBuf: Uint8Array | null, start: number, end: number, invoice: string): void {
    const b = this.batch;
    const i = b.rows++;
    b.line[i] = line;
    b.day[i] = day;
    b.revenue[i] = revenue;
    b.quantity[i] = quantity;
    b.orders += orders;
    for (let f = 0; f < FIELDS; f++) b.codes[f][i] = codes[f];
    if (b.invoiceEnd) b.invoiceEnd[i] = invoiceBuf ? this.copyInvoice(b, i, invoiceBuf, start, end) : this.writeInvoice(b, i, invoice);
    if (b.rows === this.capacity) this.seal();
  }

  private copyInvoice(b: ParsedBatch, i: number, buf: Uint8Array, from: number, to: number): number {
    const start = i === 0 ? 0 : (b.invoiceEnd as Int32Array)[i - 1];
    let bytes = b.invoiceBytes as Uint8Array;
    if (start + to - from > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, start + to - from));
      grown.set(bytes.subarray(0, start));
      b.invoiceBytes = bytes = grown;
    }
    for (let k = from; k < to; k++) bytes[start + k - from] = buf[k];
    return start + to - from;
  }

  private seal(): void {
    this.ready.push(this.batch);
    this.batch = this.empty();
  }

  /** The code of a text field's value (trimmed), a new one the first time the value is seen. */
  code(field: number, text: string): number {
    const last = this.last[field];
    // Files sorted by customer repeat the row before's values: no lookup for them.
    if (text === last.text && last.code >= 0) return last.code;
    const dictionary = this.dictionaries[field];
    let code = dictionary.get(text);
    if (code === undefined) {
      code = dictionary.size;
      // A slice of the file's text would keep its whole piece of text alive as long as the dictionary.
      const own = ownString(text);
      dictionary.set(own, code);
      this.batch.fresh[field].push(own);
    }
    last.text = text;
    last.code = code;
    return code;
  }

  /**
   * Takes back the arrays of a batch the other thread has stored (in transferList's order). Fresh
   * arrays for every batch would make the collector run full collections for their memory.
   */
  recycle(buffers: ArrayBuffer[]): void {
    if (buffers.length === FIELDS + 4 + (this.hasInvoice ? 2 : 0)) this.spare.push(buffers);
  }

  private empty(): ParsedBatch {
    const n = this.capacity;
    const spare = this.spare.pop();
    const int32 = (k: number): Int32Array => (spare ? new Int32Array(spare[k]) : new Int32Array(n));
    const float64 = (k: number): Float64Array => (spare ? new Float64Array(spare[k]) : new Float64Array(n));
    return {
      read: 0,
      skipped: 0,
      bytes: 0,
      rows: 0,
      line: int32(0),
      day: int32(1),
      revenue: float64(2),
      quantity: float64(3),
      orders: 0,
      codes: Array.from({ length: FIELDS }, (_, f) => int32(4 + f)),
      fresh: Array.from({ length: FIELDS }, () => []),
      invoiceEnd: this.hasInvoice ? int32(4 + FIELDS) : null,
      invoiceBytes: this.hasInvoice ? (spare ? new Uint8Array(spare[5 + FIELDS]) : new Uint8Array(n * 16)) : null,
      rejects: [],
      noSales: new Map(),
      dayTexts: [],
      warnings: [],
    };
  }
}

/**
 * The storing side: replays each batch into the sink exactly as the in-thread checks would have
 * called it (rejects, then the rows in file order; the counts), decoding the texts by dictionary.
 */
export function batchReplayer(
  checked: StoredRows,
  counts: { read: (n: number) => void; skip: (n: number) => void; noSale: (status: string, n: number) => void; warn: (text: string) => void },
): (b: ParsedBatch) => void {
  const dictionaries: string[][] = Array.from({ length: FIELDS }, () => []);
  return (b) => {
    counts.read(b.read);
    counts.skip(b.skipped);
    for (const [status, n] of b.noSales) counts.noSale(status, n);
    for (const w of b.warnings) counts.warn(w);
    for (let f = 0; f < FIELDS; f++) for (const t of b.fresh[f]) dictionaries[f].push(t);
    for (const [day, text] of b.dayTexts) checked.dayText(day, text);
    for (const [line, column, value, reason] of b.rejects) checked.reject(line, column, value, reason);
    const texts: CodedTexts = { codes: b.codes, dictionaries };
    const { storeCoded } = checked;
    const ends = b.invoiceEnd;
    const bytes = b.invoiceBytes ? Buffer.from(b.invoiceBytes.buffer, b.invoiceBytes.byteOffset, b.invoiceBytes.byteLength) : null;
    // ASCII bytes are their own characters: the batch's invoice numbers become one string, each row's a slice of it.
    const ascii = ends && bytes && b.rows > 0 ? (isAscii(bytes.subarray(0, ends[b.rows - 1])) ? bytes.toString('latin1', 0, ends[b.rows - 1]) : null) : '';
    for (let i = 0; i < b.rows; i++) {
      const q = b.quantity[i];
      const from = i === 0 || !ends ? 0 : ends[i - 1];
      const invoice = ascii !== null ? (ends ? ascii.slice(from, ends[i]) : '') : (bytes as Buffer).toString('utf8', from, (ends as Int32Array)[i]);
      storeCoded(b.line[i], texts, i, b.day[i], Number.isNaN(q) ? null : q, b.revenue[i], invoice, i === 0 ? b.orders : 0);
    }
  };
}
